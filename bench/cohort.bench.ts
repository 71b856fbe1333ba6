// Cohort scoring end to end through BullMQ, against a real `foothold start` process on the embedded
// database: upload (validation of every row), then the queue's jobs until every result is stored.
// Startups per second for 1,000 and 10,000 startups (generated, seeded, from the knowledge base's real
// tags and cities), against the naive path — one job per startup, each with its own read, knowledge check
// and write (COHORT_BATCH_SIZE=1) — and the app's resident memory, idle and under the load.
import { isCurated } from '../engine/kb/schema.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readKbDirectory } from '../sources/kb-files.ts';
import { provideRedis } from '../runtime/redis.ts';
import { DEFAULTS } from '../runtime/config.ts';
import { MAX_COHORT } from '../services/cohort.service.ts';

const COHORT_BATCH_SIZE = DEFAULTS.cohortBatchSize;
import { createKeyWithCli, rssOfPidMb, saveResult, startApp } from './support.ts';

const SIZES = (process.env.BENCH_COHORTS ?? '1000,10000').split(',').map(Number);
const NAIVE_SIZE = Number(process.env.BENCH_NAIVE_COHORT ?? 1000);
const TARGET_PER_SECOND = 200;
const TARGET_RSS_MB = 600;
const STAGES = ['idea', 'pre-seed', 'seed', 'series-a', 'series-b+'];
const { kb } = readKbDirectory();
const random = (() => {
  let a = 42;
  return () => ((a = (a * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
})();

/** Startups generated from the knowledge base's real tags and cities (seeded), after its curated organisations. */
const curated = kb.organizations.filter(isCurated);
const cohort = (n: number) =>
  Array.from({ length: n }, (_, i) => {
    const o = curated[Math.floor(random() * curated.length)]!;
    const tags = [...new Set([o.tags[0]!, kb.taxonomy[Math.floor(random() * kb.taxonomy.length)]!.id])];
    return { name: `Generated ${i}`, description: o.description, tags, stage: STAGES[i % 5], techTeam: { city: o.city, country: o.country }, targetMarkets: ['global'] };
  });

const dir = mkdtempSync(join(tmpdir(), 'foothold-cohort-bench-'));
const redis = await provideRedis(null, join(dir, 'redis'));

interface Run {
  startups: number;
  uploadSeconds: number;
  scoringSeconds: number;
  perSecond: number;
}

/** One app (fresh data directory), the given cohort sizes one after the other; memory sampled throughout. */
async function runApp(label: string, batchSize: number, sizes: number[]) {
  const env = { FOOTHOLD_DATA_DIR: join(dir, label), REDIS_URL: redis.url, COHORT_BATCH_SIZE: String(batchSize) };
  const key = createKeyWithCli(env, 'accelerator');
  const app = await startApp(env);
  await new Promise((r) => setTimeout(r, 2_000)); // settle after start-up
  const idleRss = rssOfPidMb(app.pid);
  let peakRss = idleRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOfPidMb(app.pid))), 200);
  const runs: Record<number, Run> = {};
  for (const size of sizes) {
    const start = performance.now();
    const uploads: { cohortId: string; accepted: number }[] = [];
    for (let from = 0; from < size; from += MAX_COHORT) {
      const body = JSON.stringify({ name: `Bench ${label} ${size} from ${from}`, startups: cohort(Math.min(MAX_COHORT, size - from)) });
      const res = await fetch(`${app.url}/api/v1/cohorts`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body });
      const upload = (await res.json()) as { cohortId: string; accepted: number; error?: unknown };
      if (!res.ok) throw new Error(`upload of ${size} answered ${res.status}: ${JSON.stringify(upload.error)}`);
      uploads.push(upload);
    }
    const uploaded = performance.now();
    for (const upload of uploads)
      for (;;) {
        const p = (await (await fetch(`${app.url}/api/v1/cohorts/${upload.cohortId}`, { headers: { authorization: `Bearer ${key}` } })).json()) as { progress: { pending: number } };
        if (p.progress.pending === 0) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    const done = performance.now();
    const accepted = uploads.reduce((n, u) => n + u.accepted, 0);
    runs[size] = { startups: accepted, uploadSeconds: (uploaded - start) / 1000, scoringSeconds: (done - uploaded) / 1000, perSecond: accepted / ((done - start) / 1000) };
  }
  clearInterval(sampler);
  await app.stop('SIGTERM');
  return { runs, idleRss, peakRss };
}

const batched = await runApp('batched', COHORT_BATCH_SIZE, SIZES);
const naive = await runApp('naive', 1, [NAIVE_SIZE]);
await redis.close();

const naiveRun = naive.runs[NAIVE_SIZE]!;
const table: Record<string, unknown> = {};
for (const [size, r] of Object.entries(batched.runs))
  table[`${size} startups, batches of ${COHORT_BATCH_SIZE}`] = {
    'startups/s': r.perSecond.toFixed(1),
    'upload s': r.uploadSeconds.toFixed(1),
    'scoring s': r.scoringSeconds.toFixed(1),
    target: TARGET_PER_SECOND,
    ratio: (r.perSecond / TARGET_PER_SECOND).toFixed(2),
    'vs naive': (r.perSecond / naiveRun.perSecond).toFixed(2),
  };
table[`${NAIVE_SIZE} startups, naive (one job each)`] = { 'startups/s': naiveRun.perSecond.toFixed(1), 'upload s': naiveRun.uploadSeconds.toFixed(1), 'scoring s': naiveRun.scoringSeconds.toFixed(1), target: TARGET_PER_SECOND, ratio: (naiveRun.perSecond / TARGET_PER_SECOND).toFixed(2), 'vs naive': '1.00' };
console.table(table);
console.table({
  'foothold start, resident memory (MB)': { idle: batched.idleRss.toFixed(0), 'peak under the cohorts': batched.peakRss.toFixed(0), target: TARGET_RSS_MB, 'idle ratio': (batched.idleRss / TARGET_RSS_MB).toFixed(2), 'peak ratio': (batched.peakRss / TARGET_RSS_MB).toFixed(2) },
});
saveResult('cohort', { batchSize: COHORT_BATCH_SIZE, batched: batched.runs, naive: naiveRun, memoryMb: { idle: batched.idleRss, peak: batched.peakRss, target: TARGET_RSS_MB }, targetPerSecond: TARGET_PER_SECOND });
process.exit(0);
