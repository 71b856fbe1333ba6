import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createApiKey } from '../../db/repositories/accounts.repository.ts';
import type { Database } from '../../db/connection.ts';
import { createLogger } from '../../runtime/logger.ts';
import { provideRedis, type RedisHandle } from '../../runtime/redis.ts';
import { openStack, type Stack } from '../../boot/stack.ts';
import { freshDatabase } from '../helpers/db.ts';
import { listen } from '../helpers/http.ts';

let db: Database;
let redis: RedisHandle;
let stack: Stack;
let http: Awaited<ReturnType<typeof listen>>;
let key: string;
const redisDir = mkdtempSync(join(tmpdir(), 'foothold-outage-'));

beforeAll(async () => {
  db = await freshDatabase();
  redis = await provideRedis(null, redisDir);
  stack = await openStack({ pool: db.pool, redisUrl: redis.url, logger: createLogger('silent'), workers: true });
  http = await listen(stack.app);
  const account = await createAccount(db.pool, 'Founder', 'founder');
  key = (await createApiKey(db.pool, account.id)).key;
});
afterAll(async () => {
  await http?.close();
  await stack?.close();
  await redis?.close();
  await db?.close();
});

const post = (path: string, body?: unknown) =>
  fetch(http.url + path, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });

describe('Redis goes down and comes back', () => {
  it('answers 503 while it is down and recovers by itself when it is back', async () => {
    const created = await (await post('/api/v1/startups', { name: 'Resilient', description: 'Payments for small shops', tags: ['fintech'], techTeam: { city: 'Gent', country: 'BE' } })).json() as { id: string };
    await redis.close();
    await new Promise((r) => setTimeout(r, 300));
    const down = await post(`/api/v1/startups/${created.id}/advice`);
    expect(down.status).toBe(503);
    expect(((await down.json()) as any).error.message).toMatch(/queue is unavailable/);
    expect((await fetch(`${http.url}/health`)).status).toBe(503);

    const port = Number(new URL(redis.url).port);
    redis = await provideRedis(null, redisDir, { port });
    // Each connection reconnects on its own schedule (ioredis backs off up to 2 s): both come back.
    const deadline = Date.now() + 20_000;
    let status = 0;
    let health = 0;
    while (Date.now() < deadline && (status !== 202 || health !== 200)) {
      await new Promise((r) => setTimeout(r, 250));
      if (status !== 202) status = (await post(`/api/v1/startups/${created.id}/advice`)).status;
      health = (await fetch(`${http.url}/health`)).status;
    }
    expect(status).toBe(202);
    expect(health).toBe(200);
  }, 60_000);
});

describe('Redis restarts in the middle of a cohort', () => {
  it('loses no job: every startup ends with exactly one result', async () => {
    const account = await createAccount(db.pool, 'Accelerator', 'accelerator');
    const accKey = (await createApiKey(db.pool, account.id)).key;
    const startups = Array.from({ length: 80 }, (_, i) => ({ name: `Restart ${i}`, description: 'Payments and credit for small shops', tags: ['fintech'], stage: 'seed', techTeam: { city: 'Gent', country: 'BE' } }));
    const res = await fetch(`${http.url}/api/v1/cohorts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Restart cohort', startups }),
    });
    const { cohortId } = (await res.json()) as { cohortId: string };
    const results = async () =>
      (
        await db.pool.query(
          `SELECT count(r.startup_id)::int AS n, count(DISTINCT r.startup_id)::int AS d FROM cohort_members m
           LEFT JOIN advice_results r ON r.startup_id = m.startup_id WHERE m.cohort_id = $1`,
          [cohortId],
        )
      ).rows[0] as { n: number; d: number };
    while ((await results()).n < 10) await new Promise((r) => setTimeout(r, 50));
    const port = Number(new URL(redis.url).port);
    await redis.close(); // SIGTERM: Redis writes its append-only file and stops
    await new Promise((r) => setTimeout(r, 500));
    redis = await provideRedis(null, redisDir, { port });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && (await results()).n < 80) await new Promise((r) => setTimeout(r, 200));
    expect(await results()).toEqual({ n: 80, d: 80 });
    // The workers keep consuming after the restart: the cohort's parent job runs and completes. (This test's
    // own queue client may still be reconnecting: it fails fast rather than queue commands.)
    const parentState = () => stack.jobs.status(`cohort-${cohortId}`).then((j) => j?.state, () => 'unreachable');
    const until = Date.now() + 30_000;
    let state = await parentState();
    while (Date.now() < until && state !== 'completed') {
      await new Promise((r) => setTimeout(r, 200));
      state = await parentState();
    }
    expect(state).toBe('completed');
  }, 90_000);
});
