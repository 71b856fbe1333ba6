// One owner per data directory, with real processes: a second `foothold start` is refused; `keys create`,
// `kb stats`, `kb import` and `advise` beside a running server go through it (a key works at once, and after
// a restart); a command that cannot go through refuses before touching anything; a kill -9 leaves a stale
// owner and an orphaned redis-server, which the next start takes over and stops. No API key reaches a log.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAlive } from '../../runtime/data-dir.ts';
import { backend } from '../helpers/db.ts';
import { copyEmbeddedSeed } from '../helpers/seed.ts';
import { foothold, type RunningFoothold, startFoothold } from '../helpers/process.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'foothold-owner-'));
const env = { FOOTHOLD_DATA_DIR: dataDir, LOG_LEVEL: 'info' };
const logs: string[] = [];
const secrets: string[] = [];
let first: RunningFoothold;
let key: string;

afterAll(async () => {
  await first?.stop('SIGKILL');
});

const me = (url: string, k: string) => fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${k}` } });

// The embedded database's own concern: with a Postgres server, every process may connect.
describe.skipIf(backend === 'server')('one owner per data directory', () => {
  it('starts, and records itself as the owner', async () => {
    copyEmbeddedSeed(join(dataDir, 'pgdata')); // the knowledge base as a first start seeds it (cli-start tests seeding)
    first = await startFoothold(env);
    secrets.push(first.adminKey!);
    const owner = JSON.parse(readFileSync(join(dataDir, 'owner.json'), 'utf8'));
    expect(owner).toMatchObject({ pid: first.pid, command: 'start', url: `${first.url}/` });
    expect(owner.control).toMatch(/control\.sock$/);
  }, 120_000);

  it('refuses a second `foothold start` on the same directory, naming the running one', async () => {
    const second = await foothold(['start'], { ...env, PORT: '0' });
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(new RegExp(`Foothold is already running on the data directory .* \\(pid ${first.pid}, since .*, at ${first.url}/\\)`));
    expect(second.stderr).toMatch(/stop that one first .* or set FOOTHOLD_DATA_DIR to another directory/);
    expect(second.stderr).not.toMatch(/at .*\.ts:\d+/);
  }, 60_000);

  it('creates a key through the running server: it works at once', async () => {
    const made = await foothold(['keys', 'create', '--role', 'founder', '--name', 'Ada', '--email', 'ada@example.com'], env);
    expect(made.code).toBe(0);
    key = /API key \(shown only now\): (fh_\S+)/.exec(made.stdout)![1]!;
    secrets.push(key);
    const res = await me(first.url, key);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: 'Ada', role: 'founder' });
  }, 60_000);

  it('reads stats, imports records and advises through the running server', async () => {
    const stats = await foothold(['kb', 'stats', '--json'], env);
    expect(stats.code).toBe(0);
    expect(JSON.parse(stats.stdout).totals.curatedClusters).toBe(88);
    const csv = join(dataDir, 'labs.csv');
    writeFileSync(csv, 'id,name,type,city,country,tags,globalReach,description,sources\nbeside-lab,Beside Lab,research_center,Gent,BE,biotech,global,A lab,https://lab.example\n');
    const imported = await foothold(['kb', 'import', csv], env);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/Imported 1 organizations record/);
    const organisation = await (await fetch(`${first.url}/api/v1/organizations?type=research_center&country=BE&limit=200`)).json();
    expect(organisation.items.map((o: any) => o.id)).toContain('beside-lab');
    const advice = await foothold(['advise', new URL('../../examples/india-saas.json', import.meta.url).pathname, '--json'], env);
    expect(advice.code).toBe(0);
    expect(JSON.parse(advice.stdout).adviceVersion).toBe('advice-1');
  }, 120_000);

  it('refuses a command that cannot go through the server, before touching anything', async () => {
    const cases = join(dataDir, 'cases.json');
    writeFileSync(cases, JSON.stringify({ cases: [] }));
    const refused = await foothold(['eval', '--cases', cases], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Foothold is already running on the data directory/);
    expect((await me(first.url, key)).status).toBe(200); // the server is unharmed
  }, 60_000);

  it('after a kill -9, the next start takes the directory over and stops the orphaned redis-server', async () => {
    // Requests whose keys must not be logged: good keys, a bad one, both headers; a request id that is not a token.
    await fetch(`${first.url}/api/v1/startups`, { headers: { 'x-api-key': key } });
    await fetch(`${first.url}/api/v1/startups`, { headers: { authorization: 'Bearer fh_not_a_real_key_0123456789' } });
    await fetch(`${first.url}/api/v1/me`, { headers: { authorization: `Bearer ${first.adminKey}`, 'x-request-id': '<script>' } });
    secrets.push('fh_not_a_real_key_0123456789');
    const redisPid = Number(readFileSync(join(dataDir, 'redis', 'redis.pid'), 'utf8'));
    expect(isAlive(redisPid)).toBe(true);
    logs.push(first.output());
    await first.stop('SIGKILL');
    expect(existsSync(join(dataDir, 'owner.json'))).toBe(true); // stale: its process is gone
    expect(isAlive(redisPid)).toBe(true); // the orphan

    const next = await startFoothold(env);
    try {
      expect(isAlive(redisPid)).toBe(false);
      expect(JSON.parse(readFileSync(join(dataDir, 'owner.json'), 'utf8')).pid).toBe(next.pid);
      expect((await me(next.url, key)).status).toBe(200); // the key made beside the first server survived it
      expect(next.output()).toMatch(/stopping a redis-server left running on this data directory/);
    } finally {
      expect(await next.stop('SIGTERM')).toBe(0);
      logs.push(next.output());
    }
    expect(existsSync(join(dataDir, 'owner.json'))).toBe(false); // given back on a clean exit
  }, 180_000);

  it('logs no API key, in any line, and no request id that is not a plain token', () => {
    const lines = logs.join('\n').split('\n').filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(5);
    for (const secret of secrets) expect(lines.filter((l) => l.includes(secret))).toEqual([]);
    expect(lines.filter((l) => /fh_[A-Za-z0-9_-]{8,}/.test(l))).toEqual([]);
    expect(lines.some((l) => l.includes('[redacted]') || l.includes('"url":"/api/v1/startups"'))).toBe(true);
    expect(lines.filter((l) => l.includes('<script>'))).toEqual([]);
  });
});
