// Kill the app (kill -9) in the middle of writes on the embedded database, 20 times, and reopen the data
// directory after each kill: does it open, and is what was acknowledged still there?
import { DEFAULTS } from '../runtime/config.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/connection.ts';
import { saveResult, startApp } from './support.ts';

const ROUNDS = Number(process.env.BENCH_CRASH_ROUNDS ?? 20);
const dataDir = mkdtempSync(join(tmpdir(), 'foothold-crash-'));

const rounds: { round: number; acknowledged: number; reopened: boolean; stored: number | null; error?: string }[] = [];
let key: string | null = null;
let acknowledgedTotal = 0;
for (let round = 1; round <= ROUNDS; round++) {
  const app = await startApp({ FOOTHOLD_DATA_DIR: dataDir });
  key ??= app.adminKey;
  let acknowledged = 0;
  let writing = true;
  const writer = async () => {
    while (writing) {
      try {
        const res = await fetch(`${app.url}/api/v1/startups`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name: `Crash ${round}`, description: 'Payments for small shops', tags: ['fintech'], techTeam: { city: 'Gent', country: 'BE' } }),
        });
        if (res.status === 201) acknowledged++;
      } catch {
        return;
      }
    }
  };
  const writers = [writer(), writer(), writer()];
  await new Promise((r) => setTimeout(r, 200 + Math.random() * 800));
  await app.stop('SIGKILL'); // the whole group: the app and its private redis-server
  writing = false;
  await Promise.all(writers);
  acknowledgedTotal += acknowledged;
  try {
    const db = await openDatabase({ dataDir: join(dataDir, 'pgdata'), sharedBuffers: DEFAULTS.embeddedSharedBuffers });
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM startups');
    await db.close();
    rounds.push({ round, acknowledged, reopened: true, stored: rows[0].n });
  } catch (e) {
    rounds.push({ round, acknowledged, reopened: false, stored: null, error: (e as Error).message });
    break;
  }
}
const reopened = rounds.filter((r) => r.reopened).length;
const last = rounds.at(-1)!;
const result = { rounds: rounds.length, reopened, acknowledgedTotal, storedAtEnd: last.stored, lostAcknowledged: last.stored === null ? null : Math.max(0, acknowledgedTotal - last.stored), detail: rounds };
console.table({ 'kill -9 mid-write, then reopen': { rounds: rounds.length, reopened, 'acknowledged writes': acknowledgedTotal, 'stored after last reopen': last.stored ?? '-', 'acknowledged but lost': result.lostAcknowledged ?? '-' } });
saveResult('crash-embedded', result);
process.exit(reopened === rounds.length ? 0 : 1);
