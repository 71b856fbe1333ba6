// A first `foothold start` on an empty data directory, as a new user runs it: the time until it serves
// (migrations, seeding the world knowledge base, embedding it), the process' peak resident memory while it
// seeds, and its resident memory once idle; then the same after a restart (nothing to seed).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { provideRedis } from '../runtime/redis.ts';
import { rssOfPidMb, saveResult, startApp } from './support.ts';

const TARGET_FIRST_START_S = 90;
const TARGET_IDLE_RSS_MB = 600;
/** How long the process is left alone before its idle memory is read (V8 returns freed pages lazily). */
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 30_000);

const dir = mkdtempSync(join(tmpdir(), 'foothold-first-start-'));
const redis = await provideRedis(null, join(dir, 'redis'));
const env = { FOOTHOLD_DATA_DIR: join(dir, 'data'), REDIS_URL: redis.url };

async function measure(label: string) {
  const started = performance.now();
  let peak = 0;
  let pid = 0;
  const sample = () => {
    if (pid) peak = Math.max(peak, rssOfPidMb(pid) || 0);
  };
  const sampler = setInterval(sample, 200);
  const app = await startApp(env, (spawned) => (pid = spawned));
  const seconds = (performance.now() - started) / 1000;
  sample();
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  clearInterval(sampler);
  const idle = rssOfPidMb(pid);
  await app.stop('SIGTERM');
  return { label, seconds: Math.round(seconds * 10) / 10, peakRssMb: Math.round(peak), idleRssMb: Math.round(idle) };
}

const first = await measure('first start (seed + embed)');
const second = await measure('restart (nothing to seed)');
await redis.close();

console.table([first, second].map((r) => ({ ...r, 'seconds / target': (r.seconds / TARGET_FIRST_START_S).toFixed(2), 'idle / target': (r.idleRssMb / TARGET_IDLE_RSS_MB).toFixed(2) })));
saveResult('first-start', { first, second, targets: { firstStartSeconds: TARGET_FIRST_START_S, idleRssMb: TARGET_IDLE_RSS_MB }, settleMs: SETTLE_MS });
