// The `foothold` command: one entry point for every task.
import { Command, CommanderError } from 'commander';
import { DomainError } from '../engine/errors.ts';
import { registerAdviseCommand } from './commands/advise.ts';
import { registerEvalCommand } from './commands/eval.ts';
import { registerKbCommands } from './commands/kb.ts';
import { registerKeysCommand } from './commands/keys.ts';
import { registerModelCommands } from './commands/model.ts';
import { registerStartCommand } from './commands/start.ts';

const program = new Command('foothold')
  .description('Foothold: where to place each function of a startup, whom to approach, which bridges to build')
  .showHelpAfterError();
registerStartCommand(program);
registerKbCommands(program);
registerModelCommands(program);
registerAdviseCommand(program);
registerEvalCommand(program);
registerKeysCommand(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  // The CLI's one error mapper: what a user can act on is printed plainly (with every detail), a bug with its stack.
  if (!(e instanceof CommanderError)) process.stderr.write(`${e instanceof DomainError ? e.describe() : (e as Error).stack}\n`);
  process.exitCode = 1;
}
