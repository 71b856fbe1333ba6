// Indexes over a knowledge slice, built once per slice and kept beside it: with tens of thousands of
// organisations an advice looks up candidates (by field, by place, by country) instead of scanning them all.
import { distanceKm, type LatLon } from '../geo.ts';
import { INFERRED_FIELD_WEIGHT } from '../kb/strength.ts';
import type { KnowledgeSlice, OrganizationView } from './context.ts';

/** An inferred field counts as a field of the organisation from this probability on (below it, it is noise). */
export const FIELD_PROBABILITY_FLOOR = 0.5;
const CELL_DEGREES = 1;

export interface CountryKnowledge {
  universities: number;
  researchCenters: number;
  /** Companies (curated corporates and research-active companies). */
  corporates: number;
  corporatesWithPrograms: number;
}

export interface SliceIndex {
  /** Organisations carrying a field (stated, or inferred with probability >= FIELD_PROBABILITY_FLOOR). */
  byTag: Map<string, OrganizationView[]>;
  /** Research organisations (universities, research centres) per cluster, weighted per field. */
  researchByCluster: Map<string, Map<string, number>>;
  byCountry: Map<string, CountryKnowledge>;
  /** Organisations with a site within `km` of a point. */
  near(point: LatLon, km: number): OrganizationView[];
}

/** How much a field of an organisation counts: 1 stated, probability x INFERRED_FIELD_WEIGHT inferred, 0 absent. */
export function fieldWeight(org: OrganizationView, tag: string): number {
  if (org.record.tags.includes(tag)) return 1;
  const inferred = org.record.inferredTags.find((t) => t.tag === tag);
  return inferred ? inferred.probability * INFERRED_FIELD_WEIGHT : 0;
}

export const isType = (o: OrganizationView, type: 'university' | 'research_center' | 'corporate') => o.record.type === type || o.record.alsoListedAs.includes(type);

const indexes = new WeakMap<KnowledgeSlice, SliceIndex>();

export function sliceIndex(slice: KnowledgeSlice): SliceIndex {
  const cached = indexes.get(slice);
  if (cached) return cached;
  const byTag = new Map<string, OrganizationView[]>();
  const researchByCluster = new Map<string, Map<string, number>>();
  const byCountry = new Map<string, CountryKnowledge>();
  const cells = new Map<string, OrganizationView[]>();
  const cellOf = (lat: number, lon: number) => `${Math.floor(lat / CELL_DEGREES)}:${Math.floor(lon / CELL_DEGREES)}`;
  for (const o of slice.organizations) {
    const fields = new Set([...o.record.tags, ...o.record.inferredTags.filter((t) => t.probability >= FIELD_PROBABILITY_FLOOR).map((t) => t.tag)]);
    for (const tag of fields) {
      const list = byTag.get(tag);
      if (list) list.push(o);
      else byTag.set(tag, [o]);
    }
    const research = isType(o, 'university') || isType(o, 'research_center');
    if (research && o.clusterId) {
      const weights = researchByCluster.get(o.clusterId) ?? new Map<string, number>();
      for (const tag of new Set([...o.record.tags, ...o.record.inferredTags.map((t) => t.tag)])) weights.set(tag, (weights.get(tag) ?? 0) + fieldWeight(o, tag));
      researchByCluster.set(o.clusterId, weights);
    }
    const k = byCountry.get(o.record.country) ?? { universities: 0, researchCenters: 0, corporates: 0, corporatesWithPrograms: 0 };
    if (isType(o, 'university')) k.universities++;
    if (isType(o, 'research_center')) k.researchCenters++;
    if (isType(o, 'corporate')) {
      k.corporates++;
      if (o.record.startupPrograms.length > 0) k.corporatesWithPrograms++;
    }
    byCountry.set(o.record.country, k);
    for (const key of new Set(o.sites.map((s) => cellOf(s.lat, s.lon)))) {
      const list = cells.get(key);
      if (list) list.push(o);
      else cells.set(key, [o]);
    }
  }
  const index: SliceIndex = {
    byTag,
    researchByCluster,
    byCountry,
    near(point, km) {
      // The cells a circle of `km` can touch (a degree of latitude is about 111 km; of longitude, less by cos(lat)).
      const dLat = Math.ceil(km / 111 / CELL_DEGREES);
      const dLon = Math.ceil(km / (111 * Math.max(0.1, Math.cos((point.lat * Math.PI) / 180))) / CELL_DEGREES);
      const [cy, cx] = [Math.floor(point.lat / CELL_DEGREES), Math.floor(point.lon / CELL_DEGREES)];
      const found = new Set<OrganizationView>();
      for (let y = cy - dLat; y <= cy + dLat; y++)
        for (let x = cx - dLon; x <= cx + dLon; x++)
          for (const o of cells.get(`${y}:${(((x + 180) % 360) + 360) % 360 - 180}`) ?? []) if (o.sites.some((s) => distanceKm(s, point) <= km)) found.add(o);
      return [...found];
    },
  };
  indexes.set(slice, index);
  return index;
}
