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
export async function staleRecords<T>(pool: pg.Pool, table: EmbeddedTable, modelVersion: string): Promise<{ id: string; record: T; profile?: unknown }[]> {
  const profile = table === 'clusters' ? ', profile' : '';
  const { rows } = await pool.query({
    name: `vectors-stale-${table}`,
    text: `SELECT id, record${profile} FROM ${table} WHERE embedding IS NULL OR model_version IS DISTINCT FROM $1 ORDER BY id`,
    values: [modelVersion],
  });
  return rows;
}

export async function saveVectors(pool: pg.Pool, table: EmbeddedTable, modelVersion: string, vectors: { id: string; vector: Float32Array }[]): Promise<void> {
  for (const v of vectors) if (v.vector.length !== EMBEDDING_DIM) throw new Error(`vector for ${v.id} has ${v.vector.length} dimensions, not ${EMBEDDING_DIM}`);
  await pool.query({
    name: `vectors-save-${table}`,
    text: `UPDATE ${table} t SET embedding = v.embedding::vector, model_version = $2
      FROM jsonb_to_recordset($1::jsonb) AS v(id text, embedding text) WHERE t.id = v.id`,
    values: [JSON.stringify(vectors.map((v) => ({ id: v.id, embedding: toSql(v.vector) }))), modelVersion],
  });
}

export async function vectorCoverage(pool: pg.Pool, modelVersion: string) {
  const { rows } = await pool.query({
    name: 'vectors-coverage',
    text: `SELECT t.name AS table, t.total, t.current FROM (
        SELECT 'clusters' AS name, count(*)::int AS total, count(*) FILTER (WHERE model_version = $1 AND embedding IS NOT NULL)::int AS current FROM clusters
        UNION ALL SELECT 'organizations', count(*)::int, count(*) FILTER (WHERE model_version = $1 AND embedding IS NOT NULL)::int FROM organizations
        UNION ALL SELECT 'programs', count(*)::int, count(*) FILTER (WHERE model_version = $1 AND embedding IS NOT NULL)::int FROM programs) t`,
    values: [modelVersion],
  });
  return rows as { table: EmbeddedTable; total: number; current: number }[];
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

/** Organisations nearest to a vector by cosine distance, ties broken by id. */
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
