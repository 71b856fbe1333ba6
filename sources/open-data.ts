// Open data sets as knowledge-base records: the Research Organization Registry (ROR) — its full v2 dump or
// the compact extract Foothold ships —, Y Combinator's directory, and the World Bank's PPP factors. Only
// facts are carried over, each record with the page that states it and the data set's version; fields are
// the source's own (directory tags, mapped) or inferred from names (with a probability).
import { fieldsFromDirectory, inferTagsFromNames } from '../engine/kb/fields.ts';
import type { Organization, Venture } from '../engine/kb/schema.ts';

/** One ROR organisation, flattened (the shape of Foothold's extract; `fromRorV2` makes it from a full dump). */
export interface RorRecord {
  ror: string;
  name: string;
  acronyms?: string[];
  aliases?: string[];
  types: string[];
  city: string | null;
  country: string | null;
  lat: number | null;
  lon: number | null;
  geonamesId: number | null;
  established?: number | null;
  wikidata?: string | null;
  website?: string | null;
  release?: string;
  releaseDate?: string;
  status?: string;
}

/** ROR's types that Foothold lists, and the organisation type each becomes (first match wins). */
const ROR_TYPES: [string, Organization['type']][] = [
  ['education', 'university'],
  ['facility', 'research_center'],
  ['company', 'corporate'],
];

/** A record of ROR's full v2 JSON dump in the flattened shape. */
export function fromRorV2(r: {
  id: string;
  names?: { value: string; types?: string[] }[];
  types?: string[];
  status?: string;
  established?: number | null;
  locations?: { geonames_id?: number; geonames_details?: { name?: string; country_code?: string; lat?: number; lng?: number } }[];
  external_ids?: { type: string; all?: string[]; preferred?: string | null }[];
  links?: { type: string; value: string }[];
}): RorRecord {
  const names = r.names ?? [];
  const byType = (t: string) => names.filter((n) => n.types?.includes(t)).map((n) => n.value);
  const place = r.locations?.[0];
  const wikidata = r.external_ids?.find((e) => e.type === 'wikidata');
  return {
    ror: r.id,
    name: byType('ror_display')[0] ?? names[0]?.value ?? r.id,
    acronyms: byType('acronym'),
    aliases: [...byType('label'), ...byType('alias')].slice(0, 3),
    types: r.types ?? [],
    city: place?.geonames_details?.name ?? null,
    country: place?.geonames_details?.country_code ?? null,
    lat: place?.geonames_details?.lat ?? null,
    lon: place?.geonames_details?.lng ?? null,
    geonamesId: place?.geonames_id ?? null,
    established: r.established ?? null,
    wikidata: wikidata?.preferred ?? wikidata?.all?.[0] ?? null,
    website: r.links?.find((l) => l.type === 'website')?.value ?? null,
    status: r.status,
  };
}

const rorSuffix = (ror: string) => ror.replace(/^https?:\/\/ror\.org\//, '').toLowerCase();

/** The organisation a ROR record describes, or null for a type Foothold does not list, an inactive record, or one without a place. */
export function rorToOrganization(r: RorRecord, knownTags: ReadonlySet<string>, dataset: string): Organization | null {
  const type = ROR_TYPES.find(([t]) => r.types.includes(t))?.[1];
  if (!type || (r.status && r.status !== 'active') || !r.city || !r.country || r.lat === null || r.lon === null) return null;
  const also = ROR_TYPES.filter(([t, ours]) => r.types.includes(t) && ours !== type).map(([, ours]) => ours);
  const url = r.ror.startsWith('http') ? r.ror : `https://ror.org/${r.ror}`;
  const website = r.website && /^https?:\/\//.test(r.website) ? r.website : undefined;
  return {
    id: `ror-${rorSuffix(r.ror)}`,
    name: r.name,
    type,
    city: r.city,
    country: r.country.toUpperCase(),
    tags: [],
    inferredTags: inferTagsFromNames([r.name, ...(r.aliases ?? [])], knownTags),
    startupPrograms: [],
    locations: [],
    globalReach: null,
    techTransfer: null,
    spinoffNote: null,
    arwu: null,
    alsoListedAs: also,
    description: '',
    identifiers: { ror: url, ...(r.wikidata && /^Q\d+$/.test(r.wikidata) ? { wikidata: r.wikidata } : {}), ...(website ? { website } : {}) },
    place: { geonameId: r.geonamesId, lat: r.lat, lon: r.lon },
    established: r.established && r.established >= 1900 && r.established <= 2100 ? r.established : null,
    provenance: r.release ? `ROR ${r.release}${r.releaseDate ? ` (${r.releaseDate})` : ''}, CC0` : dataset,
    sources: [url],
  };
}

/** One company of Y Combinator's directory (the shape of Foothold's extract). */
export interface DirectoryCompany {
  slug: string;
  name: string;
  batch: string | null;
  status: string;
  tags: string[];
  industries: string[];
  city: string | null;
  country: string | null;
  yearFounded: number | null;
  source: string;
  snapshot: string;
}

const STATUS: Record<string, Venture['status']> = { Active: 'active', Inactive: 'inactive', Acquired: 'acquired', Public: 'public' };

/** The venture a directory entry describes, or null without a city and country. */
export function directoryToVenture(c: DirectoryCompany, knownTags: ReadonlySet<string>): Venture | null {
  const status = STATUS[c.status];
  if (!c.city || !c.country || !status) return null;
  return {
    id: `yc-${c.slug.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '')}`.slice(0, 80),
    name: c.name,
    city: c.city,
    country: c.country.toUpperCase(),
    tags: fieldsFromDirectory([...c.tags, ...c.industries], knownTags),
    status,
    batch: c.batch,
    founded: c.yearFounded && c.yearFounded >= 1900 ? c.yearFounded : null,
    provenance: `Y Combinator directory as listed on ${c.snapshot}`,
    sources: [c.source],
  };
}
