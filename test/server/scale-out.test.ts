// Scale-out and outages on a real PostgreSQL server with pgvector (run in the `server` project only):
// `foothold start` and two `foothold worker` processes share one database and one Redis; a worker is killed
// with kill -9, Postgres is restarted, and Postgres is away for 15 seconds — each mid-cohort — and every
// startup still ends with exactly one result. While the database is away the API answers 503, never 500,
// and it recovers by itself. Two processes starting together on an empty database migrate and seed once.
// The database is a cluster of this file's own (scripts/test-postgres.sh), so stopping it disturbs no other test.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMigrations } from '../../db/migrate.ts';
import { provideRedis, type RedisHandle } from '../../runtime/redis.ts';
import { inspectQueue } from '../helpers/queue.ts';
import { foothold, type RunningFoothold, startFoothold, startWorkerProcess } from '../helpers/process.ts';

const SCRIPT = new URL('../../scripts/test-postgres.sh', import.meta.url).pathname;
const clusterDir = mkdtempSync(join(tmpdir(), 'foothold-outage-pg-'));
const postgres = (action: 'setup' | 'url' | 'stop' | 'start' | 'restart') => {
  const run = spawnSync('bash', [SCRIPT, action], { env: { ...process.env, FOOTHOLD_TEST_PG: clusterDir }, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`test-postgres.sh ${action}: ${run.stderr}`);
  return run.stdout.trim();
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let adminUrl: string;
let redis: RedisHandle;
let api: RunningFoothold;
const workers: RunningFoothold[] = [];
let env: Record<string, string>;
let key: string;

async function sql<T>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

async function createDatabase(name: string): Promise<string> {
  await sql(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

beforeAll(async () => {
  postgres('setup');
  adminUrl = postgres('url');
  redis = await provideRedis(null, mkdtempSync(join(tmpdir(), 'foothold-scale-redis-')));
  env = { DATABASE_URL: await createDatabase('foothold'), REDIS_URL: redis.url, FOOTHOLD_DATA_DIR: mkdtempSync(join(tmpdir(), 'foothold-scale-')) };
  api = await startFoothold({ ...env, LOG_LEVEL: 'info' });
  workers.push(await startWorkerProcess(env), await startWorkerProcess(env));
  key = /API key \(shown only now\): (fh_\S+)/.exec((await foothold(['keys', 'create', '--role', 'accelerator', '--name', 'Scale'], env)).stdout)![1]!;
}, 300_000);

afterAll(async () => {
  for (const p of [api, ...workers]) await p?.stop('SIGKILL');
  await redis?.close();
  postgres('stop');
  rmSync(clusterDir, { recursive: true, force: true });
});

const cohort = (name: string, size: number) =>
  Array.from({ length: size }, (_, i) => ({ name: `${name} ${i}`, description: 'Sensors and software that cut the energy use of greenhouses', tags: ['agrifood', 'iot-telecom'], stage: 'seed', techTeam: { city: 'Wageningen', country: 'NL' } }));

async function upload(name: string, size: number): Promise<string> {
  const res = await fetch(`${api.url}/api/v1/cohorts`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ name, startups: cohort(name, size) }) });
  expect(res.status).toBe(202);
  return ((await res.json()) as { cohortId: string }).cohortId;
}

/** Rows, distinct startups with a result, and members of a cohort (null while the database is away). */
const counts = (cohortId: string) =>
  sql<{ results: number; advised: number; members: number }>(
    env.DATABASE_URL!,
    `SELECT count(r.startup_id)::int AS results, count(DISTINCT r.startup_id)::int AS advised, count(DISTINCT m.startup_id)::int AS members
     FROM cohort_members m LEFT JOIN advice_results r ON r.startup_id = m.startup_id WHERE m.cohort_id = $1`,
    [cohortId],
  ).then((rows) => rows[0]!, () => null);

async function until(cohortId: string, check: (c: { results: number; advised: number; members: number }) => boolean, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  let c = await counts(cohortId);
  while ((!c || !check(c)) && Date.now() < end) {
    await sleep(250);
    c = await counts(cohortId);
  }
  return c;
}

describe('three processes on one Postgres server and one Redis', () => {
  it('share a cohort: every startup gets exactly one result, and all three did work', async () => {
    const cohortId = await upload('Shared', 600);
    const final = await until(cohortId, (c) => c.advised === 600, 120_000);
    expect(final).toEqual({ results: 600, advised: 600, members: 600 });
    const queue = inspectQueue(redis.url);
    const jobs = await queue.getJobs(['completed'], 0, 1000);
    await queue.close();
    const by = new Set(jobs.filter((j) => j.name === 'advise-batch' && j.data.cohortId === cohortId).map((j) => j.processedBy?.split(':')[1]));
    expect(by.size).toBe(3);
  }, 180_000);

  it('finish a cohort after a kill -9 of a worker process, each startup exactly once', async () => {
    const cohortId = await upload('Killed', 600);
    await until(cohortId, (c) => c.advised >= 100, 60_000);
    await workers[0]!.stop('SIGKILL');
    const final = await until(cohortId, (c) => c.advised === 600, 120_000);
    expect(final).toEqual({ results: 600, advised: 600, members: 600 });
    workers[0] = await startWorkerProcess(env);
  }, 240_000);

  it('finish a cohort across a restart of Postgres, each startup exactly once', async () => {
    const cohortId = await upload('Restart', 600);
    await until(cohortId, (c) => c.advised >= 100, 60_000);
    postgres('restart');
    const final = await until(cohortId, (c) => c.advised === 600, 120_000);
    expect(final).toEqual({ results: 600, advised: 600, members: 600 });
  }, 240_000);

  it('answer 503 (never 500) through a 15-second outage of Postgres, recover by themselves, and lose no result', async () => {
    const cohortId = await upload('Outage', 600);
    await until(cohortId, (c) => c.advised >= 100, 60_000);
    postgres('stop');
    const stoppedAt = Date.now();
    const statuses = new Set<number>();
    const auth = { authorization: `Bearer ${key}` };
    while (Date.now() - stoppedAt < 15_000) {
      for (const [path, init] of [
        [`/api/v1/cohorts/${cohortId}`, { headers: auth }],
        ['/api/v1/startups', { headers: auth }],
        ['/api/v1/clusters?limit=1', {}],
        ['/health', {}],
      ] as const)
        statuses.add((await fetch(`${api.url}${path}`, init)).status);
      await sleep(1_000);
    }
    postgres('start');
    expect([...statuses].sort()).toEqual([503]);
    const final = await until(cohortId, (c) => c.advised === 600, 180_000);
    expect(final).toEqual({ results: 600, advised: 600, members: 600 });
    const health = await fetch(`${api.url}/health`);
    expect(health.status).toBe(200);
    expect(api.output()).not.toMatch(/"statusCode":500/);
  }, 300_000);
});

describe('two processes starting together on an empty database', () => {
  it('migrate and seed it once, and create one admin', async () => {
    const url = await createDatabase('foothold_twins');
    const shared = { DATABASE_URL: url, REDIS_URL: redis.url, LOG_LEVEL: 'info' };
    const [a, b] = await Promise.all([
      startFoothold({ ...shared, FOOTHOLD_DATA_DIR: mkdtempSync(join(tmpdir(), 'foothold-twin-')) }),
      startFoothold({ ...shared, FOOTHOLD_DATA_DIR: mkdtempSync(join(tmpdir(), 'foothold-twin-')) }),
    ]);
    try {
      const outputs = [a.output(), b.output()];
      expect(outputs.filter((o) => /knowledge base derived and stored/.test(o))).toHaveLength(1);
      expect(outputs.filter((o) => /Created the local admin account/.test(o))).toHaveLength(1);
      expect(await sql(url, "SELECT count(*)::int AS n FROM accounts WHERE role = 'admin'")).toEqual([{ n: 1 }]);
      const migrations = readMigrations().length;
      expect(await sql(url, 'SELECT count(*)::int AS n, count(DISTINCT version)::int AS d FROM schema_migrations')).toEqual([{ n: migrations, d: migrations }]);
      expect(await sql(url, "SELECT count(*) FILTER (WHERE origin = 'curated')::int AS curated, (count(*) >= 400) AS world FROM clusters")).toEqual([{ curated: 88, world: true }]);
    } finally {
      await a.stop('SIGTERM');
      await b.stop('SIGTERM');
    }
  }, 240_000);
});
