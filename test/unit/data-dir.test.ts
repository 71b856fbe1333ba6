import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimDataDir, DataDirInUse, processStartTicks } from '../../runtime/data-dir.ts';

const fresh = () => mkdtempSync(join(tmpdir(), 'foothold-claim-'));

describe('claimDataDir', () => {
  it('gives a directory to one owner at a time, and takes it back on release', () => {
    const dir = fresh();
    const claim = claimDataDir(dir, 'start');
    expect(() => claimDataDir(dir, 'kb import')).toThrow(DataDirInUse);
    claim.update({ url: 'http://127.0.0.1:1/', control: '/tmp/x.sock' });
    expect(JSON.parse(readFileSync(join(dir, 'owner.json'), 'utf8'))).toMatchObject({ pid: process.pid, command: 'start', url: 'http://127.0.0.1:1/' });
    claim.release();
    claimDataDir(dir, 'kb import').release();
  });
  it('takes over an owner whose process is gone, and one whose pid now belongs to another process', () => {
    for (const stale of [
      { pid: 2 ** 22 + 12345, startTicks: null }, // no such process
      { pid: process.pid, startTicks: 'not-this-process' }, // a recycled pid
    ]) {
      const dir = fresh();
      writeFileSync(join(dir, 'owner.json'), JSON.stringify({ ...stale, command: 'start', startedAt: '2026-01-01T00:00:00Z', url: null, control: null }));
      const claim = claimDataDir(dir, 'start');
      expect(claim.previous).toMatchObject({ pid: stale.pid });
      claim.release();
    }
    expect(processStartTicks(process.pid)).toMatch(/^\d+$/);
  });
});
