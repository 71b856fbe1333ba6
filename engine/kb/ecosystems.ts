// Ecosystems found in the data, not only listed: every metro area outside the curated clusters that the
// records show to hold research or startups becomes a candidate place. Places (cities) are merged into a
// metro area around the city with the most records: a city joins the metro of a larger neighbour in the same
// country within METRO_RADIUS_KM. A metro area is an ecosystem once it holds MIN_RECORDS records (the size
// floor, as the US Cluster Mapping Project keeps small regions out of its strong clusters).
import { type Catchment, distanceKm, nearestCluster, type ResolvedPlace } from '../geo.ts';
import type { Cluster } from './schema.ts';

/** Cities this close to a larger one, in the same country, count as its metro area. */
export const METRO_RADIUS_KM = 40;
/** Records (organisations and ventures together) a metro area needs to be an ecosystem. */
export const MIN_RECORDS = 5;

/** A record with its resolved headquarters place. */
export interface Located {
  id: string;
  place: ResolvedPlace;
  /** The page that states the record (cited by the ecosystem it makes). */
  source: string;
  kind: 'organization' | 'venture';
}

// Letters that carry no combining mark to strip (Wrocław, Søborg, Đà Nẵng, Gießen).
const PLAIN: Record<string, string> = { ł: 'l', ø: 'o', đ: 'd', ð: 'd', ß: 'ss', æ: 'ae', œ: 'oe', þ: 'th', ı: 'i', ħ: 'h' };
const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[łøđðßæœþıħ]/g, (c) => PLAIN[c]!)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50) || 'place';

const placeKey = (p: ResolvedPlace) => (p.geonameId ? `g${p.geonameId}` : `${p.country}|${p.name.toLowerCase()}`);

/**
 * Derived ecosystems as cluster records (origin `derived`), deterministic for the same records: the same
 * data always makes the same ids. `curated`: the curated clusters' catchments (places inside them belong
 * to them, not to a new ecosystem); `places`: each derived ecosystem's centre, by id.
 */
export function deriveEcosystems(located: readonly Located[], curated: readonly Catchment[]): { clusters: Cluster[]; places: Map<string, ResolvedPlace> } {
  const outside = located.filter((r) => !nearestCluster(r.place, curated)?.within);
  const cities = new Map<string, { place: ResolvedPlace; records: Located[] }>();
  for (const r of outside) {
    const key = placeKey(r.place);
    const city = cities.get(key) ?? { place: r.place, records: [] };
    city.records.push(r);
    cities.set(key, city);
  }
  // The city with the most records seeds a metro area first (then the larger population, then the name).
  const ordered = [...cities.values()].sort(
    (a, b) => b.records.length - a.records.length || b.place.population - a.place.population || a.place.name.localeCompare(b.place.name) || a.place.geonameId - b.place.geonameId,
  );
  const inCountry = new Map<string, typeof ordered>();
  for (const c of ordered) inCountry.set(c.place.country, [...(inCountry.get(c.place.country) ?? []), c]);
  const assigned = new Set<string>();
  const clusters: Cluster[] = [];
  const places = new Map<string, ResolvedPlace>();
  const ids = new Set(curated.map((c) => c.id));
  for (const seed of ordered) {
    const seedKey = placeKey(seed.place);
    if (assigned.has(seedKey)) continue;
    const metro = inCountry.get(seed.place.country)!.filter((c) => !assigned.has(placeKey(c.place)) && distanceKm(c.place, seed.place) <= METRO_RADIUS_KM);
    for (const c of metro) assigned.add(placeKey(c.place));
    const records = metro.flatMap((c) => c.records);
    if (records.length < MIN_RECORDS) continue;
    let id = `eco-${seed.place.country.toLowerCase()}-${slug(seed.place.name)}`;
    if (ids.has(id)) id = `${id}-${seed.place.geonameId}`;
    ids.add(id);
    const organizations = records.filter((r) => r.kind === 'organization').length;
    const ventures = records.length - organizations;
    const reach = Math.max(...metro.map((c) => distanceKm(c.place, seed.place)));
    const cited = [...records].sort((a, b) => a.id.localeCompare(b.id));
    clusters.push({
      id,
      name: seed.place.name,
      city: seed.place.name,
      country: seed.place.country,
      countries: [],
      partOf: null,
      radiusKm: Math.round(Math.min(METRO_RADIUS_KM, Math.max(15, reach + 10))),
      specializations: [],
      anchors: { universities: [], corporates: [], researchCenters: [] },
      gii: null,
      startupGenome: null,
      startupBlink: null,
      vc: null,
      description: `The metro area of ${seed.place.name} (${seed.place.country}), found in the open data: ${organizations} research organisation${organizations === 1 ? '' : 's'} and ${ventures} startup${ventures === 1 ? '' : 's'} in ${metro.length} ${metro.length === 1 ? 'place' : 'places'}.`,
      origin: 'derived',
      // The records that place research or startups here state that it is an ecosystem; three are cited.
      sources: [...new Set(cited.map((r) => r.source))].slice(0, 3),
    });
    places.set(id, seed.place);
  }
  return { clusters, places };
}
