// The job catalogue: every job name, its payload (ids only: BullMQ keeps job data in Redis in clear text,
// so no founder text goes there), its deterministic id, and its retry policy.
export const QUEUE_NAME = 'foothold';

export interface AdviceItem {
  startupId: string;
  profileVersion: number;
}

export interface JobPayloads {
  /** Advice for one startup, at one profile version (a founder's request). */
  'advise-startup': AdviceItem;
  /**
   * Advice for a batch of startups (a cohort's, or those the reconciler found owed advice with no live
   * job): one read, one knowledge check and one write per batch.
   */
  'advise-batch': { cohortId: string | null; items: AdviceItem[] };
  /** The parent of a cohort's advise-batch jobs: runs once all of them have finished. */
  'score-cohort': { cohortId: string };
  /** Embed knowledge-base records whose vectors are missing or stale (after an import). */
  'reembed-knowledge-base': { importedAt: string };
}
export type JobName = keyof JobPayloads;

/** Deterministic ids: submitting the same work twice finds the job already there. */
export const jobId = {
  advise: (startupId: string, profileVersion: number) => `advise-${startupId}-v${profileVersion}`,
  batch: (cohortId: string, index: number) => `advise-batch-${cohortId}-${index}`,
  cohort: (cohortId: string) => `cohort-${cohortId}`,
  reembed: (importedAt: string) => `reembed-${importedAt.replace(/[^0-9A-Za-z]/g, '')}`,
  /** A reconciler's batch: unique per pass (the work it redoes had a job that ended without a result). */
  reconcile: (pass: number, index: number) => `advise-batch-reconcile-${pass}-${index}`,
};

/** States in which a job will still run (or is running): work it carries is not lost. */
export const LIVE_STATES: ReadonlySet<string> = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

/** Transient failures are retried with exponential backoff; finished jobs are kept a while for clients. */
export const JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 1_000 },
  removeOnComplete: { age: 24 * 3600, count: 50_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;
