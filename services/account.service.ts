// Accounts and their API keys: who is behind a key, new accounts with a key shown once, and the first
// admin account, created once however many processes start together.
import type pg from 'pg';
import { accountForKey, createAccount, createApiKey, hasAdmin } from '../db/repositories/accounts.repository.ts';
import { LOCKS } from '../db/locks.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Account, Role } from '../engine/accounts.ts';

export class AccountService {
  constructor(private readonly pool: pg.Pool) {}

  forKey(key: string): Promise<Account | null> {
    return accountForKey(this.pool, key);
  }

  /** A new account and its API key (the plain key exists only in this answer). */
  async create(role: Role, name: string, email?: string): Promise<{ account: Account; key: string }> {
    return inTransaction(this.pool, async (db) => {
      const account = await createAccount(db, name, role, email ? { email } : {});
      return { account, key: (await createApiKey(db, account.id)).key };
    });
  }

  /** The local admin account, when there is none yet: its key, or null. Serialised, so two processes starting together make one. */
  async createFirstAdmin(): Promise<string | null> {
    return inTransaction(this.pool, async (db) => {
      await db.query('SELECT pg_advisory_xact_lock($1)', [LOCKS.firstStart]);
      if (await hasAdmin(db)) return null;
      const account = await createAccount(db, 'Local administrator', 'admin');
      return (await createApiKey(db, account.id)).key;
    });
  }
}
