// Founders' startups and their advice: profiles validated in full before they are stored, advice asked for
// through the queue and recorded as owed until its result is stored (so the reconciler can finish what an
// outage interrupted), an edit of an advised startup advised again, results and live progress.
import type pg from 'pg';
import { type AdviceKey, adviceHistory, adviceResult, type AdviceRow } from '../db/repositories/advice-results.repository.ts';
import * as startups from '../db/repositories/startups.repository.ts';
import { DomainError, notFound } from '../engine/errors.ts';
import { ADVICE_VERSION } from '../engine/advice/advise.ts';
import { jobId } from '../jobs/catalogue.ts';
import { type JobEvent, type JobQueue, QueueUnavailable } from '../jobs/queue.ts';
import type { AdviceService } from './advice.service.ts';

/** The profile a founder sends (validated in full by the advice service, which also resolves its places and tags). */
export { StartupProfileSchema } from '../engine/advice/profile.ts';

export type AdviceState =
  | { status: 'done' | 'failed'; result: AdviceRow }
  | { status: 'pending'; state: string; progress: unknown };

/** What an advice stream tells its client: the job's state, its progress, then the outcome. */
export type AdviceEvent =
  | { event: 'state'; data: { state: string } }
  | { event: 'progress'; data: { progress: unknown } }
  | { event: 'done'; data: AdviceKey }
  | { event: 'failed'; data: { code: string; message: string; details?: unknown } }
  | { event: 'unavailable'; data: { code: string; message: string } };

/** The advice a profile version is owed: the current engine's. */
const adviceKey = (profileVersion: number): AdviceKey => ({ engineVersion: ADVICE_VERSION, profileVersion });

export class StartupService {
  constructor(
    private readonly pool: pg.Pool,
    private readonly advice: AdviceService,
    private readonly jobs: JobQueue,
  ) {}

  /** Validate a profile fully (schema, tags, places) and embed it; throws ProfileProblems. */
  private async validated(body: unknown) {
    const resolved = await this.advice.resolve(body);
    return { profile: resolved.profile, vector: { vector: resolved.vector, modelVersion: this.advice.modelVersion } };
  }

  async create(accountId: string, body: unknown) {
    const { profile, vector } = await this.validated(body);
    return startups.createStartup(this.pool, accountId, profile, vector);
  }

  list(accountId: string) {
    return startups.listStartups(this.pool, accountId);
  }

  async get(accountId: string, id: string) {
    const startup = await startups.getStartup(this.pool, accountId, id);
    if (!startup) throw notFound(`startup ${id}`);
    return startup;
  }

  /** Replace the profile; a startup that was advised before is advised again on the new one. */
  async update(accountId: string, id: string, body: unknown) {
    await this.get(accountId, id);
    const { profile, vector } = await this.validated(body);
    const updated = await startups.updateStartup(this.pool, accountId, id, profile, vector);
    if (!updated) throw notFound(`startup ${id}`);
    const { reAdvise, ...startup } = updated;
    if (reAdvise)
      await this.queueAdvice(startup.id, startup.profileVersion).catch((e) => {
        if (!(e instanceof QueueUnavailable)) throw e; // it stays owed: the reconciler queues it once Redis is back
      });
    return startup;
  }

  private async queueAdvice(startupId: string, profileVersion: number) {
    const id = jobId.advise(startupId, profileVersion);
    const job = await this.jobs.add('advise-startup', { startupId, profileVersion }, id);
    await startups.markAdviceRequested(this.pool, startupId, profileVersion, job.id, ADVICE_VERSION);
    return job;
  }

  /** Queue advice for the current profile (a second request finds the same job). */
  async requestAdvice(accountId: string, id: string) {
    const startup = await this.get(accountId, id);
    const job = await this.queueAdvice(startup.id, startup.profileVersion);
    return { startup, job, advice: adviceKey(startup.profileVersion) };
  }

  /** The advice for the current profile, or where its job stands. */
  async adviceState(accountId: string, id: string): Promise<AdviceState> {
    const startup = await this.get(accountId, id);
    const result = await adviceResult(this.pool, startup.id, adviceKey(startup.profileVersion));
    if (result) return { status: result.status, result };
    const job = await this.jobs.status(jobId.advise(startup.id, startup.profileVersion));
    if (!job) throw new DomainError('not_found', 'not_requested', 'No advice requested for this version of the profile: POST to this URL first');
    return { status: 'pending', ...job };
  }

  async history(accountId: string, id: string) {
    return adviceHistory(this.pool, (await this.get(accountId, id)).id);
  }

  /**
   * Follow a startup's advice: `emit` gets the job's state and progress, then `done`, `failed`, or
   * `unavailable` when the queue cannot be reached (then the stream should end; the client retries later).
   * Returns the unsubscribe function.
   */
  async watchAdvice(accountId: string, id: string, emit: (e: AdviceEvent) => void): Promise<() => void> {
    const startup = await this.get(accountId, id);
    const key = adviceKey(startup.profileVersion);
    const fromStore = async (): Promise<AdviceEvent | null> => {
      const result = await adviceResult(this.pool, startup.id, key);
      if (!result) return null;
      return result.status === 'done' ? { event: 'done', data: key } : { event: 'failed', data: result.error };
    };
    const job = jobId.advise(startup.id, startup.profileVersion);
    const listener = (e: JobEvent) => {
      if (e.type === 'progress') return emit({ event: 'progress', data: { progress: e.progress } });
      void fromStore().then(
        (outcome) => emit(outcome ?? { event: 'failed', data: { code: 'job_failed', message: e.reason ?? 'the job failed' } }),
        () => emit(UNREACHABLE_DATABASE),
      );
    };
    this.jobs.events.on(job, listener);
    const unsubscribe = () => this.jobs.events.off(job, listener);
    const stored = await fromStore();
    if (stored) emit(stored);
    else
      await this.jobs.status(job).then(
        (status) => emit({ event: 'state', data: { state: status?.state ?? 'not_requested' } }),
        (e) => emit({ event: 'unavailable', data: { code: (e as DomainError).code ?? 'queue_unavailable', message: (e as Error).message } }),
      );
    return unsubscribe;
  }
}

const UNREACHABLE_DATABASE: AdviceEvent = { event: 'unavailable', data: { code: 'database_unavailable', message: 'The database is unavailable right now; try again shortly' } };
