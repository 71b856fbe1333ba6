// What the knowledge base knows about the places an advice talks about — and says plainly where it knows
// little. Partner lists and placement scores are only as complete as the records behind them; a founder in
// a thinly covered country is told so, and the advice's confidence is lowered with the coverage.
import type { ClusterView, KnowledgeSlice, StartupPlace } from './context.ts';
import { sliceIndex } from './slice-index.ts';

export interface PlaceCoverage {
  country: string;
  countryName: string;
  /** Research organisations and companies Foothold holds for the country. */
  universities: number;
  researchCenters: number;
  corporates: number;
  corporatesWithPrograms: number;
  /** Programmes that serve founders from this country, anywhere. */
  programmesForFounders: number;
  costFigures: { salary: boolean; priceLevel: boolean };
  /** The ecosystem the place lies in, with the share of its indicators that have a value. */
  ecosystem: { id: string; name: string; origin: 'curated' | 'derived'; coverage: number } | null;
}

export interface Coverage {
  places: PlaceCoverage[];
  /** Sentences, one per gap that matters to this advice. */
  notes: string[];
  /** 0-1: how well the places of this advice are covered (the mean of their ecosystems' indicator coverage; 0 outside any). */
  score: number;
}

/** Fewer research organisations than this in a country: its partner lists are incomplete. */
export const THIN_RESEARCH = 10;

const plural = (n: number, one: string, many: string) => `${n === 0 ? 'no' : n} ${n === 1 ? one : many}`;

export function coverageOf(places: { place: StartupPlace | { country: string; clusterId: string | null; name: string }; role: 'home' | 'advised' }[], slice: KnowledgeSlice): Coverage {
  const index = sliceIndex(slice);
  const clusterById = new Map(slice.clusters.map((c): [string, ClusterView] => [c.record.id, c]));
  const seen = new Set<string>();
  const out: PlaceCoverage[] = [];
  const notes: string[] = [];
  for (const { place, role } of places) {
    const key = `${place.country}|${place.clusterId ?? place.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const k = index.byCountry.get(place.country) ?? { universities: 0, researchCenters: 0, corporates: 0, corporatesWithPrograms: 0 };
    const country = slice.countries.get(place.country);
    const cluster = place.clusterId ? clusterById.get(place.clusterId) : undefined;
    const programmes = slice.programs.filter((p) => p.record.servesFoundersFrom.includes(place.country)).length;
    const entry: PlaceCoverage = {
      country: place.country,
      countryName: country?.name ?? place.country,
      universities: k.universities,
      researchCenters: k.researchCenters,
      corporates: k.corporates,
      corporatesWithPrograms: k.corporatesWithPrograms,
      programmesForFounders: programmes,
      costFigures: { salary: Boolean(country?.devSalaryUsd), priceLevel: Boolean(country?.priceLevel) },
      ecosystem: cluster ? { id: cluster.record.id, name: cluster.record.name, origin: cluster.record.origin, coverage: cluster.profile.coverage } : null,
    };
    out.push(entry);
    const research = k.universities + k.researchCenters;
    const name = entry.countryName;
    if (research < THIN_RESEARCH || k.corporatesWithPrograms === 0)
      notes.push(`Foothold knows ${plural(research, 'research organisation', 'research organisations')} and ${plural(k.corporatesWithPrograms, 'corporate startup programme', 'corporate startup programmes')} in ${name}: partner lists there are incomplete.`);
    if (role === 'home' && programmes === 0) notes.push(`Foothold knows no programme that serves founders from ${name} in particular (only programmes open to everyone).`);
    if (!cluster && role === 'home') notes.push(`${place.name} lies outside every ecosystem Foothold knows: what is counted around it is incomplete.`);
    if (cluster?.record.origin === 'derived')
      notes.push(`${cluster.record.name} is an ecosystem found in open data (research organisations and startups counted there), with no curated profile: it has ${Math.round(100 * cluster.profile.coverage)}% of the indicators a curated cluster has.`);
    if (role === 'home' && !entry.costFigures.salary && !entry.costFigures.priceLevel) notes.push(`Foothold has no cost figure for ${name} (no developer salary, no price level).`);
  }
  const score = out.length ? out.reduce((s, p) => s + (p.ecosystem?.coverage ?? 0), 0) / out.length : 0;
  return { places: out, notes, score };
}
