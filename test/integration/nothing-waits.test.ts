// No state that waits for ever: an upload during a Redis outage stores nothing (503) and goes through once
// Redis is back; jobs lost with Redis, or ended without a result, are queued again by the reconciler; an
// edited cohort member is scored again; a private Redis that dies is restarted and the cohort completes.
// Real PGlite, a real private redis-server, real BullMQ workers, real HTTP.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createApiKey } from '../../db/repositories/accounts.repository.ts';
import { client } from '../helpers/client.ts';
import { openTestStack, type TestStack } from '../helpers/stack.ts';

let t: TestStack;
let key: string;
const { call, events } = client(() => t.url);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const row = (i: number) => ({ name: `Heal ${i}`, description: 'Payments and credit for small shops', tags: ['fintech'], stage: 'seed', techTeam: { city: 'Gent', country: 'BE' } });

beforeAll(async () => {
  // The reconciler looks every second and redoes work a second old (the product: every minute, 30 s).
  t = await openTestStack({ reconcileGraceSeconds: 1, reconcileIntervalMs: 1_000 });
  const account = await createAccount(t.db.pool, 'Accelerator', 'accelerator');
  key = (await createApiKey(t.db.pool, account.id)).key;
});
afterAll(() => t?.close());

/** Results per member of a cohort: how many rows, how many distinct startups. */
const results = async (cohortId: string) =>
  (
    await t.db.pool.query(
      `SELECT count(r.startup_id)::int AS results, count(DISTINCT m.startup_id)::int AS members, count(DISTINCT r.startup_id)::int AS advised
       FROM cohort_members m LEFT JOIN advice_results r ON r.startup_id = m.startup_id WHERE m.cohort_id = $1`,
      [cohortId],
    )
  ).rows[0] as { results: number; members: number; advised: number };

async function until<T>(check: () => Promise<T>, done: (v: T) => boolean, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  let v = await check();
  while (!done(v) && Date.now() < end) {
    await sleep(200);
    v = await check();
  }
  return v;
}

const redisPid = () => Number(readFileSync(join(t.redis.dir, 'redis', 'redis.pid'), 'utf8'));

describe('an upload while Redis is down', () => {
  it('stores nothing and answers 503; sent again once Redis is back, every valid row gets exactly one result', async () => {
    const before = (await t.db.pool.query('SELECT count(*)::int AS n FROM startups')).rows[0].n;
    const cohort = { name: 'During the outage', startups: [...Array.from({ length: 60 }, (_, i) => row(i)), { name: 'Bad', techTeam: { city: 'Atlantis', country: 'BE' } }] };
    process.kill(redisPid(), 'SIGSTOP'); // Redis stops answering (the supervisor sees no exit)
    try {
      await sleep(300);
      const down = await call('POST', '/api/v1/cohorts', key, cohort);
      expect(down.status).toBe(503);
      expect(down.body.error.code).toBe('queue_unavailable');
      expect((await t.db.pool.query('SELECT count(*)::int AS n FROM startups')).rows[0].n).toBe(before);
      expect((await t.db.pool.query("SELECT count(*)::int AS n FROM cohorts WHERE name = 'During the outage'")).rows[0].n).toBe(0);
      // An advice stream opened now ends with `unavailable` instead of hanging.
    } finally {
      process.kill(redisPid(), 'SIGCONT');
    }
    const again = await until(() => call('POST', '/api/v1/cohorts', key, cohort), (r) => r.status !== 503, 20_000);
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ accepted: 60, duplicate: false });
    expect(again.body.rejected).toHaveLength(1);
    const final = await until(() => results(again.body.cohortId), (r) => r.advised === 60, 60_000);
    expect(final).toEqual({ results: 60, members: 60, advised: 60 });
  }, 120_000);
});

describe('jobs that are lost, or end without a result', () => {
  it('are queued again by the reconciler: every startup ends with exactly one result', async () => {
    // A cohort whose jobs Redis forgot (a flush stands for a Redis that lost its data, or never got the jobs).
    const flush = new Redis(t.redis.url);
    await t.stack.worker!.worker.pause();
    const upload = await call('POST', '/api/v1/cohorts', key, { name: 'Lost jobs', startups: Array.from({ length: 80 }, (_, i) => row(1000 + i)) });
    expect(upload.status).toBe(202);
    await flush.flushall();
    flush.disconnect();
    t.stack.worker!.worker.resume();
    const final = await until(() => results(upload.body.cohortId), (r) => r.advised === 80, 60_000);
    expect(final).toEqual({ results: 80, members: 80, advised: 80 });
    const progress = await call('GET', `/api/v1/cohorts/${upload.body.cohortId}`, key);
    expect(progress.body.progress).toMatchObject({ total: 80, done: 80, pending: 0 });
  }, 90_000);
});

describe('an edited cohort member', () => {
  it('is scored again on its new profile, and the cohort reaches done again', async () => {
    const upload = await call('POST', '/api/v1/cohorts', key, { name: 'Edited', startups: Array.from({ length: 5 }, (_, i) => row(2000 + i)) });
    const first = await events(`/api/v1/cohorts/${upload.body.cohortId}/events`, key);
    expect(first.at(-1)!.event).toBe('done');
    const members = await call('GET', `/api/v1/cohorts/${upload.body.cohortId}/results`, key);
    const member = members.body.items[0].startupId;
    const edited = await call('PUT', `/api/v1/startups/${member}`, key, { ...row(2000), stage: 'series-a', targetMarkets: ['US'] });
    expect(edited.body.profileVersion).toBe(2);
    const second = await events(`/api/v1/cohorts/${upload.body.cohortId}/events`, key);
    expect(second.at(-1)).toMatchObject({ event: 'done', data: { total: 5, done: 5, pending: 0 } });
    const advice = await call('GET', `/api/v1/startups/${member}/advice`, key);
    expect(advice.body).toMatchObject({ engineVersion: 'advice-1', profileVersion: 2 });
  }, 60_000);
});

describe('the private Redis dies mid-cohort', () => {
  it('is started again, /health says so, and the cohort completes with exactly one result per startup', async () => {
    const upload = await call('POST', '/api/v1/cohorts', key, { name: 'Redis dies', startups: Array.from({ length: 150 }, (_, i) => row(3000 + i)) });
    expect(upload.status).toBe(202);
    await until(() => results(upload.body.cohortId), (r) => r.advised >= 25, 30_000);
    const pid = redisPid();
    process.kill(pid, 'SIGKILL');
    const health = await until(
      async () => (await fetch(`${t.url}/health`)).json() as Promise<any>,
      (h) => h.status === 'ok' && h.redis.private?.restarts >= 1,
      30_000,
    );
    expect(health).toMatchObject({ status: 'ok', redis: { status: 'ok', private: { restarts: 1 } } });
    expect(redisPid()).not.toBe(pid);
    const final = await until(() => results(upload.body.cohortId), (r) => r.advised === 150, 90_000);
    expect(final).toEqual({ results: 150, members: 150, advised: 150 });
  }, 150_000);
});

describe('event streams', () => {
  it('end with `unavailable` when the queue cannot be reached', async () => {
    const founder = await createAccount(t.db.pool, 'Founder', 'founder');
    const founderKey = (await createApiKey(t.db.pool, founder.id)).key;
    const created = await call('POST', '/api/v1/startups', founderKey, row(4000));
    process.kill(redisPid(), 'SIGSTOP');
    try {
      await sleep(300);
      const stream = await events(`/api/v1/startups/${created.body.id}/advice/events`, founderKey);
      expect(stream.at(-1)).toMatchObject({ event: 'unavailable', data: { code: 'queue_unavailable' } });
      const advice = await call('GET', `/api/v1/startups/${created.body.id}/advice`, founderKey);
      expect([advice.status, advice.body.error.code]).toEqual([503, 'queue_unavailable']);
    } finally {
      process.kill(redisPid(), 'SIGCONT');
    }
  }, 60_000);

  it('are capped per key, and all the streams of one cohort share one poller', async () => {
    const upload = await call('POST', '/api/v1/cohorts', key, { name: 'Watched', startups: Array.from({ length: 3 }, (_, i) => row(5000 + i)) });
    await events(`/api/v1/cohorts/${upload.body.cohortId}/events`, key); // done
    t.stack.worker!.worker.pause();
    const slow = await call('POST', '/api/v1/cohorts', key, { name: 'Watched slowly', startups: Array.from({ length: 3 }, (_, i) => row(5100 + i)) });
    const controllers = Array.from({ length: 6 }, () => new AbortController());
    const opened = await Promise.all(controllers.map((c) => fetch(`${t.url}/api/v1/cohorts/${slow.body.cohortId}/events`, { headers: { authorization: `Bearer ${key}` }, signal: c.signal })));
    expect(opened.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 429]);
    expect(t.stack.context.cohorts.watching()).toBe(1);
    for (const c of controllers) c.abort();
    await sleep(300);
    expect(t.stack.context.cohorts.watching()).toBe(0);
    t.stack.worker!.worker.resume();
  }, 60_000);
});
