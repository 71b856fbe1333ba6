// Encoder speed and size: texts per second for embedStartup (one at a time, and batched) on one core, and
// the resident memory the loaded model adds. Prints a table and writes bench/results/encoder.json.
import { isCurated } from '../engine/kb/schema.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { readKbDirectory } from '../sources/kb-files.ts';
import { Encoder } from '../models/encoder.ts';

const TARGET_TEXTS_PER_SECOND = 5_000;
const TARGET_RSS_MB = 150;

const mb = (bytes: number) => bytes / 1024 / 1024;
const rssBefore = process.memoryUsage().rss;
const encoder = await Encoder.load();
globalThis.gc?.();
const rssLoaded = process.memoryUsage().rss;

// Realistic inputs: every description in the knowledge base, with tags and a stage, cycled.
const { kb } = readKbDirectory();
const curated = kb.organizations.filter(isCurated); // registry entries have no description
const texts = [...curated, ...kb.programs, ...kb.clusters].map((r) => r.description);
const tags = curated.map((o) => o.tags);
const inputs = texts.map((text, i) => ({ description: text, tags: tags[i % tags.length]!, stage: 'seed' }));

function rate(run: (n: number) => void, seconds = 3): number {
  run(3000); // warm-up: JIT and WebAssembly reach steady state
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < seconds * 1000) {
    run(500);
    n += 500;
  }
  return n / ((performance.now() - start) / 1000);
}

let cursor = 0;
const single = rate((n) => {
  for (let i = 0; i < n; i++) encoder.embedStartup(inputs[cursor++ % inputs.length]!);
});
const BATCH = 256;
const batched = rate((n) => {
  for (let i = 0; i < n; i += BATCH)
    encoder.embed(
      Array.from({ length: BATCH }, () => {
        const p = inputs[cursor++ % inputs.length]!;
        return { text: p.description, tags: p.tags, stage: p.stage };
      }),
    );
});
const rssAfter = process.memoryUsage().rss;

const result = {
  backend: encoder.backend,
  encoderVersion: encoder.version,
  textsPerSecond: { single: Math.round(single), batched: Math.round(batched), batchSize: BATCH, target: TARGET_TEXTS_PER_SECOND },
  ratios: { singleVsTarget: single / TARGET_TEXTS_PER_SECOND, batchedVsTarget: batched / TARGET_TEXTS_PER_SECOND, batchedVsSingle: batched / single },
  memoryMb: {
    processBeforeLoad: mb(rssBefore),
    modelLoaded: mb(rssLoaded - rssBefore),
    processAfterRuns: mb(rssAfter),
    target: TARGET_RSS_MB,
    ratioVsTarget: mb(rssLoaded - rssBefore) / TARGET_RSS_MB,
  },
};
console.table({
  'embedStartup one at a time (texts/s)': { value: result.textsPerSecond.single, target: TARGET_TEXTS_PER_SECOND, ratio: result.ratios.singleVsTarget.toFixed(2) },
  [`embed in batches of ${BATCH} (texts/s)`]: { value: result.textsPerSecond.batched, target: TARGET_TEXTS_PER_SECOND, ratio: result.ratios.batchedVsTarget.toFixed(2) },
  'resident memory of the loaded model (MB)': { value: result.memoryMb.modelLoaded.toFixed(1), target: TARGET_RSS_MB, ratio: result.memoryMb.ratioVsTarget.toFixed(2) },
});
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/encoder.json', import.meta.url), JSON.stringify(result, null, 2));
