import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount, createApiKey } from '../../db/repositories/accounts.repository.ts';
import type { Role } from '../../engine/accounts.ts';
import { client } from '../helpers/client.ts';
import { openTestStack, type TestStack } from '../helpers/stack.ts';

let t: TestStack;
const keys: Record<string, string> = {};
const ids: Record<string, string> = {};

const { call } = client(() => t.url);

const fintech = (name: string, discoverable: boolean, secret = '') => ({
  name,
  description: `Working-capital loans and card payments for small neighbourhood shops. ${secret}`,
  tags: ['fintech'],
  stage: 'seed',
  techTeam: { city: 'Gent', country: 'BE' },
  needs: { capital: 0.9 },
  discoverable,
});

beforeAll(async () => {
  t = await openTestStack({ workers: false });
  for (const [name, role, email] of [
    ['founderA', 'founder', 'a@startup.example'],
    ['founderB', 'founder', 'b@startup.example'],
    ['corpX', 'corporate', 'x@corp.example'],
    ['corpY', 'corporate', 'y@corp.example'],
    ['accel', 'accelerator', 'acc@accel.example'],
  ] as [string, Role, string][]) {
    const account = await createAccount(t.db.pool, name, role, { email });
    keys[name] = (await createApiKey(t.db.pool, account.id)).key;
  }
  ids.open = (await call('POST', '/api/v1/startups', keys.founderA!, fintech('OpenPay', true))).body.id;
  ids.hidden = (await call('POST', '/api/v1/startups', keys.founderA!, fintech('HiddenPay', false, 'Secret sauce: zero-fee rails.'))).body.id;
  ids.other = (
    await call('POST', '/api/v1/startups', keys.founderB!, { name: 'GeneFix', description: 'Gene therapy for rare eye diseases.', tags: ['biotech'], stage: 'series-a', techTeam: { city: 'Leuven', country: 'BE' }, discoverable: true })
  ).body.id;
});
afterAll(() => t?.close());

describe('a corporate searches startups', () => {
  it('sees only startups that opted in, anonymised, with fit reasons', async () => {
    const r = await call('POST', '/api/v1/search/startups', keys.corpX!, { text: 'payments and credit for small retailers', tags: ['fintech'] });
    expect(r.status).toBe(200);
    const found = r.body.items.map((i: any) => i.startupId);
    expect(found).toContain(ids.open);
    expect(found).not.toContain(ids.hidden);
    expect(found[0]).toBe(ids.open);
    const item = r.body.items[0];
    expect(item).toMatchObject({ sector: ['fintech'], stage: 'seed', region: 'BE', pitch: 'Working-capital loans and card payments for small neighbourhood shops.' });
    expect(item.fit.reasons[0]).toBe('works in fintech');
    for (const secret of ['OpenPay', 'HiddenPay', 'Secret sauce', 'a@startup.example', '"capital"', '"needs"']) expect(r.text).not.toContain(secret);
  });
  it('filters by country and stage', async () => {
    const r = await call('POST', '/api/v1/search/startups', keys.corpX!, { tags: ['biotech'], stages: ['series-a'], countries: ['BE'] });
    expect(r.body.items.map((i: any) => i.startupId)).toEqual([ids.other]);
  });
  it('rejects an empty search and unknown tags', async () => {
    expect((await call('POST', '/api/v1/search/startups', keys.corpX!, {})).status).toBe(400);
    expect((await call('POST', '/api/v1/search/startups', keys.corpX!, { tags: ['unicorns'] })).status).toBe(400);
  });
});

describe('introductions', () => {
  let introId: string;
  it('cannot target a startup that did not opt in', async () => {
    expect((await call('POST', '/api/v1/introductions', keys.corpX!, { startupId: ids.hidden, message: 'Hello' })).status).toBe(404);
  });
  it('are requested without revealing anything', async () => {
    const r = await call('POST', '/api/v1/introductions', keys.corpX!, { startupId: ids.open, message: 'We run a venture-client programme.' });
    expect(r.status).toBe(201);
    introId = r.body.id;
    const corp = await call('GET', '/api/v1/introductions', keys.corpX!);
    expect(corp.body.items[0]).toMatchObject({ status: 'pending', startupName: null, founderContact: null });
    const founder = await call('GET', '/api/v1/introductions', keys.founderA!);
    expect(founder.body.items[0]).toMatchObject({ status: 'pending', corporateName: 'corpX', corporateContact: null });
  });
  it('are decided only by the startup’s founder; acceptance reveals both contacts', async () => {
    expect((await call('POST', `/api/v1/introductions/${introId}/accept`, keys.founderB!)).status).toBe(404);
    expect((await call('POST', `/api/v1/introductions/${introId}/accept`, keys.corpX!)).status).toBe(403);
    const accepted = await call('POST', `/api/v1/introductions/${introId}/accept`, keys.founderA!);
    expect(accepted.body).toMatchObject({ status: 'accepted', startupName: 'OpenPay', founderContact: { email: 'a@startup.example' }, corporateContact: { email: 'x@corp.example' } });
    const corp = await call('GET', '/api/v1/introductions', keys.corpX!);
    expect(corp.body.items[0].founderContact).toEqual({ email: 'a@startup.example' });
    expect((await call('POST', `/api/v1/introductions/${introId}/decline`, keys.founderA!)).status).toBe(409);
  });
  it('declined requests reveal nothing', async () => {
    const r = await call('POST', '/api/v1/introductions', keys.corpY!, { startupId: ids.open, message: 'Hi' });
    const declined = await call('POST', `/api/v1/introductions/${r.body.id}/decline`, keys.founderA!);
    expect(declined.body).toMatchObject({ status: 'declined', startupName: null, founderContact: null, corporateContact: null });
    const corp = await call('GET', '/api/v1/introductions', keys.corpY!);
    expect(JSON.stringify(corp.body)).not.toContain('a@startup.example');
  });
});

describe('tenant isolation matrix', () => {
  it('every object endpoint, every role, another account’s ids: 404 or 403, never the object', async () => {
    const intro = (await call('GET', '/api/v1/introductions', keys.founderA!)).body.items[0].id;
    const endpoints: [string, string, unknown?][] = [
      ['GET', `/api/v1/startups/${ids.open}`],
      ['PUT', `/api/v1/startups/${ids.open}`, fintech('Hijack', true)],
      ['POST', `/api/v1/startups/${ids.open}/advice`],
      ['GET', `/api/v1/startups/${ids.open}/advice`],
      ['GET', `/api/v1/startups/${ids.open}/advice/history`],
      ['POST', `/api/v1/introductions/${intro}/accept`],
      ['POST', `/api/v1/introductions/${intro}/decline`],
    ];
    for (const who of ['founderB', 'corpX', 'corpY', 'accel']) {
      for (const [method, path, body] of endpoints) {
        const r = await call(method, path, keys[who]!, body);
        expect([403, 404, 409], `${who} ${method} ${path} -> ${r.status}`).toContain(r.status);
        expect(r.text).not.toContain('OpenPay');
        expect(r.text).not.toContain('a@startup.example');
      }
    }
    expect((await call('GET', `/api/v1/startups/${ids.open}`, keys.founderA!)).body.profile.name).toBe('OpenPay');
  });
});
