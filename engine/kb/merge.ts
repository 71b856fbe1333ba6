// Merging several listings of one organisation (the reference files list a few institutions twice, e.g.
// once as a university and once as a research centre). Pure: records in, merged records and a report out.
import type { Organization } from './schema.ts';

export interface MergeReport {
  id: string;
  names: string[];
  types: Organization['type'][];
}

/** Degree-granting institutions stay universities; a research arm is noted in `alsoListedAs`. */
const TYPE_PRECEDENCE: Organization['type'][] = ['university', 'research_center', 'corporate'];

const union = <T>(a: T[], b: T[], key: (x: T) => string = String): T[] => {
  const seen = new Set(a.map(key));
  return [...a, ...b.filter((x) => !seen.has(key(x)))];
};

function mergePair(a: Organization, b: Organization): Organization {
  const [first, second] = TYPE_PRECEDENCE.indexOf(a.type) <= TYPE_PRECEDENCE.indexOf(b.type) ? [a, b] : [b, a];
  const types = union([first.type], [...first.alsoListedAs, second.type, ...second.alsoListedAs]);
  return {
    ...first,
    name: first.name.length <= second.name.length ? first.name : second.name,
    tags: union(first.tags, second.tags),
    startupPrograms: union(first.startupPrograms, second.startupPrograms, (p) => p.name),
    locations: union(first.locations, second.locations, (s) => `${s.city}|${s.country}|${s.role}`),
    globalReach: first.globalReach === 'global' || second.globalReach === 'global' ? 'global' : first.globalReach,
    techTransfer: first.techTransfer ?? second.techTransfer,
    spinoffNote: first.spinoffNote ?? second.spinoffNote,
    arwu: first.arwu ?? second.arwu,
    alsoListedAs: types.filter((t) => t !== first.type),
    description: first.description.length >= second.description.length ? first.description : second.description,
    sources: union(first.sources, second.sources),
  };
}

/** Merge records that share an id; the first occurrence keeps its place in the list. */
export function mergeOrganizations(records: Organization[]): { organizations: Organization[]; merges: MergeReport[] } {
  const byId = new Map<string, Organization>();
  const listings = new Map<string, Organization[]>();
  for (const record of records) {
    const existing = byId.get(record.id);
    byId.set(record.id, existing ? mergePair(existing, record) : record);
    listings.set(record.id, [...(listings.get(record.id) ?? []), record]);
  }
  const merges = [...listings.entries()]
    .filter(([, list]) => list.length > 1)
    .map(([id, list]) => ({ id, names: list.map((o) => o.name), types: list.map((o) => o.type) }));
  return { organizations: [...byId.values()], merges };
}

/** A name as compared across listings: case, accents, punctuation and a leading "The" do not matter. */
export const comparableName = (name: string) =>
  name
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/^the /, '')
    .trim();

const host = (url: string | undefined) => {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
};

/**
 * One listing per organisation across data sets (a curated record and a registry's entry for the same
 * university): listings are the same organisation when they share a Wikidata id, a website's host, or
 * their name in the same country within `sameplaceKm` of each other (`near` says so). The first listing
 * (curated records come first) keeps its id, fields and description; it gains the others' identifiers,
 * place, founding year and sources.
 */
export function mergeListings(records: Organization[], near: (a: Organization, b: Organization) => boolean): { organizations: Organization[]; merged: { kept: string; dropped: string }[] } {
  const keptBy = new Map<string, Organization>();
  const out: Organization[] = [];
  const merged: { kept: string; dropped: string }[] = [];
  const keysOf = (o: Organization) => [
    ...(o.identifiers.wikidata ? [`wikidata:${o.identifiers.wikidata}`] : []),
    ...(host(o.identifiers.website) ? [`web:${o.country}:${host(o.identifiers.website)}`] : []),
    `name:${o.country}:${comparableName(o.name)}`,
  ];
  for (const record of records) {
    const match = keysOf(record)
      .map((k) => keptBy.get(k))
      .find((kept) => kept && (!kept.identifiers.ror || !record.identifiers.ror) && near(kept, record));
    if (!match) {
      out.push(record);
      for (const k of keysOf(record)) if (!keptBy.has(k)) keptBy.set(k, record);
      continue;
    }
    const i = out.indexOf(match);
    // The curated record is the one kept, whichever came first: its id, fields and description stand.
    const [base, extra] = match.identifiers.ror && !record.identifiers.ror ? [record, match] : [match, record];
    const combined: Organization = {
      ...base,
      inferredTags: base.tags.length || base.inferredTags.length ? base.inferredTags : extra.inferredTags,
      alsoListedAs: union(base.alsoListedAs, [extra.type, ...extra.alsoListedAs]).filter((t) => t !== base.type),
      identifiers: { ...extra.identifiers, ...base.identifiers },
      place: base.place ?? extra.place,
      established: base.established ?? extra.established,
      provenance: base.provenance ?? extra.provenance,
      sources: union(base.sources, extra.sources),
    };
    out[i] = combined;
    for (const k of keysOf(combined)) keptBy.set(k, combined);
    merged.push({ kept: base.id, dropped: extra.id });
  }
  return { organizations: out, merged };
}
