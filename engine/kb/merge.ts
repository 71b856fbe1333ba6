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
