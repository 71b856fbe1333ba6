// Cohort scoring end to end through BullMQ: upload (validation of every row), then one job per startup
// until every result is stored. Startups per second, and resident memory idle and under the load.
import { readKbDirectory } from '../kb/files.ts';
import { openBenchStack, rssMb, saveResult } from './support.ts';

const SIZES = (process.env.BENCH_COHORTS ?? '1000,10000').split(',').map(Number);
const TARGET_PER_SECOND = 200;
const TARGET_RSS_MB = 600;
const STAGES = ['idea', 'pre-seed', 'seed', 'series-a', 'series-b+'];
const { kb } = readKbDirectory();
const random = (() => {
  let a = 42;
  return () => ((a = (a * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
})();

/** Startups generated from the knowledge base's real tags and cities (seeded). */
const cohort = (n: number) =>
  Array.from({ length: n }, (_, i) => {
    const o = kb.organizations[Math.floor(random() * kb.organizations.length)]!;
    const tags = [...new Set([o.tags[0]!, kb.taxonomy[Math.floor(random() * kb.taxonomy.length)]!.id])];
    return { name: `Generated ${i}`, description: o.description, tags, stage: STAGES[i % 5], techTeam: { city: o.city, country: o.country }, targetMarkets: ['global'] };
  });

const b = await openBenchStack({ concurrency: 2 });
const key = await b.key('accelerator');
const idleRss = rssMb();
let peakRss = idleRss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb())), 250);
const results: Record<string, unknown> = {};
const table: Record<string, unknown> = {};
const MAX_COHORT = 5_000; // a cohort holds at most this many: larger runs are several cohorts at once
for (const size of SIZES) {
  const start = performance.now();
  const uploads: { cohortId: string; accepted: number }[] = [];
  for (let from = 0; from < size; from += MAX_COHORT) {
    const body = JSON.stringify({ name: `Bench ${size} from ${from}`, startups: cohort(Math.min(MAX_COHORT, size - from)) });
    const res = await fetch(`${b.url}/api/v1/cohorts`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body });
    const upload = (await res.json()) as { cohortId: string; accepted: number; error?: unknown };
    if (!res.ok) throw new Error(`upload of ${size} answered ${res.status}: ${JSON.stringify(upload.error)}`);
    uploads.push(upload);
  }
  const uploaded = performance.now();
  for (const upload of uploads)
    for (;;) {
      const p = (await (await fetch(`${b.url}/api/v1/cohorts/${upload.cohortId}`, { headers: { authorization: `Bearer ${key}` } })).json()) as { progress: { pending: number } };
      if (p.progress.pending === 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }
  const done = performance.now();
  const accepted = uploads.reduce((n, u) => n + u.accepted, 0);
  const total = (done - start) / 1000;
  const r = { startups: accepted, cohorts: uploads.length, uploadSeconds: (uploaded - start) / 1000, scoringSeconds: (done - uploaded) / 1000, totalSeconds: total, perSecond: accepted / total, ratio: accepted / total / TARGET_PER_SECOND };
  results[`cohort${size}`] = r;
  table[`${size} startups`] = { 'startups/s': r.perSecond.toFixed(1), 'upload s': r.uploadSeconds.toFixed(1), 'scoring s': r.scoringSeconds.toFixed(1), target: TARGET_PER_SECOND, ratio: r.ratio.toFixed(2) };
}
clearInterval(sampler);
await b.close();
table['resident memory (MB)'] = { idle: idleRss.toFixed(0), peak: peakRss.toFixed(0), target: TARGET_RSS_MB, ratio: (peakRss / TARGET_RSS_MB).toFixed(2) };
console.table(table);
saveResult('cohort', { ...results, memoryMb: { idle: idleRss, peak: peakRss, target: TARGET_RSS_MB } });
process.exit(0);
