// `foothold advise <profile.json | ->`: advice for one startup on the embedded default, no server needed.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { DomainError } from '../../engine/errors.ts';
import { prepareAdvice } from '../../boot/stack.ts';
import type { Advice } from '../../engine/advice/advise.ts';
import { loadConfig } from '../../runtime/config.ts';
import type { AdviceService } from '../../services/advice.service.ts';
import { formatAdvice } from '../advice-printer.ts';
import { withContext, type Context } from '../context.ts';
import { runningServer } from '../control.ts';
import { progressBar } from '../progress.ts';

export class InputError extends DomainError {
  constructor(message: string) {
    super('invalid', 'bad_input', message);
  }
}

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
  const { advice } = await prepareAdvice(db.pool, bar);
  bar.stop();
  return advice;
}

export function registerAdviseCommand(program: Command): void {
  program
    .command('advise <profile>')
    .description('advice for one startup profile (a JSON file, or - for standard input)')
    .option('--json', 'print the full result as JSON')
    .action(async (path: string, opts: { json?: boolean }) => {
      const input = readJsonInput(path);
      const print = (advice: Advice) => console.log(opts.json ? JSON.stringify(advice, null, 2) : formatAdvice(advice));
      // Beside a running server, the server computes it (it owns the database).
      const server = await runningServer(loadConfig());
      if (server) return print(await server.call<Advice>('POST', '/advise', input));
      await withContext('advise', async (ctx) => print(await (await adviceService(ctx)).advise(input)));
    });
}
