// Every bad input is a 4xx in the documented format, never a 500: a replay of hundreds of malformed,
// hostile and odd requests against every endpoint, over real HTTP, on the real stack.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createApiKey } from '../../db/repositories/accounts.repository.ts';
import type { Role } from '../../engine/accounts.ts';
import { openTestStack, type TestStack } from '../helpers/stack.ts';

let t: TestStack;
const keys: Record<string, string> = {};
const ids: Record<string, string> = {};

const profile = { name: 'Probe', description: 'Payments for small shops', tags: ['fintech'], techTeam: { city: 'Gent', country: 'BE' } };

beforeAll(async () => {
  t = await openTestStack();
  for (const role of ['founder', 'accelerator', 'corporate', 'admin'] as Role[]) {
    const account = await createAccount(t.db.pool, role, role);
    keys[role] = (await createApiKey(t.db.pool, account.id)).key;
  }
  const created = await send({ method: 'POST', path: '/api/v1/startups', key: keys.founder, json: { ...profile, discoverable: true } });
  ids.startup = JSON.parse(created.text).id;
});
afterAll(() => t?.close());

interface Probe {
  method: string;
  path: string;
  key?: string;
  json?: unknown;
  body?: string | Buffer;
  headers?: Record<string, string>;
}

async function send(p: Probe): Promise<{ status: number; text: string; type: string }> {
  const headers: Record<string, string> = { ...(p.key ? { authorization: `Bearer ${p.key}` } : {}), ...(p.json !== undefined ? { 'content-type': 'application/json' } : {}), ...p.headers };
  const res = await fetch(t.url + p.path, { method: p.method, headers, body: (p.json !== undefined ? JSON.stringify(p.json) : p.body) as BodyInit | undefined });
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') ?? '' };
}

const deep = (n: number): unknown => {
  let v: unknown = 'bottom';
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
};
/** JSON text nested n levels deep (JSON.stringify itself cannot write that deep). */
const deepText = (n: number) => `${'{"a":'.repeat(n)}"bottom"${'}'.repeat(n)}`;
const nul = 'Acme\u0000Labs';
const lone = 'Acme \ud800 Labs';
const strings = [nul, lone, 'x'.repeat(100_000), '<script>alert(1)</script>', "'; DROP TABLE startups; --", '../../../etc/passwd', '\u202e\u0007bell', '🚀'.repeat(50), '', ' '];
const numbers = [1e308, -1, Number.MAX_SAFE_INTEGER, 0.5, 1e-320];
const prototypeKeys = [JSON.parse('{"__proto__": {"admin": true}}'), { constructor: { prototype: { x: 1 } } }];

/** Bodies that are broken as bytes: every JSON endpoint gets each of them. */
const brokenBodies: Omit<Probe, 'method' | 'path' | 'key'>[] = [
  { body: '{"name": ', headers: { 'content-type': 'application/json' } },
  { body: '[1, 2', headers: { 'content-type': 'application/json' } },
  { body: 'null', headers: { 'content-type': 'application/json' } },
  { body: '"just a string"', headers: { 'content-type': 'application/json' } },
  { body: '{"name": "x"}', headers: { 'content-type': 'application/json; charset=latin1' } },
  { body: '{"name": "x"}', headers: { 'content-type': 'application/json; charset=utf-16' } },
  { body: Buffer.from('not gzip at all'), headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } },
  { body: Buffer.from('{"name":"x"}'), headers: { 'content-type': 'application/json', 'content-encoding': 'br' } },
  { body: gzipSync(Buffer.from('{"name":')), headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } },
  { body: Buffer.from([0xff, 0xfe, 0x7b, 0x00]), headers: { 'content-type': 'application/json' } },
  { body: 'x'.repeat(200_000), headers: { 'content-type': 'application/json' } },
  { body: deepText(10_000), headers: { 'content-type': 'application/json' } },
];

/** A cohort of one good row, a NUL in a name, a lone surrogate in a description and a row 10,000 levels deep. */
const mixedRows = (name: string) =>
  `{"name":${JSON.stringify(name)},"startups":[${[profile, { ...profile, name: nul }, { ...profile, description: lone }].map((r) => JSON.stringify(r)).join(',')},${deepText(10_000)}]}`;

function probes(): Probe[] {
  const list: Probe[] = [];
  const jsonEndpoints: { method: string; path: string; key: string; base: Record<string, unknown> }[] = [
    { method: 'POST', path: '/api/v1/startups', key: keys.founder!, base: profile },
    { method: 'PUT', path: `/api/v1/startups/${ids.startup}`, key: keys.founder!, base: profile },
    { method: 'POST', path: '/api/v1/tags/suggest', key: keys.founder!, base: { description: 'Gene therapy' } },
    { method: 'POST', path: '/api/v1/cohorts', key: keys.accelerator!, base: { name: 'Batch', startups: [profile] } },
    { method: 'POST', path: '/api/v1/search/startups', key: keys.corporate!, base: { text: 'payments', tags: ['fintech'] } },
    { method: 'POST', path: '/api/v1/introductions', key: keys.corporate!, base: { startupId: ids.startup, message: 'Hello' } },
    { method: 'POST', path: '/api/v1/kb/import', key: keys.admin!, base: { format: 'foothold-kb/1', kind: 'organizations', compiled: 2025, records: [] } },
  ];
  for (const e of jsonEndpoints) {
    for (const broken of brokenBodies) list.push({ method: e.method, path: e.path, key: e.key, ...broken });
    // Every field of the valid body replaced by each odd value, and by a bad key or nesting.
    for (const field of Object.keys(e.base)) {
      for (const s of strings) list.push({ method: e.method, path: e.path, key: e.key, json: { ...e.base, [field]: s } });
      for (const n of numbers) list.push({ method: e.method, path: e.path, key: e.key, json: { ...e.base, [field]: n } });
      list.push({ method: e.method, path: e.path, key: e.key, json: { ...e.base, [field]: deep(50) } });
      list.push({ method: e.method, path: e.path, key: e.key, json: { ...e.base, [field]: [[[[[]]]]] } });
    }
    for (const extra of prototypeKeys) list.push({ method: e.method, path: e.path, key: e.key, json: { ...e.base, ...extra } });
    list.push({ method: e.method, path: e.path, key: e.key, json: { ...e.base, [nul]: 1 } });
  }
  // Profiles with odd nested values: places, weights, constraints, markets.
  const odd: Record<string, unknown>[] = [
    { techTeam: { city: nul, country: 'BE' } },
    { techTeam: { city: lone, country: 'BE' } },
    { techTeam: { city: 'Gent', country: 'B\u0000' } },
    { techTeam: { city: '../../etc', country: '..' } },
    { weights: { executive: { capital: 1e308 } } },
    { weights: { executive: { capital: 0, fields: 0 } } },
    { weights: { technical: { talent: -1 } } },
    { weights: { executive: { capital: 'NaN' } } },
    { targetMarkets: [] },
    { targetMarkets: Array.from({ length: 100 }, () => 'US') },
    { tags: Array.from({ length: 100 }, () => 'fintech') },
    { tags: ['Fin Tech'] },
    { constraints: { maxTimezoneDifferenceHours: 1e308 } },
    { constraints: { allowedCountries: [] } },
    { needs: { capital: 2 } },
    { stage: 'unicorn' },
    { description: 'x'.repeat(5001) },
  ];
  for (const o of odd) {
    list.push({ method: 'POST', path: '/api/v1/startups', key: keys.founder!, json: { ...profile, ...o } });
    list.push({ method: 'POST', path: '/api/v1/cohorts', key: keys.accelerator!, json: { name: 'Odd', startups: [{ ...profile, ...o }] } });
  }
  // Cohorts: rows of text that cannot be stored (each a rejected row), and CSV edge cases.
  list.push({ method: 'POST', path: '/api/v1/cohorts', key: keys.accelerator!, body: mixedRows('Rows'), headers: { 'content-type': 'application/json' } });
  const header = 'name,description,techCity,techCountry\n';
  const csv = (body: string | Buffer, name = 'CSV') => ({ method: 'POST', path: `/api/v1/cohorts?name=${encodeURIComponent(name)}`, key: keys.accelerator!, body, headers: { 'content-type': 'text/csv' } });
  for (const body of [
    '',
    header,
    'name,name,description,techCity,techCountry\nA,B,x,Gent,BE\n',
    `${header}"unclosed,x,Gent,BE\n`,
    `${header}A,x,Gent\n`,
    `${header}A,x,Gent,BE,extra,cells\n`,
    Buffer.concat([Buffer.from(header), Buffer.from([0x41, 0xe9, 0x2c, 0x78, 0x2c, 0x47, 0x2c, 0x42, 0x45, 0x0a])]),
    `\ufeff${header}A,"=1+1",Gent,BE\n`,
    `${header}${'\u0000'},x,Gent,BE\n`,
    `colour\nred\n`,
    `${header}${'A,x,Gent,BE\n'.repeat(5001)}`,
  ])
    list.push(csv(body));
  list.push(csv(`${header}A,x,Gent,BE\n`, nul));
  list.push({ method: 'POST', path: '/api/v1/cohorts', key: keys.accelerator!, body: 'a,b', headers: { 'content-type': 'text/plain' } });
  // Ids, queries and paths: traversal, injection, wrong types.
  for (const id of ['../../etc/passwd', "1' OR '1'='1", 'not-a-uuid', '%00', '00000000-0000-0000-0000-000000000000', 'x'.repeat(5000)]) {
    const e = encodeURIComponent(id);
    for (const path of [`/api/v1/startups/${e}`, `/api/v1/startups/${e}/advice`, `/api/v1/startups/${e}/advice/history`, `/api/v1/startups/${e}/advice/events`, `/api/v1/cohorts/${e}`, `/api/v1/cohorts/${e}/results`, `/api/v1/cohorts/${e}/summary`, `/api/v1/cohorts/${e}/events`, `/api/v1/clusters/${e}`])
      list.push({ method: 'GET', path, key: path.includes('cohorts') ? keys.accelerator! : keys.founder! });
    list.push({ method: 'POST', path: `/api/v1/introductions/${e}/accept`, key: keys.founder! });
  }
  for (const q of ['limit=-1', 'limit=1e308', 'limit=abc', 'offset=-5', 'tag=%00', 'tag=..%2F..', 'country=Netherlands', 'type=robot', 'foo=bar', 'limit=1&limit=2', `tag=${'x'.repeat(3000)}`, 'cluster=%27%3B%20DROP'])
    for (const path of ['/api/v1/clusters', '/api/v1/organizations', '/api/v1/programs']) list.push({ method: 'GET', path: `${path}?${q}` });
  for (const q of ['q=a', 'q=%00%00', 'q=%F0%9F%9A%80%F0%9F%9A%80', 'q=Gent&limit=999', 'q=Gent&country=Belgium']) list.push({ method: 'GET', path: `/api/v1/places?${q}` });
  list.push({ method: 'GET', path: `/api/v1/cohorts/${ids.startup}/results?format=xml`, key: keys.accelerator! });
  // Keys and schemes.
  for (const authorization of ['Bearer', 'Bearer ', 'Basic Zm9vOmJhcg==', `bearer ${'x'.repeat(10_000)}`, 'Bearer fh_\u00e9\u00e9', 'Token abc'])
    list.push({ method: 'GET', path: '/api/v1/startups', headers: { authorization } });
  list.push({ method: 'GET', path: '/api/v1/startups', headers: { 'x-api-key': '' } });
  // Methods and paths nobody serves.
  for (const [method, path] of [['DELETE', '/api/v1/startups'], ['PATCH', '/api/v1/clusters'], ['POST', '/health'], ['POST', '/nowhere'], ['PUT', '/'], ['GET', '/api/v2/startups'], ['POST', '/api/v1/kb/import']])
    list.push({ method: method!, path: path!, key: keys.founder! });
  return list;
}

describe('a replay of bad inputs against every endpoint', () => {
  it('answers every one with a 4xx (or a success) in the documented error format, never a 5xx', async () => {
    const list = probes();
    expect(list.length).toBeGreaterThanOrEqual(300);
    const serverErrors: string[] = [];
    const badFormat: string[] = [];
    const statuses = new Map<number, number>();
    for (const p of list) {
      const r = await send(p);
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      const what = `${p.method} ${p.path.slice(0, 80)} ${JSON.stringify(p.json ?? p.body?.toString().slice(0, 40) ?? '').slice(0, 80)} -> ${r.status} ${r.text.slice(0, 200)}`;
      if (r.status >= 500) serverErrors.push(what);
      if (r.status >= 400) {
        let body: any = null;
        try {
          body = JSON.parse(r.text);
        } catch {
          /* not JSON */
        }
        const ok = r.type.includes('application/json') && typeof body?.error?.code === 'string' && typeof body.error.message === 'string' && Array.isArray(body.error.details);
        if (!ok) badFormat.push(what);
      }
    }
    console.log(`bad inputs: ${list.length} requests; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`);
    expect(serverErrors).toEqual([]);
    expect(badFormat).toEqual([]);
  }, 300_000);

  it('names the field that holds a NUL or half a character, and stores nothing', async () => {
    const before = (await t.db.pool.query('SELECT count(*)::int AS n FROM startups')).rows[0].n;
    const r = await send({ method: 'POST', path: '/api/v1/startups', key: keys.founder, json: { ...profile, techTeam: { city: 'Ge\u0000nt', country: 'BE' } } });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).error.details).toEqual([{ path: 'techTeam.city', message: 'contains a NUL character' }]);
    const lonely = await send({ method: 'POST', path: '/api/v1/startups', key: keys.founder, json: { ...profile, description: lone } });
    expect(JSON.parse(lonely.text).error.details[0]).toMatchObject({ path: 'description', message: expect.stringMatching(/lone surrogate/) });
    expect((await t.db.pool.query('SELECT count(*)::int AS n FROM startups')).rows[0].n).toBe(before);
  });

  it('lets the valid rows of a cohort go ahead and rejects only the bad ones', async () => {
    const r = await send({ method: 'POST', path: '/api/v1/cohorts', key: keys.accelerator, body: mixedRows('Mixed rows'), headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(202);
    const body = JSON.parse(r.text);
    expect(body.accepted).toBe(1);
    expect(body.rejected.map((x: any) => [x.row, x.problems[0].path])).toEqual([
      [2, 'name'],
      [3, 'description'],
      [4, expect.stringMatching(/^a\.a\.a/)],
    ]);
  });

  it('answers unusable weights at submission, not later as an engine error', async () => {
    for (const weights of [{ executive: { capital: 1e308 } }, { executive: { capital: 0, fields: 0 } }, { technical: { talent: 0 } }]) {
      const r = await send({ method: 'POST', path: '/api/v1/startups', key: keys.founder, json: { ...profile, weights } });
      expect(r.status).toBe(400);
      expect(JSON.parse(r.text).error.details[0].path).toMatch(/^weights\./);
    }
  });

  it('gives an empty answer, not an error, for text with no word it knows', async () => {
    const suggest = await send({ method: 'POST', path: '/api/v1/tags/suggest', key: keys.founder, json: { description: '🚀🚀 x' } });
    expect([suggest.status, JSON.parse(suggest.text)]).toEqual([200, { tags: [] }]);
    const search = await send({ method: 'POST', path: '/api/v1/search/startups', key: keys.corporate, json: { text: 'x' } });
    expect([search.status, JSON.parse(search.text)]).toEqual([200, { items: [] }]);
  });

  it('refuses other charsets and encodings with 415', async () => {
    const latin1 = await send({ method: 'POST', path: '/api/v1/startups', key: keys.founder, body: '{}', headers: { 'content-type': 'application/json; charset=latin1' } });
    expect([latin1.status, JSON.parse(latin1.text).error.code]).toEqual([415, 'unsupported_charset']);
    const br = await send({ method: 'POST', path: '/api/v1/startups', key: keys.founder, body: 'x', headers: { 'content-type': 'application/json', 'content-encoding': 'br' } });
    expect(br.status).toBeGreaterThanOrEqual(400);
    expect(br.status).toBeLessThan(500);
    const gzip = await send({ method: 'POST', path: '/api/v1/startups', key: keys.founder, body: gzipSync(JSON.stringify(profile)), headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } });
    expect(gzip.status).toBe(201); // gzip itself is fine
  });

  it('refuses a CSV header that names a column twice', async () => {
    const r = await send({ method: 'POST', path: '/api/v1/cohorts?name=Twice', key: keys.accelerator, body: 'name,name,description,techCity,techCountry\nA,B,x,Gent,BE\n', headers: { 'content-type': 'text/csv' } });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).error.message).toMatch(/repeats the column\(s\) name/);
  });

  it('accepts the Bearer scheme in any case, replaces request ids that are not plain tokens, and answers 404 in JSON everywhere', async () => {
    const lower = await fetch(`${t.url}/api/v1/me`, { headers: { authorization: `bearer ${keys.founder}` } });
    expect(lower.status).toBe(200);
    const sneaky = await fetch(`${t.url}/health`, { headers: { 'x-request-id': '<script>alert(1)</script>' } });
    expect(sneaky.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const plain = await fetch(`${t.url}/health`, { headers: { 'x-request-id': 'trace-123' } });
    expect(plain.headers.get('x-request-id')).toBe('trace-123');
    const nowhere = await fetch(`${t.url}/nowhere`, { method: 'POST' });
    expect([nowhere.status, (await nowhere.json()).error.code]).toEqual([404, 'not_found']);
  });
});
