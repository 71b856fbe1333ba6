// Advice as text for a terminal: the recommendation first, then the reasons.
import type { Advice } from '../engine/advice/advise.ts';
import { PARTNER_KINDS } from '../engine/advice/partners.ts';

const KIND_TITLE = {
  corporates: 'Corporates',
  universities: 'Universities',
  researchCenters: 'Research centres',
  foreignPartners: 'Foreign partners (TNO: 33% of turnover from innovative products with foreign partners vs 25% domestic only)',
  programs: 'Programmes and government bodies',
} as const;

export function formatAdvice(a: Advice): string {
  const s = a.startup;
  const tags = s.tags.map((t) => (t.inferred ? `${t.tag} (inferred, p=${t.probability?.toFixed(2)})` : t.tag)).join(', ');
  const place = (p: Advice['startup']['techTeam']) => `${p.name}, ${p.country}${p.assumed ? ' (largest city assumed)' : ''}`;
  const lines = [
    `Advice for ${s.name} (${s.stage ?? 'stage not given'}; ${tags})`,
    `Technical team in ${place(s.techTeam)}; founders in ${place(s.founders)}`,
    '',
    '1. Placement',
    `   ${a.placement.summary}`,
    ...a.placement.tradeOffs.map((t) => `   ${t}`),
    '   Configurations:',
    ...a.placement.configurations.map((c) => `   - ${c.sentence}`),
    '   Executive, finance, marketing and sales:',
    ...a.placement.executive.slice(0, 5).map((r) => `   - ${r.sentence} [score ${r.score.toFixed(3)}]`),
    `   Technical team: ${a.placement.technical.reason}`,
    ...a.placement.technical.ranking.slice(0, 3).map((r) => `   - ${r.sentence} [score ${r.score.toFixed(3)}]`),
    `   Weights (executive): ${Object.entries(a.placement.weights.executive).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}`,
    `   Weights (technical): ${Object.entries(a.placement.weights.technical).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}`,
    ...(a.placement.excluded.length ? [`   Excluded by constraints: ${a.placement.excluded.length} places`] : []),
    '',
    '2. Partners to approach',
  ];
  for (const kind of PARTNER_KINDS) {
    lines.push(`   ${KIND_TITLE[kind]}:`);
    const list = a.partners[kind];
    if (list.length === 0) lines.push('   - none in the knowledge base for these fields');
    for (const p of list) lines.push(`   - ${p.sentence} ${p.evidence.sources[0] ?? ''}`);
  }
  lines.push('', '3. Bridges', `   ${a.bridges.advice}`);
  for (const b of a.bridges.bridges)
    lines.push(`   - ${b.sentence} (${b.means.distanceKm} km, ${b.means.overlapHours} shared office hours${b.means.sharedOrganizations.length ? `; present in both places: ${b.means.sharedOrganizations.slice(0, 3).map((o) => o.name).join(', ')}` : ''})`);
  if (a.knowledgeBase.coverage.notes.length) lines.push('', 'What Foothold does not know', ...a.knowledgeBase.coverage.notes.map((n) => `   - ${n}`));
  lines.push('', `Knowledge base ${a.knowledgeBase.vintage}; mean indicator coverage ${Math.round(100 * a.knowledgeBase.meanClusterCoverage)}%; placement confidence ${Math.round(100 * a.confidence)}%.`);
  return lines.join('\n');
}
