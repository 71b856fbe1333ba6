// Admin: import into the knowledge base (all or nothing) and re-embed it through the queue.
import { Router } from 'express';
import { KbProblems } from '../../engine/kb/derive.ts';
import { KbFileHeaderSchema } from '../../engine/kb/schema.ts';
import { validateRecords } from '../../kb/files.ts';
import { importRecords } from '../../kb/import.ts';
import { jobId } from '../../jobs/catalogue.ts';
import { QueueUnavailable } from '../../jobs/queue.ts';
import type { Services } from '../app.ts';
import { requireRole } from '../auth.ts';

export function adminRoutes({ pool, jobs }: Services): Router {
  const router = Router();
  router.post('/kb/import', requireRole('admin'), async (req, res) => {
    const file = KbFileHeaderSchema.parse(req.body);
    if (!jobs.available()) throw new QueueUnavailable('checked before importing'); // the import is followed by a re-embedding job
    const { records, problems } = validateRecords(file.kind, file.records);
    if (problems.length) throw new KbProblems(problems, 'the uploaded records');
    const summary = await importRecords(pool, { kind: file.kind, compiled: file.compiled, records: records as never });
    // Should Redis go away just now, the import stands and the next start embeds what is new.
    const job = await jobs.add('reembed-knowledge-base', { importedAt: summary.importedAt }, jobId.reembed(summary.importedAt)).catch(() => null);
    res.json({ ...summary, reembedJob: job?.id ?? null });
  });
  router.post('/kb/reembed', requireRole('admin'), async (_req, res) => {
    const at = new Date().toISOString();
    const job = await jobs.add('reembed-knowledge-base', { importedAt: at }, jobId.reembed(at));
    res.status(202).json({ jobId: job.id, state: job.state });
  });
  return router;
}
