// Stored advice: the compressed detail reads back exactly, the headline carries what cohort queries need,
// writes are idempotent, and results stored as jsonb before migration 0005 survive it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Advice } from '../../engine/advice/advise.ts';
import { adviceHeadline } from '../../engine/advice/headline.ts';
import type { Database } from '../../db/connection.ts';
import { readMigrations } from '../../db/migrate.ts';
import { decodeDetail, encodeAdvice } from '../../db/advice-codec.ts';
import { adviceHistory, adviceResult, saveAdviceResults } from '../../db/repositories/advice-results.repository.ts';
import { emptyDatabase, freshDatabase } from '../helpers/db.ts';

/** An advice with the shape the engine returns, small enough to read. */
const sampleAdvice = (name: string) =>
  ({
    adviceVersion: 'advice-1',
    startup: { name, tags: [{ tag: 'fintech', inferred: false, probability: null }], stage: 'seed' },
    placement: {
      recommended: 'split',
      executiveRecommendation: { id: 'london', name: 'London' },
      technical: { recommendation: { id: 'home:Gent', name: 'Gent' }, staysPut: true },
      executive: [{ place: { id: 'london', name: 'London' }, score: 0.7, contributions: [{ factor: 'capital', contribution: 0.38, note: 'Startup Genome rank 2 (2025) — “quoted”' }] }],
    },
    partners: {
      corporates: [{ id: 'kbc', name: 'KBC', kind: 'corporates', city: 'Brussels' }],
      universities: [{ id: 'ugent', name: 'Ghent University', kind: 'universities', city: 'Gent' }, { id: 'kul', name: 'KU Leuven', kind: 'universities', city: 'Leuven' }],
      researchCenters: [],
      foreignPartners: [],
      programs: [{ id: 'tech-nation', name: 'Tech Nation', kind: 'programs', city: 'London' }],
    },
    bridges: { bridges: [{ clusterId: 'london', name: 'London' }] },
    confidence: 0.8,
  }) as unknown as Advice;

async function startupRow(pool: Database['pool']): Promise<string> {
  const account = await pool.query(`INSERT INTO accounts (name, role) VALUES ('A', 'founder') RETURNING id`);
  const startup = await pool.query(`INSERT INTO startups (account_id, profile) VALUES ($1, '{}') RETURNING id`, [account.rows[0].id]);
  return startup.rows[0].id;
}

const KEY = { engineVersion: 'advice-1', profileVersion: 1 };

describe('advice results', () => {
  let db: Database;
  beforeAll(async () => void (db = await freshDatabase()));
  afterAll(() => db?.close());

  it('reads back exactly what was stored, with its headline, and a redelivered write keeps one row', async () => {
    const id = await startupRow(db.pool);
    const advice = sampleAdvice('Roundtrip');
    const outcome = { startupId: id, profileVersion: 1, status: 'done', advice: encodeAdvice(advice), error: null } as const;
    await saveAdviceResults(db.pool, 'advice-1', [outcome]);
    await saveAdviceResults(db.pool, 'advice-1', [outcome]);
    const row = await adviceResult(db.pool, id, KEY);
    expect(row?.result).toEqual(advice);
    const { rows } = await db.pool.query(`SELECT headline, octet_length(detail) AS bytes FROM advice_results WHERE startup_id = $1`, [id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].headline).toEqual(adviceHeadline(advice));
    expect(rows[0].headline).toMatchObject({ pattern: 'split', executivePlace: 'London', technicalPlace: 'Gent', topCorporate: 'KBC', topUniversity: 'Ghent University', firstBridge: 'London' });
    expect(rows[0].bytes).toBeLessThan(JSON.stringify(advice).length); // compressed
    expect((await adviceHistory(db.pool, id))[0]).toMatchObject({ engineVersion: 'advice-1', profileVersion: 1, status: 'done', recommended: 'split' });
  });

  it('stores a failed outcome with its reason and no detail, in the same batch as successes', async () => {
    const [a, b] = [await startupRow(db.pool), await startupRow(db.pool)];
    const error = { code: 'no_candidates', message: 'the constraints leave no place to recommend', details: [] };
    await saveAdviceResults(db.pool, 'advice-1', [
      { startupId: a, profileVersion: 1, status: 'done', advice: encodeAdvice(sampleAdvice('A')), error: null },
      { startupId: b, profileVersion: 1, status: 'failed', advice: null, error },
    ]);
    expect((await adviceResult(db.pool, b, KEY))).toMatchObject({ status: 'failed', result: null, error });
    expect((await adviceResult(db.pool, a, KEY))?.result).toEqual(sampleAdvice('A'));
  });
});

describe('migration 0005', () => {
  it('moves advice stored as jsonb into the headline and the detail without losing a character', async () => {
    const db = await emptyDatabase();
    try {
      const migrations = readMigrations();
      const before = migrations.filter((m) => m.version < '0005');
      for (const m of before) await db.pool.query(m.sql);
      const id = await startupRow(db.pool);
      const advice = sampleAdvice('Before the migration');
      await db.pool.query(`INSERT INTO advice_results (startup_id, advice_version, status, result) VALUES ($1, 'advice-1.p1', 'done', $2)`, [id, JSON.stringify(advice)]);
      await db.pool.query(migrations.find((m) => m.version.startsWith('0005'))!.sql);

      const { rows } = await db.pool.query(`SELECT headline, detail FROM advice_results WHERE startup_id = $1`, [id]);
      expect(rows[0].headline).toEqual(adviceHeadline(advice));
      expect(decodeDetail(rows[0].detail)).toEqual(advice);
      const columns = await db.pool.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'advice_results'`);
      expect(columns.rows.map((r) => r.column_name)).not.toContain('result');
    } finally {
      await db.close();
    }
  });
});
