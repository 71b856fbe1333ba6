// `foothold advise <profile.json | ->`: advice for one startup on the embedded default, no server needed.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ensureKnowledgeBase } from '../../kb/import.ts';
import { loadGazetteer } from '../../kb/gazetteer.ts';
import { embedKnowledgeBase } from '../../models/embed-kb.ts';
import { Encoder } from '../../models/encoder.ts';
import { AdviceService } from '../../services/advice.service.ts';
import { formatAdvice } from '../advice-printer.ts';
import { withContext, type Context } from '../context.ts';
import { progressBar } from '../progress.ts';

export class InputError extends Error {}

export function readJsonInput(path: string): unknown {
  let text: string;
  try {
    text = path === '-' ? readFileSync(0, 'utf8') : readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(`${path}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(`${path}: not valid JSON (${(e as Error).message})`);
  }
}

/** The advice service on a ready database: seeded, and the knowledge base embedded by the current model. */
export async function adviceService({ db }: Context): Promise<AdviceService> {
  const bar = progressBar();
  await ensureKnowledgeBase(db.pool, bar);
  const encoder = await Encoder.load();
  await embedKnowledgeBase(db.pool, encoder, bar);
  bar.stop();
  return new AdviceService(db.pool, encoder, loadGazetteer());
}

export function registerAdviseCommand(program: Command): void {
  program
    .command('advise <profile>')
    .description('advice for one startup profile (a JSON file, or - for standard input)')
    .option('--json', 'print the full result as JSON')
    .action(async (path: string, opts: { json?: boolean }) => {
      const input = readJsonInput(path);
      await withContext(async (ctx) => {
        const advice = await (await adviceService(ctx)).advise(input);
        console.log(opts.json ? JSON.stringify(advice, null, 2) : formatAdvice(advice));
      });
    });
}
