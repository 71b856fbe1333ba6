// Nothing waits for ever: the reconciler finds every startup owed advice on its current profile whose job
// is no longer live (lost with Redis, failed while the database was down, never queued because Redis went
// away mid-request, finished before an edit) and queues it again, in batches. It runs at start and then
// periodically, in whichever process holds its lock, so several workers never queue the same work twice.
// After an upgrade of the advice engine it first marks every advised startup owed again.
import type pg from 'pg';
import type { Queryable } from '../db/connection.ts';
import { getMeta, setMeta } from '../db/repositories/meta.repository.ts';
import { assignAdviceJob, owedAdvice, oweAdviceAgain } from '../db/repositories/startups.repository.ts';
import { whenLockFree } from '../db/transaction.ts';
import { ADVICE_VERSION } from '../engine/advice/advise.ts';
import { jobId, LIVE_STATES } from '../jobs/catalogue.ts';
import type { JobQueue } from '../jobs/queue.ts';
import type { Logger } from '../runtime/logger.ts';

const RECONCILE_LOCK = 7_240_514; // arbitrary, fixed: "foothold reconciler"
/** A request younger than this may still be on its way to the queue (its job is added after the row is stored). */
export const GRACE_SECONDS = 30;
/** Startups looked at per pass; the next pass takes the rest. */
const PASS_LIMIT = 5_000;

export interface ReconcileReport {
  owed: number;
  requeued: number;
  /** An upgraded engine made this many startups owed advice again. */
  reowed: number;
}

export interface ReconcilerOptions {
  batchSize: number;
  intervalMs: number;
  graceSeconds?: number;
  logger?: Logger;
}

export class Reconciler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private passes = 0;

  constructor(
    private readonly pool: pg.Pool,
    private readonly jobs: JobQueue,
    private readonly options: ReconcilerOptions,
  ) {}

  /** One pass; null when another process is reconciling now. */
  async runOnce(): Promise<ReconcileReport | null> {
    // The pass runs on the lock's connection, inside its transaction (the embedded database has one
    // connection: asking the pool for another would wait for ever).
    return whenLockFree(this.pool, RECONCILE_LOCK, async (db) => {
      const reowed = await this.afterEngineUpgrade(db);
      const owed = await owedAdvice(db, this.options.graceSeconds ?? GRACE_SECONDS, PASS_LIMIT);
      if (owed.length === 0) return { owed: 0, requeued: 0, reowed };
      const states = await this.jobs.states([...new Set(owed.flatMap((o) => (o.jobId ? [o.jobId] : [])))]);
      const orphans = owed.filter((o) => !o.jobId || !LIVE_STATES.has(states.get(o.jobId) ?? 'unknown'));
      const pass = Date.now() * 100 + (this.passes++ % 100);
      const size = this.options.batchSize;
      for (let i = 0; i * size < orphans.length; i++) {
        const batch = orphans.slice(i * size, (i + 1) * size);
        const id = jobId.reconcile(pass, i);
        await this.jobs.add('advise-batch', { cohortId: null, items: batch.map((o) => ({ startupId: o.id, profileVersion: o.profileVersion })) }, id);
        await assignAdviceJob(db, batch.map((o) => o.id), id);
      }
      if (orphans.length) this.options.logger?.info({ owed: owed.length, requeued: orphans.length }, 'reconciler queued advice that no live job would deliver');
      return { owed: owed.length, requeued: orphans.length, reowed };
    });
  }

  /** Once per engine version: startups advised by an older engine are owed the current one's advice. */
  private async afterEngineUpgrade(db: Queryable): Promise<number> {
    const seen = await getMeta<string>(db, 'advice_engine');
    if (seen === ADVICE_VERSION) return 0;
    const reowed = seen === null ? 0 : await oweAdviceAgain(db);
    await setMeta(db, 'advice_engine', ADVICE_VERSION);
    if (reowed) this.options.logger?.info({ from: seen, to: ADVICE_VERSION, startups: reowed }, 'advice engine upgraded: startups owed new advice');
    return reowed;
  }

  /** A pass now and then every interval; failures (Redis or the database away) wait for the next pass. */
  start(): void {
    const tick = () => {
      this.running ??= this.runOnce()
        .catch((e) => this.options.logger?.warn({ err: e }, 'reconciler pass failed; the next pass retries'))
        .finally(() => (this.running = null));
    };
    tick();
    this.timer = setInterval(tick, this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
