// Startups and their advice results. Every read and write a client can reach is scoped by account.
import type pg from 'pg';
import type { StartupProfile } from '../../engine/advice/profile.ts';
import { toSql } from './vector.repository.ts';

export interface StartupRow {
  id: string;
  accountId: string;
  profile: StartupProfile;
  profileVersion: number;
  discoverable: boolean;
  createdAt: string;
  updatedAt: string;
}

const COLUMNS = `id, account_id AS "accountId", profile, profile_version AS "profileVersion", discoverable,
  created_at AS "createdAt", updated_at AS "updatedAt"`;

/** A startup's vector, made by one model version (for corporate search). */
export interface StartupVector {
  vector: Float32Array;
  modelVersion: string;
}

export async function createStartup(pool: pg.Pool, accountId: string, profile: StartupProfile, v: StartupVector): Promise<StartupRow> {
  const { rows } = await pool.query<StartupRow>({
    name: 'startups-create',
    text: `INSERT INTO startups (account_id, profile, discoverable, embedding, model_version) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
    values: [accountId, JSON.stringify(profile), profile.discoverable, toSql(v.vector), v.modelVersion],
  });
  return rows[0]!;
}

/** Replace a startup's profile (its version goes up); null when it is not the account's. */
export async function updateStartup(pool: pg.Pool, accountId: string, id: string, profile: StartupProfile, v: StartupVector): Promise<StartupRow | null> {
  const { rows } = await pool.query<StartupRow>({
    name: 'startups-update',
    text: `UPDATE startups SET profile = $3, discoverable = $4, profile_version = profile_version + 1, updated_at = now(),
        embedding = $5, model_version = $6
      WHERE id = $1 AND account_id = $2 RETURNING ${COLUMNS}`,
    values: [id, accountId, JSON.stringify(profile), profile.discoverable, toSql(v.vector), v.modelVersion],
  });
  return rows[0] ?? null;
}

export async function getStartup(pool: pg.Pool, accountId: string, id: string): Promise<StartupRow | null> {
  const { rows } = await pool.query<StartupRow>({
    name: 'startups-get',
    text: `SELECT ${COLUMNS} FROM startups WHERE id = $1 AND account_id = $2`,
    values: [id, accountId],
  });
  return rows[0] ?? null;
}

export async function listStartups(pool: pg.Pool, accountId: string): Promise<StartupRow[]> {
  const { rows } = await pool.query<StartupRow>({
    name: 'startups-list',
    text: `SELECT ${COLUMNS} FROM startups WHERE account_id = $1 ORDER BY created_at, id`,
    values: [accountId],
  });
  return rows;
}

/** For the worker, which acts on ids from the queue: unscoped. */
export async function startupById(pool: pg.Pool, id: string): Promise<StartupRow | null> {
  const { rows } = await pool.query<StartupRow>({ name: 'startups-by-id', text: `SELECT ${COLUMNS} FROM startups WHERE id = $1`, values: [id] });
  return rows[0] ?? null;
}

export interface AdviceRow {
  startupId: string;
  adviceVersion: string;
  status: 'done' | 'failed';
  result: unknown;
  error: { code: string; message: string; details: { path: string; message: string }[] } | null;
  createdAt: string;
}

const RESULT_COLUMNS = `startup_id AS "startupId", advice_version AS "adviceVersion", status, result, error, created_at AS "createdAt"`;

/** Idempotent: a redelivered job writes the same row again. */
export async function saveAdviceResult(pool: pg.Pool, row: Omit<AdviceRow, 'createdAt'>): Promise<void> {
  await pool.query({
    name: 'advice-upsert',
    text: `INSERT INTO advice_results (startup_id, advice_version, status, result, error) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (startup_id, advice_version) DO UPDATE SET status = excluded.status, result = excluded.result,
        error = excluded.error, created_at = now()`,
    values: [row.startupId, row.adviceVersion, row.status, row.result === null ? null : JSON.stringify(row.result), row.error && JSON.stringify(row.error)],
  });
}

export async function adviceResult(pool: pg.Pool, startupId: string, adviceVersion: string): Promise<AdviceRow | null> {
  const { rows } = await pool.query<AdviceRow>({
    name: 'advice-get',
    text: `SELECT ${RESULT_COLUMNS} FROM advice_results WHERE startup_id = $1 AND advice_version = $2`,
    values: [startupId, adviceVersion],
  });
  return rows[0] ?? null;
}

/** Every result of a startup, newest first, without the bulky advice itself. */
export async function adviceHistory(pool: pg.Pool, startupId: string) {
  const { rows } = await pool.query({
    name: 'advice-history',
    text: `SELECT advice_version AS "adviceVersion", status, error, created_at AS "createdAt",
        result->'placement'->>'recommended' AS recommended FROM advice_results WHERE startup_id = $1 ORDER BY created_at DESC`,
    values: [startupId],
  });
  return rows;
}
