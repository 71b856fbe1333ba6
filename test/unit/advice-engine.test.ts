import { describe, expect, it } from 'vitest';
import { advise } from '../../engine/advice/advise.ts';
import type { KnowledgeSlice, ResolvedStartup } from '../../engine/advice/context.ts';
import { type StartupProfileInput, StartupProfileSchema } from '../../engine/advice/profile.ts';
import { checkProfile } from '../../engine/advice/validate.ts';
import { deriveKnowledgeBase } from '../../engine/kb/derive.ts';
import type { KnowledgeBase } from '../../engine/kb/schema.ts';
import { Gazetteer } from '../../sources/gazetteer.ts';
import { cluster, organization, program } from '../helpers/kb-builders.ts';

// A small world with known answers. Capital City (US) is the capital-rich hub; Hometown (NL) is where the
// startup is, with a strong university; Third City (DE) is in between.
const row = (id: number, name: string, country: string, lat: number, lon: number) =>
  [id, name, name, '', lat, lon, 'P', 'PPL', country, '', '', '', '', '', 500_000, '', '', '', ''].join('\t');
const gazetteer = new Gazetteer([
  row(1, 'Capital City', 'US', 37.77, -122.42),
  row(2, 'Hometown', 'NL', 52.37, 4.89),
  row(3, 'Third City', 'DE', 52.52, 13.4),
]);
const sg = (rank: number) => ({ year: 2025, rank, ecosystemValueUsdBn: null, valueYear: null, tier: null, rankByYear: {}, note: null });
const kb: KnowledgeBase = {
  taxonomy: [
    { id: 'ai-ml', label: 'AI', keywords: [] },
    { id: 'biotech', label: 'Biotech', keywords: [] },
  ],
  countries: [],
  clusters: [
    cluster({ id: 'capital', name: 'Capital City', city: 'Capital City', country: 'US', startupGenome: sg(1), specializations: [{ tag: 'ai-ml', evidence: null }] }),
    cluster({ id: 'home', name: 'Hometown', city: 'Hometown', country: 'NL', specializations: [{ tag: 'ai-ml', evidence: null }] }),
    cluster({ id: 'third', name: 'Third City', city: 'Third City', country: 'DE', startupGenome: sg(20) }),
  ],
  organizations: [
    organization({ id: 'big-corp', city: 'Capital City', country: 'US', tags: ['ai-ml'], startupPrograms: [{ name: 'Big Ventures', kind: 'cvc', cities: [] }] }),
    organization({ id: 'other-corp', city: 'Capital City', country: 'US', tags: ['ai-ml'], startupPrograms: [{ name: 'Other Lab', kind: 'accelerator', cities: [] }] }),
    organization({ id: 'home-uni', type: 'university', city: 'Hometown', country: 'NL', tags: ['ai-ml'] }),
    organization({ id: 'third-lab', type: 'research_center', city: 'Third City', country: 'DE', tags: ['ai-ml', 'biotech'] }),
    organization({ id: 'third-corp', city: 'Third City', country: 'DE', tags: ['biotech'] }),
  ],
  programs: [program({ id: 'landing-nl', servesFoundersFrom: ['NL'], city: 'Capital City', country: 'US' })],
  ventures: [],
  rankings: [],
};
const derived = deriveKnowledgeBase(kb, (c, k) => gazetteer.resolve(c, k), 2025);
const unit = (i: number) => Float32Array.from({ length: 4 }, (_, d) => (d === i ? 1 : 0));
const slice: KnowledgeSlice = {
  clusters: kb.clusters.map((c, i) => {
    const { place, ...profile } = derived.clusterProfiles.get(c.id)!;
    return { record: c, profile, place: { lat: place.lat, lon: place.lon, timezone: place.timezone }, vector: unit(i) };
  }),
  organizations: kb.organizations.map((o, i) => {
    const sites = derived.organizationSites.get(o.id)!;
    return {
      record: o,
      sites: sites.map((s) => ({ role: s.role, city: s.city, country: s.country, lat: s.place.lat, lon: s.place.lon, timezone: s.place.timezone, clusterId: s.link?.clusterId ?? null, distanceKm: s.link?.distanceKm ?? null, within: s.link?.within ?? false })),
      clusterId: sites[0]!.link?.within ? sites[0]!.link.clusterId : null,
      vector: unit(i % 4),
    };
  }),
  programs: kb.programs.map((p) => ({
    record: p,
    sites: derived.programSites.get(p.id)!.map((s) => ({ role: s.role, city: s.city, country: s.country, lat: s.place.lat, lon: s.place.lon, timezone: s.place.timezone, clusterId: s.link?.clusterId ?? null, distanceKm: s.link?.distanceKm ?? null, within: s.link?.within ?? false })),
  })),
  countries: new Map(),
  tags: new Map(kb.taxonomy.map((t) => [t.id, t])),
  vintage: 2025,
};
const hometown = (() => {
  const p = gazetteer.resolve('Hometown', 'NL')!;
  return { name: p.name, country: 'NL', lat: p.lat, lon: p.lon, timezone: p.timezone, assumed: false, clusterId: 'home', distanceKm: 0 };
})();
const startup = (over: Partial<StartupProfileInput> = {}): ResolvedStartup => ({
  profile: StartupProfileSchema.parse({ name: 'Test', description: 'machine learning', tags: ['ai-ml'], stage: 'seed', techTeam: { city: 'Hometown', country: 'NL' }, targetMarkets: ['US'], ...over }),
  tags: [{ tag: 'ai-ml', inferred: false, probability: null }],
  techTeam: hometown,
  founders: hometown,
  vector: unit(0),
});
const at = new Date(Date.UTC(2025, 0, 15, 12));

describe('the advice engine on a small world', () => {
  it('puts the executive functions in the capital-rich hub of the target market', () => {
    const a = advise(startup(), slice, at);
    expect(a.placement.executive[0]!.place.id).toBe('capital');
    const capital = a.placement.executive[0]!.contributions.find((c) => c.factor === 'capital')!;
    expect(capital).toMatchObject({ value: 1, missing: false });
  });
  it('keeps the technical team at home unless a move clearly pays', () => {
    const a = advise(startup(), slice, at);
    expect(a.placement.technical.recommendation.id).toBe('home');
    expect(a.placement.technical.staysPut).toBe(true);
  });
  it('recommends the split for an early startup from a capital-poor home targeting the hub’s market', () => {
    const a = advise(startup(), slice, at);
    expect(a.placement.recommended).toBe('split');
    expect(a.placement.executiveRecommendation.id).toBe('capital');
    expect(a.placement.configurations.map((c) => c.pattern).sort()).toEqual(['move-all', 'split', 'stay']);
    const split = a.placement.configurations.find((c) => c.pattern === 'split')!;
    expect(split.overlapHours).toBeLessThan(2);
    expect(split.distanceKm).toBeGreaterThan(8000);
  });
  it('says a missing figure is missing, and lowers confidence', () => {
    const a = advise(startup(), slice, at);
    const home = a.placement.executive.find((e) => e.place.id === 'home')!;
    const capital = home.contributions.find((c) => c.factor === 'capital')!;
    expect(capital.missing).toBe(true);
    expect(capital.note).toMatch(/no figure: assumed low/);
    expect(home.confidence).toBeLessThan(1);
    expect(home.sentence).toMatch(/No figure for access to venture capital/);
  });
  it('has contributions that sum to every score', () => {
    const a = advise(startup(), slice, at);
    const items = [...a.placement.executive, ...a.placement.technical.ranking, ...Object.values(a.partners).flat(), ...a.bridges.bridges];
    expect(items.length).toBeGreaterThan(5);
    for (const item of items) expect(item.contributions.reduce((s, c) => s + c.contribution, 0)).toBeCloseTo(item.score, 10);
  });
  it('never recommends a country the constraints exclude', () => {
    const a = advise(startup({ constraints: { allowedCountries: ['NL', 'DE'] } }), slice, at);
    const places = [
      ...a.placement.executive.map((e) => e.place.country),
      ...a.placement.technical.ranking.map((e) => e.place.country),
      ...a.placement.configurations.flatMap((c) => [c.executive.country, c.technical.country]),
      ...a.bridges.bridges.map((b) => b.country),
      ...Object.values(a.partners).flat().filter((p) => p.kind !== 'programs').map((p) => p.country),
    ];
    expect(places).not.toContain('US');
    expect(a.placement.excluded.map((e) => e.place)).toContain('Capital City');
    const eu = advise(startup({ constraints: { stayInEU: true } }), slice, at);
    expect(eu.placement.executive.map((e) => e.place.country)).not.toContain('US');
  });
  it('never lowers a capital-rich cluster’s executive score when the capital need rises', () => {
    let previous = -Infinity;
    for (const need of [0, 0.25, 0.5, 0.75, 1]) {
      const score = advise(startup({ needs: { capital: need } }), slice, at).placement.executive.find((e) => e.place.id === 'capital')!.score;
      expect(score).toBeGreaterThanOrEqual(previous - 1e-12);
      previous = score;
    }
  });
  it('is deterministic', () => {
    expect(JSON.stringify(advise(startup(), slice, at))).toBe(JSON.stringify(advise(startup(), slice, at)));
  });
  it('uses override weights as given (normalised) and shows them', () => {
    const a = advise(startup({ weights: { executive: { continuity: 1 } } }), slice, at);
    expect(a.placement.weights.executive.continuity).toBe(1);
    expect(a.placement.weights.executive.capital).toBe(0);
    expect(a.placement.executive[0]!.place.id).toBe('home');
  });
  it('finds partners with evidence and diversifies them', () => {
    const a = advise(startup(), slice, at);
    expect(a.partners.corporates.map((p) => p.id).sort()).toEqual(['big-corp', 'other-corp']);
    expect(a.partners.corporates[0]!.evidence.programmes.length).toBeGreaterThan(0);
    expect(a.partners.universities[0]).toMatchObject({ id: 'home-uni', evidence: { matchingTags: ['ai-ml'], distanceKm: 0 } });
    expect(a.partners.programs.map((p) => p.id)).toEqual(['landing-nl']);
    expect(a.partners.foreignPartners.every((p) => p.country !== 'NL')).toBe(true);
  });
  it('measures the home and plans bridges', () => {
    const strongHome = advise(startup(), slice, at);
    expect(strongHome.bridges.assessment.weak).toBe(false); // Hometown names ai-ml as a specialisation
    const bio = advise({ ...startup({ tags: ['biotech'] }), tags: [{ tag: 'biotech', inferred: false, probability: null }] }, slice, at);
    expect(bio.bridges.assessment.weak).toBe(true);
    expect(bio.bridges.bridges[0]).toMatchObject({ clusterId: 'third' });
    expect(bio.bridges.bridges[0]!.means.distanceKm).toBeGreaterThan(500);
  });
});

describe('profile checks', () => {
  const profile = (over: Partial<StartupProfileInput>) =>
    StartupProfileSchema.parse({ name: 'X', techTeam: { city: 'Hometown', country: 'NL' }, ...over });
  it('lists every problem at once', () => {
    const problems = checkProfile(profile({ description: '', tags: ['unicorns'], constraints: { stayInEU: true, allowedCountries: ['US'] } }), new Set(['ai-ml']));
    expect(problems.map((p) => p.path)).toEqual(['tags.0', 'constraints']);
    const empty = checkProfile(profile({ description: '  ' }), new Set(['ai-ml']));
    expect(empty[0]!.message).toMatch(/description or at least one tag/);
  });
  it('rejects unknown fields and bad values in the schema', () => {
    const r = StartupProfileSchema.safeParse({ name: 'X', techTeam: { city: 'A', country: 'Netherlands' }, stage: 'unicorn', colour: 'red' });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['', 'stage', 'techTeam.country'].sort());
  });
});
