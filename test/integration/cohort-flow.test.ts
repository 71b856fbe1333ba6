import { isCurated } from '../../engine/kb/schema.ts';
import { inspectQueue } from '../helpers/queue.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createApiKey } from '../../db/repositories/accounts.repository.ts';
import type { Role } from '../../engine/accounts.ts';
import { readKbDirectory } from '../../sources/kb-files.ts';
import { client } from '../helpers/client.ts';
import { openTestStack, type TestStack } from '../helpers/stack.ts';

let t: TestStack;
const keys: Record<string, string> = {};
const STAGES = ['idea', 'pre-seed', 'seed', 'series-a', 'series-b+'];

/** A cohort built from the knowledge base's real descriptions, tags and cities (deterministic). */
function cohortOf(n: number) {
  const orgs = readKbDirectory().kb.organizations.filter(isCurated); // those with a description and stated fields
  return Array.from({ length: n }, (_, i) => {
    const o = orgs[(i * 7) % orgs.length]!;
    return { name: `Startup ${i}`, description: o.description, tags: o.tags.slice(0, 2), stage: STAGES[i % STAGES.length], techTeam: { city: o.city, country: o.country } };
  });
}

const { call, events } = client(() => t.url);
/** Progress events flattened: {event, ...data}. */
const progressEvents = async (path: string, key: string) => (await events(path, key)).map((e) => ({ event: e.event, ...e.data }));

beforeAll(async () => {
  t = await openTestStack({ workerOptions: { concurrency: 4 } });
  for (const [name, role] of [['accelerator', 'accelerator'], ['rival', 'accelerator'], ['founder', 'founder']] as [string, Role][]) {
    const account = await createAccount(t.db.pool, name, role);
    keys[name] = (await createApiKey(t.db.pool, account.id)).key;
  }
}, 180_000);
afterAll(() => t?.close());

describe('an accelerator scores a cohort', () => {
  let cohortId: string;
  const startups = [...cohortOf(200), { name: 'Nowhere Inc', description: 'robots', techTeam: { city: 'Atlantis', country: 'NL' } }, { description: 'no name' }];

  it('uploads 202 startups: 200 go ahead, the report names the 2 bad rows', async () => {
    const r = await call('POST', '/api/v1/cohorts', keys.accelerator!, { name: 'Spring batch', startups });
    expect(r.status).toBe(202);
    expect(r.body.accepted).toBe(200);
    expect(r.body.rejected.map((x: any) => x.row)).toEqual([201, 202]);
    expect(r.body.rejected[0].problems[0].message).toMatch(/Atlantis/);
    expect(r.body.rejected[1].problems.map((p: any) => p.path)).toContain('name');
    cohortId = r.body.cohortId;
  });
  it('streams progress until every startup has a result', async () => {
    const events = await progressEvents(`/api/v1/cohorts/${cohortId}/events`, keys.accelerator!);
    const last = events.at(-1);
    expect(last).toMatchObject({ event: 'done', total: 200, pending: 0, percent: 100 });
    expect(last.done + last.failed).toBe(200);
    const percents = events.map((e) => e.percent);
    expect([...percents].sort((a, b) => a - b)).toEqual(percents); // never goes back
  }, 120_000);
  it('has exactly one result per startup', async () => {
    const { rows } = await t.db.pool.query(
      `SELECT count(*)::int AS results, count(DISTINCT r.startup_id)::int AS startups FROM advice_results r
        JOIN cohort_members m ON m.startup_id = r.startup_id WHERE m.cohort_id = $1`,
      [cohortId],
    );
    expect(rows[0]).toEqual({ results: 200, startups: 200 });
  });
  it('summarises what the cohort shares', async () => {
    const s = await call('GET', `/api/v1/cohorts/${cohortId}/summary`, keys.accelerator!);
    expect(s.body.progress.percent).toBe(100);
    expect(s.body.recommendedClusters.reduce((n: number, c: any) => n + c.startups, 0)).toBeGreaterThan(0);
    expect(s.body.sharedPartners.length).toBeGreaterThan(0);
    expect(s.body.sharedPartners[0].startups).toBeGreaterThan(1);
  });
  it('exports results as JSON and CSV', async () => {
    const json = await call('GET', `/api/v1/cohorts/${cohortId}/results`, keys.accelerator!);
    expect(json.body.items).toHaveLength(200);
    expect(json.body.items[0]).toMatchObject({ row: 1, name: 'Startup 0', status: 'done' });
    const csv = await call('GET', `/api/v1/cohorts/${cohortId}/results?format=csv`, keys.accelerator!);
    expect(csv.text.split('\r\n')[0]).toBe('row,startupId,name,status,pattern,executivePlace,technicalPlace,firstBridge,topCorporate,topUniversity,error');
    expect(csv.text.trim().split('\r\n')).toHaveLength(201);
  });
  it('creates nothing new when the same cohort is submitted twice', async () => {
    const before = (await t.db.pool.query('SELECT count(*)::int AS n FROM startups')).rows[0].n;
    const queue = inspectQueue(t.redis.url);
    const jobsBefore = await queue.getJobCounts();
    const again = await call('POST', '/api/v1/cohorts', keys.accelerator!, { name: 'Spring batch', startups });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ cohortId, duplicate: true });
    expect((await t.db.pool.query('SELECT count(*)::int AS n FROM startups')).rows[0].n).toBe(before);
    expect(await queue.getJobCounts()).toEqual(jobsBefore);
    await queue.close();
  });
  it('keeps cohorts to their account', async () => {
    for (const path of [`/api/v1/cohorts/${cohortId}`, `/api/v1/cohorts/${cohortId}/results`, `/api/v1/cohorts/${cohortId}/summary`, `/api/v1/cohorts/${cohortId}/events`]) {
      expect((await call('GET', path, keys.rival!)).status).toBe(404);
      expect((await call('GET', path, keys.founder!)).status).toBe(403);
    }
  });
});

describe('cohort uploads as CSV', () => {
  const header = 'name,description,tags,stage,techCity,techCountry,targetMarkets\n';
  it('neutralises formula cells on export', async () => {
    const r = await call('POST', '/api/v1/cohorts?name=CSV%20batch', keys.accelerator!, header + '"=HYPERLINK(""http://evil.example"",""x"")",Payments for small shops,fintech,seed,Gent,BE,EU;US\n', 'text/csv');
    expect(r.status).toBe(202);
    await progressEvents(`/api/v1/cohorts/${r.body.cohortId}/events`, keys.accelerator!);
    const csv = await call('GET', `/api/v1/cohorts/${r.body.cohortId}/results?format=csv`, keys.accelerator!);
    expect(csv.text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
  }, 60_000);
  it('names missing columns', async () => {
    const r = await call('POST', '/api/v1/cohorts?name=x', keys.accelerator!, 'name,description\nA,b\n', 'text/csv');
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/missing column\(s\): techCity, techCountry/);
  });
  it('refuses text that is not UTF-8', async () => {
    const latin1 = Buffer.from(header + 'Caf\xe9 Lab,Des caf\xe9s,foodtech,seed,Gent,BE,EU\n', 'latin1');
    const r = await call('POST', '/api/v1/cohorts?name=x', keys.accelerator!, new Uint8Array(latin1), 'text/csv');
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/not UTF-8/);
  });
  it('refuses more than 5,000 startups with 413', async () => {
    const rows = Array.from({ length: 5001 }, (_, i) => `S${i},Payments,fintech,seed,Gent,BE,EU`).join('\n');
    const r = await call('POST', '/api/v1/cohorts?name=big', keys.accelerator!, header + rows + '\n', 'text/csv');
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('cohort_too_large');
  });
});
