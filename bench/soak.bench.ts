// A bounded soak: mixed traffic on loopback for SOAK_SECONDS (default 600) against a `foothold start`
// process: founders asking for advice, an accelerator's cohorts, corporates searching, knowledge-base reads.
// Counts errors and samples the app's resident memory every 10 s; the trend is the least-squares slope
// over the second half of the run.
import { isCurated } from '../engine/kb/schema.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readKbDirectory } from '../sources/kb-files.ts';
import { awaitAdvice, createKeyWithCli, rssOfPidMb, saveResult, startApp } from './support.ts';

const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const env = { FOOTHOLD_DATA_DIR: mkdtempSync(join(tmpdir(), 'foothold-soak-')), RATE_LIMIT_PER_MINUTE: '0' };
const founder = createKeyWithCli(env, 'founder');
const accelerator = createKeyWithCli(env, 'accelerator');
const corporate = createKeyWithCli(env, 'corporate');
const app = await startApp(env);
const b = { url: app.url };
const orgs = readKbDirectory().kb.organizations.filter(isCurated); // those with a description and stated fields
const end = Date.now() + SECONDS * 1000;
const counts = { requests: 0, errors: 0, advice: 0, cohorts: 0, searches: 0, reads: 0 };
const samples: { t: number; rss: number }[] = [];
const started = Date.now();
const sampler = setInterval(() => samples.push({ t: (Date.now() - started) / 1000, rss: rssOfPidMb(app.pid) }), 10_000);

const call = async (key: string, path: string, body?: unknown) => {
  counts.requests++;
  const res = await fetch(b.url + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${key}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status >= 500 || res.status === 429) counts.errors++;
  return res.json() as Promise<any>;
};
const profile = (i: number, discoverable = false) => {
  const o = orgs[(i * 17) % orgs.length]!;
  return { name: `Soak ${i}`, description: o.description, tags: o.tags.slice(0, 2), stage: 'seed', techTeam: { city: o.city, country: o.country }, discoverable };
};

let i = 0;
const founders = async () => {
  while (Date.now() < end) {
    const s = await call(founder, '/api/v1/startups', profile(i++, i % 3 === 0));
    await call(founder, `/api/v1/startups/${s.id}/advice`, {});
    if ((await awaitAdvice(b.url, founder, s.id)) !== 'done') counts.errors++;
    counts.advice++;
  }
};
const cohorts = async () => {
  while (Date.now() < end) {
    const c = await call(accelerator, '/api/v1/cohorts', { name: `Soak cohort ${counts.cohorts}`, startups: Array.from({ length: 50 }, () => profile(i++)) });
    for (;;) {
      const p = await call(accelerator, `/api/v1/cohorts/${c.cohortId}`);
      if (p.progress.pending === 0 || Date.now() > end) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    counts.cohorts++;
  }
};
const searches = async () => {
  while (Date.now() < end) {
    await call(corporate, '/api/v1/search/startups', { text: 'software for small businesses', tags: ['fintech'] });
    await call(corporate, '/api/v1/clusters?tag=ai-ml&limit=10');
    counts.searches++;
    counts.reads++;
    await new Promise((r) => setTimeout(r, 100));
  }
};
await Promise.all([founders(), founders(), cohorts(), searches()]);
clearInterval(sampler);
await app.stop('SIGTERM');

const half = samples.filter((s) => s.t >= SECONDS / 2);
const mean = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / Math.max(xs.length, 1);
const tm = mean(half.map((s) => s.t));
const rm = mean(half.map((s) => s.rss));
const slope = half.reduce((a, s) => a + (s.t - tm) * (s.rss - rm), 0) / Math.max(half.reduce((a, s) => a + (s.t - tm) ** 2, 0), 1e-9);
const result = { seconds: SECONDS, ...counts, rssMb: { first: samples[0]?.rss, last: samples.at(-1)?.rss, max: Math.max(...samples.map((s) => s.rss)) }, rssSlopeMbPerMinute: slope * 60, samples };
console.table({ soak: { seconds: SECONDS, requests: counts.requests, errors: counts.errors, advice: counts.advice, cohorts: counts.cohorts, searches: counts.searches, 'RSS MB last': result.rssMb.last?.toFixed(0), 'RSS slope MB/min (2nd half)': result.rssSlopeMbPerMinute.toFixed(2) } });
saveResult('soak', result);
process.exit(counts.errors === 0 ? 0 : 1);
