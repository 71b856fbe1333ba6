// The local control socket: how `foothold keys create`, `kb import`, `kb stats` and `advise` work while a
// server owns the data directory. The embedded database belongs to that one process, so such a command asks
// the process instead of opening the database itself. The socket is a Unix socket in the data directory,
// readable by its owner only: whoever may open the data directory may use it, nobody else (it is not on
// the network, and it needs no API key).
import { createHash } from 'node:crypto';
import { chmodSync, unlinkSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express, { Router } from 'express';
import { z } from 'zod';
import { ROLES } from '../engine/accounts.ts';
import { KB_KIND_NAMES, type KbKind } from '../engine/kb/schema.ts';
import { text } from '../engine/text.ts';
import type { AccountService } from '../services/account.service.ts';
import type { AdviceService } from '../services/advice.service.ts';
import type { KnowledgeService } from '../services/knowledge.service.ts';
import { errorHandler, toDomainError } from './errors.ts';

/** Unix socket paths are limited to about 100 bytes: a long data directory gets its socket in the temp directory. */
export function controlSocketPath(dataDir: string): string {
  const inDir = join(dataDir, 'control.sock');
  return Buffer.byteLength(inDir) < 100 ? inDir : join(tmpdir(), `foothold-${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}.sock`);
}

export const NewAccount = z.object({ role: z.enum(ROLES), name: text().trim().min(1).max(200), email: text().trim().max(320).optional() }).strict();
const ImportBody = z.object({ kind: z.enum(KB_KIND_NAMES as [KbKind, ...KbKind[]]), compiled: z.number().int(), records: z.array(z.unknown()), form: z.enum(['json', 'csv']).optional() }).strict();

/** What the control routes use: accounts, the knowledge base, advice. */
export interface ControlContext {
  accounts: AccountService;
  knowledge: KnowledgeService;
  advice: AdviceService;
}

function controlRoutes({ accounts, knowledge, advice }: ControlContext): Router {
  const router = Router();
  router.post('/accounts', async (req, res) => {
    const { role, name, email } = NewAccount.parse(req.body);
    res.status(201).json(await accounts.create(role, name, email));
  });
  router.get('/kb/stats', async (_req, res) => {
    res.json(await knowledge.stats());
  });
  router.post('/advise', async (req, res) => {
    res.json(await advice.advise(req.body));
  });
  // An import can take a while: its progress streams as lines of JSON, the last one the result or the error.
  router.post('/kb/import', async (req, res) => {
    const upload = ImportBody.parse(req.body);
    res.status(200).type('application/x-ndjson');
    const line = (o: unknown) => res.write(`${JSON.stringify(o)}\n`);
    let last = 0;
    try {
      const result = await knowledge.importUpload(upload, (stage, done, total) => {
        if (Date.now() - last < 100 && done < total) return;
        last = Date.now();
        line({ progress: { stage, done, total } });
      });
      line({ result });
    } catch (e) {
      const error = toDomainError(e);
      line({ error: error ? { code: error.code, message: error.message, details: error.details } : { code: 'internal', message: (e as Error).message, details: [] } });
    }
    res.end();
  });
  return router;
}

/** Serve the control routes on the data directory's socket; returns its path and how to stop it. */
export async function listenForControl(ctx: ControlContext, dataDir: string): Promise<{ path: string; close: () => Promise<void> }> {
  const app = express();
  app.use(express.json({ limit: '512mb' }));
  app.use(controlRoutes(ctx));
  app.use(errorHandler);
  const path = controlSocketPath(dataDir);
  try {
    unlinkSync(path); // left by a process that was killed: this process owns the directory now
  } catch {
    /* none */
  }
  const server: Server = app.listen(path);
  await new Promise<void>((ok, fail) => server.once('listening', ok).once('error', fail));
  chmodSync(path, 0o600);
  return { path, close: () => new Promise((ok) => server.close(() => ok())) };
}
