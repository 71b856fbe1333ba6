// The similarity part of scoring a cohort: every startup's vector against every candidate (clusters and
// organisations). The naive path — one database query per startup and candidate (pgvector computes the
// distance), measured on a sample and extrapolated — against per-startup loops in memory (as the engine
// does), one batched matrix product in tfjs, and the physical limit: the floating-point operations divided
// by the matmul throughput measured on this machine's tfjs backend.
import { isCurated } from '../engine/kb/schema.ts';
import { KnowledgeService } from '../services/knowledge.service.ts';
import { DEFAULTS } from '../runtime/config.ts';
import { existsSync, readFileSync } from 'node:fs';
import { openDatabase } from '../db/connection.ts';
import { migrate } from '../db/migrate.ts';
import { toSql } from '../db/repositories/vector.repository.ts';
import { readKbDirectory } from '../sources/kb-files.ts';
import { loadTf } from '../models/backend.ts';
import { Encoder } from '../models/encoder.ts';
import { dot } from '../engine/vector.ts';
import { EMBEDDING_DIM } from '../engine/constants.ts';
import { saveResult } from './support.ts';

const COHORT = Number(process.env.BENCH_SCORING_COHORT ?? 10_000);
const { tf, backend } = await loadTf();
const encoder = await Encoder.load();
const { kb } = readKbDirectory();
// The curated records, as in earlier rounds (396 candidates): the engine pre-filters the registry's by field and place.
const curated = kb.organizations.filter(isCurated);
const candidates = encoder.embed([...kb.clusters.map((c) => ({ text: c.description })), ...curated.map((o) => ({ text: o.description, tags: o.tags }))]);
const texts = curated.map((o) => ({ text: o.description, tags: o.tags.slice(0, 2) }));
const startups = encoder.embed(Array.from({ length: COHORT }, (_, i) => texts[i % texts.length]!));
const C = candidates.length;

// Naive: one query per startup and candidate, against the knowledge base stored with its vectors.
const NAIVE_SAMPLE = Number(process.env.BENCH_SCORING_NAIVE_SAMPLE ?? 20);
const db = await openDatabase({ dataDir: 'memory://', sharedBuffers: DEFAULTS.embeddedSharedBuffers });
await migrate(db.pool);
await new KnowledgeService(db.pool).ensure();
await new KnowledgeService(db.pool).embed(encoder);
const candidateRows = [...kb.clusters.map((c) => ['clusters', c.id] as const), ...curated.map((o) => ['organizations', o.id] as const)];
let t = performance.now();
for (const s of startups.slice(0, NAIVE_SAMPLE)) {
  const v = toSql(s);
  for (const [table, id] of candidateRows) await db.pool.query({ name: `naive-${table}`, text: `SELECT 1 - (embedding <=> $1::vector) AS s FROM ${table} WHERE id = $2`, values: [v, id] });
}
const naiveMs = ((performance.now() - t) / NAIVE_SAMPLE) * COHORT;
await db.close();

// Per startup: dot products in loops, one startup at a time.
t = performance.now();
let checksum = 0;
for (const s of startups) for (const c of candidates) checksum += dot(s, c);
const perStartupMs = performance.now() - t;

// Batched: one [N x D] x [D x C] product.
const S = tf.tensor2d(Float32Array.from(startups.flatMap((v) => [...v])), [COHORT, EMBEDDING_DIM]);
const K = tf.tensor2d(Float32Array.from(candidates.flatMap((v) => [...v])), [C, EMBEDDING_DIM]);
tf.tidy(() => tf.matMul(S, K, false, true).dataSync()); // warm-up
t = performance.now();
const batchedSum = tf.tidy(() => tf.sum(tf.matMul(S, K, false, true)).dataSync()[0]!);
const batchedMs = performance.now() - t;

// The backend's matmul throughput on a large square product.
const n = 1024;
const A = tf.randomNormal([n, n], 0, 1, 'float32', 1);
const B = tf.randomNormal([n, n], 0, 1, 'float32', 2);
tf.tidy(() => tf.matMul(A, B).dataSync());
t = performance.now();
const reps = 5;
for (let i = 0; i < reps; i++) tf.tidy(() => tf.matMul(A, B).dataSync());
const gflops = (reps * 2 * n ** 3) / ((performance.now() - t) / 1000) / 1e9;
const flops = 2 * COHORT * C * EMBEDDING_DIM;
const limitMs = (flops / (gflops * 1e9)) * 1000;
tf.dispose([S, K, A, B]);

const result = {
  backend,
  startups: COHORT,
  candidates: C,
  dims: EMBEDDING_DIM,
  naiveMs,
  naiveSample: NAIVE_SAMPLE,
  perStartupMs,
  batchedMs,
  batchedSpeedup: perStartupMs / batchedMs,
  matmulGflops: gflops,
  physicalLimitMs: limitMs,
  batchedVsLimit: batchedMs / limitMs,
  agreement: Math.abs(checksum - batchedSum) / Math.abs(checksum),
};
// How close the whole pipeline comes: the cohort benchmark's end-to-end rate (when it has run), as the
// time it would take for this many startups, against the same limit.
const cohortFile = new URL('./results/cohort.json', import.meta.url);
const pipelinePerSecond = existsSync(cohortFile) ? (Object.values(JSON.parse(readFileSync(cohortFile, 'utf8')).batched) as { perSecond: number }[]).at(-1)?.perSecond : undefined;
const pipelineMs = pipelinePerSecond ? (COHORT / pipelinePerSecond) * 1000 : null;
Object.assign(result, { pipelineMs, pipelineVsLimit: pipelineMs === null ? null : pipelineMs / limitMs });
console.table({
  [`naive, one query per startup and candidate (${NAIVE_SAMPLE} startups, extrapolated)`]: { ms: naiveMs.toFixed(0), 'speed-up': '1.0' },
  [`per startup, loops (${COHORT} x ${C})`]: { ms: perStartupMs.toFixed(1), 'speed-up': (naiveMs / perStartupMs).toFixed(0) },
  'batched, one tfjs matMul': { ms: batchedMs.toFixed(1), 'speed-up': (naiveMs / batchedMs).toFixed(0) },
  [`physical limit (${(flops / 1e9).toFixed(2)} GFLOP at ${gflops.toFixed(1)} GFLOP/s)`]: { ms: limitMs.toFixed(1), 'batched / limit': result.batchedVsLimit.toFixed(2) },
  ...(pipelineMs === null ? {} : { 'whole pipeline, end to end (cohort bench)': { ms: pipelineMs.toFixed(0), 'pipeline / limit': (pipelineMs / limitMs).toFixed(0) } }),
});
saveResult('scoring', result);
