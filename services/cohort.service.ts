// Accelerators' cohorts: parse an upload (JSON or CSV), validate every row, create the valid startups and
// one BullMQ flow (a parent with a child per startup). Valid rows go ahead; the report lists the rest.
// The same upload twice returns the first cohort: no duplicate startups, no duplicate jobs.
import { createHash } from 'node:crypto';
import { parse as parseCsv } from 'csv-parse/sync';
import type { StartupProfile } from '../engine/advice/profile.ts';
import { ProfileProblems } from '../engine/advice/validate.ts';
import type pg from 'pg';
import { cohortByUpload, type CohortRow, createCohort, type RejectedRow } from '../db/repositories/cohorts.repository.ts';
import { JOB_OPTIONS, jobId, QUEUE_NAME } from '../worker/jobs.ts';
import type { JobQueue } from '../worker/queue.ts';
import type { AdviceService } from './advice.service.ts';

export const MAX_COHORT = 5_000;
/**
 * Startups per advise-batch job. A job's fixed costs (queue round trips, a read, a write) are shared by the
 * batch; 25 keeps progress fine-grained and a retried batch small.
 */
export const COHORT_BATCH_SIZE = 25;
export const CSV_COLUMNS = {
  required: ['name', 'description', 'techCity', 'techCountry'],
  optional: ['tags', 'stage', 'founderCity', 'founderCountry', 'targetMarkets', 'discoverable'],
} as const;

export class UploadError extends Error {
  constructor(
    readonly status: 400 | 413,
    message: string,
  ) {
    super(message);
  }
}

const list = (cell: string | undefined) => (cell ?? '').split(';').map((s) => s.trim()).filter(Boolean);

/** CSV rows as profile inputs. Throws UploadError for a file that is not readable as a whole. */
export function parseCohortCsv(bytes: Buffer): unknown[] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UploadError(400, 'The CSV is not UTF-8 text: save it as "CSV UTF-8" and upload again');
  }
  let rows: Record<string, string>[];
  try {
    rows = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (e) {
    throw new UploadError(400, `The CSV cannot be read: ${(e as Error).message}`);
  }
  const header = rows.length ? Object.keys(rows[0]!) : [];
  const missing = CSV_COLUMNS.required.filter((c) => !header.includes(c));
  const allowed = new Set<string>([...CSV_COLUMNS.required, ...CSV_COLUMNS.optional]);
  const unknown = header.filter((c) => !allowed.has(c));
  if (rows.length === 0) throw new UploadError(400, `The CSV has no rows. Columns: ${CSV_COLUMNS.required.join(',')} (optional: ${CSV_COLUMNS.optional.join(', ')})`);
  if (missing.length || unknown.length)
    throw new UploadError(400, [missing.length ? `missing column(s): ${missing.join(', ')}` : '', unknown.length ? `unknown column(s): ${unknown.join(', ')}` : ''].filter(Boolean).join('; '));
  return rows.map((r) => ({
    name: r.name,
    description: r.description,
    ...(r.tags ? { tags: list(r.tags) } : {}),
    ...(r.stage ? { stage: r.stage } : {}),
    techTeam: { city: r.techCity || null, country: r.techCountry },
    ...(r.founderCountry ? { founders: { city: r.founderCity || null, country: r.founderCountry } } : {}),
    ...(r.targetMarkets ? { targetMarkets: list(r.targetMarkets) } : {}),
    ...(r.discoverable ? { discoverable: /^(true|yes|1)$/i.test(r.discoverable) } : {}),
  }));
}

export interface CohortUpload {
  cohort: CohortRow;
  accepted: number;
  rejected: RejectedRow[];
  /** True when this upload was already submitted: the existing cohort is returned. */
  duplicate: boolean;
}

export async function submitCohort(
  deps: { pool: pg.Pool; advice: AdviceService; jobs: JobQueue },
  accountId: string,
  name: string,
  rows: unknown[],
  batchSize = COHORT_BATCH_SIZE,
): Promise<CohortUpload> {
  if (rows.length === 0) throw new UploadError(400, 'The cohort has no startups');
  if (rows.length > MAX_COHORT) throw new UploadError(413, `A cohort holds at most ${MAX_COHORT} startups; this upload has ${rows.length}`);
  const uploadHash = createHash('sha256').update(JSON.stringify([name, rows])).digest('hex');
  const existing = await cohortByUpload(deps.pool, accountId, uploadHash);
  if (existing) return { cohort: existing, accepted: -1, rejected: existing.rejected, duplicate: true };

  const valid: { row: number; profile: StartupProfile; vector: Float32Array }[] = [];
  const rejected: RejectedRow[] = [];
  const knowledge = await deps.advice.knowledge();
  for (const [i, raw] of rows.entries()) {
    const row = i + 1;
    try {
      const resolved = await deps.advice.resolve(raw, { knowledge });
      valid.push({ row, profile: resolved.profile, vector: resolved.vector });
    } catch (e) {
      if (!(e instanceof ProfileProblems)) throw e;
      const rowName = typeof raw === 'object' && raw && typeof (raw as { name?: unknown }).name === 'string' ? (raw as { name: string }).name : null;
      rejected.push({ row, name: rowName, problems: e.problems });
    }
  }
  const { cohort, startupIds } = await createCohort(deps.pool, { accountId, name, uploadHash, rejected, startups: valid, modelVersion: deps.advice.modelVersion });
  if (startupIds.length > 0) {
    const items = startupIds.map((startupId) => ({ startupId, profileVersion: 1 }));
    const batches = Array.from({ length: Math.ceil(items.length / batchSize) }, (_, i) => items.slice(i * batchSize, (i + 1) * batchSize));
    await deps.jobs.flow.add({
      name: 'score-cohort',
      queueName: QUEUE_NAME,
      data: { cohortId: cohort.id },
      opts: { jobId: jobId.cohort(cohort.id), removeOnComplete: JOB_OPTIONS.removeOnComplete },
      children: batches.map((batch, i) => ({
        name: 'advise-batch',
        queueName: QUEUE_NAME,
        data: { cohortId: cohort.id, items: batch },
        // A batch that fails for good must not hold the parent back (its startups show as pending).
        opts: { ...JOB_OPTIONS, jobId: jobId.batch(cohort.id, i), ignoreDependencyOnFailure: true },
      })),
    });
  }
  return { cohort, accepted: valid.length, rejected, duplicate: false };
}

/** A CSV cell that a spreadsheet would run as a formula is neutralised with a leading apostrophe. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: Record<string, unknown>[]): string {
  if (rows.length === 0) return '';
  const header = Object.keys(rows[0]!);
  return [header.join(','), ...rows.map((r) => header.map((h) => csvCell(r[h])).join(','))].join('\r\n') + '\r\n';
}
