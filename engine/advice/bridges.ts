// Bridges from a weak home to strong clusters in the startup's fields (Engel: startups in remote places
// must build bridges). Whether home is weak is measured — the home cluster's strength in the startup's
// tags and the distance to the nearest strong cluster — not assumed.
import { distanceKm, officeHoursOverlap } from '../geo.ts';
import { INFERRED_STRENGTH_SCORE } from '../kb/strength.ts';
import type { ClusterView, KnowledgeSlice, ResolvedStartup, SiteView } from './context.ts';
import { type FactorInput, type Scored, scoreCandidates } from './scoring.ts';
import { sliceIndex } from './slice-index.ts';

/**
 * A cluster is strong for the startup when its mean strength over the startup's tags reaches this: a
 * strength its sources name or the data reveals (engine/kb/strength.ts), not mere presence (at most 0.5).
 */
export const STRONG = INFERRED_STRENGTH_SCORE;
/** Home counts as well placed when it is strong or a strong cluster lies within this distance. */
export const NEAR_KM = 100;

export interface HomeAssessment {
  /** Mean strength of the home cluster in the startup's tags (0 outside every cluster). */
  homeStrength: number;
  nearestStrong: { clusterId: string; name: string; distanceKm: number } | null;
  weak: boolean;
  reason: string;
}

export interface Bridge extends Scored {
  clusterId: string;
  name: string;
  country: string;
  means: {
    landingProgrammes: { id: string; name: string; kind: string; sources: string[] }[];
    /** Organisations present both at home and there. */
    sharedOrganizations: { id: string; name: string }[];
    internationalAccelerators: { id: string; name: string }[];
    distanceKm: number;
    overlapHours: number;
  };
}

const strengthsByTag = new WeakMap<ClusterView, Map<string, number>>();

export function clusterStrength(c: ClusterView, tags: string[]): number {
  if (tags.length === 0) return 0;
  let byTag = strengthsByTag.get(c);
  if (!byTag) strengthsByTag.set(c, (byTag = new Map(c.profile.strengths.map((s) => [s.tag, s.score]))));
  return tags.reduce((sum, t) => sum + (byTag.get(t) ?? 0), 0) / tags.length;
}

const clusterIndexes = new WeakMap<object[], Map<string, object[]>>();

/** The records with a site inside each cluster, in the slice's order (built once per slice). */
function byCluster<T extends { sites: SiteView[] }>(records: T[]): Map<string, T[]> {
  const cached = clusterIndexes.get(records);
  if (cached) return cached as Map<string, T[]>;
  const index = new Map<string, T[]>();
  clusterIndexes.set(records, index);
  for (const r of records)
    for (const id of new Set(r.sites.filter((s) => s.within && s.clusterId !== null).map((s) => s.clusterId!))) {
      const list = index.get(id);
      if (list) list.push(r);
      else index.set(id, [r]);
    }
  return index;
}

export function assessHome(startup: ResolvedStartup, slice: KnowledgeSlice): HomeAssessment {
  const tags = startup.tags.map((t) => t.tag);
  const home = slice.clusters.find((c) => c.record.id === startup.techTeam.clusterId) ?? null;
  const homeStrength = home ? clusterStrength(home, tags) : 0;
  const strong = slice.clusters
    .filter((c) => clusterStrength(c, tags) >= STRONG)
    .map((c) => ({ clusterId: c.record.id, name: c.record.name, distanceKm: distanceKm(startup.techTeam, c.place) }))
    .sort((a, b) => a.distanceKm - b.distanceKm);
  const nearestStrong = strong[0] ?? null;
  const weak = homeStrength < STRONG && (nearestStrong === null || nearestStrong.distanceKm > NEAR_KM);
  const reason = weak
    ? `${home ? `${home.record.name} is weak in these fields (strength ${homeStrength.toFixed(2)})` : `${startup.techTeam.name} lies outside every cluster in the knowledge base`}${nearestStrong ? `; the nearest strong cluster, ${nearestStrong.name}, is ${Math.round(nearestStrong.distanceKm)} km away` : ''}`
    : homeStrength >= STRONG
      ? `${home!.record.name} is strong in these fields (strength ${homeStrength.toFixed(2)}): deepen locally, bridge later`
      : `${nearestStrong!.name}, strong in these fields, is ${Math.round(nearestStrong!.distanceKm)} km away: within reach`;
  return { homeStrength, nearestStrong, weak, reason };
}

export function recommendBridges(startup: ResolvedStartup, slice: KnowledgeSlice, at: Date, allowed: (c: ClusterView) => boolean, limit = 3): Bridge[] {
  const tags = startup.tags.map((t) => t.tag);
  const home = startup.founders.country;
  const homeCluster = startup.techTeam.clusterId;
  const targets = slice.clusters.filter((c) => c.record.id !== homeCluster && allowed(c) && clusterStrength(c, tags) >= STRONG);
  if (targets.length === 0) return [];
  const atHome = new Set(sliceIndex(slice).near(startup.techTeam, NEAR_KM).map((o) => o.record.id));
  const programsThere = byCluster(slice.programs);
  const organizationsThere = byCluster(slice.organizations);
  const means = targets.map((c) => {
    const landing = (programsThere.get(c.record.id) ?? []).filter(
      (p) => p.record.servesFoundersFrom.includes(home) || p.record.servesFoundersFrom.includes('any'),
    );
    return {
      landingProgrammes: landing
        .filter((p) => p.record.kind !== 'accelerator')
        .map((p) => ({ id: p.record.id, name: p.record.name, kind: p.record.kind, sources: p.record.sources })),
      internationalAccelerators: landing.filter((p) => p.record.kind === 'accelerator').map((p) => ({ id: p.record.id, name: p.record.name })),
      sharedOrganizations: (organizationsThere.get(c.record.id) ?? [])
        .filter((o) => atHome.has(o.record.id))
        .map((o) => ({ id: o.record.id, name: o.record.name })),
      distanceKm: Math.round(distanceKm(startup.techTeam, c.place)),
      overlapHours: officeHoursOverlap(startup.techTeam.timezone, c.place.timezone, at),
    };
  });
  const factors = targets.map((c, i): Record<string, FactorInput> => {
    const m = means[i]!;
    return {
      strength: { raw: clusterStrength(c, tags), note: `strength ${clusterStrength(c, tags).toFixed(2)} in its fields` },
      hours: { raw: m.overlapHours, note: `${m.overlapHours} shared office hours` },
      travel: { raw: -Math.log1p(m.distanceKm), note: `${m.distanceKm} km away` },
      means: {
        raw: Math.log1p(m.landingProgrammes.length + m.internationalAccelerators.length + m.sharedOrganizations.length),
        note: `${m.landingProgrammes.length} landing programmes, ${m.internationalAccelerators.length} accelerators, ${m.sharedOrganizations.length} organisations in both places`,
      },
    };
  });
  const scored = scoreCandidates(factors, { strength: 0.35, hours: 0.2, travel: 0.15, means: 0.3 }, {
    strength: 'strength in the startup’s fields',
    hours: 'overlapping office hours',
    travel: 'travel distance',
    means: 'concrete means: programmes and shared organisations',
  }, new Set(['strength']));
  return targets
    .map((c, i) => ({ i, score: scored[i]!.score, clusterId: c.record.id }))
    .sort((a, b) => b.score - a.score || a.clusterId.localeCompare(b.clusterId))
    .slice(0, limit)
    .map(({ i }) => {
      const c = targets[i]!;
      const { score, contributions, confidence } = scored[i]!;
      return { score, contributions, confidence, clusterId: c.record.id, name: c.record.name, country: c.record.country, means: means[i]! };
    });
}
