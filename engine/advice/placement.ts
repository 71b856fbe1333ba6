// Placement as configurations: rank places for the executive functions and, separately, for the technical
// team (staying is the default and must be beaten by a clear margin), then score whole configurations —
// split, stay, move-all — with the cost of coordinating between two places.
import { distanceKm, officeHoursOverlap, timezoneDifferenceHours } from '../geo.ts';
import { INFERRED_STRENGTH_SCORE } from '../kb/strength.ts';
import { dot } from '../vector.ts';
import { clusterStrength } from './bridges.ts';
import type { ClusterView, KnowledgeSlice, ResolvedStartup, StartupPlace } from './context.ts';
import type { ExecutiveWeights, TechnicalWeights } from './profile.ts';
import { inEU, inRegion, type Region, REGION_NAMES } from './regions.ts';
import { type FactorInput, type Scored, scoreCandidates } from './scoring.ts';
import { sliceIndex } from './slice-index.ts';

/** A place a function could sit: a knowledge-base cluster, or the startup's own city outside any cluster. */
export interface Candidate {
  /** Cluster id, or "home:<city>" for a home outside every cluster. */
  id: string;
  name: string;
  country: string;
  lat: number;
  lon: number;
  timezone: string;
  cluster: ClusterView | null;
  isHome: boolean;
}

export interface RankedPlace extends Scored {
  candidate: Candidate;
}

export const EXECUTIVE_LABELS: Record<keyof ExecutiveWeights, string> = {
  capital: 'access to venture capital',
  targetMarket: 'in or near the target markets',
  corporates: 'corporates that work with startups',
  fields: 'strength in the startup’s fields',
  similarity: 'similarity of the cluster to the startup',
  connectedness: 'global connectedness',
  landing: 'landing programmes for founders from the home country',
  continuity: 'already there (no move)',
};

export const TECHNICAL_LABELS: Record<keyof TechnicalWeights, string> = {
  talent: 'talent in the startup’s fields',
  research: 'research partners in its fields',
  cost: 'cost of engineering talent',
  continuity: 'already there (no move)',
};

/** A move of the technical team must beat staying by this much (scores are in [0, 1]). */
export const TECH_MOVE_MARGIN = 0.1;
/**
 * What moving the whole technical team costs a configuration (Engel: it stays so as not to disturb its
 * work; the team is rehired or relocated): more than the worst coordination between two places.
 */
export const TECH_RELOCATION_COST = 0.15;
/** Weight of each function in a configuration's score. */
export const CONFIGURATION_WEIGHTS = { executive: 0.55, technical: 0.45 } as const;
/** Places closer than this count as one place (no coordination cost). */
export const SAME_PLACE_KM = 50;

const log1p = Math.log1p;
const indicator = (c: ClusterView | null, name: keyof ClusterView['profile']['indicators']) =>
  c ? c.profile.indicators[name] : null;

/**
 * The places worth ranking for a startup: every curated cluster (they carry the published figures), and of
 * the ecosystems found in open data those in the startup's own or target countries, or strong in one of its
 * fields (a strength the data measures or a source names). An ecosystem with none of these has nothing the
 * factors could credit, so it is not scored (a pre-filter by place and by field; 866 places otherwise).
 */
export function worthRanking(startup: ResolvedStartup): (c: ClusterView) => boolean {
  const countries = new Set([startup.founders.country, startup.techTeam.country, ...startup.profile.targetMarkets.filter((t) => /^[A-Z]{2}$/.test(t))]);
  const tags = startup.tags.map((t) => t.tag);
  const homes = new Set([startup.founders.clusterId, startup.techTeam.clusterId]);
  return (c) =>
    c.record.origin === 'curated' ||
    homes.has(c.record.id) ||
    countries.has(c.record.country) ||
    tags.some((t) => clusterStrength(c, [t]) >= INFERRED_STRENGTH_SCORE);
}

export function candidatesFor(home: StartupPlace, slice: KnowledgeSlice, worth: (c: ClusterView) => boolean = () => true): Candidate[] {
  const fromCluster = (c: ClusterView): Candidate => ({
    id: c.record.id,
    name: c.record.name,
    country: c.record.country,
    lat: c.place.lat,
    lon: c.place.lon,
    timezone: c.place.timezone,
    cluster: c,
    isHome: c.record.id === home.clusterId,
  });
  const list = slice.clusters.filter(worth).map(fromCluster);
  if (home.clusterId === null)
    list.push({ id: `home:${home.name}`, name: home.name, country: home.country, lat: home.lat, lon: home.lon, timezone: home.timezone, cluster: null, isHome: true });
  return list;
}

/** Why a candidate is ruled out by the profile's constraints, or null when it is allowed. */
export function excludedBy(candidate: Candidate, startup: ResolvedStartup, at: Date): string | null {
  const k = startup.profile.constraints;
  const countries = [candidate.country, ...(candidate.cluster?.record.countries ?? [])];
  if (k.allowedCountries && !countries.some((c) => k.allowedCountries!.includes(c))) return 'not an allowed country';
  if (k.allowedRegions && !countries.some((c) => k.allowedRegions!.some((r) => inRegion(c, r)))) return 'not in an allowed region';
  if (k.stayInEU && !countries.some(inEU)) return 'outside the EU';
  if (k.maxTimezoneDifferenceHours !== undefined) {
    const gap = timezoneDifferenceHours(candidate.timezone, startup.techTeam.timezone, at);
    if (gap > k.maxTimezoneDifferenceHours) return `${gap} h from the technical team`;
  }
  return null;
}

function targetMarketMatch(country: string, targets: readonly string[]): { raw: number; note: string } {
  let best = { raw: 0, note: 'not in a target market' };
  for (const t of targets) {
    const match =
      t === country
        ? { raw: 1, note: `in target market ${t}` }
        : (REGION_NAMES as string[]).includes(t) && inRegion(country, t as Region)
          ? { raw: 0.6, note: `in target region ${t}` }
          : t === 'global'
            ? { raw: 0.3, note: 'global market: any hub serves it' }
            : null;
    if (match && match.raw > best.raw) best = match;
  }
  return best;
}

const meanStrength = (c: ClusterView | null, tags: string[]) => (c ? clusterStrength(c, tags) : 0);

/** Count items per cluster in one pass (each item once per cluster, however many sites it has there). */
function countByCluster<T>(items: T[], clustersOf: (item: T) => (string | null)[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) for (const id of new Set(clustersOf(item))) if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

export function executiveFactors(candidates: Candidate[], startup: ResolvedStartup, slice: KnowledgeSlice): Record<keyof ExecutiveWeights, FactorInput>[] {
  const tags = startup.tags.map((t) => t.tag);
  const homeCountry = startup.founders.country;
  const servingHome = slice.programs.filter(
    (p) => p.record.servesFoundersFrom.includes('any') || p.record.servesFoundersFrom.includes(homeCountry),
  );
  const landingByCluster = countByCluster(servingHome, (p) => p.sites.map((s) => (s.within ? s.clusterId : null)));
  const landing = candidates.map((c) => landingByCluster.get(c.id) ?? 0);
  const maxLanding = Math.max(0, ...landing);
  return candidates.map((c, i) => {
    const sg = indicator(c.cluster, 'startupGenomeRank');
    const capitalRaw = sg?.value != null ? Math.max(0.02, 1 - (sg.value - 1) / 50) : null;
    const market = targetMarketMatch(c.country, startup.profile.targetMarkets);
    const corporates = indicator(c.cluster, 'corporatesWithPrograms')?.value ?? 0;
    const landingPrograms = indicator(c.cluster, 'landingPrograms')?.value ?? 0;
    const foreign = indicator(c.cluster, 'foreignPresence')?.value ?? 0;
    const strength = meanStrength(c.cluster, tags);
    return {
      capital: {
        raw: capitalRaw,
        note: sg?.value != null ? `Startup Genome rank ${sg.value} (${sg.year}${sg.confidence === 'inherited' ? ', the wider region’s' : ''})` : 'not in Startup Genome’s ranked ecosystems',
      },
      targetMarket: market,
      corporates: { raw: log1p(corporates), note: `${corporates} corporates with startup programmes` },
      fields: { raw: strength, note: `strength ${strength.toFixed(2)} in ${tags.join(', ') || 'no tags'}` },
      similarity: c.cluster?.vector
        ? { raw: dot(startup.vector, c.cluster.vector), note: 'cosine similarity of the descriptions' }
        : { raw: null, note: 'no cluster profile to compare with' },
      connectedness: { raw: log1p(landingPrograms + foreign), note: `${landingPrograms} landing programmes, ${foreign} foreign organisations present` },
      landing: c.isHome
        ? { raw: log1p(maxLanding), note: 'home: no landing needed' }
        : { raw: log1p(landing[i]!), note: `${landing[i]} programmes serve founders from ${homeCountry}` },
      continuity: { raw: c.isHome ? 1 : 0, note: c.isHome ? 'the founders are here now' : 'a move' },
    };
  });
}

export function technicalFactors(candidates: Candidate[], startup: ResolvedStartup, slice: KnowledgeSlice): Record<keyof TechnicalWeights, FactorInput>[] {
  const tags = new Set(startup.tags.map((t) => t.tag));
  const research = sliceIndex(slice).researchByCluster;
  const partnersIn = (clusterId: string) => {
    const weights = research.get(clusterId);
    return weights ? Math.round(10 * [...tags].reduce((sum, t) => sum + (weights.get(t) ?? 0), 0)) / 10 : 0;
  };
  return candidates.map((c) => {
    const universities = indicator(c.cluster, 'universities')?.value ?? 0;
    const ranked = indicator(c.cluster, 'rankedUniversities')?.value ?? 0;
    const centres = indicator(c.cluster, 'researchCenters')?.value ?? 0;
    const strength = meanStrength(c.cluster, [...tags]);
    const partners = partnersIn(c.id);
    const salary = slice.countries.get(c.country)?.devSalaryUsd ?? null;
    // Outside every cluster the knowledge base has not counted anything: unknown, not zero.
    const uncounted = c.cluster === null;
    return {
      talent: uncounted
        ? { raw: null, note: `${c.name} is outside the knowledge base’s clusters: its talent is not counted` }
        : {
            raw: log1p(universities + ranked + centres) * (0.5 + 0.5 * strength),
            note: `${universities} universities (${ranked} ranked), ${centres} research centres; strength ${strength.toFixed(2)} in its fields`,
          },
      research: uncounted
        ? { raw: null, note: `${c.name} is outside the knowledge base’s clusters: its research partners are not counted` }
        : { raw: log1p(partners), note: `${partners} universities and research centres working in its fields (one whose field is only read from its name counts half its probability)` },
      cost: salary
        ? { raw: -salary.value, note: `median developer salary USD ${salary.value.toLocaleString('en')} (${salary.year})` }
        : { raw: null, note: `no developer salary figure for ${c.country}` },
      continuity: { raw: c.isHome ? 1 : 0, note: c.isHome ? 'the technical team is here now' : 'a move' },
    };
  });
}

export function rankPlaces(candidates: Candidate[], scored: Scored[]): RankedPlace[] {
  // The scored items are extended, not copied: their explanations are built only for the places shown.
  return candidates
    .map((candidate, i) => Object.assign(scored[i]!, { candidate }))
    .sort((a, b) => b.score - a.score || a.candidate.id.localeCompare(b.candidate.id));
}

export interface Coordination {
  distanceKm: number;
  overlapHours: number;
  sameCountry: boolean;
  bothInEU: boolean;
  /** Subtracted from a configuration's score. */
  cost: number;
}

export function coordination(a: Candidate, b: Candidate, at: Date): Coordination {
  const km = distanceKm(a, b);
  const overlapHours = officeHoursOverlap(a.timezone, b.timezone, at);
  const sameCountry = a.country === b.country;
  const bothInEU = inEU(a.country) && inEU(b.country);
  const cost =
    km < SAME_PLACE_KM ? 0 : 0.08 * (1 - overlapHours / 8) + 0.04 * Math.min(1, km / 12_000) + (sameCountry ? 0 : bothInEU ? 0.01 : 0.02);
  return { distanceKm: km, overlapHours, sameCountry, bothInEU, cost };
}

export type Pattern = 'split' | 'stay' | 'move-all';

export interface Configuration {
  pattern: Pattern;
  executive: RankedPlace;
  technical: RankedPlace;
  coordination: Coordination;
  score: number;
  /** The parts of the score: executive, technical, minus coordination. */
  parts: { executive: number; technical: number; coordination: number };
}

export function configurations(
  executive: RankedPlace[],
  technical: RankedPlace[],
  at: Date,
): Configuration[] {
  const techHome = technical.find((t) => t.candidate.isHome) ?? technical[0]!;
  const execHome = executive.find((e) => e.candidate.isHome && e.candidate.id === techHome.candidate.id) ?? executive.find((e) => e.candidate.isHome);
  const away = executive.find((e) => e.candidate.id !== techHome.candidate.id);
  const techAt = (id: string) => technical.find((t) => t.candidate.id === id);
  const make = (pattern: Pattern, e: RankedPlace, t: RankedPlace): Configuration => {
    const c = coordination(e.candidate, t.candidate, at);
    const parts = {
      executive: CONFIGURATION_WEIGHTS.executive * e.score,
      technical: CONFIGURATION_WEIGHTS.technical * t.score - (t.candidate.isHome ? 0 : TECH_RELOCATION_COST),
      coordination: -c.cost,
    };
    return { pattern, executive: e, technical: t, coordination: c, score: parts.executive + parts.technical + parts.coordination, parts };
  };
  const list: Configuration[] = [];
  if (execHome) list.push(make('stay', execHome, techHome));
  if (away) {
    list.push(make('split', away, techHome));
    const techAway = techAt(away.candidate.id);
    if (techAway) list.push(make('move-all', away, techAway));
  }
  // The constraints exclude home itself: moving everyone to the technical team's best allowed place is an option.
  const withTech = executive.find((e) => e.candidate.id === techHome.candidate.id);
  if (!techHome.candidate.isHome && withTech && !list.some((c) => c.pattern === 'move-all' && c.executive === withTech)) list.push(make('move-all', withTech, techHome));
  return list.sort((a, b) => b.score - a.score);
}
