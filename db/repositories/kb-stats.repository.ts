// What the stored knowledge base holds: counts per kind, type and country, how its places were geocoded and
// linked, and how many clusters have a value for each indicator.
import type pg from 'pg';
import { type ImportSummary, importSummary } from './kb-store.repository.ts';

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

