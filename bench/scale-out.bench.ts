// Scale-out on a PostgreSQL server with pgvector: the same cohort through 1, 2 and 3 processes that run
// queue workers (`foothold start` alone, then with one and two `foothold worker` processes), all on one
// database and one Redis. Reports startups per second end to end and the CPU each process spent per
// startup — the figure that carries to bigger machines (on 2 cores the ceiling here is the cores).
// The server: BENCH_DATABASE_URL (an admin URL; a database is created per run), else the private test
// cluster of scripts/test-postgres.sh (set up if needed).
import { isCurated } from '../engine/kb/schema.ts';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { provideRedis } from '../runtime/redis.ts';
import { readKbDirectory } from '../sources/kb-files.ts';
import { type RunningFoothold, startFoothold, startWorkerProcess } from '../test/helpers/process.ts';
import { createKeyWithCli, saveResult } from './support.ts';

const SIZE = Number(process.env.BENCH_SCALE_COHORT ?? 2000);
const PROCESSES = [1, 2, 3];
const CLOCK_TICKS = 100; // USER_HZ on Linux

const adminUrl = process.env.BENCH_DATABASE_URL ?? spawnSync('bash', [new URL('../scripts/test-postgres.sh', import.meta.url).pathname, 'setup'], { encoding: 'utf8' }).stdout.match(/TEST_DATABASE_URL=(\S+)/)?.[1];
if (!adminUrl) throw new Error('no Postgres server: set BENCH_DATABASE_URL or run scripts/test-postgres.sh setup');

/** CPU seconds a process has used so far (user + system), from /proc. */
const cpuSeconds = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
};

/** CPU seconds used so far by every process of a program (e.g. all Postgres backends), from /proc. */
const programCpuSeconds = (comm: string) =>
  readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .reduce((sum, pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === comm ? sum + cpuSeconds(Number(pid)) : sum;
      } catch {
        return sum; // gone meanwhile
      }
    }, 0);

async function createDatabase(name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(adminUrl!);
  url.pathname = `/${name}`;
  return url.toString();
}

const { kb } = readKbDirectory();
const curated = kb.organizations.filter(isCurated); // those with a description and stated fields
const startups = Array.from({ length: SIZE }, (_, i) => {
  const o = curated[(i * 7) % curated.length]!;
  return { name: `Scale ${i}`, description: o.description, tags: o.tags.slice(0, 2), stage: 'seed', techTeam: { city: o.city, country: o.country } };
});

const rows: Record<string, Record<string, string | number>> = {};
const runs: unknown[] = [];
for (const n of PROCESSES) {
  const redis = await provideRedis(null, mkdtempSync(join(tmpdir(), 'foothold-scale-redis-')));
  const env = { DATABASE_URL: await createDatabase(`foothold_scale_${n}`), REDIS_URL: redis.url, FOOTHOLD_DATA_DIR: mkdtempSync(join(tmpdir(), 'foothold-scale-')) };
  const processes: RunningFoothold[] = [await startFoothold(env)];
  for (let i = 1; i < n; i++) processes.push(await startWorkerProcess(env));
  const key = createKeyWithCli(env, 'accelerator');
  const cpuBefore = processes.map((p) => cpuSeconds(p.pid));
  const [postgresBefore, redisBefore] = [programCpuSeconds('postgres'), programCpuSeconds('redis-server')];
  const started = performance.now();
  const res = await fetch(`${processes[0]!.url}/api/v1/cohorts`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: `Scale ${n}`, startups }) });
  const { cohortId } = (await res.json()) as { cohortId: string };
  for (;;) {
    const p = (await (await fetch(`${processes[0]!.url}/api/v1/cohorts/${cohortId}`, { headers: { authorization: `Bearer ${key}` } })).json()) as { progress: { pending: number } };
    if (p.progress.pending === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = processes.map((p, i) => cpuSeconds(p.pid) - cpuBefore[i]!);
  const [postgresCpu, redisCpu] = [programCpuSeconds('postgres') - postgresBefore, programCpuSeconds('redis-server') - redisBefore];
  for (const p of processes) await p.stop('SIGTERM');
  await redis.close();
  const totalCpu = cpu.reduce((a, b) => a + b, 0);
  const run = { processes: n, startups: SIZE, seconds, perSecond: SIZE / seconds, cpuMsPerStartup: (1000 * totalCpu) / SIZE, cpuMsPerStartupByProcess: cpu.map((c) => (1000 * c) / SIZE), postgresCpuMsPerStartup: (1000 * postgresCpu) / SIZE, redisCpuMsPerStartup: (1000 * redisCpu) / SIZE };
  runs.push(run);
  rows[`${n} process${n > 1 ? 'es' : ''}`] = {
    startups: SIZE,
    'seconds': seconds.toFixed(1),
    'startups/s': run.perSecond.toFixed(0),
    'speed-up': ((run.perSecond / ((runs[0] as { perSecond: number }).perSecond)) || 1).toFixed(2),
    'CPU ms/startup (all)': run.cpuMsPerStartup.toFixed(2),
    'CPU ms/startup by process': run.cpuMsPerStartupByProcess.map((c) => c.toFixed(2)).join(' / '),
    'Postgres CPU ms/startup': run.postgresCpuMsPerStartup.toFixed(2),
    'Redis CPU ms/startup': run.redisCpuMsPerStartup.toFixed(2),
  };
}
console.table(rows);
saveResult('scale-out', { cohort: SIZE, runs, note: 'start = API + workers; the others are `foothold worker`; Postgres and Redis share the same machine' });
