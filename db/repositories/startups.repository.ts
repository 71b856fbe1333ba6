// Startups and their advice results. Every read and write a client can reach is scoped by account.
import type pg from 'pg';
import type { Queryable } from '../connection.ts';
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

/**
 * Replace a startup's profile (its version goes up); null when it is not the account's. A startup that was
 * asked for advice before is owed advice on the new version too (`reAdvise` says so to the caller).
 */
export async function updateStartup(pool: pg.Pool, accountId: string, id: string, profile: StartupProfile, v: StartupVector): Promise<(StartupRow & { reAdvise: boolean }) | null> {
  const { rows } = await pool.query<StartupRow & { reAdvise: boolean }>({
    name: 'startups-update',
    text: `UPDATE startups SET profile = $3, discoverable = $4, profile_version = profile_version + 1, updated_at = now(),
        embedding = $5, model_version = $6,
        advice_requested_version = CASE WHEN advice_requested_version IS NULL THEN NULL ELSE profile_version + 1 END,
        advice_owed = advice_requested_version IS NOT NULL, advice_job_id = NULL, advice_requested_at = now()
      WHERE id = $1 AND account_id = $2 RETURNING ${COLUMNS}, advice_requested_version IS NOT NULL AS "reAdvise"`,
    values: [id, accountId, JSON.stringify(profile), profile.discoverable, toSql(v.vector), v.modelVersion],
  });
  return rows[0] ?? null;
}

/**
 * Record that advice was asked for on this profile version and which job delivers it. It is owed until a
 * result for the version is stored (at once settled when one already is).
 */
export async function markAdviceRequested(pool: pg.Pool, id: string, profileVersion: number, jobId: string | null, engineVersion: string): Promise<void> {
  await pool.query({
    name: 'startups-advice-requested',
    text: `UPDATE startups s SET advice_requested_version = $2, advice_job_id = $3, advice_requested_at = now(),
        advice_owed = NOT EXISTS (SELECT 1 FROM advice_results r WHERE r.startup_id = s.id AND r.engine_version = $4 AND r.profile_version = $2)
      WHERE s.id = $1 AND s.profile_version = $2`,
    values: [id, profileVersion, jobId, engineVersion],
  });
}

/** A startup owed advice, with the job that should deliver it (null: none was queued). */
export interface OwedAdvice {
  id: string;
  profileVersion: number;
  jobId: string | null;
}

/** Startups owed advice for longer than `graceSeconds` (a younger request's job may still be on its way to the queue). */
export async function owedAdvice(db: Queryable, graceSeconds: number, limit: number): Promise<OwedAdvice[]> {
  const { rows } = await db.query<OwedAdvice>({
    name: 'startups-owed-advice',
    text: `SELECT id, profile_version AS "profileVersion", advice_job_id AS "jobId" FROM startups
      WHERE advice_owed AND advice_requested_at < now() - make_interval(secs => $1) ORDER BY advice_requested_at, id LIMIT $2`,
    values: [graceSeconds, limit],
  });
  return rows;
}

/** The job now delivering advice to these startups. */
export async function assignAdviceJob(db: Queryable, ids: string[], jobId: string): Promise<void> {
  await db.query({
    name: 'startups-assign-advice-job',
    text: 'UPDATE startups SET advice_job_id = $2, advice_requested_at = now() WHERE id = ANY($1::uuid[]) AND advice_owed',
    values: [ids, jobId],
  });
}

/** After an upgrade of the engine, every startup asked for advice on its current profile is owed it again. */
export async function oweAdviceAgain(db: Queryable): Promise<number> {
  const { rowCount } = await db.query({
    name: 'startups-owe-again',
    text: `UPDATE startups SET advice_owed = true, advice_job_id = NULL, advice_requested_at = now() - interval '1 day'
      WHERE advice_requested_version = profile_version AND NOT advice_owed`,
  });
  return rowCount ?? 0;
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
