// `foothold keys create --role <role> --name <name>`: a new account and its API key (shown once).
import type { Command } from 'commander';
import { NewAccount } from '../../api/control.ts';
import { type Account, ROLES } from '../../engine/accounts.ts';
import { AccountService } from '../../services/account.service.ts';
import { zodDetails } from '../../engine/errors.ts';
import { loadConfig } from '../../runtime/config.ts';
import { runningServer } from '../control.ts';
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
      const parsed = NewAccount.safeParse(opts);
      if (!parsed.success) throw new InputError(zodDetails(parsed.error).map((d) => `--${d.path}: ${d.path === 'role' ? `one of ${ROLES.join(', ')}` : d.message}`).join('\n'));
      const { role, name, email } = parsed.data;
      const print = ({ account, key }: { account: Account; key: string }) =>
        console.log(`Account ${account.name} (${account.role}), id ${account.id}\nAPI key (shown only now): ${key}`);
      // Beside a running server, the server creates it (it owns the database): the key works at once.
      const server = await runningServer(loadConfig());
      if (server) return print(await server.call('POST', '/accounts', parsed.data));
      await withContext('keys create', async ({ db }) => print(await new AccountService(db.pool).create(role, name, email)));
    });
}
