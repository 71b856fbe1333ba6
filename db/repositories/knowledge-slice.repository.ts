// The slice of the knowledge base the advice engine ranks, read in one go (it is small) and kept per
// import: the engine then runs without touching the database.
import type pg from 'pg';
import type { ClusterView, KnowledgeSlice, OrganizationView, ProgramView, SiteView } from '../../engine/advice/context.ts';
import type { Country, Tag } from '../../engine/kb/schema.ts';
import { fromSql } from './vector.repository.ts';

interface SiteRow extends SiteView {
  owner_kind: 'organization' | 'program';
  owner_id: string;
}

export async function loadKnowledgeSlice(pool: pg.Pool): Promise<KnowledgeSlice> {
  const [clusters, organizations, programs, sites, countries, tags, meta] = await Promise.all([
    pool.query({ name: 'slice-clusters', text: 'SELECT record, profile, lat, lon, timezone, embedding::text AS embedding FROM clusters ORDER BY id' }),
    pool.query({ name: 'slice-organizations', text: 'SELECT id, record, cluster_id, embedding::text AS embedding FROM organizations ORDER BY id' }),
    pool.query({ name: 'slice-programs', text: 'SELECT id, record FROM programs ORDER BY id' }),
    pool.query<SiteRow>({
      name: 'slice-sites',
      text: `SELECT owner_kind, owner_id, role, city, country, lat, lon, timezone, cluster_id AS "clusterId",
          distance_km AS "distanceKm", within FROM sites ORDER BY owner_kind, owner_id, position`,
    }),
    pool.query<{ record: Country }>({ name: 'slice-countries', text: 'SELECT record FROM countries' }),
    pool.query<{ record: Tag }>({ name: 'slice-tags', text: 'SELECT record FROM tags ORDER BY id' }),
    pool.query({ name: 'slice-meta', text: "SELECT value FROM kb_meta WHERE key = 'import'" }),
  ]);
  const sitesOf = new Map<string, SiteView[]>();
  for (const { owner_kind, owner_id, ...site } of sites.rows) {
    const key = `${owner_kind}:${owner_id}`;
    sitesOf.set(key, [...(sitesOf.get(key) ?? []), site]);
  }
  const vector = (s: string | null) => (s ? fromSql(s) : null);
  return {
    clusters: clusters.rows.map(
      (r): ClusterView => ({ record: r.record, profile: r.profile, place: { lat: r.lat, lon: r.lon, timezone: r.timezone }, vector: vector(r.embedding) }),
    ),
    organizations: organizations.rows.map(
      (r): OrganizationView => ({ record: r.record, sites: sitesOf.get(`organization:${r.id}`) ?? [], clusterId: r.cluster_id, vector: vector(r.embedding) }),
    ),
    programs: programs.rows.map((r): ProgramView => ({ record: r.record, sites: sitesOf.get(`program:${r.id}`) ?? [] })),
    countries: new Map(countries.rows.map((r) => [r.record.code, r.record])),
    tags: new Map(tags.rows.map((r) => [r.record.id, r.record])),
    vintage: meta.rows[0]?.value.compiled ?? new Date().getFullYear(),
  };
}
