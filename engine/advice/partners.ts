// Partners to approach, by kind, each with its evidence: corporates, universities, research centres,
// foreign partners (TNO: innovative products were 33% of turnover for firms innovating with foreign
// partners against 25% with domestic partners only), and programmes. Lists are diversified: at most two
// per city, so a list is never ten organisations from one place.
import { distanceKm } from '../geo.ts';
import { dot } from '../vector.ts';
import type { KnowledgeSlice, OrganizationView, ProgramView, ResolvedStartup } from './context.ts';
import type { Candidate } from './placement.ts';
import { type FactorInput, type Scored, scoreCandidates } from './scoring.ts';

export const PARTNER_KINDS = ['corporates', 'universities', 'researchCenters', 'foreignPartners', 'programs'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export interface Partner extends Scored {
  id: string;
  name: string;
  kind: PartnerKind;
  city: string;
  country: string;
  evidence: {
    matchingTags: string[];
    programmes: string[];
    /** From the technical team, in km. */
    distanceKm: number;
    sources: string[];
  };
}

export const PER_KIND = 5;
export const PER_CITY = 2;


/** Greedy diversification: best first, skipping a city once it has PER_CITY entries. */
export function diversify<T extends { city: string; country: string; score: number }>(ranked: T[], limit = PER_KIND, perCity = PER_CITY): T[] {
  const perPlace = new Map<string, number>();
  const out: T[] = [];
  for (const item of ranked) {
    const key = `${item.city}|${item.country}`;
    if ((perPlace.get(key) ?? 0) >= perCity) continue;
    perPlace.set(key, (perPlace.get(key) ?? 0) + 1);
    out.push(item);
    if (out.length === limit) break;
  }
  return out;
}

/** Factors that are already shares in [0, 1]: compared as they are, not stretched across the candidates. */
const ABSOLUTE = new Set(['tags', 'reach', 'proximity', 'presence', 'servesHome', 'stage']);
const PROGRAMME_KINDS = new Set(['cvc', 'accelerator', 'venture-client', 'incubator', 'open-innovation']);
const REACH = { global: 1, regional: 0.5, national: 0.2 } as const;

function organizationPartners(
  kind: PartnerKind,
  all: OrganizationView[],
  startup: ResolvedStartup,
  anchors: Candidate[],
): Partner[] {
  const tags = new Set(startup.tags.map((t) => t.tag));
  // Candidates share at least one of the startup's fields; scores are normalised among them.
  const orgs = all.filter((o) => o.record.tags.some((t) => tags.has(t)));
  if (orgs.length === 0) return [];
  const tech = startup.techTeam;
  const nearest = new Map(orgs.map((o) => [o, Math.min(...o.sites.map((s) => distanceKm(s, tech)))]));
  const near = (o: OrganizationView) => nearest.get(o)!;
  const inAnchor = (o: OrganizationView) =>
    o.sites.some((s) => anchors.some((a) => (s.within && s.clusterId === a.id) || distanceKm(s, a) < 50));
  const inMarket = (o: OrganizationView) => o.sites.some((s) => startup.profile.targetMarkets.includes(s.country));
  const factors = orgs.map((o) => {
    const matching = o.record.tags.filter((t) => tags.has(t));
    const fit = o.vector ? dot(o.vector, startup.vector) : null;
    const programmes = o.record.startupPrograms.filter((p) => PROGRAMME_KINDS.has(p.kind));
    const ranked = o.record.arwu ? Number(o.record.arwu.worldRank.split('-')[0]) : null;
    const base: Record<string, FactorInput> = {
      tags: { raw: matching.length / Math.max(tags.size, 1), note: matching.length ? `works in ${matching.join(', ')}` : 'no shared tag' },
      fit: { raw: fit, note: fit === null ? 'no vector' : 'similarity of what it does to the startup' },
      reach: { raw: REACH[o.record.globalReach], note: `${o.record.globalReach} reach` },
    };
    if (kind === 'corporates') {
      base.programmes = { raw: Math.min(programmes.length, 3), note: programmes.length ? `runs ${programmes.map((p) => p.name).join('; ')}` : 'no startup programme on record' };
      base.presence = { raw: inAnchor(o) ? 1 : inMarket(o) ? 0.6 : 0, note: inAnchor(o) ? 'present in the recommended cluster' : inMarket(o) ? 'present in a target market' : 'elsewhere' };
    } else if (kind === 'foreignPartners') {
      base.presence = { raw: inAnchor(o) ? 1 : 0, note: inAnchor(o) ? 'in a recommended or bridge cluster' : 'elsewhere' };
    } else {
      base.proximity = { raw: Math.exp(-near(o) / 300), note: `${Math.round(near(o))} km from the technical team` };
      if (kind === 'universities') base.ranking = { raw: ranked === null ? null : 1 / Math.log2(1 + ranked), note: ranked === null ? 'not in ARWU' : `ARWU ${o.record.arwu!.worldRank}` };
    }
    return base;
  });
  const weights: Record<string, number> =
    kind === 'corporates'
      ? { tags: 0.25, fit: 0.25, reach: 0.1, programmes: 0.2, presence: 0.2 }
      : kind === 'foreignPartners'
        ? { tags: 0.35, fit: 0.3, reach: 0.2, presence: 0.15 }
        : kind === 'universities'
          ? { tags: 0.3, fit: 0.2, reach: 0.15, proximity: 0.2, ranking: 0.15 }
          : { tags: 0.35, fit: 0.25, reach: 0.15, proximity: 0.25 };
  const labels = Object.fromEntries(Object.keys(weights).map((k) => [k, PARTNER_FACTOR_LABELS[k] ?? k]));
  const scored = scoreCandidates(factors, weights, labels, ABSOLUTE);
  const ranked = orgs
    .map((o, i) => ({
      ...scored[i]!,
      id: o.record.id,
      name: o.record.name,
      kind,
      city: o.record.city,
      country: o.record.country,
      evidence: {
        matchingTags: o.record.tags.filter((t) => tags.has(t)),
        programmes: o.record.startupPrograms.map((p) => `${p.name} (${p.kind})`),
        distanceKm: Math.round(near(o)),
        sources: o.record.sources,
      },
    }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  return diversify(ranked);
}

export const PARTNER_FACTOR_LABELS: Record<string, string> = {
  tags: 'shared fields',
  fit: 'fit with what the startup does',
  reach: 'global outlook',
  programmes: 'startup programmes (CVC, accelerator, venture client)',
  presence: 'present where the startup is going',
  proximity: 'near the technical team',
  ranking: 'research standing (ARWU)',
  servesHome: 'serves founders from the home country',
  stage: 'fits the startup’s stage',
};

function programPartners(programs: ProgramView[], startup: ResolvedStartup, anchors: Candidate[]): Partner[] {
  const home = startup.founders.country;
  const tags = new Set(startup.tags.map((t) => t.tag));
  const eligible = programs.filter((p) => p.record.servesFoundersFrom.includes('any') || p.record.servesFoundersFrom.includes(home));
  if (eligible.length === 0) return [];
  const factors = eligible.map((p) => {
    const matching = p.record.tags.filter((t) => tags.has(t));
    const there = p.sites.filter((s) => anchors.some((a) => (s.within && s.clusterId === a.id) || distanceKm(s, a) < 50));
    const stageFit = p.record.stages.length === 0 || (startup.profile.stage !== null && p.record.stages.includes(startup.profile.stage as never));
    return {
      servesHome: { raw: p.record.servesFoundersFrom.includes(home) ? 1 : 0.5, note: p.record.servesFoundersFrom.includes(home) ? `for founders from ${home}` : 'open to founders from anywhere' },
      presence: { raw: there.length > 0 ? 1 : 0, note: there.length ? `in ${there.map((s) => s.city).join(', ')}` : 'not where the startup is going' },
      tags: { raw: p.record.tags.length === 0 ? 0.5 : matching.length / Math.max(tags.size, 1), note: p.record.tags.length === 0 ? 'no sector focus' : matching.length ? `focus on ${matching.join(', ')}` : 'other sectors' },
      stage: { raw: stageFit ? 1 : 0, note: p.record.stages.length ? `stages ${p.record.stages.join(', ')}` : 'any stage' },
    } as Record<string, FactorInput>;
  });
  const weights = { servesHome: 0.3, presence: 0.35, tags: 0.2, stage: 0.15 };
  const scored = scoreCandidates(factors, weights, { servesHome: PARTNER_FACTOR_LABELS.servesHome!, presence: PARTNER_FACTOR_LABELS.presence!, tags: PARTNER_FACTOR_LABELS.tags!, stage: PARTNER_FACTOR_LABELS.stage! }, ABSOLUTE);
  const ranked = eligible
    .map((p, i) => {
      const site = p.sites.find((s) => anchors.some((a) => s.within && s.clusterId === a.id)) ?? p.sites[0];
      return {
        ...scored[i]!,
        id: p.record.id,
        name: p.record.name,
        kind: 'programs' as const,
        city: site?.city ?? '(several places)',
        country: site?.country ?? '--',
        evidence: {
          matchingTags: p.record.tags.filter((t) => tags.has(t)),
          programmes: [`${p.record.name} (${p.record.kind}, run by ${p.record.operator})`],
          distanceKm: site ? Math.round(distanceKm(site, startup.techTeam)) : 0,
          sources: p.record.sources,
        },
      };
    })
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  return diversify(ranked);
}

/** `anchors`: the recommended executive place and the bridge targets, where presence counts. */
export function recommendPartners(startup: ResolvedStartup, slice: KnowledgeSlice, anchors: Candidate[], allowed: (country: string) => boolean): Record<PartnerKind, Partner[]> {
  const home = startup.founders.country;
  const orgs = slice.organizations.filter((o) => allowed(o.record.country));
  const isType = (o: OrganizationView, t: string) => o.record.type === t || o.record.alsoListedAs.includes(t as never);
  return {
    corporates: organizationPartners('corporates', orgs.filter((o) => isType(o, 'corporate')), startup, anchors),
    universities: organizationPartners('universities', orgs.filter((o) => isType(o, 'university')), startup, anchors),
    researchCenters: organizationPartners('researchCenters', orgs.filter((o) => isType(o, 'research_center')), startup, anchors),
    foreignPartners: organizationPartners('foreignPartners', orgs.filter((o) => o.record.country !== home), startup, anchors),
    programs: programPartners(slice.programs, startup, anchors),
  };
}
