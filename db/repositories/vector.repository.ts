// Vectors in pgvector: which knowledge-base rows need (re-)embedding, storing vectors with the model version
// that made them, and nearest-neighbour search by cosine distance.
import type pg from 'pg';
import { EMBEDDING_DIM } from '../../engine/constants.ts';

export const EMBEDDED_TABLES = ['clusters', 'organizations', 'programs'] as const;
export type EmbeddedTable = (typeof EMBEDDED_TABLES)[number];

/** pgvector's text form. */
export const toSql = (v: ArrayLike<number>) => `[${Array.from(v).join(',')}]`;
export const fromSql = (s: string) => Float32Array.from(s.slice(1, -1).split(','), Number);

/** Records whose vector is missing or was made by another model version. */
/**
 * Up to `limit` records without a current vector, after `after` in id order (a page: the embedded database
 * keeps the memory its largest result needed, so 30,000 records are read a batch at a time).
 */
export async function staleRecords<T>(pool: pg.Pool, table: EmbeddedTable, modelVersion: string, after: string | null, limit: number): Promise<{ id: string; record: T; profile?: unknown }[]> {
  const profile = table === 'clusters' ? ', profile' : '';
  const { rows } = await pool.query({
    name: `vectors-stale-${table}`,
    text: `SELECT id, record${profile} FROM ${table} WHERE model_version IS DISTINCT FROM $1 AND ($2::text IS NULL OR id > $2)
      ORDER BY id LIMIT $3`,
    values: [modelVersion, after, limit],
  });
  return rows;
}

export async function countStale(pool: pg.Pool, table: EmbeddedTable, modelVersion: string): Promise<number> {
  const { rows } = await pool.query({
    name: `vectors-count-stale-${table}`,
    text: `SELECT count(*)::int AS n FROM ${table} WHERE model_version IS DISTINCT FROM $1`,
    values: [modelVersion],
  });
  return rows[0].n;
}

/** Vectors made by a model version; null where the record has nothing to embed (it is not tried again by the same version). */
export async function saveVectors(pool: pg.Pool, table: EmbeddedTable, modelVersion: string, vectors: { id: string; vector: Float32Array | null }[]): Promise<void> {
  for (const v of vectors) if (v.vector !== null && v.vector.length !== EMBEDDING_DIM) throw new Error(`vector for ${v.id} has ${v.vector.length} dimensions, not ${EMBEDDING_DIM}`);
  await pool.query({
    name: `vectors-save-${table}`,
    text: `UPDATE ${table} t SET embedding = v.embedding::vector, model_version = $2
      FROM jsonb_to_recordset($1::jsonb) AS v(id text, embedding text) WHERE t.id = v.id`,
    values: [JSON.stringify(vectors.map((v) => ({ id: v.id, embedding: v.vector && toSql(v.vector) }))), modelVersion],
  });
}

/** Records per table: all, those embedded by this model version, and of those the ones with a vector (some have nothing to embed). */
export async function vectorCoverage(pool: pg.Pool, modelVersion: string) {
  const { rows } = await pool.query({
    name: 'vectors-coverage',
    text: ['clusters', 'organizations', 'programs']
      .map((t) => `SELECT '${t}' AS table, count(*)::int AS total, count(*) FILTER (WHERE model_version = $1)::int AS current,
          count(*) FILTER (WHERE model_version = $1 AND embedding IS NOT NULL)::int AS "withVector" FROM ${t}`)
      .join(' UNION ALL '),
    values: [modelVersion],
  });
  return rows as { table: EmbeddedTable; total: number; current: number; withVector: number }[];
}

/** HNSW candidate list size: recall against speed (bench/vector-scale.bench.ts measures both). */
export const HNSW_EF_SEARCH = 400;

export interface Neighbour {
  id: string;
  distance: number;
}

export interface NearestOrganizationsQuery {
  vector: Float32Array;
  k: number;
  type?: string;
  country?: string;
  /** Exact scan (default): always right. Approximate: the HNSW index with iterative scans, for large tables. */
  mode?: 'exact' | 'approximate';
}

/**
 * The HNSW index that approximate organisation queries use. Not kept by default (migration 0009): the
 * product ranks organisations in memory; a deployment that searches them by vector at scale builds it.
 */
export async function createOrganizationVectorIndex(pool: pg.Pool): Promise<void> {
  await pool.query('CREATE INDEX IF NOT EXISTS organizations_embedding_hnsw ON organizations USING hnsw (embedding vector_cosine_ops)');
}

/** Organisations nearest to a vector by cosine distance, ties broken by id (approximate: through the HNSW index when it exists). */
export async function nearestOrganizations(pool: pg.Pool, q: NearestOrganizationsQuery): Promise<Neighbour[]> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    if ((q.mode ?? 'exact') === 'exact') await client.query('SET LOCAL enable_indexscan = off');
    else {
      await client.query('SET LOCAL hnsw.iterative_scan = relaxed_order');
      await client.query(`SET LOCAL hnsw.ef_search = ${HNSW_EF_SEARCH}`);
    }
    // The index can serve only an ORDER BY on the distance alone; the exact scan also breaks ties by id.
    const exact = (q.mode ?? 'exact') === 'exact';
    const { rows } = await client.query({
      name: `vectors-nearest-organizations-${exact ? 'exact' : 'approximate'}`,
      text: `SELECT id, embedding <=> $1::vector AS distance FROM organizations
        WHERE embedding IS NOT NULL AND ($2::text IS NULL OR type = $2) AND ($3::text IS NULL OR country = $3)
        ORDER BY embedding <=> $1::vector${exact ? ', id' : ''} LIMIT $4`,
      values: [toSql(q.vector), q.type ?? null, q.country ?? null, q.k],
    });
    await client.query('COMMIT');
    return rows.map((r) => ({ id: r.id, distance: Number(r.distance) }));
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  } finally {
    client.release();
  }
}

/** Clusters nearest to a vector (a small table: always an exact scan). */
export async function nearestClusters(pool: pg.Pool, vector: Float32Array, k: number): Promise<Neighbour[]> {
  const { rows } = await pool.query({
    name: 'vectors-nearest-clusters',
    text: `SELECT id, embedding <=> $1::vector AS distance FROM clusters WHERE embedding IS NOT NULL
      ORDER BY embedding <=> $1::vector, id LIMIT $2`,
    values: [toSql(vector), k],
  });
  return rows.map((r) => ({ id: r.id, distance: Number(r.distance) }));
}
