// `foothold keys create --role <role> --name <name>`: a new account and its API key (shown once).
import type { Command } from 'commander';
import { createAccount, createApiKey, ROLES, type Role } from '../../db/repositories/accounts.repository.ts';
import { withContext } from '../context.ts';
import { InputError } from './advise.ts';

export function registerKeysCommand(program: Command): void {
  program
    .command('keys')
    .description('accounts and API keys')
    .command('create')
    .description('create an account with a role, and print its API key once')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .requiredOption('--name <name>', 'the account’s name')
    .option('--email <email>', 'contact e-mail (shared when an introduction is accepted)')
    .action(async (opts: { role: string; name: string; email?: string }) => {
      if (!(ROLES as readonly string[]).includes(opts.role)) throw new InputError(`--role must be one of ${ROLES.join(', ')}`);
      await withContext(async ({ db }) => {
        const account = await createAccount(db.pool, opts.name, opts.role as Role, opts.email ? { email: opts.email } : {});
        const { key } = await createApiKey(db.pool, account.id);
        console.log(`Account ${account.name} (${account.role}), id ${account.id}\nAPI key (shown only now): ${key}`);
      });
    });
}
