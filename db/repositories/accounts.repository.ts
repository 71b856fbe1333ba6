// Accounts and their API keys. Keys are random, shown once, and stored only as SHA-256 hashes.
import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { Account, Role } from '../../engine/accounts.ts';
import type { Queryable } from '../connection.ts';


const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

export async function createAccount(pool: Queryable, name: string, role: Role, contact: Record<string, string> = {}): Promise<Account> {
  const { rows } = await pool.query<Account>({
    name: 'accounts-create',
    text: 'INSERT INTO accounts (name, role, contact) VALUES ($1, $2, $3) RETURNING id, name, role',
    values: [name, role, JSON.stringify(contact)],
  });
  return rows[0]!;
}

/** A new key for an account: the plain key is returned once and never stored. */
export async function createApiKey(pool: Queryable, accountId: string): Promise<{ key: string; prefix: string }> {
  const key = `fh_${randomBytes(24).toString('base64url')}`;
  const prefix = key.slice(0, 8);
  await pool.query({
    name: 'keys-create',
    text: 'INSERT INTO api_keys (account_id, prefix, key_hash) VALUES ($1, $2, $3)',
    values: [accountId, prefix, hashKey(key)],
  });
  return { key, prefix };
}

export async function accountForKey(pool: pg.Pool, key: string): Promise<Account | null> {
  const { rows } = await pool.query<Account>({
    name: 'keys-lookup',
    text: `SELECT a.id, a.name, a.role FROM api_keys k JOIN accounts a ON a.id = k.account_id
      WHERE k.key_hash = $1 AND k.revoked_at IS NULL`,
    values: [hashKey(key)],
  });
  return rows[0] ?? null;
}

export async function hasAdmin(pool: Queryable): Promise<boolean> {
  const { rows } = await pool.query({ name: 'accounts-has-admin', text: "SELECT 1 FROM accounts WHERE role = 'admin' LIMIT 1" });
  return rows.length > 0;
}
