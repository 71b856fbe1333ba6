// kill -9 the process that runs the queue workers in the middle of a 1,000-startup cohort, restart it,
// and check that every startup ends with exactly one result. On the embedded default the workers live in
// the `foothold start` process (PGlite is in-process), so that is the process killed; Redis is a separate
// server (AOF on) that outlives it, as it would in production. Reports the recovery time: from the restart
// to the first new result, and to the cohort's end.
import { isCurated } from '../engine/kb/schema.ts';
import { DEFAULTS } from '../runtime/config.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/connection.ts';
import { readKbDirectory } from '../sources/kb-files.ts';
import { provideRedis } from '../runtime/redis.ts';
import { createKeyWithCli, saveResult, startApp } from './support.ts';

const SIZE = Number(process.env.BENCH_KILL_COHORT ?? 1000);
const KILL_AT = 0.3; // share of results written when the kill comes
const dir = mkdtempSync(join(tmpdir(), 'foothold-kill-'));
// BENCH_DATA_DIR: a data directory to start from (the test passes one holding its seeded knowledge base).
const dataDir = process.env.BENCH_DATA_DIR ?? join(dir, 'data');
const redis = await provideRedis(null, join(dir, 'redis'));
// BENCH_DATABASE_URL: run against a Postgres server instead of the embedded database.
const databaseUrl = process.env.BENCH_DATABASE_URL;
const env = { FOOTHOLD_DATA_DIR: dataDir, REDIS_URL: redis.url, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) };
const key = createKeyWithCli(env, 'accelerator');

const { kb } = readKbDirectory();
const curated = kb.organizations.filter(isCurated); // those with a description and stated fields
const startups = Array.from({ length: SIZE }, (_, i) => {
  const o = curated[(i * 7) % curated.length]!;
  return { name: `Kill ${i}`, description: o.description, tags: o.tags.slice(0, 2), stage: 'seed', techTeam: { city: o.city, country: o.country } };
});
const progress = async (url: string, cohortId: string) =>
  ((await (await fetch(`${url}/api/v1/cohorts/${cohortId}`, { headers: { authorization: `Bearer ${key}` } })).json()) as { progress: { done: number; failed: number; pending: number } }).progress;

let app = await startApp(env);
const res = await fetch(`${app.url}/api/v1/cohorts`, {
  method: 'POST',
  headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
  body: JSON.stringify({ name: 'Kill bench', startups }),
});
const { cohortId } = (await res.json()) as { cohortId: string };
let before = 0;
while ((before = (await progress(app.url, cohortId)).done) < KILL_AT * SIZE) await new Promise((r) => setTimeout(r, 20));
await app.stop('SIGKILL');
const killedAt = performance.now();

app = await startApp(env);
const ready = performance.now();
let firstNew: number | null = null;
for (;;) {
  const p = await progress(app.url, cohortId);
  if (firstNew === null && p.done > before) firstNew = performance.now();
  if (p.pending === 0) break;
  await new Promise((r) => setTimeout(r, 100));
}
const finished = performance.now();
await app.stop('SIGTERM'); // a clean stop, so the database can be opened here to count

const db = await openDatabase(databaseUrl ? { url: databaseUrl } : { dataDir: join(dataDir, 'pgdata'), sharedBuffers: DEFAULTS.embeddedSharedBuffers });
const { rows } = await db.pool.query(
  `SELECT count(*)::int AS members, count(r.startup_id)::int AS results, count(DISTINCT r.startup_id)::int AS startups
   FROM cohort_members m LEFT JOIN advice_results r ON r.startup_id = m.startup_id WHERE m.cohort_id = $1`,
  [cohortId],
);
await db.close();
await redis.close();
const counts = rows[0] as { members: number; results: number; startups: number };
const exactlyOnce = counts.members === SIZE && counts.results === SIZE && counts.startups === SIZE;
const result = {
  cohort: SIZE,
  resultsBeforeKill: before,
  restartSeconds: (ready - killedAt) / 1000,
  firstNewResultSeconds: firstNew === null ? null : (firstNew - ready) / 1000,
  restartToCompleteSeconds: (finished - ready) / 1000,
  ...counts,
  exactlyOnce,
};
console.table({
  'kill -9 mid-cohort': {
    cohort: SIZE,
    'results at kill': before,
    'restart s': result.restartSeconds.toFixed(1),
    'first new result s': result.firstNewResultSeconds?.toFixed(1) ?? '-',
    'restart to complete s': result.restartToCompleteSeconds.toFixed(1),
    results: counts.results,
    'distinct startups': counts.startups,
    'exactly once': exactlyOnce,
  },
});
// The test suite runs this with a small cohort (test/integration/worker-kill.test.ts) and reads the last line.
if (process.env.BENCH_NO_SAVE) console.log(JSON.stringify(result));
else saveResult('worker-kill', result);
process.exit(exactlyOnce ? 0 : 1);
