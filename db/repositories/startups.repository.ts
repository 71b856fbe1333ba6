// Startups and their advice results. Every read and write a client can reach is scoped by account.
import type pg from 'pg';
import type { StartupProfile } from '../../engine/advice/profile.ts';
import { fromSql, toSql } from './vector.repository.ts';

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

/** A startup as the worker reads it: with its stored vector and the model version that made it. */
export interface StoredStartup extends StartupRow {
  vector: Float32Array | null;
  modelVersion: string | null;
}

/** For the worker, which acts on ids from the queue: unscoped. One query for a whole batch. */
export async function startupsForAdvice(pool: pg.Pool, ids: string[]): Promise<StoredStartup[]> {
  const { rows } = await pool.query<StartupRow & { embedding: string | null; modelVersion: string | null }>({
    name: 'startups-for-advice',
    text: `SELECT ${COLUMNS}, embedding::text AS embedding, model_version AS "modelVersion" FROM startups WHERE id = ANY($1::uuid[])`,
    values: [ids],
  });
  return rows.map(({ embedding, ...row }) => ({ ...row, vector: embedding === null ? null : fromSql(embedding) }));
}
