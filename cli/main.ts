// The `foothold` command: one entry point for every task.
import { Command, CommanderError } from 'commander';
import { KbProblems } from '../engine/kb/derive.ts';
import { KbFileError } from '../kb/files.ts';
import { EncodeError } from '../models/encoder.ts';
import { NoCandidates } from '../engine/advice/advise.ts';
import { ProfileProblems } from '../engine/advice/validate.ts';
import { ConfigError } from '../runtime/config.ts';
import { RedisUnavailable } from '../runtime/redis.ts';
import { UnsafeRedis } from '../runtime/redis-safety.ts';
import { InputError, registerAdviseCommand } from './commands/advise.ts';
import { registerEvalCommand } from './commands/eval.ts';
import { registerKbCommands } from './commands/kb.ts';
import { registerKeysCommand } from './commands/keys.ts';
import { registerModelCommands } from './commands/model.ts';
import { registerStartCommand, WorkerNeedsServer } from './commands/start.ts';

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
  // Errors a user can act on are printed plainly; anything else with its stack.
  const known = [KbProblems, KbFileError, ConfigError, RedisUnavailable, EncodeError, ProfileProblems, NoCandidates, InputError, WorkerNeedsServer, UnsafeRedis].some((k) => e instanceof k);
  if (!(e instanceof CommanderError)) process.stderr.write(`${known ? (e as Error).message : (e as Error).stack}\n`);
  process.exitCode = 1;
}
