// Cohorts: an accelerator's batch of startups, their progress and what they share.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { StartupProfile } from '../../engine/advice/profile.ts';
import { inTransaction } from '../transaction.ts';
import { toSql } from './vector.repository.ts';

export interface RejectedRow {
  row: number;
  name: string | null;
  problems: { path: string; message: string }[];
}

export interface CohortRow {
  id: string;
  accountId: string;
  name: string;
  rejected: RejectedRow[];
  createdAt: string;
}

const COLUMNS = `id, account_id AS "accountId", name, rejected, created_at AS "createdAt"`;

/** The cohort previously created from the same upload by the same account, if any. */
export async function cohortByUpload(pool: pg.Pool, accountId: string, uploadHash: string): Promise<CohortRow | null> {
  const { rows } = await pool.query<CohortRow>({
    name: 'cohorts-by-upload',
    text: `SELECT ${COLUMNS} FROM cohorts WHERE account_id = $1 AND upload_hash = $2`,
    values: [accountId, uploadHash],
  });
  return rows[0] ?? null;
}

const INSERT_SLICE = 500;

export interface NewMember {
  row: number;
  profile: StartupProfile;
  vector: Float32Array;
  /** The job that will deliver its advice (a member is owed advice from the start). */
  adviceJobId: string;
}

/** Create the cohort, its startups (owed advice on their first profile) and memberships in one transaction. */
export async function createCohort(
  pool: pg.Pool,
  c: { id: string; accountId: string; name: string; uploadHash: string; rejected: RejectedRow[]; startups: NewMember[]; modelVersion: string },
): Promise<{ cohort: CohortRow; startupIds: string[] }> {
  return inTransaction(pool, async (client) => {
    const cohort = (
      await client.query<CohortRow>({
        name: 'cohorts-create',
        text: `INSERT INTO cohorts (id, account_id, name, upload_hash, rejected) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
        values: [c.id, c.accountId, c.name, c.uploadHash, JSON.stringify(c.rejected)],
      })
    ).rows[0]!;
    const members = c.startups.map((m) => ({ id: randomUUID(), row: m.row, profile: m.profile, embedding: toSql(m.vector), job: m.adviceJobId }));
    // In slices: one statement for 5,000 startups is a 10 MB message, and the embedded database's
    // WebAssembly memory, once grown to parse it, never shrinks.
    for (let from = 0; from < members.length; from += INSERT_SLICE) {
      const slice = members.slice(from, from + INSERT_SLICE);
      await client.query({
        name: 'cohorts-create-startups',
        text: `INSERT INTO startups (id, account_id, profile, discoverable, embedding, model_version,
            advice_requested_version, advice_owed, advice_job_id, advice_requested_at)
          SELECT id, $1, profile, coalesce((profile->>'discoverable')::boolean, false), embedding::vector, $3, 1, true, job, now()
          FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, profile jsonb, embedding text, job text)`,
        values: [c.accountId, JSON.stringify(slice), c.modelVersion],
      });
      await client.query({
        name: 'cohorts-add-members',
        text: `INSERT INTO cohort_members (cohort_id, startup_id, row_number)
          SELECT $1, id, "row" FROM jsonb_to_recordset($2::jsonb) AS r(id uuid, "row" int)`,
        values: [cohort.id, JSON.stringify(slice.map(({ id, row }) => ({ id, row })))],
      });
    }
    return { cohort, startupIds: members.map((m) => m.id) };
  });
}

export async function getCohort(pool: pg.Pool, accountId: string, id: string): Promise<CohortRow | null> {
  const { rows } = await pool.query<CohortRow>({ name: 'cohorts-get', text: `SELECT ${COLUMNS} FROM cohorts WHERE id = $1 AND account_id = $2`, values: [id, accountId] });
  return rows[0] ?? null;
}

/** Undo a cohort whose jobs could not be queued: it, its startups and their memberships go. */
export async function deleteCohort(pool: pg.Pool, cohortId: string): Promise<void> {
  await inTransaction(pool, async (client) => {
    await client.query({
      name: 'cohorts-delete-startups',
      text: 'DELETE FROM startups WHERE id IN (SELECT startup_id FROM cohort_members WHERE cohort_id = $1)',
      values: [cohortId],
    });
    await client.query({ name: 'cohorts-delete', text: 'DELETE FROM cohorts WHERE id = $1', values: [cohortId] });
  });
}

export async function memberIds(pool: pg.Pool, cohortId: string): Promise<{ id: string; profileVersion: number }[]> {
  const { rows } = await pool.query({
    name: 'cohorts-members',
    text: `SELECT s.id, s.profile_version AS "profileVersion" FROM cohort_members m JOIN startups s ON s.id = m.startup_id
      WHERE m.cohort_id = $1 ORDER BY m.row_number`,
    values: [cohortId],
  });
  return rows;
}

export interface CohortProgress {
  total: number;
  done: number;
  failed: number;
}

// A member's current result: computed by the current engine, for its current profile version.

/** How many members have a result for their current profile version. */
export async function cohortProgress(pool: pg.Pool, cohortId: string, engineVersion: string): Promise<CohortProgress> {
  const { rows } = await pool.query<CohortProgress>({
    name: 'cohorts-progress',
    text: `SELECT count(*)::int AS total,
        count(r.startup_id) FILTER (WHERE r.status = 'done')::int AS done,
        count(r.startup_id) FILTER (WHERE r.status = 'failed')::int AS failed
      FROM cohort_members m JOIN startups s ON s.id = m.startup_id
      LEFT JOIN advice_results r ON r.startup_id = s.id AND r.engine_version = $2 AND r.profile_version = s.profile_version
      WHERE m.cohort_id = $1`,
    values: [cohortId, engineVersion],
  });
  return rows[0]!;
}

/** A member's line in a cohort's results: the headline of its advice. */
export interface CohortResultLine {
  row: number;
  startupId: string;
  name: string;
  status: 'done' | 'failed' | 'pending';
  pattern: string | null;
  executivePlace: string | null;
  technicalPlace: string | null;
  firstBridge: string | null;
  topCorporate: string | null;
  topUniversity: string | null;
  error: string | null;
}

export interface CohortSummary {
  recommendedClusters: { name: string; startups: number }[];
  sharedPartners: { id: string; name: string; kind: string; city: string; startups: number }[];
  sharedBridges: { clusterId: string; name: string; startups: number }[];
}

/** One line per member: the headline of its advice (no bulky detail). */
export async function cohortResults(pool: pg.Pool, cohortId: string, engineVersion: string): Promise<CohortResultLine[]> {
  const { rows } = await pool.query({
    name: 'cohorts-results',
    text: `SELECT m.row_number AS "row", s.id AS "startupId", s.profile->>'name' AS name, coalesce(r.status, 'pending') AS status,
        r.headline->>'pattern' AS pattern, r.headline->>'executivePlace' AS "executivePlace",
        r.headline->>'technicalPlace' AS "technicalPlace", r.headline->>'firstBridge' AS "firstBridge",
        r.headline->>'topCorporate' AS "topCorporate", r.headline->>'topUniversity' AS "topUniversity",
        r.error->>'message' AS error
      FROM cohort_members m JOIN startups s ON s.id = m.startup_id
      LEFT JOIN advice_results r ON r.startup_id = s.id AND r.engine_version = $2 AND r.profile_version = s.profile_version
      WHERE m.cohort_id = $1 ORDER BY m.row_number`,
    values: [cohortId, engineVersion],
  });
  return rows;
}

/** What the cohort shares: clusters most recommended, partners relevant to many, bridges in common. */
export async function cohortSummary(pool: pg.Pool, cohortId: string, engineVersion: string): Promise<CohortSummary> {
  const results = `SELECT r.headline FROM cohort_members m JOIN startups s ON s.id = m.startup_id
    JOIN advice_results r ON r.startup_id = s.id AND r.engine_version = $2 AND r.profile_version = s.profile_version AND r.status = 'done'
    WHERE m.cohort_id = $1`;
  const [clusters, partners, bridges] = await Promise.all([
    pool.query({
      name: 'cohorts-summary-clusters',
      text: `SELECT headline->>'executivePlace' AS name, count(*)::int AS startups
        FROM (${results}) x GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10`,
      values: [cohortId, engineVersion],
    }),
    pool.query({
      name: 'cohorts-summary-partners',
      text: `SELECT p->>'id' AS id, p->>'name' AS name, p->>'kind' AS kind, p->>'city' AS city, count(*)::int AS startups
        FROM (${results}) x, jsonb_array_elements(headline->'partners') AS p
        GROUP BY 1, 2, 3, 4 HAVING count(*) > 1 ORDER BY 5 DESC, 2 LIMIT 15`,
      values: [cohortId, engineVersion],
    }),
    pool.query({
      name: 'cohorts-summary-bridges',
      text: `SELECT b->>'clusterId' AS "clusterId", b->>'name' AS name, count(*)::int AS startups
        FROM (${results}) x, jsonb_array_elements(headline->'bridges') AS b
        GROUP BY 1, 2 HAVING count(*) > 1 ORDER BY 3 DESC, 2 LIMIT 10`,
      values: [cohortId, engineVersion],
    }),
  ]);
  return { recommendedClusters: clusters.rows, sharedPartners: partners.rows, sharedBridges: bridges.rows };
}
