// Advice over HTTP through the queue, request to result, for 1, 10 and 50 concurrent founders on
// loopback against a `foothold start` process (the client runs in this process, not the server's): each
// founder posts a request and waits for its result over Server-Sent Events.
import { isCurated } from '../engine/kb/schema.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readKbDirectory } from '../sources/kb-files.ts';
import { awaitAdvice, createKeyWithCli, percentiles, saveResult, startApp } from './support.ts';

const TARGET_P95_MS_AT_10 = 150;
const ROUNDS = { 1: 40, 10: 12, 50: 4 } as const;
const env = { FOOTHOLD_DATA_DIR: mkdtempSync(join(tmpdir(), 'foothold-http-bench-')), RATE_LIMIT_PER_MINUTE: '0' };
const key = createKeyWithCli(env, 'founder');
const app = await startApp(env);
const b = { url: app.url };

const orgs = readKbDirectory().kb.organizations.filter(isCurated); // those with a description and stated fields
const STAGES = ['idea', 'pre-seed', 'seed', 'series-a', 'series-b+'];

async function newStartup(i: number): Promise<string> {
  const o = orgs[(i * 13) % orgs.length]!;
  const res = await fetch(`${b.url}/api/v1/startups`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: `Bench ${i}`, description: o.description, tags: o.tags.slice(0, 2), stage: STAGES[i % 5], techTeam: { city: o.city, country: o.country } }),
  });
  return ((await res.json()) as { id: string }).id;
}

async function oneRequest(startupId: string): Promise<number> {
  const start = performance.now();
  const res = await fetch(`${b.url}/api/v1/startups/${startupId}/advice`, { method: 'POST', headers: { authorization: `Bearer ${key}` } });
  if (res.status !== 202) throw new Error(`advice request answered ${res.status}`);
  const outcome = await awaitAdvice(b.url, key, startupId);
  if (outcome !== 'done') throw new Error(`advice ${outcome}`);
  return performance.now() - start;
}

// Warm-up (JIT, the engine thread's first knowledge slice), not counted.
await oneRequest(await newStartup(0));
let n = 1;
const table: Record<string, unknown> = {};
const result: Record<string, unknown> = {};
for (const concurrency of [1, 10, 50] as const) {
  const latencies: number[] = [];
  for (let round = 0; round < ROUNDS[concurrency]; round++) {
    const ids = await Promise.all(Array.from({ length: concurrency }, () => newStartup(n++)));
    latencies.push(...(await Promise.all(ids.map(oneRequest))));
  }
  const p = percentiles(latencies);
  result[`concurrent${concurrency}`] = p;
  table[`${concurrency} concurrent founders (ms)`] = { p50: p.p50.toFixed(1), p95: p.p95.toFixed(1), requests: p.n, target: concurrency === 10 ? TARGET_P95_MS_AT_10 : '-', ratio: concurrency === 10 ? (p.p95 / TARGET_P95_MS_AT_10).toFixed(2) : '-' };
}
await app.stop('SIGTERM');
console.table(table);
saveResult('http-queue', { ...result, targetP95MsAt10: TARGET_P95_MS_AT_10 });
process.exit(0);
