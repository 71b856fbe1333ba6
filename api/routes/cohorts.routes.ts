// Accelerators: upload a cohort (JSON or CSV, up to 5,000 startups; valid rows go ahead, the report lists
// the others), follow its progress (SSE), read and export results, see what the cohort shares.
import express, { Router } from 'express';
import { z } from 'zod';
import * as cohorts from '../../db/repositories/cohorts.repository.ts';
import { ADVICE_VERSION } from '../../engine/advice/advise.ts';
import { parseCohortCsv, submitCohort, toCsv } from '../../services/cohort.service.ts';
import type { Services } from '../app.ts';
import { accountOf, requireRole } from '../auth.ts';
import { DomainError, notFound } from '../../engine/errors.ts';
import { text } from '../../engine/text.ts';
import { openEventStream } from '../sse.ts';

/** Upload bodies: 5,000 profiles with descriptions fit well within this. */
export const COHORT_UPLOAD_LIMIT = '10mb';
export const JsonUpload = z.object({ name: text().trim().min(1).max(200), startups: z.array(z.unknown()) }).strict();
const CsvQuery = z.object({ name: text().trim().min(1).max(200) }).strict();
const Format = z.object({ format: z.enum(['json', 'csv']).default('json') }).strict();

export function cohortRoutes({ pool, advice, jobs, cohortBatchSize, progress }: Services): Router {
  const router = Router();
  const accelerators = requireRole('accelerator', 'admin');
  const owned = async (accountId: string, id: string) => {
    const cohort = await cohorts.getCohort(pool, accountId, z.string().uuid().parse(id));
    if (!cohort) throw notFound(`cohort ${id}`);
    return cohort;
  };
  const progressOf = (cohortId: string) => progress.of(cohortId);

  router.post(
    '/cohorts',
    accelerators,
    express.json({ limit: COHORT_UPLOAD_LIMIT }),
    express.raw({ type: ['text/csv', 'application/csv'], limit: COHORT_UPLOAD_LIMIT }),
    async (req, res) => {
      let name: string;
      let rows: unknown[];
      if (Buffer.isBuffer(req.body)) {
        name = CsvQuery.parse(req.query).name;
        rows = parseCohortCsv(req.body);
      } else if (req.is('application/json')) {
        ({ name, startups: rows } = JsonUpload.parse(req.body));
      } else throw new DomainError('unsupported', 'unsupported_media_type', 'Upload JSON ({name, startups: [...]}) or CSV (text/csv, ?name=...)');
      const upload = await submitCohort({ pool, advice, jobs }, accountOf(req).id, name, rows, cohortBatchSize);
      res.status(upload.duplicate ? 200 : 202).json({
        cohortId: upload.cohort.id,
        name: upload.cohort.name,
        duplicate: upload.duplicate,
        accepted: upload.duplicate ? undefined : upload.accepted,
        rejected: upload.rejected,
        progress: await progressOf(upload.cohort.id),
        events: `/api/v1/cohorts/${upload.cohort.id}/events`,
      });
    },
  );
  router.get('/cohorts/:id', accelerators, async (req, res) => {
    const cohort = await owned(accountOf(req).id, req.params.id as string);
    res.json({ ...cohort, progress: await progressOf(cohort.id) });
  });
  router.get('/cohorts/:id/events', accelerators, async (req, res) => {
    const cohort = await owned(accountOf(req).id, req.params.id as string);
    const stream = openEventStream(req, res);
    stream.onClose(
      progress.watch(cohort.id, ({ event, data }) => {
        stream.send(event, data);
        if (event !== 'progress') stream.close();
      }),
    );
  });
  router.get('/cohorts/:id/results', accelerators, async (req, res) => {
    const cohort = await owned(accountOf(req).id, req.params.id as string);
    const { format } = Format.parse(req.query);
    const rows = await cohorts.cohortResults(pool, cohort.id, ADVICE_VERSION);
    if (format === 'csv') res.type('text/csv').attachment(`cohort-${cohort.id}.csv`).send(toCsv(rows));
    else res.json({ items: rows });
  });
  router.get('/cohorts/:id/summary', accelerators, async (req, res) => {
    const cohort = await owned(accountOf(req).id, req.params.id as string);
    res.json({ progress: await progressOf(cohort.id), ...(await cohorts.cohortSummary(pool, cohort.id, ADVICE_VERSION)) });
  });
  return router;
}
