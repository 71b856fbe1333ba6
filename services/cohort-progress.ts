// A cohort's progress (n of N done, failures) and live updates for its event streams. However many streams
// follow a cohort, one poller per cohort reads its progress (once a second, only while someone watches), so
// streams cost no database time of their own.
import type pg from 'pg';
import { cohortProgress } from '../db/repositories/cohorts.repository.ts';
import { ADVICE_VERSION } from '../engine/advice/advise.ts';

export interface Progress {
  total: number;
  done: number;
  failed: number;
  pending: number;
  percent: number;
}

export type ProgressEvent =
  | { event: 'progress' | 'done'; data: Progress }
  | { event: 'unavailable'; data: { code: string; message: string } };

type Listener = (e: ProgressEvent) => void;

export const POLL_MS = 1_000;

export class CohortProgress {
  private readonly watched = new Map<string, { listeners: Set<Listener>; last: Progress | null; timer: NodeJS.Timeout }>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly pollMs = POLL_MS,
  ) {}

  async of(cohortId: string): Promise<Progress> {
    const p = await cohortProgress(this.pool, cohortId, ADVICE_VERSION);
    const pending = p.total - p.done - p.failed;
    return { ...p, pending, percent: p.total ? Math.round((100 * (p.done + p.failed)) / p.total) : 100 };
  }

  /** Follow a cohort until it is done: progress when it changes, then `done` (or `unavailable`). */
  watch(cohortId: string, listener: Listener): () => void {
    let entry = this.watched.get(cohortId);
    if (!entry) {
      const created = { listeners: new Set<Listener>(), last: null as Progress | null, timer: setInterval(() => void this.poll(cohortId), this.pollMs) };
      this.watched.set(cohortId, created);
      entry = created;
      void this.poll(cohortId);
    } else if (entry.last) listener({ event: 'progress', data: entry.last });
    entry.listeners.add(listener);
    return () => {
      const current = this.watched.get(cohortId);
      current?.listeners.delete(listener);
      if (current && current.listeners.size === 0) this.stop(cohortId);
    };
  }

  private stop(cohortId: string): void {
    const entry = this.watched.get(cohortId);
    if (entry) clearInterval(entry.timer);
    this.watched.delete(cohortId);
  }

  private async poll(cohortId: string): Promise<void> {
    const entry = this.watched.get(cohortId);
    if (!entry) return;
    let event: ProgressEvent;
    try {
      const p = await this.of(cohortId);
      const changed = JSON.stringify(p) !== JSON.stringify(entry.last);
      entry.last = p;
      if (p.pending === 0) event = { event: 'done', data: p };
      else if (changed) event = { event: 'progress', data: p };
      else return;
    } catch {
      event = { event: 'unavailable', data: { code: 'database_unavailable', message: 'The database is unavailable right now; follow the cohort again shortly' } };
    }
    if (event.event !== 'progress') this.stop(cohortId);
    for (const listener of entry.listeners) listener(event);
  }

  /** Cohorts being polled now (one poller each, however many streams follow them). */
  watching(): number {
    return this.watched.size;
  }

  close(): void {
    for (const id of [...this.watched.keys()]) this.stop(id);
  }
}
