// The knowledge base as the public API lists it: clusters, organisations and programmes, filtered and paged,
// every record with its sources and places.
import type pg from 'pg';
import type { ClusterProfile } from '../../engine/kb/derive.ts';
import type { Cluster, Organization, Program } from '../../engine/kb/schema.ts';

export interface Page {
  limit: number;
  offset: number;
}

export interface ClusterFilter extends Page {
  /** Clusters strong in this tag (explicit or revealed), strongest first. */
  tag?: string;
  country?: string;
}

export interface OrganizationFilter extends Page {
  tag?: string;
  type?: string;
  country?: string;
  cluster?: string;
}

export interface ProgramFilter extends Page {
  tag?: string;
  kind?: string;
  country?: string;
  cluster?: string;
  /** Programmes that serve founders from this country (or from anywhere). */
  servesFoundersFrom?: string;
}

const SITES_JSON = (kind: 'organization' | 'program', alias: string) => `coalesce((
    SELECT jsonb_agg(jsonb_build_object('role', s.role, 'city', s.city, 'country', s.country, 'place', s.place_name,
      'lat', s.lat, 'lon', s.lon, 'timezone', s.timezone, 'clusterId', s.cluster_id,
      'distanceKm', round(s.distance_km::numeric, 1), 'withinCluster', s.within) ORDER BY s.position)
    FROM sites s WHERE s.owner_kind = '${kind}' AND s.owner_id = ${alias}.id), '[]'::jsonb)`;

const CLUSTER_JSON = `c.record || jsonb_build_object('place', jsonb_build_object('lat', c.lat, 'lon', c.lon,
  'timezone', c.timezone, 'geonameId', c.geoname_id), 'profile', c.profile - 'place' - 'clusterId')`;

/** One page of a filtered list and the size of the whole list, in one statement. */
const paged = (filtered: string, order: string, limitParam: number) => `WITH filtered AS (${filtered})
  SELECT (SELECT count(*)::int FROM filtered) AS total,
    coalesce((SELECT jsonb_agg(item ORDER BY ${order}) FROM
      (SELECT * FROM filtered ORDER BY ${order} LIMIT $${limitParam} OFFSET $${limitParam + 1}) page), '[]'::jsonb) AS items`;

export interface PageOf<T> {
  total: number;
  items: T[];
}

/** A place of an organisation or programme, as listed. */
export interface SiteItem {
  role: string;
  city: string;
  country: string;
  place: string;
  lat: number;
  lon: number;
  timezone: string;
  clusterId: string | null;
  distanceKm: number | null;
  withinCluster: boolean;
}
export type ClusterItem = Cluster & { place: { lat: number; lon: number; timezone: string; geonameId: number }; profile: Omit<ClusterProfile, 'place' | 'clusterId'> };
export type OrganizationItem = Organization & { clusterId: string | null; sites: SiteItem[] };
export type ProgramItem = Program & { sites: SiteItem[] };

const LIST_CLUSTERS = paged(
  `SELECT ${CLUSTER_JSON} AS item, c.id, s.score, s.lq FROM clusters c
    LEFT JOIN cluster_strengths s ON s.cluster_id = c.id AND s.tag = $1
    WHERE ($1::text IS NULL OR (s.explicit OR s.revealed))
      AND ($2::text IS NULL OR c.country = $2 OR c.record->'countries' ? $2)`,
  'score DESC NULLS LAST, lq DESC NULLS LAST, id',
  3,
);

export async function listClusters(pool: pg.Pool, f: ClusterFilter): Promise<PageOf<ClusterItem>> {
  const { rows } = await pool.query({
    name: 'kb-list-clusters',
    text: LIST_CLUSTERS,
    values: [f.tag ?? null, f.country ?? null, f.limit, f.offset],
  });
  return rows[0];
}

export async function getCluster(pool: pg.Pool, id: string): Promise<ClusterItem | null> {
  const { rows } = await pool.query({
    name: 'kb-get-cluster',
    text: `SELECT ${CLUSTER_JSON} AS item FROM clusters c WHERE c.id = $1`,
    values: [id],
  });
  return rows[0]?.item ?? null;
}

const LIST_ORGANIZATIONS = paged(
  `SELECT o.record || jsonb_build_object('clusterId', o.cluster_id, 'sites', ${SITES_JSON('organization', 'o')}) AS item, o.id
    FROM organizations o
    WHERE ($1::text IS NULL OR $1 = ANY(o.tags))
      AND ($2::text IS NULL OR o.type = $2 OR o.record->'alsoListedAs' ? $2)
      AND ($3::text IS NULL OR o.country = $3)
      AND ($4::text IS NULL OR o.cluster_id = $4)`,
  'id',
  5,
);

export async function listOrganizations(pool: pg.Pool, f: OrganizationFilter): Promise<PageOf<OrganizationItem>> {
  const { rows } = await pool.query({
    name: 'kb-list-organizations',
    text: LIST_ORGANIZATIONS,
    values: [f.tag ?? null, f.type ?? null, f.country ?? null, f.cluster ?? null, f.limit, f.offset],
  });
  return rows[0];
}

const LIST_PROGRAMS = paged(
  `SELECT p.record || jsonb_build_object('sites', ${SITES_JSON('program', 'p')}) AS item, p.id
    FROM programs p
    WHERE ($1::text IS NULL OR $1 = ANY(p.tags))
      AND ($2::text IS NULL OR p.kind = $2)
      AND ($3::text IS NULL OR p.country = $3)
      AND ($4::text IS NULL OR EXISTS (SELECT 1 FROM sites s WHERE s.owner_kind = 'program' AND s.owner_id = p.id
        AND s.within AND s.cluster_id = $4))
      AND ($5::text IS NULL OR $5 = ANY(p.serves_founders_from) OR 'any' = ANY(p.serves_founders_from))`,
  'id',
  6,
);

export async function listPrograms(pool: pg.Pool, f: ProgramFilter): Promise<PageOf<ProgramItem>> {
  const { rows } = await pool.query({
    name: 'kb-list-programs',
    text: LIST_PROGRAMS,
    values: [f.tag ?? null, f.kind ?? null, f.country ?? null, f.cluster ?? null, f.servesFoundersFrom ?? null, f.limit, f.offset],
  });
  return rows[0];
}

/** An ecosystem as the world map draws it: where it is, how big it is, how strong in a field. */
export interface EcosystemMapItem {
  id: string;
  name: string;
  country: string;
  origin: 'curated' | 'derived';
  lat: number;
  lon: number;
  /** Member organisations (headquartered in it). */
  organizations: number;
  /** Startups from the directory headquartered in it (its `ventures` indicator). */
  ventures: number;
  /** Share of its indicators with a value. */
  coverage: number;
  /** With a tag: its score in that tag (0-1, 0 when it has none); without: organisations + startups. */
  strength: number;
}

// One row per ecosystem, strongest first (ties: the larger first): the map needs all of them at once, so no
// paging, and only the few fields it draws (a cluster's whole profile would be megabytes for ~870 ecosystems).
const ECOSYSTEM_MAP = `
  SELECT c.id, c.name, c.country, c.origin, c.lat, c.lon, m.organizations, m.ventures,
    (c.profile->>'coverage')::float8 AS coverage,
    CASE WHEN $1::text IS NULL THEN (m.organizations + m.ventures)::float8 ELSE coalesce(s.score, 0) END AS strength
  FROM clusters c
    CROSS JOIN LATERAL (SELECT jsonb_array_length(coalesce(c.profile->'members', '[]'::jsonb))::int AS organizations,
      coalesce((c.profile->'indicators'->'ventures'->>'value')::int, 0) AS ventures) m
    LEFT JOIN cluster_strengths s ON s.cluster_id = c.id AND s.tag = $1
  ORDER BY strength DESC, m.organizations + m.ventures DESC, c.id`;

export async function ecosystemMap(pool: pg.Pool, tag: string | null): Promise<EcosystemMapItem[]> {
  const { rows } = await pool.query<EcosystemMapItem>({ name: 'kb-ecosystem-map', text: ECOSYSTEM_MAP, values: [tag] });
  return rows;
}

export async function tagExists(pool: pg.Pool, tag: string): Promise<boolean> {
  const { rows } = await pool.query({ name: 'kb-tag-exists', text: 'SELECT 1 FROM tags WHERE id = $1', values: [tag] });
  return rows.length > 0;
}
