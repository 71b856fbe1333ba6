// The process running the workers is killed with SIGKILL mid-cohort and restarted: every startup still ends
// with exactly one result. The same script is the 1,000-startup benchmark (bench/worker-kill.bench.ts).
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processDatabase } from '../helpers/db.ts';
import { childEnv } from '../helpers/process.ts';

describe('kill -9 of the worker process in the middle of a cohort', () => {
  it('restarts and finishes the cohort with exactly one result per startup', async () => {
    // Started from the seeded knowledge base: the kill, not the first start, is the subject.
    const dataDir = mkdtempSync(join(tmpdir(), 'foothold-kill-test-'));
    const database = await processDatabase({ seeded: { dataDir } });
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/worker-kill.bench.ts'], {
      env: childEnv({ BENCH_KILL_COHORT: '150', BENCH_NO_SAVE: '1', BENCH_DATA_DIR: dataDir, ...(database.env.DATABASE_URL ? { BENCH_DATABASE_URL: database.env.DATABASE_URL } : {}) }),
      encoding: 'utf8',
      timeout: 240_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
    expect(result).toMatchObject({ cohort: 150, members: 150, results: 150, startups: 150, exactlyOnce: true });
    expect(result.resultsBeforeKill).toBeGreaterThanOrEqual(45);
    expect(result.resultsBeforeKill).toBeLessThan(150); // the kill came mid-cohort
    await database.drop();
  }, 300_000);
});
