// Geography on a sphere: distances between places and which cluster a place belongs to.

export interface LatLon {
  lat: number;
  lon: number;
}

const EARTH_RADIUS_KM = 6371.0088;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance (haversine), in kilometres. */
export function distanceKm(a: LatLon, b: LatLon): number {
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface Catchment extends LatLon {
  id: string;
  radiusKm: number;
  /** Set for a sub-region of a larger cluster: on equal distance the more specific cluster wins. */
  partOf: string | null;
  /** The countries it spans: a place across a border is never inside it (Tallinn is not Greater Helsinki). */
  countries?: readonly string[];
}

export interface Link {
  clusterId: string;
  distanceKm: number;
  /** Inside the cluster's radius: the place belongs to the cluster, not merely nearest to it. */
  within: boolean;
}

/**
 * The cluster a place belongs to: the nearest whose radius contains it, in its own country (on equal
 * distance the more specific sub-region). A place outside every radius gets its nearest cluster with
 * `within: false`.
 */
export function nearestCluster(point: LatLon & { country?: string }, clusters: readonly Catchment[]): Link | null {
  let best: { cluster: Catchment; distance: number; within: boolean } | null = null;
  for (const c of clusters) {
    const d = distanceKm(point, c);
    const within = d <= c.radiusKm && (!point.country || !c.countries || c.countries.includes(point.country));
    const better =
      !best ||
      (within && !best.within) ||
      (within === best.within &&
        (d < best.distance || (d === best.distance && (c.partOf !== null) > (best.cluster.partOf !== null))));
    if (better) best = { cluster: c, distance: d, within };
  }
  return best && { clusterId: best.cluster.id, distanceKm: best.distance, within: best.within };
}

/** A city resolved to a place on the map (the gazetteer's answer). */
export interface ResolvedPlace extends LatLon {
  geonameId: number;
  /** The gazetteer's primary name for the place. */
  name: string;
  country: string;
  population: number;
  /** IANA time zone, from the coordinates. */
  timezone: string;
  /** How it was found: its GeoNames id, its name, an alternate name, or (a place below GeoNames' floor) the source's coordinates. */
  matchedBy: 'id' | 'name' | 'alternate' | 'coordinates';
}

/** What a source gives beside the city's name: its GeoNames id and coordinates, which settle ambiguous names. */
export interface PlaceHint {
  geonameId: number | null;
  lat: number;
  lon: number;
}

export type PlaceResolver = (city: string, country: string, hint?: PlaceHint | null) => ResolvedPlace | null;

// Formatting dates is slow to set up; offsets are few (zones x reference dates), so remember them.
const offsets = new Map<string, number>();

/** UTC offset in minutes of an IANA time zone at an instant (daylight saving included). */
export function utcOffsetMinutes(timeZone: string, at: Date): number {
  const key = `${timeZone}@${at.getTime()}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = computeOffset(timeZone, at);
    if (offsets.size > 10_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

function computeOffset(timeZone: string, at: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((local - Math.floor(at.getTime() / 60000) * 60000) / 60000);
}

/** Hours of a 9-to-5 working day two places share, at a given date. */
export function officeHoursOverlap(zoneA: string, zoneB: string, at: Date): number {
  const gapHours = Math.abs(utcOffsetMinutes(zoneA, at) - utcOffsetMinutes(zoneB, at)) / 60;
  return Math.max(0, 8 - Math.min(gapHours, 24 - gapHours));
}

/** Time-zone difference in hours (the shorter way round the clock). */
export function timezoneDifferenceHours(zoneA: string, zoneB: string, at: Date): number {
  const gap = Math.abs(utcOffsetMinutes(zoneA, at) - utcOffsetMinutes(zoneB, at)) / 60;
  return Math.min(gap, 24 - gap);
}
