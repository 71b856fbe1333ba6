// The slice of the knowledge base the advice engine ranks, read in one go (it is small) and kept per
// import: the engine then runs without touching the database.
import type pg from 'pg';
import { type ClusterView, type KnowledgeSlice, ORGANIZATION_FACTS, type OrganizationFacts, type OrganizationView, type ProgramView, type SiteView } from '../../engine/advice/context.ts';
import type { Cluster, Country, Program, Tag } from '../../engine/kb/schema.ts';
import { yieldToEventLoop } from '../transaction.ts';
import { fromSql } from './vector.repository.ts';

interface SiteRow extends SiteView {
  owner_kind: 'organization' | 'program';
  owner_id: string;
}

/**
 * Rows read a page at a time, in key order: the embedded database keeps the memory a result needed at its
 * peak (WebAssembly memory does not shrink), and one result of 30,000 organisations with their vectors as
 * text cost over 100 MB that pages of 2,000 do not; between pages the event loop gets a turn (yieldToEventLoop).
 */
async function inPages<T extends object>(pool: pg.Pool, name: string, select: string, keys: string[]): Promise<T[]> {
  const rows: T[] = [];
  const key = `(${keys.join(', ')})`;
  let after: unknown[] | null = null;
  for (;;) {
    const page: pg.QueryResult<T> = after
      ? await pool.query<T>({ name: `${name}-next`, text: `${select} WHERE ${key} > (${keys.map((_, i) => `$${i + 1}`).join(', ')}) ORDER BY ${keys.join(', ')} LIMIT ${SLICE_PAGE}`, values: after })
      : await pool.query<T>({ name, text: `${select} ORDER BY ${keys.join(', ')} LIMIT ${SLICE_PAGE}` });
    rows.push(...page.rows);
    if (page.rows.length < SLICE_PAGE) return rows;
    const last = page.rows.at(-1) as Record<string, unknown>;
    after = keys.map((k) => last[k]);
    await yieldToEventLoop();
  }
}
const SLICE_PAGE = 2_000;

export async function loadKnowledgeSlice(pool: pg.Pool): Promise<KnowledgeSlice> {
  // One query at a time: the embedded database has one connection, and concurrent results add up.
  const clusters = await inPages<{ id: string; record: Cluster; profile: ClusterView['profile']; lat: number; lon: number; timezone: string; embedding: string | null }>(
    pool, 'slice-clusters', "SELECT id, record, profile - 'members' AS profile, lat, lon, timezone, embedding::text AS embedding FROM clusters", ['id']);
  const organizations = await inPages<{ id: string; record: OrganizationFacts; cluster_id: string | null; embedding: string | null }>(
    pool,
    'slice-organizations',
    `SELECT id, jsonb_build_object(${ORGANIZATION_FACTS.map((f) => `'${f}', record->'${f}'`).join(', ')}) AS record, cluster_id, embedding::text AS embedding FROM organizations`,
    ['id'],
  );
  const programs = await inPages<{ id: string; record: Program }>(pool, 'slice-programs', 'SELECT id, record FROM programs', ['id']);
  const sites = await inPages<SiteRow & { position: number }>(
    pool,
    'slice-sites',
    `SELECT owner_kind, owner_id, position, role, city, country, lat, lon, timezone, cluster_id AS "clusterId",
        distance_km AS "distanceKm", within FROM sites`,
    ['owner_kind', 'owner_id', 'position'],
  );
  const countries = await pool.query<{ record: Country }>({ name: 'slice-countries', text: 'SELECT record FROM countries' });
  const tags = await pool.query<{ record: Tag }>({ name: 'slice-tags', text: 'SELECT record FROM tags ORDER BY id' });
  const meta = await pool.query({ name: 'slice-meta', text: "SELECT value FROM kb_meta WHERE key = 'import'" });
  const sitesOf = new Map<string, SiteView[]>();
  for (const { owner_kind, owner_id, position: _position, ...site } of sites) {
    const key = `${owner_kind}:${owner_id}`;
    sitesOf.set(key, [...(sitesOf.get(key) ?? []), site]);
  }
  const vector = (s: string | null) => (s ? fromSql(s) : null);
  return {
    clusters: clusters.map(
      (r): ClusterView => ({ record: r.record, profile: r.profile, place: { lat: r.lat, lon: r.lon, timezone: r.timezone }, vector: vector(r.embedding) }),
    ),
    organizations: organizations.map(
      (r): OrganizationView => ({ record: r.record, sites: sitesOf.get(`organization:${r.id}`) ?? [], clusterId: r.cluster_id, vector: vector(r.embedding) }),
    ),
    programs: programs.map((r): ProgramView => ({ record: r.record, sites: sitesOf.get(`program:${r.id}`) ?? [] })),
    countries: new Map(countries.rows.map((r) => [r.record.code, r.record])),
    tags: new Map(tags.rows.map((r) => [r.record.id, r.record])),
    vintage: meta.rows[0]?.value.compiled ?? new Date().getFullYear(),
  };
}
