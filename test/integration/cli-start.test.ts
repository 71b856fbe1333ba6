import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/foothold.js', import.meta.url).pathname;

describe('foothold start', () => {
  it('seeds, serves, reports health, and shuts down cleanly on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'foothold-start-'));
    const child = spawn(process.execPath, [BIN, 'start'], {
      env: { ...process.env, FOOTHOLD_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const url = await new Promise<string>((ok, fail) => {
      child.stdout.on('data', (d) => {
        stdout += d;
        const m = /running at (http:\/\/\S+?)\/?\s/.exec(stdout);
        if (m) ok(m[1]!);
      });
      child.once('exit', (code) => fail(new Error(`exited with ${code}: ${stderr}`)));
    });
    expect(stdout).toMatch(/Created the local admin account\. Its API key, shown only this once:\n  fh_\S+/);
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ database: { status: 'ok' }, redis: { status: 'ok' } });
    const clusters = (await (await fetch(`${url}/api/v1/clusters?limit=1`)).json()) as { total: number };
    expect(clusters.total).toBe(88);

    const exit = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(stderr).toMatch(/SIGTERM: shutting down/);
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });
});
