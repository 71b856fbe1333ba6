// Advice results, one per (startup, advice version), stored as db/advice-codec.ts encodes them.
import type pg from 'pg';
import type { Advice } from '../../engine/advice/advise.ts';
import { decodeDetail, type EncodedAdvice } from '../advice-codec.ts';

export interface AdviceError {
  code: string;
  message: string;
  details: { path: string; message: string }[];
}

export type AdviceOutcome =
  | { startupId: string; adviceVersion: string; status: 'done'; advice: EncodedAdvice; error: null }
  | { startupId: string; adviceVersion: string; status: 'failed'; advice: null; error: AdviceError };

export type AdviceRow = { startupId: string; adviceVersion: string; createdAt: string } & (
  | { status: 'done'; result: Advice; error: null }
  | { status: 'failed'; result: null; error: AdviceError }
);

/**
 * Idempotent: a redelivered job writes the same rows again. One statement for the whole batch; the
 * compressed advice travels as a binary parameter (no text escaping).
 */
export async function saveAdviceResults(pool: pg.Pool, outcomes: AdviceOutcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  const values: unknown[] = [];
  const tuples = outcomes.map((o) => {
    const at = values.length;
    values.push(
      o.startupId,
      o.adviceVersion,
      o.status,
      o.advice?.headline ?? null,
      o.advice?.detail ?? null,
      o.error && JSON.stringify(o.error),
    );
    return `($${at + 1}::uuid, $${at + 2}, $${at + 3}, $${at + 4}::jsonb, $${at + 5}::bytea, $${at + 6}::jsonb)`;
  });
  await pool.query(
    `WITH saved AS (
        INSERT INTO advice_results (startup_id, advice_version, status, headline, detail, error) VALUES ${tuples.join(', ')}
        ON CONFLICT (startup_id, advice_version) DO UPDATE SET status = excluded.status, headline = excluded.headline,
          detail = excluded.detail, error = excluded.error, created_at = now()
        RETURNING startup_id, advice_version)
      ${SETTLE_OWED}`,
    values,
  );
}

/** A stored result for the profile version a startup is owed advice on settles the debt. */
const SETTLE_OWED = `UPDATE startups s SET advice_owed = false FROM saved
  WHERE s.id = saved.startup_id AND s.advice_owed AND saved.advice_version LIKE '%.p' || s.profile_version`;

/** A failed result for each startup that has none yet (a result written by an earlier attempt stays). */
export async function saveFailuresWhereMissing(pool: pg.Pool, items: { startupId: string; adviceVersion: string }[], error: AdviceError): Promise<void> {
  if (items.length === 0) return;
  await pool.query({
    name: 'advice-failures-where-missing',
    text: `WITH saved AS (
        INSERT INTO advice_results (startup_id, advice_version, status, error)
        SELECT s.id, i.version, 'failed', $3::jsonb FROM unnest($1::uuid[], $2::text[]) AS i(id, version)
        JOIN startups s ON s.id = i.id
        ON CONFLICT (startup_id, advice_version) DO NOTHING
        RETURNING startup_id, advice_version)
      ${SETTLE_OWED}`,
    values: [items.map((i) => i.startupId), items.map((i) => i.adviceVersion), JSON.stringify(error)],
  });
}

export async function adviceResult(pool: pg.Pool, startupId: string, adviceVersion: string): Promise<AdviceRow | null> {
  const { rows } = await pool.query<{ startupId: string; adviceVersion: string; status: 'done' | 'failed'; detail: Buffer | null; error: AdviceError | null; createdAt: string }>({
    name: 'advice-get',
    text: `SELECT startup_id AS "startupId", advice_version AS "adviceVersion", status, detail, error, created_at AS "createdAt"
      FROM advice_results WHERE startup_id = $1 AND advice_version = $2`,
    values: [startupId, adviceVersion],
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
    text: `SELECT advice_version AS "adviceVersion", status, error, created_at AS "createdAt", headline->>'pattern' AS recommended
      FROM advice_results WHERE startup_id = $1 ORDER BY created_at DESC`,
    values: [startupId],
  });
  return rows;
}
