// What the stored knowledge base holds and what it lacks: counts per kind and type, per country and per
// ecosystem (with the indicators each is missing), how its places were geocoded and linked, how many records
// keep a source, and how many ecosystems have a value for each indicator.
import type pg from 'pg';
import { type ImportSummary, importSummary } from './kb-store.repository.ts';

export interface CountryCoverage {
  country: string;
  name: string | null;
  ecosystems: { curated: number; derived: number };
  universities: number;
  researchCenters: number;
  corporates: number;
  corporatesWithPrograms: number;
  /** Startups from the directory headquartered in the country. */
  ventures: number;
  /** Programmes with a site in the country. */
  programs: number;
  /** Programmes that name the country among the founders' home countries they serve. */
  programsServingFounders: number;
  /** The year of each cost figure, or null where the knowledge base has none. */
  costFigures: { devSalaryYear: number | null; priceLevelYear: number | null; pppYear: number | null };
  /** What is missing, in words: the gaps a founder from this country would meet. */
  missing: string[];
}

export interface EcosystemCoverage {
  id: string;
  name: string;
  country: string;
  origin: 'curated' | 'derived';
  organizations: number;
  ventures: number;
  /** Share of indicators with a value. */
  coverage: number;
  missingIndicators: string[];
  /** Tags with a strength the data measures or a source states (not inferred). */
  specializations: string[];
}

export interface KnowledgeBaseStats {
  import: ImportSummary | null;
  totals: {
    ecosystems: number;
    curatedClusters: number;
    derivedEcosystems: number;
    countriesWithEcosystem: number;
    organizations: number;
    ventures: number;
    programs: number;
    rankings: number;
    /** Records of every kind, and how many keep at least one source. */
    records: number;
    recordsWithSource: number;
  };
  counts: { kind: string; type: string; count: number }[];
  byCountry: CountryCoverage[];
  byEcosystem: EcosystemCoverage[];
  places: { owner: string; records: number; sites: number; geocoded: number; withinCluster: number; unplaced: number }[];
  coverage: { indicator: string; clusters: number; reported: number; inherited: number; counted: number; missing: number }[];
}

const SOURCED = (table: string) =>
  `SELECT count(*)::int AS records, count(*) FILTER (WHERE jsonb_array_length(record->'sources') > 0)::int AS sourced FROM ${table}`;

const BY_COUNTRY = `
  WITH codes AS (
    SELECT country AS code FROM clusters UNION SELECT country FROM organizations
    UNION SELECT country FROM ventures UNION SELECT country FROM programs WHERE country IS NOT NULL
    UNION SELECT code FROM countries),
  o AS (
    SELECT country,
      count(*) FILTER (WHERE type = 'university' OR record->'alsoListedAs' ? 'university')::int AS universities,
      count(*) FILTER (WHERE type = 'research_center' OR record->'alsoListedAs' ? 'research_center')::int AS research_centers,
      count(*) FILTER (WHERE type = 'corporate' OR record->'alsoListedAs' ? 'corporate')::int AS corporates,
      count(*) FILTER (WHERE (type = 'corporate' OR record->'alsoListedAs' ? 'corporate')
        AND jsonb_array_length(coalesce(record->'startupPrograms', '[]'::jsonb)) > 0)::int AS with_programs
    FROM organizations GROUP BY country),
  c AS (SELECT country, count(*) FILTER (WHERE origin = 'curated')::int AS curated, count(*) FILTER (WHERE origin = 'derived')::int AS derived
    FROM clusters GROUP BY country),
  v AS (SELECT country, count(*)::int AS ventures FROM ventures GROUP BY country),
  p AS (SELECT country, count(*)::int AS programs FROM programs WHERE country IS NOT NULL GROUP BY country),
  s AS (SELECT code, count(*)::int AS serving FROM programs, unnest(serves_founders_from) AS code GROUP BY code)
  SELECT codes.code AS country, k.name,
    coalesce(c.curated, 0) AS curated, coalesce(c.derived, 0) AS derived,
    coalesce(o.universities, 0) AS universities, coalesce(o.research_centers, 0) AS "researchCenters",
    coalesce(o.corporates, 0) AS corporates, coalesce(o.with_programs, 0) AS "corporatesWithPrograms",
    coalesce(v.ventures, 0) AS ventures, coalesce(p.programs, 0) AS programs, coalesce(s.serving, 0) AS "programsServingFounders",
    (k.record->'devSalaryUsd'->>'year')::int AS "devSalaryYear",
    (k.record->'priceLevel'->>'year')::int AS "priceLevelYear",
    (k.record->'ppp'->>'year')::int AS "pppYear"
  FROM codes LEFT JOIN countries k ON k.code = codes.code
    LEFT JOIN c ON c.country = codes.code LEFT JOIN o ON o.country = codes.code LEFT JOIN v ON v.country = codes.code
    LEFT JOIN p ON p.country = codes.code LEFT JOIN s ON s.code = codes.code
  ORDER BY codes.code`;

const BY_ECOSYSTEM = `
  SELECT c.id, c.name, c.country, c.origin,
    jsonb_array_length(c.profile->'members')::int AS organizations,
    coalesce((c.profile->'indicators'->'ventures'->>'value')::int, 0) AS ventures,
    (c.profile->>'coverage')::float8 AS coverage,
    coalesce((SELECT array_agg(i.key ORDER BY i.key) FROM jsonb_each(c.profile->'indicators') AS i
      WHERE i.value->>'confidence' = 'missing'), '{}') AS "missingIndicators",
    coalesce((SELECT array_agg(s.tag ORDER BY s.score DESC, s.lq DESC, s.tag) FROM cluster_strengths s
      WHERE s.cluster_id = c.id AND s.basis IN ('curated', 'measured')), '{}') AS specializations
  FROM clusters c ORDER BY c.country, c.origin DESC, c.id`;

/** Fewer universities and research centres than this: partner lists for the country are thin. */
const THIN_RESEARCH = 10;

function missingOf(c: Omit<CountryCoverage, 'missing'>): string[] {
  const gaps: string[] = [];
  if (c.ecosystems.curated + c.ecosystems.derived === 0) gaps.push('no ecosystem');
  if (c.universities + c.researchCenters < THIN_RESEARCH) gaps.push(`few research organisations (${c.universities + c.researchCenters})`);
  if (c.corporatesWithPrograms === 0) gaps.push('no corporate startup programme');
  if (c.ventures === 0) gaps.push('no startup from the directory');
  if (c.programsServingFounders === 0) gaps.push('no programme for its founders in particular');
  if (c.costFigures.devSalaryYear === null) gaps.push('no developer salary');
  if (c.costFigures.priceLevelYear === null) gaps.push('no price level');
  return gaps;
}

export async function knowledgeBaseStats(pool: pg.Pool): Promise<KnowledgeBaseStats> {
  const counts = await pool.query({
    name: 'kb-stats-counts',
    text: `SELECT 'clusters' AS kind, origin AS type, count(*)::int AS count FROM clusters GROUP BY origin
      UNION ALL SELECT 'organizations', type, count(*)::int FROM organizations GROUP BY type
      UNION ALL SELECT 'programs', kind, count(*)::int FROM programs GROUP BY kind
      UNION ALL SELECT 'ventures', status, count(*)::int FROM ventures GROUP BY status
      UNION ALL SELECT 'rankings', '', count(*)::int FROM rankings
      UNION ALL SELECT 'countries', '', count(*)::int FROM countries
      UNION ALL SELECT 'taxonomy', '', count(*)::int FROM tags
      ORDER BY 1, 2`,
  });
  const sourced = await pool.query<{ records: number; sourced: number }>({
    name: 'kb-stats-sourced',
    text: ['countries', 'clusters', 'organizations', 'programs', 'ventures', 'rankings'].map(SOURCED).join(' UNION ALL '),
  });
  const byCountry = await pool.query({ name: 'kb-stats-by-country', text: BY_COUNTRY });
  const byEcosystem = await pool.query<EcosystemCoverage>({ name: 'kb-stats-by-ecosystem', text: BY_ECOSYSTEM });
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
        FROM sites WHERE owner_kind = 'program'
      UNION ALL SELECT 'ventures', count(*)::int, count(*)::int, count(*)::int, count(cluster_id)::int, 0 FROM ventures`,
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

  const countries: CountryCoverage[] = byCountry.rows.map((r) => {
    const entry = {
      country: r.country,
      name: r.name,
      ecosystems: { curated: r.curated, derived: r.derived },
      universities: r.universities,
      researchCenters: r.researchCenters,
      corporates: r.corporates,
      corporatesWithPrograms: r.corporatesWithPrograms,
      ventures: r.ventures,
      programs: r.programs,
      programsServingFounders: r.programsServingFounders,
      costFigures: { devSalaryYear: r.devSalaryYear, priceLevelYear: r.priceLevelYear, pppYear: r.pppYear },
    };
    return { ...entry, missing: missingOf(entry) };
  });
  const total = (kind: string) => counts.rows.filter((c) => c.kind === kind).reduce((n, c) => n + c.count, 0);
  const ecosystems = byEcosystem.rows;
  return {
    import: await importSummary(pool),
    totals: {
      ecosystems: ecosystems.length,
      curatedClusters: ecosystems.filter((e) => e.origin === 'curated').length,
      derivedEcosystems: ecosystems.filter((e) => e.origin === 'derived').length,
      countriesWithEcosystem: new Set(ecosystems.map((e) => e.country)).size,
      organizations: total('organizations'),
      ventures: total('ventures'),
      programs: total('programs'),
      rankings: total('rankings'),
      records: sourced.rows.reduce((n, r) => n + r.records, 0),
      recordsWithSource: sourced.rows.reduce((n, r) => n + r.sourced, 0),
    },
    counts: counts.rows,
    byCountry: countries,
    byEcosystem: ecosystems,
    places: places.rows,
    coverage: coverage.rows,
  };
}
