// From validated records to the measurable knowledge base: every city resolved to a place, every site
// linked to its cluster, every cluster profiled. Pure: the gazetteer comes in as a function.
import { DomainError, type ErrorDetail } from '../errors.ts';
import { nearestCluster, type Link, type PlaceResolver, type ResolvedPlace } from '../geo.ts';
import { deriveIndicators, indicatorCoverage, type Indicator, type IndicatorName } from './indicators.ts';
import type { Cluster, KnowledgeBase, Organization, Program } from './schema.ts';
import { deriveStrengths, type TagStrength } from './strength.ts';

/** Bumped whenever derivation changes what it stores, so stored knowledge bases are derived again. */
export const DERIVATION_VERSION = 2;

export type RecordKind = 'clusters' | 'organizations' | 'programs' | 'countries' | 'taxonomy';

/** One thing wrong with one record, named so a person can find and fix it. */
export interface KbProblem {
  /** The list the record is in: a kind of the knowledge base, or `records` of an uploaded file. */
  kind: RecordKind | 'records';
  /** Position of the record in its list (0-based). */
  index: number;
  /** The line of a CSV file the record came from (the header is line 1). */
  line?: number;
  id: string;
  path: string;
  message: string;
}

export const kbProblemDetail = (p: KbProblem): ErrorDetail => ({
  path: p.line !== undefined ? `line ${p.line}.${p.path}` : `${p.kind}.${p.index}.${p.path}`,
  message: p.id ? `${p.id}: ${p.message}` : p.message,
});

export class KbProblems extends DomainError {
  constructor(
    readonly problems: KbProblem[],
    source = 'the knowledge base',
  ) {
    super('invalid', 'invalid_records', `${problems.length} problem(s) in ${source}, nothing imported`, problems.map(kbProblemDetail));
    this.name = 'KbProblems';
  }
}

export interface Site {
  role: string;
  city: string;
  country: string;
  place: ResolvedPlace;
  link: Link | null;
}

export interface ClusterProfile {
  clusterId: string;
  place: ResolvedPlace;
  /** Organisations headquartered in the cluster (including its parts, for a region). */
  orgCount: number;
  /** Their ids. */
  members: string[];
  strengths: TagStrength[];
  indicators: Record<IndicatorName, Indicator>;
  /** Share of indicators with a value. */
  coverage: number;
}

export interface DerivedKnowledgeBase {
  kb: KnowledgeBase;
  compiled: number;
  clusterProfiles: Map<string, ClusterProfile>;
  /** Headquarters first, then other sites. */
  organizationSites: Map<string, Site[]>;
  programSites: Map<string, Site[]>;
  /** Cities found only through an alternate name (e.g. Antwerp -> Antwerpen). */
  alternateNames: { city: string; country: string; resolvedTo: string }[];
}

/** Referential checks across records: tags exist, parents exist, ids are unique per kind. */
export function checkReferences(kb: KnowledgeBase): KbProblem[] {
  const problems: KbProblem[] = [];
  const tags = new Set(kb.taxonomy.map((t) => t.id));
  const clusterIds = new Set(kb.clusters.map((c) => c.id));
  const unique = (kind: RecordKind, ids: string[]) => {
    const seen = new Map<string, number>();
    ids.forEach((id, index) => {
      const first = seen.get(id);
      if (first !== undefined)
        problems.push({ kind, index, id, path: 'id', message: `duplicate id (also at position ${first})` });
      else seen.set(id, index);
    });
  };
  const knownTags = (kind: RecordKind, index: number, id: string, path: string, list: string[]) =>
    list.forEach((t, i) => {
      if (!tags.has(t)) problems.push({ kind, index, id, path: `${path}[${i}]`, message: `unknown tag "${t}"` });
    });

  unique('taxonomy', kb.taxonomy.map((t) => t.id));
  unique('countries', kb.countries.map((c) => c.code));
  unique('clusters', kb.clusters.map((c) => c.id));
  unique('organizations', kb.organizations.map((o) => o.id));
  unique('programs', kb.programs.map((p) => p.id));
  kb.clusters.forEach((c, i) => {
    knownTags('clusters', i, c.id, 'specializations', c.specializations.map((s) => s.tag));
    if (c.partOf !== null && !clusterIds.has(c.partOf))
      problems.push({ kind: 'clusters', index: i, id: c.id, path: 'partOf', message: `unknown cluster "${c.partOf}"` });
    if (c.partOf === c.id)
      problems.push({ kind: 'clusters', index: i, id: c.id, path: 'partOf', message: 'a cluster cannot be part of itself' });
  });
  kb.organizations.forEach((o, i) => knownTags('organizations', i, o.id, 'tags', o.tags));
  kb.programs.forEach((p, i) => knownTags('programs', i, p.id, 'tags', p.tags));
  return problems;
}

function sitesOf(record: Organization | Program): { role: string; city: string; country: string; path: string }[] {
  if ('type' in record)
    return [
      { role: 'hq', city: record.city, country: record.country, path: 'city' },
      ...record.locations.map((l, i) => ({ ...l, path: `locations[${i}].city` })),
    ];
  return [
    ...(record.city !== null && record.country !== null
      ? [{ role: 'base', city: record.city, country: record.country, path: 'city' }]
      : []),
    ...record.extraLocations.map((l, i) => ({ role: 'location', ...l, path: `extraLocations[${i}].city` })),
  ];
}

/**
 * Resolve, link and profile. Throws KbProblems listing every record that cannot be resolved or
 * references something unknown, so one run shows everything to fix.
 */
export function deriveKnowledgeBase(kb: KnowledgeBase, resolve: PlaceResolver, compiled: number): DerivedKnowledgeBase {
  const problems = checkReferences(kb);
  const alternateNames = new Map<string, { city: string; country: string; resolvedTo: string }>();
  const place = (kind: RecordKind, index: number, id: string, path: string, city: string, country: string) => {
    const found = resolve(city, country);
    if (!found)
      problems.push({ kind, index, id, path, message: `city "${city}" (${country}) is not in the GeoNames gazetteer` });
    else if (found.matchedBy === 'alternate')
      alternateNames.set(`${city}|${country}`, { city, country, resolvedTo: found.name });
    return found;
  };

  const clusterPlaces = kb.clusters.map((c, i) => place('clusters', i, c.id, 'city', c.city, c.country));
  const catchments = kb.clusters.flatMap((c, i) => {
    const p = clusterPlaces[i];
    return p ? [{ id: c.id, lat: p.lat, lon: p.lon, radiusKm: c.radiusKm, partOf: c.partOf }] : [];
  });
  const siteMap = (kind: 'organizations' | 'programs', records: (Organization | Program)[]) =>
    new Map(
      records.map((r, i) => [
        r.id,
        sitesOf(r).flatMap(({ path, ...s }): Site[] => {
          const p = place(kind, i, r.id, path, s.city, s.country);
          return p ? [{ ...s, place: p, link: nearestCluster(p, catchments) }] : [];
        }),
      ]),
    );
  const organizationSites = siteMap('organizations', kb.organizations);
  const programSites = siteMap('programs', kb.programs);
  if (problems.length > 0) throw new KbProblems(problems);

  const clusterById = new Map(kb.clusters.map((c) => [c.id, c]));
  // A region counts what lies in its parts: its members are its own and its children's.
  const regionsOf = (clusterId: string): string[] => {
    const parent = clusterById.get(clusterId)?.partOf;
    return parent ? [clusterId, parent] : [clusterId];
  };
  const hqOrgs = new Map<string, Organization[]>();
  const foreignOrgs = new Map<string, Organization[]>();
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => map.set(key, [...(map.get(key) ?? []), value]);
  for (const org of kb.organizations) {
    const [hq, ...others] = organizationSites.get(org.id)!;
    if (hq?.link?.within) for (const c of regionsOf(hq.link.clusterId)) push(hqOrgs, c, org);
    const abroad = new Set(
      others.filter((s) => s.country !== org.country && s.link?.within).flatMap((s) => regionsOf(s.link!.clusterId)),
    );
    for (const c of abroad) push(foreignOrgs, c, org);
  }
  const programsIn = new Map<string, Program[]>();
  for (const program of kb.programs) {
    const linked = new Set(programSites.get(program.id)!.flatMap((s) => (s.link?.within ? regionsOf(s.link.clusterId) : [])));
    for (const c of linked) push(programsIn, c, program);
  }

  const strengths = deriveStrengths({
    clusters: kb.clusters,
    orgTagsByCluster: new Map([...hqOrgs].map(([c, orgs]) => [c, orgs.map((o) => o.tags)])),
    allOrgTags: kb.organizations.map((o) => o.tags),
  });
  const clusterProfiles = new Map(
    kb.clusters.map((cluster: Cluster, i): [string, ClusterProfile] => {
      const orgs = hqOrgs.get(cluster.id) ?? [];
      const indicators = deriveIndicators({
        cluster,
        parent: cluster.partOf ? (clusterById.get(cluster.partOf) ?? null) : null,
        orgs,
        foreignOrgs: foreignOrgs.get(cluster.id) ?? [],
        programs: programsIn.get(cluster.id) ?? [],
        compiled,
      });
      return [
        cluster.id,
        {
          clusterId: cluster.id,
          place: clusterPlaces[i]!,
          orgCount: orgs.length,
          members: orgs.map((o) => o.id),
          strengths: strengths.get(cluster.id) ?? [],
          indicators,
          coverage: indicatorCoverage(indicators),
        },
      ];
    }),
  );
  return {
    kb,
    compiled,
    clusterProfiles,
    organizationSites,
    programSites,
    alternateNames: [...alternateNames.values()],
  };
}
