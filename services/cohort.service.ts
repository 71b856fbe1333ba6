// Accelerators' cohorts: parse an upload (JSON or CSV), validate every row, create the valid startups and
// one job flow (a parent with a child per batch of startups). Valid rows go ahead; the report lists the
// rest. The same upload twice returns the first cohort: no duplicate startups, no duplicate jobs. Then
// progress (live for event streams), results per startup (JSON or a spreadsheet-safe CSV) and what the
// cohort shares.
import { createHash, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { z } from 'zod';
import * as cohorts from '../db/repositories/cohorts.repository.ts';
import type { CohortRow, RejectedRow } from '../db/repositories/cohorts.repository.ts';
import { ADVICE_VERSION } from '../engine/advice/advise.ts';
import type { StartupProfile } from '../engine/advice/profile.ts';
import { ProfileProblems } from '../engine/advice/validate.ts';
import { DomainError, notFound } from '../engine/errors.ts';
import { text, textProblems } from '../engine/text.ts';
import { cohortBatchIds, type JobQueue, QueueUnavailable } from '../jobs/queue.ts';
import { csvRecords, CsvUnreadable, utf8Text } from '../sources/csv.ts';
import type { AdviceService } from './advice.service.ts';
import type { CohortProgress, Progress, ProgressEvent } from './cohort-progress.ts';

export const MAX_COHORT = 5_000;
/** Upload bodies: 5,000 profiles with descriptions fit well within this. */
export const COHORT_UPLOAD_LIMIT = '10mb';

export const JsonUpload = z.object({ name: text().trim().min(1).max(200), startups: z.array(z.unknown()).describe('startup profiles') }).strict();
export const CsvUploadQuery = z.object({ name: text().trim().min(1).max(200) }).strict();
export const ResultsQuery = z.object({ format: z.enum(['json', 'csv']).default('json') }).strict();
export const CSV_COLUMNS = {
  required: ['name', 'description', 'techCity', 'techCountry'],
  optional: ['tags', 'stage', 'founderCity', 'founderCountry', 'targetMarkets', 'discoverable'],
} as const;

const invalidUpload = (message: string) => new DomainError('invalid', 'invalid_upload', message);

const list = (cell: string | undefined) => (cell ?? '').split(';').map((s) => s.trim()).filter(Boolean);

/** CSV rows as profile inputs. Throws invalid_upload for a file that is not readable as a whole. */
export function parseCohortCsv(bytes: Buffer): unknown[] {
  let rows: Record<string, string>[];
  try {
    rows = csvRecords(utf8Text(bytes));
  } catch (e) {
    if (e instanceof CsvUnreadable) throw invalidUpload(`${e.message[0]!.toUpperCase()}${e.message.slice(1)}`);
    throw e;
  }
  const header = rows.length ? Object.keys(rows[0]!) : [];
  const missing = CSV_COLUMNS.required.filter((c) => !header.includes(c));
  const allowed = new Set<string>([...CSV_COLUMNS.required, ...CSV_COLUMNS.optional]);
  const unknown = header.filter((c) => !allowed.has(c));
  if (rows.length === 0) throw invalidUpload(`The CSV has no rows. Columns: ${CSV_COLUMNS.required.join(',')} (optional: ${CSV_COLUMNS.optional.join(', ')})`);
  if (missing.length || unknown.length)
    throw invalidUpload([missing.length ? `missing column(s): ${missing.join(', ')}` : '', unknown.length ? `unknown column(s): ${unknown.join(', ')}` : ''].filter(Boolean).join('; '));
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

/**
 * Validate every row, then store the valid ones and queue their jobs — both, or neither: when the queue is
 * unavailable nothing is stored and the caller gets QueueUnavailable (a 503), so the same upload can simply
 * be sent again. Rows with text that cannot be stored, or nested absurdly deep, are rejected rows like any
 * other invalid row.
 */
async function submitCohort(
  deps: { pool: pg.Pool; advice: AdviceService; jobs: JobQueue },
  accountId: string,
  name: string,
  rows: unknown[],
  batchSize: number,
): Promise<CohortUpload> {
  if (rows.length === 0) throw invalidUpload('The cohort has no startups');
  if (rows.length > MAX_COHORT) throw new DomainError('too_large', 'cohort_too_large', `A cohort holds at most ${MAX_COHORT} startups; this upload has ${rows.length}`);
  const textFaults = rows.map((raw) => textProblems(raw));
  // Rows too deep to serialise are hashed by their problems (they are rejected in any case).
  const uploadHash = createHash('sha256').update(JSON.stringify([name, rows.map((r, i) => (textFaults[i]!.length ? textFaults[i] : r))])).digest('hex');
  const existing = await cohorts.cohortByUpload(deps.pool, accountId, uploadHash);
  if (existing) return { cohort: existing, accepted: -1, rejected: existing.rejected, duplicate: true };

  const valid: { row: number; profile: StartupProfile; vector: Float32Array }[] = [];
  const rejected: RejectedRow[] = [];
  const knowledge = await deps.advice.knowledge();
  for (const [i, raw] of rows.entries()) {
    const row = i + 1;
    const rowName = typeof raw === 'object' && raw && typeof (raw as { name?: unknown }).name === 'string' && !textFaults[i]!.length ? (raw as { name: string }).name : null;
    if (textFaults[i]!.length) {
      rejected.push({ row, name: rowName, problems: textFaults[i]! });
      continue;
    }
    try {
      const resolved = await deps.advice.resolve(raw, { knowledge });
      valid.push({ row, profile: resolved.profile, vector: resolved.vector });
    } catch (e) {
      if (!(e instanceof ProfileProblems)) throw e;
      rejected.push({ row, name: rowName, problems: e.problems });
    }
  }
  if (valid.length > 0 && !deps.jobs.available()) throw new QueueUnavailable('checked before storing the cohort');
  const cohortId = randomUUID();
  const batches = Array.from({ length: Math.ceil(valid.length / batchSize) }, (_, i) => valid.slice(i * batchSize, (i + 1) * batchSize));
  const batchIds = cohortBatchIds(cohortId, batches.length);
  const members = batches.flatMap((batch, b) => batch.map((m) => ({ ...m, adviceJobId: batchIds[b]! })));
  const { cohort, startupIds } = await cohorts.createCohort(deps.pool, { id: cohortId, accountId, name, uploadHash, rejected, startups: members, modelVersion: deps.advice.modelVersion });
  if (startupIds.length > 0) {
    const items = startupIds.map((startupId) => ({ startupId, profileVersion: 1 }));
    try {
      await deps.jobs.addCohort(cohortId, batches.map((batch, b) => items.slice(b * batchSize, b * batchSize + batch.length)));
    } catch (e) {
      // Redis went away between the check and the flow: take the cohort back, so that nothing waits for jobs
      // that were never queued (if even that fails, the reconciler queues them once Redis is back).
      await cohorts.deleteCohort(deps.pool, cohortId).catch(() => {});
      throw e;
    }
  }
  return { cohort, accepted: valid.length, rejected, duplicate: false };
}

/** A CSV cell that a spreadsheet would run as a formula is neutralised with a leading apostrophe. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly object[]): string {
  if (rows.length === 0) return '';
  const header = Object.keys(rows[0]!);
  const cells = (r: object) => header.map((h) => csvCell((r as Record<string, unknown>)[h])).join(',');
  return [header.join(','), ...rows.map(cells)].join('\r\n') + '\r\n';
}

/** An upload as it arrives: JSON ({name, startups}) or CSV bytes with the name beside them. */
export type CohortUploadBody = { json: unknown } | { csv: Buffer; name: string };

export class CohortService {
  constructor(
    private readonly pool: pg.Pool,
    private readonly advice: AdviceService,
    private readonly jobs: JobQueue,
    private readonly progress: CohortProgress,
    /** Startups per advise-batch job (COHORT_BATCH_SIZE). */
    private readonly batchSize: number,
  ) {}

  async submit(accountId: string, upload: CohortUploadBody): Promise<CohortUpload & { progress: Progress }> {
    const { name, rows } = 'csv' in upload ? { name: upload.name, rows: parseCohortCsv(upload.csv) } : (({ name, startups }) => ({ name, rows: startups }))(JsonUpload.parse(upload.json));
    const submitted = await submitCohort({ pool: this.pool, advice: this.advice, jobs: this.jobs }, accountId, name, rows, this.batchSize);
    return { ...submitted, progress: await this.progress.of(submitted.cohort.id) };
  }

  async get(accountId: string, id: string): Promise<CohortRow & { progress: Progress }> {
    const cohort = await cohorts.getCohort(this.pool, accountId, id);
    if (!cohort) throw notFound(`cohort ${id}`);
    return { ...cohort, progress: await this.progress.of(cohort.id) };
  }

  /** One line per startup: the headline of its advice. */
  async results(accountId: string, id: string) {
    const cohort = await this.get(accountId, id);
    return cohorts.cohortResults(this.pool, cohort.id, ADVICE_VERSION);
  }

  async summary(accountId: string, id: string) {
    const cohort = await this.get(accountId, id);
    return { progress: cohort.progress, ...(await cohorts.cohortSummary(this.pool, cohort.id, ADVICE_VERSION)) };
  }

  /** Cohorts being polled for their streams now (one poller each, however many streams follow them). */
  watching(): number {
    return this.progress.watching();
  }

  /** Follow a cohort (which must be the account's) until done. Returns the unsubscribe function. */
  async watch(accountId: string, id: string, listener: (e: ProgressEvent) => void): Promise<() => void> {
    const cohort = await this.get(accountId, id);
    return this.progress.watch(cohort.id, listener);
  }
}
