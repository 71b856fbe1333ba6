// Corporate search over startups that opted in, and introduction requests. Search results are anonymised:
// no name, no contact, nothing from a startup that did not choose to be discoverable.
import type pg from 'pg';
import { toSql } from './vector.repository.ts';

export interface SearchFilter {
  vector: Float32Array;
  tags: string[];
  countries: string[] | null;
  stages: string[] | null;
  limit: number;
}

/** Opted-in startups nearest to the query (HNSW with iterative scans keeps filtered pages full). */
export async function searchDiscoverable(pool: pg.Pool, f: SearchFilter) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SET LOCAL hnsw.iterative_scan = relaxed_order');
    const { rows } = await client.query({
      name: 'corporate-search',
      text: `SELECT id, profile->'tags' AS tags, profile->>'stage' AS stage, profile->'techTeam'->>'country' AS country,
          profile->>'description' AS description, profile->'targetMarkets' AS "targetMarkets",
          1 - (embedding <=> $1::vector) AS similarity
        FROM startups
        WHERE discoverable AND embedding IS NOT NULL
          AND ($2::text[] IS NULL OR profile->'techTeam'->>'country' = ANY($2))
          AND ($3::text[] IS NULL OR profile->>'stage' = ANY($3))
        ORDER BY embedding <=> $1::vector LIMIT $4`,
      values: [toSql(f.vector), f.countries, f.stages, f.limit],
    });
    await client.query('COMMIT');
    return rows as { id: string; tags: string[] | null; stage: string | null; country: string; description: string; targetMarkets: string[]; similarity: number }[];
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  } finally {
    client.release();
  }
}

export async function isDiscoverable(pool: pg.Pool, startupId: string): Promise<boolean> {
  const { rows } = await pool.query({ name: 'corporate-discoverable', text: 'SELECT 1 FROM startups WHERE id = $1 AND discoverable', values: [startupId] });
  return rows.length > 0;
}

export async function requestIntroduction(pool: pg.Pool, startupId: string, corporateId: string, message: string) {
  const { rows } = await pool.query({
    name: 'intro-request',
    text: `INSERT INTO introductions (startup_id, corporate_account_id, message) VALUES ($1, $2, $3)
      ON CONFLICT (startup_id, corporate_account_id) DO UPDATE SET message = introductions.message
      RETURNING id, status`,
    values: [startupId, corporateId, message],
  });
  return rows[0] as { id: string; status: string };
}

/** An introduction as either side sees it: contacts and the startup's name only once accepted. */
export interface IntroductionView {
  id: string;
  status: 'pending' | 'accepted' | 'declined';
  message: string;
  createdAt: string;
  decidedAt: string | null;
  startupId: string;
  corporateName: string;
  startupName: string | null;
  founderContact: Record<string, string> | null;
  corporateContact: Record<string, string> | null;
}

/** Both sides' view: contacts and the startup's name only once accepted. */
const INTRO_VIEW = `SELECT i.id, i.status, i.message, i.created_at AS "createdAt", i.decided_at AS "decidedAt", i.startup_id AS "startupId",
    c.name AS "corporateName",
    CASE WHEN i.status = 'accepted' THEN s.profile->>'name' END AS "startupName",
    CASE WHEN i.status = 'accepted' THEN f.contact END AS "founderContact",
    CASE WHEN i.status = 'accepted' THEN c.contact END AS "corporateContact"
  FROM introductions i JOIN startups s ON s.id = i.startup_id JOIN accounts f ON f.id = s.account_id
  JOIN accounts c ON c.id = i.corporate_account_id`;

export async function introductionsFor(pool: pg.Pool, accountId: string, role: string): Promise<IntroductionView[]> {
  const { rows } = await pool.query<IntroductionView>({
    name: `intro-list-${role === 'corporate' ? 'corporate' : 'founder'}`,
    text: `${INTRO_VIEW} WHERE ${role === 'corporate' ? 'i.corporate_account_id = $1' : 's.account_id = $1'} ORDER BY i.created_at DESC`,
    values: [accountId],
  });
  return rows;
}

/** The founder decides; null when the request is not for one of the account's startups or already decided. */
export async function decideIntroduction(pool: pg.Pool, founderId: string, id: string, status: 'accepted' | 'declined'): Promise<IntroductionView | null> {
  const { rows } = await pool.query({
    name: 'intro-decide',
    text: `UPDATE introductions i SET status = $3, decided_at = now() FROM startups s
      WHERE i.id = $1 AND s.id = i.startup_id AND s.account_id = $2 AND i.status = 'pending' RETURNING i.id`,
    values: [id, founderId, status],
  });
  if (rows.length === 0) return null;
  const view = await pool.query<IntroductionView>({ name: 'intro-get', text: `${INTRO_VIEW} WHERE i.id = $1`, values: [id] });
  return view.rows[0] ?? null;
}

export async function introductionOwnedBy(pool: pg.Pool, founderId: string, id: string) {
  const { rows } = await pool.query({
    name: 'intro-owned',
    text: 'SELECT i.status FROM introductions i JOIN startups s ON s.id = i.startup_id WHERE i.id = $1 AND s.account_id = $2',
    values: [id, founderId],
  });
  return (rows[0]?.status as string | undefined) ?? null;
}
