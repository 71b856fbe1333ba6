// Advice results, one per (startup, engine version, profile version), stored as db/advice-codec.ts encodes
// them. Storing a result for the profile version a startup is owed advice on settles that debt.
import type pg from 'pg';
import type { Advice } from '../../engine/advice/advise.ts';
import { decodeDetail, type EncodedAdvice } from '../advice-codec.ts';

/** Why a profile got no advice, as stored with its failed result. */
export interface AdviceError {
  code: string;
  message: string;
  details: { path: string; message: string }[];
}

/** Which advice: the engine that computes it and the profile version it answers. */
export interface AdviceKey {
  engineVersion: string;
  profileVersion: number;
}

export type AdviceOutcome = { startupId: string; profileVersion: number } & (
  | { status: 'done'; advice: EncodedAdvice; error: null }
  | { status: 'failed'; advice: null; error: AdviceError }
);

export type AdviceRow = { startupId: string; createdAt: string } & AdviceKey &
  ({ status: 'done'; result: Advice; error: null } | { status: 'failed'; result: null; error: AdviceError });

const SETTLE_OWED = `UPDATE startups s SET advice_owed = false FROM saved
  WHERE s.id = saved.startup_id AND s.advice_owed AND s.profile_version = saved.profile_version`;

/**
 * Idempotent: a redelivered job writes the same rows again. One statement for the whole batch; the
 * compressed advice travels as a binary parameter (no text escaping).
 */
export async function saveAdviceResults(pool: pg.Pool, engineVersion: string, outcomes: AdviceOutcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  const values: unknown[] = [engineVersion];
  const tuples = outcomes.map((o) => {
    const at = values.length;
    values.push(o.startupId, o.profileVersion, o.status, o.advice?.headline ?? null, o.advice?.detail ?? null, o.error && JSON.stringify(o.error));
    return `($${at + 1}::uuid, $1, $${at + 2}::int, $${at + 3}, $${at + 4}::jsonb, $${at + 5}::bytea, $${at + 6}::jsonb)`;
  });
  await pool.query(
    `WITH saved AS (
        INSERT INTO advice_results (startup_id, engine_version, profile_version, status, headline, detail, error) VALUES ${tuples.join(', ')}
        ON CONFLICT (startup_id, engine_version, profile_version) DO UPDATE SET status = excluded.status, headline = excluded.headline,
          detail = excluded.detail, error = excluded.error, created_at = now()
        RETURNING startup_id, profile_version)
      ${SETTLE_OWED}`,
    values,
  );
}

/** A failed result for each startup that has none yet (a result written by an earlier attempt stays). */
export async function saveFailuresWhereMissing(pool: pg.Pool, engineVersion: string, items: { startupId: string; profileVersion: number }[], error: AdviceError): Promise<void> {
  if (items.length === 0) return;
  await pool.query({
    name: 'advice-failures-where-missing',
    text: `WITH saved AS (
        INSERT INTO advice_results (startup_id, engine_version, profile_version, status, error)
        SELECT s.id, $3, i.version, 'failed', $4::jsonb FROM unnest($1::uuid[], $2::int[]) AS i(id, version)
        JOIN startups s ON s.id = i.id
        ON CONFLICT (startup_id, engine_version, profile_version) DO NOTHING
        RETURNING startup_id, profile_version)
      ${SETTLE_OWED}`,
    values: [items.map((i) => i.startupId), items.map((i) => i.profileVersion), engineVersion, JSON.stringify(error)],
  });
}

export async function adviceResult(pool: pg.Pool, startupId: string, key: AdviceKey): Promise<AdviceRow | null> {
  const { rows } = await pool.query<AdviceKey & { startupId: string; status: 'done' | 'failed'; detail: Buffer | null; error: AdviceError | null; createdAt: string }>({
    name: 'advice-get',
    text: `SELECT startup_id AS "startupId", engine_version AS "engineVersion", profile_version AS "profileVersion", status, detail, error,
        created_at AS "createdAt"
      FROM advice_results WHERE startup_id = $1 AND engine_version = $2 AND profile_version = $3`,
    values: [startupId, key.engineVersion, key.profileVersion],
  });
  const row = rows[0];
  if (!row) return null;
  const { detail, ...rest } = row;
  return { ...rest, result: detail && decodeDetail(detail) } as AdviceRow;
}

/** Every result of a startup, newest first, without the advice itself. */
export async function adviceHistory(pool: pg.Pool, startupId: string) {
  const { rows } = await pool.query({
    name: 'advice-history',
    text: `SELECT engine_version AS "engineVersion", profile_version AS "profileVersion", status, error, created_at AS "createdAt",
        headline->>'pattern' AS recommended
      FROM advice_results WHERE startup_id = $1 ORDER BY created_at DESC`,
    values: [startupId],
  });
  return rows;
}
