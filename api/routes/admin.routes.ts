// Admin: import into the knowledge base (all or nothing) and re-embed it through the queue.
import { Router } from 'express';
import { KbProblems } from '../../engine/kb/derive.ts';
import { KbFileHeaderSchema } from '../../engine/kb/schema.ts';
import { validateRecords } from '../../kb/files.ts';
import { importRecords } from '../../kb/import.ts';
import { jobId } from '../../worker/jobs.ts';
import type { Services } from '../app.ts';
import { requireRole } from '../auth.ts';
import { HttpError } from '../errors.ts';

export function adminRoutes({ pool, jobs }: Services): Router {
  const router = Router();
  router.post('/kb/import', requireRole('admin'), async (req, res) => {
    const file = KbFileHeaderSchema.parse(req.body);
    const { records, problems } = validateRecords(file.kind, file.records);
    if (problems.length) throw new HttpError(400, 'invalid_records', `${problems.length} bad record(s), nothing imported`, problems.map((p) => ({ path: `records.${p.index}.${p.path}`, message: p.message })));
    try {
      const summary = await importRecords(pool, { kind: file.kind, compiled: file.compiled, records: records as never });
      const job = await jobs.add('reembed-knowledge-base', { importedAt: summary.importedAt }, jobId.reembed(summary.importedAt));
      res.json({ ...summary, reembedJob: job.id });
    } catch (e) {
      if (e instanceof KbProblems)
        throw new HttpError(400, 'invalid_records', e.message.split('\n')[0]!, e.problems.map((p) => ({ path: `${p.kind}.${p.index}.${p.path}`, message: `${p.id}: ${p.message}` })));
      throw e;
    }
  });
  router.post('/kb/reembed', requireRole('admin'), async (_req, res) => {
    const at = new Date().toISOString();
    const job = await jobs.add('reembed-knowledge-base', { importedAt: at }, jobId.reembed(at));
    res.status(202).json({ jobId: job.id, state: job.state });
  });
  return router;
}
