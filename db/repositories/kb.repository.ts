// The knowledge base in Postgres. Writes replace the whole knowledge base in one transaction (it is small
// and its derived profiles depend on every record); reads serve the API and the engine.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { DERIVATION_VERSION, type DerivedKnowledgeBase, type Site } from '../../engine/kb/derive.ts';
import type { KnowledgeBase } from '../../engine/kb/schema.ts';

/** JSON with object keys sorted, so a record hashes the same after a round trip through jsonb. */
const canonical = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(canonical).join(',')}]`
    : value !== null && typeof value === 'object'
      ? `{${Object.keys(value)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
          .join(',')}}`
      : JSON.stringify(value);
const hash = (record: unknown) => createHash('sha256').update(canonical(record)).digest('hex').slice(0, 32);

// Rows go in as one JSON array per table (jsonb_to_recordset): one round trip per table, not per row.
// A changed record loses its vector (its content hash differs) so the next embedding run redoes it.
const UPSERT = {
  tags: `INSERT INTO tags (id, label, keywords, record)
    SELECT id, label, keywords, record FROM jsonb_to_recordset($1::jsonb)
      AS r(id text, label text, keywords text[], record jsonb)
    ON CONFLICT (id) DO UPDATE SET label = excluded.label, keywords = excluded.keywords, record = excluded.record`,
  countries: `INSERT INTO countries (code, name, eu_member, record)
    SELECT code, name, eu_member, record FROM jsonb_to_recordset($1::jsonb)
      AS r(code text, name text, eu_member boolean, record jsonb)
    ON CONFLICT (code) DO UPDATE SET name = excluded.name, eu_member = excluded.eu_member, record = excluded.record`,
  clusters: `INSERT INTO clusters (id, name, country, city, lat, lon, timezone, geoname_id, radius_km, part_of, record, profile, content_hash)
    SELECT id, name, country, city, lat, lon, timezone, geoname_id, radius_km, part_of, record, profile, content_hash
    FROM jsonb_to_recordset($1::jsonb) AS r(id text, name text, country text, city text, lat float8, lon float8,
      timezone text, geoname_id int, radius_km float8, part_of text, record jsonb, profile jsonb, content_hash text)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, country = excluded.country, city = excluded.city,
      lat = excluded.lat, lon = excluded.lon, timezone = excluded.timezone, geoname_id = excluded.geoname_id,
      radius_km = excluded.radius_km, part_of = excluded.part_of, record = excluded.record, profile = excluded.profile,
      embedding = CASE WHEN clusters.content_hash = excluded.content_hash THEN clusters.embedding END,
      model_version = CASE WHEN clusters.content_hash = excluded.content_hash THEN clusters.model_version END,
      content_hash = excluded.content_hash`,
  organizations: `INSERT INTO organizations (id, type, name, country, city, tags, cluster_id, record, content_hash)
    SELECT id, type, name, country, city, tags, cluster_id, record, content_hash
    FROM jsonb_to_recordset($1::jsonb) AS r(id text, type text, name text, country text, city text, tags text[],
      cluster_id text, record jsonb, content_hash text)
    ON CONFLICT (id) DO UPDATE SET type = excluded.type, name = excluded.name, country = excluded.country,
      city = excluded.city, tags = excluded.tags, cluster_id = excluded.cluster_id, record = excluded.record,
      embedding = CASE WHEN organizations.content_hash = excluded.content_hash THEN organizations.embedding END,
      model_version = CASE WHEN organizations.content_hash = excluded.content_hash THEN organizations.model_version END,
      content_hash = excluded.content_hash`,
  programs: `INSERT INTO programs (id, kind, name, country, city, tags, serves_founders_from, record, content_hash)
    SELECT id, kind, name, country, city, tags, serves_founders_from, record, content_hash
    FROM jsonb_to_recordset($1::jsonb) AS r(id text, kind text, name text, country text, city text, tags text[],
      serves_founders_from text[], record jsonb, content_hash text)
    ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name, country = excluded.country,
      city = excluded.city, tags = excluded.tags, serves_founders_from = excluded.serves_founders_from,
      record = excluded.record,
      embedding = CASE WHEN programs.content_hash = excluded.content_hash THEN programs.embedding END,
      model_version = CASE WHEN programs.content_hash = excluded.content_hash THEN programs.model_version END,
      content_hash = excluded.content_hash`,
} as const;

const DELETE_MISSING = {
  tags: 'DELETE FROM tags WHERE NOT (id = ANY($1::text[]))',
  countries: 'DELETE FROM countries WHERE NOT (code = ANY($1::text[]))',
  clusters: 'DELETE FROM clusters WHERE NOT (id = ANY($1::text[]))',
  organizations: 'DELETE FROM organizations WHERE NOT (id = ANY($1::text[]))',
  programs: 'DELETE FROM programs WHERE NOT (id = ANY($1::text[]))',
} as const;

const INSERT_SITES = `INSERT INTO sites (owner_kind, owner_id, position, role, city, country, place_name, geoname_id,
    lat, lon, timezone, cluster_id, distance_km, within)
  SELECT owner_kind, owner_id, position, role, city, country, place_name, geoname_id, lat, lon, timezone,
    cluster_id, distance_km, within
  FROM jsonb_to_recordset($1::jsonb) AS r(owner_kind text, owner_id text, position int, role text, city text,
    country text, place_name text, geoname_id int, lat float8, lon float8, timezone text, cluster_id text,
    distance_km float8, within boolean)`;

const INSERT_STRENGTHS = `INSERT INTO cluster_strengths (cluster_id, tag, score, lq, org_count, explicit, revealed)
  SELECT cluster_id, tag, score, lq, org_count, explicit, revealed
  FROM jsonb_to_recordset($1::jsonb) AS r(cluster_id text, tag text, score float8, lq float8, org_count int,
    explicit boolean, revealed boolean)`;

const siteRows = (ownerKind: 'organization' | 'program', sites: Map<string, Site[]>) =>
  [...sites].flatMap(([ownerId, list]) =>
    list.map((s, position) => ({
      owner_kind: ownerKind,
      owner_id: ownerId,
      position,
      role: s.role,
      city: s.city,
      country: s.country,
      place_name: s.place.name,
      geoname_id: s.place.geonameId,
      lat: s.place.lat,
      lon: s.place.lon,
      timezone: s.place.timezone,
      cluster_id: s.link?.clusterId ?? null,
      distance_km: s.link?.distanceKm ?? null,
      within: s.link?.within ?? false,
    })),
  );

export interface ImportSummary {
  compiled: number;
  /** DERIVATION_VERSION of the code that derived the stored profiles. */
  derivation: number;
  importedAt: string;
  counts: Record<keyof KnowledgeBase, number>;
  alternateNames: DerivedKnowledgeBase['alternateNames'];
}

const KB_IMPORT_LOCK = 7_240_514;

/** Replace the stored knowledge base with a derived one, atomically. */
export async function replaceKnowledgeBase(pool: pg.Pool, derived: DerivedKnowledgeBase): Promise<ImportSummary> {
  const { kb } = derived;
  const summary: ImportSummary = {
    compiled: derived.compiled,
    derivation: DERIVATION_VERSION,
    importedAt: new Date().toISOString(),
    counts: {
      taxonomy: kb.taxonomy.length,
      countries: kb.countries.length,
      clusters: kb.clusters.length,
      organizations: kb.organizations.length,
      programs: kb.programs.length,
    },
    alternateNames: derived.alternateNames,
  };
  const rows = {
    tags: kb.taxonomy.map((t) => ({ id: t.id, label: t.label, keywords: t.keywords, record: t })),
    countries: kb.countries.map((c) => ({ code: c.code, name: c.name, eu_member: c.euMember, record: c })),
    clusters: kb.clusters.map((c) => {
      const profile = derived.clusterProfiles.get(c.id)!;
      return {
        id: c.id,
        name: c.name,
        country: c.country,
        city: c.city,
        lat: profile.place.lat,
        lon: profile.place.lon,
        timezone: profile.place.timezone,
        geoname_id: profile.place.geonameId,
        radius_km: c.radiusKm,
        part_of: c.partOf,
        record: c,
        profile,
        // The cluster's vector depends on its members too (models/encoder.ts: embedCluster).
        content_hash: hash({ record: c, members: profile.members }),
      };
    }),
    organizations: kb.organizations.map((o) => {
      const hq = derived.organizationSites.get(o.id)?.[0];
      return {
        id: o.id,
        type: o.type,
        name: o.name,
        country: o.country,
        city: o.city,
        tags: o.tags,
        cluster_id: hq?.link?.within ? hq.link.clusterId : null,
        record: o,
        content_hash: hash(o),
      };
    }),
    programs: kb.programs.map((p) => ({
      id: p.id,
      kind: p.kind,
      name: p.name,
      country: p.country,
      city: p.city,
      tags: p.tags,
      serves_founders_from: p.servesFoundersFrom,
      record: p,
      content_hash: hash(p),
    })),
  };
  const ids = {
    tags: rows.tags.map((r) => r.id),
    countries: rows.countries.map((r) => r.code),
    clusters: rows.clusters.map((r) => r.id),
    organizations: rows.organizations.map((r) => r.id),
    programs: rows.programs.map((r) => r.id),
  };
  const strengths = [...derived.clusterProfiles.values()].flatMap((p) =>
    p.strengths.map((s) => ({
      cluster_id: p.clusterId,
      tag: s.tag,
      score: s.score,
      lq: s.lq,
      org_count: s.orgCount,
      explicit: s.explicit,
      revealed: s.revealed,
    })),
  );

  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // Several processes may start at once against one server (API and workers): imports take turns.
    await client.query('SELECT pg_advisory_xact_lock($1)', [KB_IMPORT_LOCK]);
    // Dependants first on delete, parents first on insert.
    await client.query('DELETE FROM sites');
    await client.query('DELETE FROM cluster_strengths');
    for (const table of ['programs', 'organizations', 'clusters', 'countries', 'tags'] as const)
      await client.query({ name: `kb-delete-missing-${table}`, text: DELETE_MISSING[table], values: [ids[table]] });
    for (const table of ['tags', 'countries', 'clusters', 'organizations', 'programs'] as const)
      await client.query({ name: `kb-upsert-${table}`, text: UPSERT[table], values: [JSON.stringify(rows[table])] });
    await client.query({ name: 'kb-insert-strengths', text: INSERT_STRENGTHS, values: [JSON.stringify(strengths)] });
    const sites = [...siteRows('organization', derived.organizationSites), ...siteRows('program', derived.programSites)];
    await client.query({ name: 'kb-insert-sites', text: INSERT_SITES, values: [JSON.stringify(sites)] });
    await client.query({
      name: 'kb-meta-upsert',
      text: `INSERT INTO kb_meta (key, value) VALUES ('import', $1::jsonb)
        ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      values: [JSON.stringify(summary)],
    });
    await client.query('COMMIT');
    return summary;
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  } finally {
    client.release();
  }
}

/** The stored records, as a knowledge base (to merge an import into, then derive again). */
export async function loadKnowledgeBase(pool: pg.Pool): Promise<{ kb: KnowledgeBase; compiled: number | null }> {
  const records = async <T>(table: keyof typeof DELETE_MISSING, order: string) =>
    (await pool.query<{ record: T }>({ name: `kb-load-${table}`, text: `SELECT record FROM ${table} ORDER BY ${order}` }))
      .rows.map((r) => r.record);
  const kb: KnowledgeBase = {
    taxonomy: await records('tags', 'id'),
    countries: await records('countries', 'code'),
    clusters: await records('clusters', 'id'),
    organizations: await records('organizations', 'id'),
    programs: await records('programs', 'id'),
  };
  const meta = await importSummary(pool);
  return { kb, compiled: meta?.compiled ?? null };
}

export async function importSummary(pool: pg.Pool): Promise<ImportSummary | null> {
  const { rows } = await pool.query<{ value: ImportSummary }>({
    name: 'kb-meta-import',
    text: "SELECT value FROM kb_meta WHERE key = 'import'",
  });
  return rows[0]?.value ?? null;
}

export async function isKnowledgeBaseEmpty(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query({ name: 'kb-any-cluster', text: 'SELECT 1 FROM clusters LIMIT 1' });
  return rows.length === 0;
}

export interface KnowledgeBaseStats {
  import: ImportSummary | null;
  counts: { kind: string; type: string; count: number }[];
  byCountry: { country: string; clusters: number; organizations: number; programs: number }[];
  places: { owner: string; records: number; sites: number; geocoded: number; withinCluster: number; unplaced: number }[];
  coverage: { indicator: string; clusters: number; reported: number; inherited: number; counted: number; missing: number }[];
}

/** Counts per type and country, geocoding and linking, and the coverage of every cluster indicator. */
export async function knowledgeBaseStats(pool: pg.Pool): Promise<KnowledgeBaseStats> {
  const counts = await pool.query({
    name: 'kb-stats-counts',
    text: `SELECT 'clusters' AS kind, '' AS type, count(*)::int AS count FROM clusters
      UNION ALL SELECT 'organizations', type, count(*)::int FROM organizations GROUP BY type
      UNION ALL SELECT 'programs', kind, count(*)::int FROM programs GROUP BY kind
      UNION ALL SELECT 'countries', '', count(*)::int FROM countries
      UNION ALL SELECT 'taxonomy', '', count(*)::int FROM tags
      ORDER BY 1, 2`,
  });
  const byCountry = await pool.query({
    name: 'kb-stats-by-country',
    text: `SELECT country, sum(c)::int AS clusters, sum(o)::int AS organizations, sum(p)::int AS programs FROM (
        SELECT country, 1 AS c, 0 AS o, 0 AS p FROM clusters
        UNION ALL SELECT country, 0, 1, 0 FROM organizations
        UNION ALL SELECT coalesce(country, '--'), 0, 0, 1 FROM programs) t
      GROUP BY country ORDER BY country`,
  });
  const places = await pool.query({
    name: 'kb-stats-places',
    text: `SELECT 'clusters' AS owner, count(*)::int AS records, count(*)::int AS sites, count(*)::int AS geocoded,
          count(*)::int AS "withinCluster", 0 AS unplaced FROM clusters
      UNION ALL SELECT 'organizations', (SELECT count(*)::int FROM organizations), count(*)::int, count(*)::int,
          count(*) FILTER (WHERE within)::int, 0 FROM sites WHERE owner_kind = 'organization'
      UNION ALL SELECT 'programs', (SELECT count(*)::int FROM programs), count(*)::int, count(*)::int,
          count(*) FILTER (WHERE within)::int,
          (SELECT count(*)::int FROM programs p WHERE NOT EXISTS
            (SELECT 1 FROM sites s WHERE s.owner_kind = 'program' AND s.owner_id = p.id))
        FROM sites WHERE owner_kind = 'program'`,
  });
  const coverage = await pool.query({
    name: 'kb-stats-coverage',
    text: `SELECT i.key AS indicator, count(*)::int AS clusters,
        count(*) FILTER (WHERE i.value->>'confidence' = 'reported')::int AS reported,
        count(*) FILTER (WHERE i.value->>'confidence' = 'inherited')::int AS inherited,
        count(*) FILTER (WHERE i.value->>'confidence' = 'counted')::int AS counted,
        count(*) FILTER (WHERE i.value->>'confidence' = 'missing')::int AS missing
      FROM clusters, jsonb_each(profile->'indicators') AS i
      GROUP BY i.key ORDER BY i.key`,
  });
  return {
    import: await importSummary(pool),
    counts: counts.rows,
    byCountry: byCountry.rows,
    places: places.rows,
    coverage: coverage.rows,
  };
}

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

export interface PageOf {
  total: number;
  items: Record<string, unknown>[];
}

const LIST_CLUSTERS = paged(
  `SELECT ${CLUSTER_JSON} AS item, c.id, s.score, s.lq FROM clusters c
    LEFT JOIN cluster_strengths s ON s.cluster_id = c.id AND s.tag = $1
    WHERE ($1::text IS NULL OR (s.explicit OR s.revealed))
      AND ($2::text IS NULL OR c.country = $2 OR c.record->'countries' ? $2)`,
  'score DESC NULLS LAST, lq DESC NULLS LAST, id',
  3,
);

export async function listClusters(pool: pg.Pool, f: ClusterFilter): Promise<PageOf> {
  const { rows } = await pool.query({
    name: 'kb-list-clusters',
    text: LIST_CLUSTERS,
    values: [f.tag ?? null, f.country ?? null, f.limit, f.offset],
  });
  return rows[0];
}

export async function getCluster(pool: pg.Pool, id: string): Promise<Record<string, unknown> | null> {
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

export async function listOrganizations(pool: pg.Pool, f: OrganizationFilter): Promise<PageOf> {
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

export async function listPrograms(pool: pg.Pool, f: ProgramFilter): Promise<PageOf> {
  const { rows } = await pool.query({
    name: 'kb-list-programs',
    text: LIST_PROGRAMS,
    values: [f.tag ?? null, f.kind ?? null, f.country ?? null, f.cluster ?? null, f.servesFoundersFrom ?? null, f.limit, f.offset],
  });
  return rows[0];
}
