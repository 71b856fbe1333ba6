// Nearest-neighbour search at scale: 100,000 organisations and 1,000 clusters derived from the real ones
// (their vectors perturbed with seeded noise), exact scan against HNSW with iterative scans: p95 latency,
// recall@10 against exact, and the embedded database's memory.
import { KnowledgeService } from '../services/knowledge.service.ts';
import { DEFAULTS } from '../runtime/config.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/connection.ts';
import { migrate } from '../db/migrate.ts';
import { createOrganizationVectorIndex, nearestOrganizations, toSql } from '../db/repositories/vector.repository.ts';
import { EMBEDDING_DIM } from '../engine/constants.ts';
import { Encoder } from '../models/encoder.ts';
import { seededRandom } from '../models/train.ts';
import { percentiles, rssMb, saveResult } from './support.ts';

const ORGS = Number(process.env.BENCH_ORGS ?? 100_000);
const CLUSTERS = 1_000;
const QUERIES = 100;
const db = await openDatabase({ dataDir: join(mkdtempSync(join(tmpdir(), 'foothold-scale-')), 'pgdata'), sharedBuffers: process.env.EMBEDDED_SHARED_BUFFERS ?? DEFAULTS.embeddedSharedBuffers });
await migrate(db.pool);
await createOrganizationVectorIndex(db.pool); // not kept by default (migration 0009): measured here for deployments that build it
await new KnowledgeService(db.pool).ensure();
const encoder = await Encoder.load();
await new KnowledgeService(db.pool).embed(encoder);
const rssBefore = rssMb();

const base = (await db.pool.query('SELECT id, type, country, embedding::text AS e FROM organizations')).rows.map((r) => ({ ...r, v: Float32Array.from(r.e.slice(1, -1).split(','), Number) }));
const random = seededRandom(7);
const perturb = (v: Float32Array, scale: number) => {
  const out = v.map((x) => x + scale * (random() * 2 - 1));
  const n = Math.hypot(...out);
  return out.map((x) => x / n);
};
const t0 = performance.now();
for (let start = 0; start < ORGS; start += 5_000) {
  const rows = Array.from({ length: Math.min(5_000, ORGS - start) }, (_, i) => {
    const o = base[(start + i) % base.length]!;
    return { id: `synthetic-${start + i}`, type: o.type, country: o.country, embedding: toSql(perturb(o.v, 0.15)) };
  });
  await db.pool.query(
    `INSERT INTO organizations (id, type, name, country, city, tags, record, content_hash, embedding, model_version)
     SELECT id, type, id, country, 'synthetic', '{}', '{}'::jsonb, 'synthetic', embedding::vector, 'synthetic'
     FROM jsonb_to_recordset($1::jsonb) AS r(id text, type text, country text, embedding text)`,
    [JSON.stringify(rows)],
  );
}
const loadSeconds = (performance.now() - t0) / 1000;
const clusterVectors = Array.from({ length: CLUSTERS }, (_, i) => perturb(base[i % base.length]!.v, 0.3));
const queries = Array.from({ length: QUERIES }, (_, i) => clusterVectors[i * 7 % CLUSTERS]!);
const filters: (string | undefined)[] = [undefined, 'university'];

const measure = async (mode: 'exact' | 'approximate') => {
  const times: number[] = [];
  const answers: string[][] = [];
  for (const [i, vector] of queries.entries()) {
    const start = performance.now();
    const hits = await nearestOrganizations(db.pool, { vector, k: 10, type: filters[i % 2], mode });
    times.push(performance.now() - start);
    answers.push(hits.map((h) => h.id));
  }
  return { ...percentiles(times), answers };
};
const exact = await measure('exact');
const approximate = await measure('approximate');
let found = 0;
for (const [i, a] of approximate.answers.entries()) found += a.filter((id) => exact.answers[i]!.includes(id)).length;
const recall = found / exact.answers.reduce((n, a) => n + a.length, 0);
const dbSize = (await db.pool.query('SELECT pg_database_size(current_database()) AS b')).rows[0].b / 1024 / 1024;
const rssAfter = rssMb();
await db.close();

const result = {
  organizations: ORGS + base.length,
  clusters: CLUSTERS,
  dims: EMBEDDING_DIM,
  loadSeconds,
  exactMs: { p50: exact.p50, p95: exact.p95 },
  hnswMs: { p50: approximate.p50, p95: approximate.p95 },
  speedup: exact.p95 / approximate.p95,
  recallAt10: recall,
  memoryMb: { processBeforeLoad: rssBefore, processAfter: rssAfter, databaseOnDisk: dbSize },
};
console.table({
  'exact scan (ms)': { p50: exact.p50.toFixed(1), p95: exact.p95.toFixed(1) },
  'HNSW + iterative scan (ms)': { p50: approximate.p50.toFixed(1), p95: approximate.p95.toFixed(1), 'speed-up (p95)': result.speedup.toFixed(1), 'recall@10': recall.toFixed(3) },
  'memory (MB)': { 'process before': rssBefore.toFixed(0), 'process after': rssAfter.toFixed(0), 'database on disk': dbSize.toFixed(0) },
});
saveResult('vector-scale', result);
