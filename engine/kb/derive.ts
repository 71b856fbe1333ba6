// From validated records to the measurable knowledge base: every city resolved to a place, every site
// linked to its cluster, every cluster profiled. Pure: the gazetteer comes in as a function.
import { DomainError, type ErrorDetail } from '../errors.ts';
import { type Catchment, distanceKm, nearestCluster, type Link, type PlaceHint, type PlaceResolver, type ResolvedPlace } from '../geo.ts';
import { deriveEcosystems } from './ecosystems.ts';
import { deriveIndicators, indicatorCoverage, type Indicator, type IndicatorName } from './indicators.ts';
import { mergeListings } from './merge.ts';
import type { Cluster, KnowledgeBase, Organization, Program, Ranking, Venture } from './schema.ts';
import { deriveStrengths, type TagStrength, weightedTags } from './strength.ts';

/** Bumped whenever derivation changes what it stores, so stored knowledge bases are derived again. */
export const DERIVATION_VERSION = 4;

export type RecordKind = 'clusters' | 'organizations' | 'programs' | 'countries' | 'taxonomy' | 'ventures' | 'rankings';

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
  /** Public rankings of its cities, each with the page that states it. */
  rankings: Ranking[];
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
  /** The cluster each venture is located in (or nearest to). */
  ventureLinks: Map<string, Link | null>;
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
  unique('ventures', kb.ventures.map((v) => v.id));
  unique('rankings', kb.rankings.map((r) => r.id));
  kb.clusters.forEach((c, i) => {
    knownTags('clusters', i, c.id, 'specializations', c.specializations.map((s) => s.tag));
    if (c.partOf !== null && !clusterIds.has(c.partOf))
      problems.push({ kind: 'clusters', index: i, id: c.id, path: 'partOf', message: `unknown cluster "${c.partOf}"` });
    if (c.partOf === c.id)
      problems.push({ kind: 'clusters', index: i, id: c.id, path: 'partOf', message: 'a cluster cannot be part of itself' });
  });
  kb.organizations.forEach((o, i) => {
    knownTags('organizations', i, o.id, 'tags', o.tags);
    knownTags('organizations', i, o.id, 'inferredTags', o.inferredTags.map((t) => t.tag));
  });
  kb.ventures.forEach((v, i) => knownTags('ventures', i, v.id, 'tags', v.tags));
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

/** Listings this close, with the same name in the same country, are one organisation. */
const SAME_PLACE_KM = 50;

/**
 * Resolve, link and profile. Throws KbProblems listing every record that cannot be resolved or
 * references something unknown, so one run shows everything to fix. Organisations listed twice (a curated
 * record and a registry entry) are merged; metro areas that hold research or startups outside the curated
 * clusters become derived ecosystems (engine/kb/ecosystems.ts), profiled like the curated ones.
 */
export function deriveKnowledgeBase(input: KnowledgeBase, resolve: PlaceResolver, compiled: number): DerivedKnowledgeBase {
  const problems = checkReferences(input);
  const alternateNames = new Map<string, { city: string; country: string; resolvedTo: string }>();
  const place = (kind: RecordKind, index: number, id: string, path: string, city: string, country: string, hint?: PlaceHint | null) => {
    const found = resolve(city, country, hint);
    if (!found) problems.push({ kind, index, id, path, message: `city "${city}" (${country}) is not in the GeoNames gazetteer` });
    else if (found.matchedBy === 'alternate') alternateNames.set(`${city}|${country}`, { city, country, resolvedTo: found.name });
    return found;
  };

  // Places first, unlinked: the clusters they link to include the ecosystems found below.
  const curatedPlaces = input.clusters.map((c, i) => place('clusters', i, c.id, 'city', c.city, c.country));
  const placesOf = (kind: 'organizations' | 'programs', records: (Organization | Program)[]) =>
    new Map(
      records.map((r, i) => [
        r.id,
        sitesOf(r).flatMap(({ path, ...s }) => {
          const p = place(kind, i, r.id, path, s.city, s.country, path === 'city' && 'place' in r ? r.place : null);
          return p ? [{ ...s, place: p }] : [];
        }),
      ]),
    );
  const orgPlaces = placesOf('organizations', input.organizations);
  const programPlaces = placesOf('programs', input.programs);
  const venturePlaces = new Map(input.ventures.map((v, i) => [v.id, place('ventures', i, v.id, 'city', v.city, v.country)]));
  const rankingPlaces = input.rankings.map((r, i) => place('rankings', i, r.id, 'city', r.city, r.country));
  if (problems.length > 0) throw new KbProblems(problems);

  const hq = (o: Organization) => orgPlaces.get(o.id)![0]!.place;
  const { organizations } = mergeListings(input.organizations, (a, b) => distanceKm(hq(a), hq(b)) < SAME_PLACE_KM);
  const kbMerged = { ...input, organizations };

  const catchment = (c: Cluster, p: ResolvedPlace): Catchment => ({ id: c.id, lat: p.lat, lon: p.lon, radiusKm: c.radiusKm, partOf: c.partOf, countries: [c.country, ...c.countries] });
  const curated = input.clusters.map((c, i) => catchment(c, curatedPlaces[i]!));
  const found = deriveEcosystems(
    [
      ...organizations.map((o) => ({ id: o.id, place: hq(o), source: o.sources[0]!, kind: 'organization' as const })),
      ...input.ventures.map((v) => ({ id: v.id, place: venturePlaces.get(v.id)!, source: v.sources[0]!, kind: 'venture' as const })),
    ],
    curated,
  );
  const clusters = [...input.clusters, ...found.clusters];
  const kb: KnowledgeBase = { ...kbMerged, clusters };
  const clusterPlace = new Map<string, ResolvedPlace>([...input.clusters.map((c, i): [string, ResolvedPlace] => [c.id, curatedPlaces[i]!]), ...found.places]);
  const catchments = [...curated, ...found.clusters.map((c) => catchment(c, found.places.get(c.id)!))];

  // A place inside a curated cluster stays there, even when a derived ecosystem's centre lies nearer
  // (San Francisco belongs to the curated Bay Area, not to a small ecosystem found north of it).
  const derivedCatchments = catchments.slice(curated.length);
  const link = (p: ResolvedPlace) => {
    const inCurated = nearestCluster(p, curated);
    if (inCurated?.within) return inCurated;
    const inDerived = nearestCluster(p, derivedCatchments);
    return inDerived?.within ? inDerived : nearestCluster(p, catchments);
  };
  const organizationSites = new Map(organizations.map((o) => [o.id, orgPlaces.get(o.id)!.map((s): Site => ({ ...s, link: link(s.place) }))]));
  const programSites = new Map(input.programs.map((p) => [p.id, programPlaces.get(p.id)!.map((s): Site => ({ ...s, link: link(s.place) }))]));
  const ventureLinks = new Map(input.ventures.map((v) => [v.id, link(venturePlaces.get(v.id)!)]));

  const clusterById = new Map(clusters.map((c) => [c.id, c]));
  // A region counts what lies in its parts: its members are its own and its children's.
  const regionsOf = (clusterId: string): string[] => {
    const parent = clusterById.get(clusterId)?.partOf;
    return parent ? [clusterId, parent] : [clusterId];
  };
  const push = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  const hqOrgs = new Map<string, Organization[]>();
  const foreignOrgs = new Map<string, Organization[]>();
  for (const org of organizations) {
    const [head, ...others] = organizationSites.get(org.id)!;
    if (head?.link?.within) for (const c of regionsOf(head.link.clusterId)) push(hqOrgs, c, org);
    const abroad = new Set(others.filter((s) => s.country !== org.country && s.link?.within).flatMap((s) => regionsOf(s.link!.clusterId)));
    for (const c of abroad) push(foreignOrgs, c, org);
  }
  const venturesIn = new Map<string, Venture[]>();
  for (const venture of input.ventures) {
    const l = ventureLinks.get(venture.id);
    if (l?.within) for (const c of regionsOf(l.clusterId)) push(venturesIn, c, venture);
  }
  // A ranking names a city: it belongs to the cluster the city lies in (not to the region above it).
  const rankingsIn = new Map<string, Ranking[]>();
  input.rankings.forEach((r, i) => {
    const l = link(rankingPlaces[i]!);
    if (l?.within) push(rankingsIn, l.clusterId, r);
  });
  const programsIn = new Map<string, Program[]>();
  for (const program of input.programs) {
    const linked = new Set(programSites.get(program.id)!.flatMap((s) => (s.link?.within ? regionsOf(s.link.clusterId) : [])));
    for (const c of linked) push(programsIn, c, program);
  }

  // Strength per tag from what is located in each cluster: organisations (stated fields fully, inferred
  // ones by their probability) and startups (the directory's fields, stated).
  const orgTags = (o: Organization) => weightedTags(o.tags, o.inferredTags);
  const ventureTags = (v: Venture) => weightedTags(v.tags);
  const strengths = deriveStrengths({
    clusters,
    membersByCluster: new Map(clusters.map((c) => [c.id, [...(hqOrgs.get(c.id) ?? []).map(orgTags), ...(venturesIn.get(c.id) ?? []).map(ventureTags)]])),
    all: [...organizations.map(orgTags), ...input.ventures.map(ventureTags)],
  });
  const clusterProfiles = new Map(
    clusters.map((cluster: Cluster): [string, ClusterProfile] => {
      const orgs = hqOrgs.get(cluster.id) ?? [];
      const indicators = deriveIndicators({
        cluster,
        parent: cluster.partOf ? (clusterById.get(cluster.partOf) ?? null) : null,
        orgs,
        foreignOrgs: foreignOrgs.get(cluster.id) ?? [],
        programs: programsIn.get(cluster.id) ?? [],
        ventures: venturesIn.get(cluster.id) ?? [],
        rankings: rankingsIn.get(cluster.id) ?? [],
        compiled,
      });
      return [
        cluster.id,
        {
          clusterId: cluster.id,
          place: clusterPlace.get(cluster.id)!,
          orgCount: orgs.length,
          // In id order: the same members make the same profile (and vector) whatever order the records came in.
          members: orgs.map((o) => o.id).sort(),
          strengths: strengths.get(cluster.id) ?? [],
          indicators,
          rankings: rankingsIn.get(cluster.id) ?? [],
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
    ventureLinks,
    alternateNames: [...alternateNames.values()],
  };
}
