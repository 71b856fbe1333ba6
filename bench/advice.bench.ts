// Single advice through the in-process engine with the full knowledge base: p50 and p95 latency of
// advise() (the engine alone) and of the whole service call (validation, places, tags, vector, engine).
import { KnowledgeService } from '../services/knowledge.service.ts';
import { DEFAULTS } from '../runtime/config.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/connection.ts';
import { migrate } from '../db/migrate.ts';
import { advise } from '../engine/advice/advise.ts';
import { loadGazetteer } from '../sources/gazetteer.ts';
import { Encoder } from '../models/encoder.ts';
import { AdviceService, referenceDate } from '../services/advice.service.ts';
import { percentiles, saveResult } from './support.ts';

const TARGET_P95_MS = 20;
const db = await openDatabase({ dataDir: mkdtempSync(join(tmpdir(), 'foothold-bench-')), sharedBuffers: DEFAULTS.embeddedSharedBuffers });
await migrate(db.pool);
await new KnowledgeService(db.pool).ensure();
const encoder = await Encoder.load();
await new KnowledgeService(db.pool).embed(encoder);
const service = new AdviceService(db.pool, encoder, loadGazetteer());
const slice = await service.knowledge();

// Profiles from the knowledge base's curated organisations: real tags and cities, their names and fields as the description.
const orgs = slice.organizations.filter((o) => o.record.tags.length > 0).slice(0, 100);
const profiles = orgs.map((o) => ({ name: o.record.name, description: `${o.record.name}, working in ${o.record.tags.join(', ')}`, tags: o.record.tags.slice(0, 3), stage: 'seed', techTeam: { city: o.record.city, country: o.record.country } }));
const resolved = await Promise.all(profiles.map((p) => service.resolve(p)));

const at = referenceDate(slice.vintage);
for (let i = 0; i < 50; i++) advise(resolved[i % resolved.length]!, slice, at); // warm-up
const engine: number[] = [];
for (let i = 0; i < 300; i++) {
  const t = performance.now();
  advise(resolved[i % resolved.length]!, slice, at);
  engine.push(performance.now() - t);
}
const whole: number[] = [];
for (let i = 0; i < 200; i++) {
  const t = performance.now();
  await service.advise(profiles[i % profiles.length]);
  whole.push(performance.now() - t);
}
await db.close();
const e = percentiles(engine);
const w = percentiles(whole);
const result = {
  engineMs: { ...e, target: TARGET_P95_MS, ratio: e.p95 / TARGET_P95_MS },
  serviceMs: { ...w, target: TARGET_P95_MS, ratio: w.p95 / TARGET_P95_MS },
  knowledgeBase: { clusters: slice.clusters.length, organizations: slice.organizations.length, programs: slice.programs.length },
};
console.table({
  'advise() engine only (ms)': { p50: e.p50.toFixed(2), p95: e.p95.toFixed(2), target: TARGET_P95_MS, ratio: result.engineMs.ratio.toFixed(2) },
  'service: validate + resolve + advise (ms)': { p50: w.p50.toFixed(2), p95: w.p95.toFixed(2), target: TARGET_P95_MS, ratio: result.serviceMs.ratio.toFixed(2) },
});
saveResult('advice', result);
