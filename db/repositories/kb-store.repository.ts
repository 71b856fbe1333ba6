// The knowledge base in Postgres, as written and read back whole: an import replaces the whole knowledge
// base in one transaction (its derived profiles depend on every record); the stored records are read back
// to merge an import into, or to derive again after an upgrade.
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { DERIVATION_VERSION, type DerivedKnowledgeBase, type Site } from '../../engine/kb/derive.ts';
import type { KnowledgeBase, Organization } from '../../engine/kb/schema.ts';
import type { Queryable } from '../connection.ts';
import { LOCKS } from '../locks.ts';
import { inTransaction, yieldToEventLoop } from '../transaction.ts';

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
  clusters: `INSERT INTO clusters (id, name, country, city, lat, lon, timezone, geoname_id, radius_km, part_of, origin, record, profile, content_hash)
    SELECT id, name, country, city, lat, lon, timezone, geoname_id, radius_km, part_of, origin, record, profile, content_hash
    FROM jsonb_to_recordset($1::jsonb) AS r(id text, name text, country text, city text, lat float8, lon float8,
      timezone text, geoname_id int, radius_km float8, part_of text, origin text, record jsonb, profile jsonb, content_hash text)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, country = excluded.country, city = excluded.city, origin = excluded.origin,
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
  ventures: `INSERT INTO ventures (id, name, country, city, tags, status, cluster_id, record, content_hash)
    SELECT id, name, country, city, tags, status, cluster_id, record, content_hash
    FROM jsonb_to_recordset($1::jsonb) AS r(id text, name text, country text, city text, tags text[], status text,
      cluster_id text, record jsonb, content_hash text)
    ON CONFLICT (id) DO UPDATE SET name = excluded.name, country = excluded.country, city = excluded.city, tags = excluded.tags,
      status = excluded.status, cluster_id = excluded.cluster_id, record = excluded.record, content_hash = excluded.content_hash`,
  rankings: `INSERT INTO rankings (id, country, city, record)
    SELECT id, country, city, record FROM jsonb_to_recordset($1::jsonb) AS r(id text, country text, city text, record jsonb)
    ON CONFLICT (id) DO UPDATE SET country = excluded.country, city = excluded.city, record = excluded.record`,
} as const;

const DELETE_MISSING = {
  tags: 'DELETE FROM tags WHERE NOT (id = ANY($1::text[]))',
  countries: 'DELETE FROM countries WHERE NOT (code = ANY($1::text[]))',
  clusters: 'DELETE FROM clusters WHERE NOT (id = ANY($1::text[]))',
  organizations: 'DELETE FROM organizations WHERE NOT (id = ANY($1::text[]))',
  programs: 'DELETE FROM programs WHERE NOT (id = ANY($1::text[]))',
  ventures: 'DELETE FROM ventures WHERE NOT (id = ANY($1::text[]))',
  rankings: 'DELETE FROM rankings WHERE NOT (id = ANY($1::text[]))',
} as const;

/** Rows per statement: one JSON parameter of 30,000 organisations is tens of megabytes, which the embedded database's memory would keep. */
const UPSERT_SLICE = 2_000;

const INSERT_SITES = `INSERT INTO sites (owner_kind, owner_id, position, role, city, country, place_name, geoname_id,
    lat, lon, timezone, cluster_id, distance_km, within)
  SELECT owner_kind, owner_id, position, role, city, country, place_name, geoname_id, lat, lon, timezone,
    cluster_id, distance_km, within
  FROM jsonb_to_recordset($1::jsonb) AS r(owner_kind text, owner_id text, position int, role text, city text,
    country text, place_name text, geoname_id int, lat float8, lon float8, timezone text, cluster_id text,
    distance_km float8, within boolean)`;

const INSERT_STRENGTHS = `INSERT INTO cluster_strengths (cluster_id, tag, score, lq, record_weight, explicit, revealed, basis)
  SELECT cluster_id, tag, score, lq, record_weight, explicit, revealed, basis
  FROM jsonb_to_recordset($1::jsonb) AS r(cluster_id text, tag text, score float8, lq float8, record_weight float8,
    explicit boolean, revealed boolean, basis text)`;

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

/**
 * When a replacement is only wanted if no other process did it first (several processes starting together
 * on an empty or outdated database each derive it; the first to take the import lock writes it, the others
 * find the work done).
 */
export type ReplaceGuard = 'always' | 'if-empty' | 'if-outdated';

/** Replace the stored knowledge base with a derived one, atomically; null when the guard finds it done already. */
export async function replaceKnowledgeBase(pool: pg.Pool, derived: DerivedKnowledgeBase, guard: ReplaceGuard = 'always'): Promise<ImportSummary | null> {
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
      ventures: kb.ventures.length,
      rankings: kb.rankings.length,
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
        origin: c.origin,
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
        tags: [...new Set([...o.tags, ...o.inferredTags.filter((t) => t.probability >= 0.5).map((t) => t.tag)])],
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
    ventures: kb.ventures.map((v) => {
      const link = derived.ventureLinks.get(v.id);
      return { id: v.id, name: v.name, country: v.country, city: v.city, tags: v.tags, status: v.status, cluster_id: link?.within ? link.clusterId : null, record: v, content_hash: hash(v) };
    }),
    rankings: kb.rankings.map((r) => ({ id: r.id, country: r.country, city: r.city, record: r })),
  };
  const ids = {
    tags: rows.tags.map((r) => r.id),
    countries: rows.countries.map((r) => r.code),
    clusters: rows.clusters.map((r) => r.id),
    organizations: rows.organizations.map((r) => r.id),
    programs: rows.programs.map((r) => r.id),
    ventures: rows.ventures.map((r) => r.id),
    rankings: rows.rankings.map((r) => r.id),
  };
  const strengths = [...derived.clusterProfiles.values()].flatMap((p) =>
    p.strengths.map((s) => ({
      cluster_id: p.clusterId,
      tag: s.tag,
      score: s.score,
      lq: s.lq,
      record_weight: s.orgCount,
      explicit: s.explicit,
      revealed: s.revealed,
      basis: s.basis,
    })),
  );

  return inTransaction(pool, async (client) => {
    // Several processes may start at once against one server (API and workers): imports take turns.
    await client.query('SELECT pg_advisory_xact_lock($1)', [LOCKS.knowledgeImport]);
    if (guard === 'if-empty' && !(await isKnowledgeBaseEmpty(client))) return null;
    if (guard === 'if-outdated' && ((await importSummary(client))?.derivation ?? 0) >= DERIVATION_VERSION) return null;
    // Dependants first on delete, parents first on insert.
    await client.query('DELETE FROM sites');
    await client.query('DELETE FROM cluster_strengths');
    for (const table of ['rankings', 'ventures', 'programs', 'organizations', 'clusters', 'countries', 'tags'] as const)
      await client.query({ name: `kb-delete-missing-${table}`, text: DELETE_MISSING[table], values: [ids[table]] });
    const inSlices = async (name: string, text: string, list: unknown[]) => {
      for (let from = 0; from < list.length; from += UPSERT_SLICE) {
        await client.query({ name, text, values: [JSON.stringify(list.slice(from, from + UPSERT_SLICE))] });
        await yieldToEventLoop(); // the embedded database runs statements on this thread
      }
    };
    for (const table of ['tags', 'countries', 'clusters', 'organizations', 'programs', 'ventures', 'rankings'] as const) await inSlices(`kb-upsert-${table}`, UPSERT[table], rows[table]);
    await inSlices('kb-insert-strengths', INSERT_STRENGTHS, strengths);
    await inSlices('kb-insert-sites', INSERT_SITES, [...siteRows('organization', derived.organizationSites), ...siteRows('program', derived.programSites)]);
    await client.query({
      name: 'kb-meta-upsert',
      text: `INSERT INTO kb_meta (key, value) VALUES ('import', $1::jsonb)
        ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      values: [JSON.stringify(summary)],
    });
    return summary;
  });
}

/**
 * The stored records, as a knowledge base (to merge an import into, then derive again). Derived ecosystems
 * are left out: derivation finds them again from the records.
 */
export async function loadKnowledgeBase(pool: pg.Pool): Promise<{ kb: KnowledgeBase; compiled: number | null }> {
  const records = async <T>(table: keyof typeof DELETE_MISSING, order: string, where = 'true') =>
    (await pool.query<{ record: T }>({ name: `kb-load-${table}`, text: `SELECT record FROM ${table} WHERE ${where} ORDER BY ${order}` }))
      .rows.map((r) => r.record);
  const kb: KnowledgeBase = {
    taxonomy: await records('tags', 'id'),
    countries: await records('countries', 'code'),
    clusters: await records('clusters', 'id', "origin = 'curated'"),
    organizations: await records('organizations', 'id'),
    programs: await records('programs', 'id'),
    ventures: await records('ventures', 'id'),
    rankings: await records('rankings', 'id'),
  };
  const meta = await importSummary(pool);
  return { kb, compiled: meta?.compiled ?? null };
}

export async function importSummary(pool: Queryable): Promise<ImportSummary | null> {
  const { rows } = await pool.query<{ value: ImportSummary }>({
    name: 'kb-meta-import',
    text: "SELECT value FROM kb_meta WHERE key = 'import'",
  });
  return rows[0]?.value ?? null;
}

export async function isKnowledgeBaseEmpty(pool: Queryable): Promise<boolean> {
  const { rows } = await pool.query({ name: 'kb-any-cluster', text: 'SELECT 1 FROM clusters LIMIT 1' });
  return rows.length === 0;
}


/** Stored organisation records by id (those that exist). */
export async function organizationsById(pool: Queryable, ids: string[]): Promise<Organization[]> {
  const { rows } = await pool.query<{ record: Organization }>({
    name: 'kb-organizations-by-id',
    text: 'SELECT record FROM organizations WHERE id = ANY($1::text[]) ORDER BY id',
    values: [ids],
  });
  return rows.map((r) => r.record);
}
