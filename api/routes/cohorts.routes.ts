// Accelerators: upload a cohort (JSON or CSV, up to 5,000 startups; valid rows go ahead, the report lists
// the others), follow its progress (SSE), read and export results, see what the cohort shares.
import { z } from 'zod';
import { DomainError } from '../../engine/errors.ts';
import { COHORT_UPLOAD_LIMIT, CsvUploadQuery, JsonUpload, ResultsQuery, toCsv } from '../../services/cohort.service.ts';
import { route } from '../route.ts';
import { openEventStream } from '../sse.ts';

const ACCELERATORS = ['accelerator', 'admin'] as const;
const id = (params: Record<string, string>) => z.string().uuid().parse(params.id);

export const cohortRoutes = [
  route({
    method: 'post',
    path: '/api/v1/cohorts',
    summary:
      'Upload a cohort: JSON, or CSV (text/csv, ?name=; columns name, description, techCity, techCountry, optional tags, stage, founderCity, founderCountry, targetMarkets, discoverable). Up to 5,000 startups; valid rows go ahead, rejected rows are reported; the same upload twice returns the first cohort; nothing is stored when the queue is unavailable (503).',
    access: ACCELERATORS,
    documentedBody: JsonUpload,
    upload: true,
    bodyLimit: COHORT_UPLOAD_LIMIT,
    responses: { 202: '{cohortId, accepted, rejected[], progress, events}', 200: 'duplicate upload', 413: 'more than 5,000 startups or too large', 415: 'neither JSON nor CSV', 503: 'queue unavailable: nothing stored' },
    async handle({ req, account, res }, { cohorts }) {
      const upload = Buffer.isBuffer(req.body)
        ? { csv: req.body, name: CsvUploadQuery.parse(req.query).name }
        : req.is('application/json')
          ? { json: req.body }
          : null;
      if (!upload) throw new DomainError('unsupported', 'unsupported_media_type', 'Upload JSON ({name, startups: [...]}) or CSV (text/csv, ?name=...)');
      const submitted = await cohorts.submit(account.id, upload);
      res.status(submitted.duplicate ? 200 : 202).json({
        cohortId: submitted.cohort.id,
        name: submitted.cohort.name,
        duplicate: submitted.duplicate,
        accepted: submitted.duplicate ? undefined : submitted.accepted,
        rejected: submitted.rejected,
        progress: submitted.progress,
        events: `/api/v1/cohorts/${submitted.cohort.id}/events`,
      });
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/cohorts/:id',
    summary: 'Cohort with progress (n of N, failures) and the rejected rows',
    access: ACCELERATORS,
    responses: { 200: 'the cohort', 404: 'not found' },
    async handle({ params, account, res }, { cohorts }) {
      res.json(await cohorts.get(account.id, id(params)));
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/cohorts/:id/events',
    summary: 'Server-Sent Events: progress until done (or unavailable); at most 5 streams per key',
    access: ACCELERATORS,
    responses: { 200: 'text/event-stream', 429: 'too many open streams' },
    async handle({ params, account, req, res }, { cohorts }) {
      const cohortId = id(params);
      await cohorts.get(account.id, cohortId); // a 404 before the stream opens
      const stream = openEventStream(req, res);
      stream.onClose(
        await cohorts.watch(account.id, cohortId, ({ event, data }) => {
          stream.send(event, data);
          if (event !== 'progress') stream.close();
        }),
      );
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/cohorts/:id/results',
    summary: 'Results per startup (?format=csv for a spreadsheet; formulas neutralised)',
    access: ACCELERATORS,
    query: ResultsQuery,
    responses: { 200: 'JSON or CSV', 404: 'not found' },
    async handle({ params, query, account, res }, { cohorts }) {
      const rows = await cohorts.results(account.id, id(params));
      if (query.format === 'csv') res.type('text/csv').attachment(`cohort-${id(params)}.csv`).send(toCsv(rows));
      else res.json({ items: rows });
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/cohorts/:id/summary',
    summary: 'Clusters most recommended, partners relevant to many startups, shared bridges',
    access: ACCELERATORS,
    responses: { 200: 'the summary', 404: 'not found' },
    async handle({ params, account, res }, { cohorts }) {
      res.json(await cohorts.summary(account.id, id(params)));
    },
  }),
];
