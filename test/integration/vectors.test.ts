import { readKbFile } from '../../sources/kb-files.ts';
import { KnowledgeService } from '../../services/knowledge.service.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/connection.ts';
import * as vectors from '../../db/repositories/vector.repository.ts';
import { Encoder } from '../../models/encoder.ts';
import { seededDatabase } from '../helpers/db.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let db: Database;
let encoder: Encoder;

beforeAll(async () => {
  // The seeded knowledge base with its vectors wiped: embedding is the subject, not deriving.
  db = await seededDatabase();
  for (const table of ['clusters', 'organizations', 'programs']) await db.pool.query(`UPDATE ${table} SET embedding = NULL, model_version = NULL`);
  encoder = await Encoder.load();
});
afterAll(() => db?.close());

describe('knowledge-base vectors in pgvector', () => {
  it('embeds every record once, with the model version', async () => {
    const first = await new KnowledgeService(db.pool).embed(encoder);
    const { rows } = await db.pool.query(`SELECT (SELECT count(*) FROM clusters)::int AS clusters, (SELECT count(*) FROM organizations)::int AS organizations,
      (SELECT count(*) FROM programs)::int AS programs`);
    expect(first).toEqual(rows[0]);
    expect(first.organizations).toBeGreaterThan(5_000);
    const coverage = await vectors.vectorCoverage(db.pool, encoder.version);
    for (const c of coverage) expect(c.current).toBe(c.total);
    expect(await new KnowledgeService(db.pool).embed(encoder)).toEqual({ clusters: 0, organizations: 0, programs: 0 });
  });
  it('re-embeds everything for another model version', async () => {
    const { rows } = await db.pool.query('SELECT count(*)::int AS n, count(*) FILTER (WHERE model_version = $1)::int AS current FROM organizations', [encoder.version]);
    expect(rows[0].current).toBe(rows[0].n);
    expect(await vectors.countStale(db.pool, 'organizations', 'another-model-version')).toBe(rows[0].n);
    const page = await vectors.staleRecords(db.pool, 'organizations', 'another-model-version', null, 100);
    const next = await vectors.staleRecords(db.pool, 'organizations', 'another-model-version', page.at(-1)!.id, 100);
    expect(page).toHaveLength(100);
    expect(next[0]!.id > page.at(-1)!.id).toBe(true);
  });
  it('re-embeds a changed record and its cluster only', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'foothold-vectors-'));
    const file = join(dir, 'org.csv');
    writeFileSync(
      file,
      'id,name,type,city,country,tags,globalReach,description,sources\n' +
        'leuven-photonics-lab,Leuven Photonics Lab,research_center,Leuven,BE,photonics,global,Integrated photonics research lab,https://lab.example\n',
    );
    await new KnowledgeService(db.pool).import(readKbFile(file));
    const again = await new KnowledgeService(db.pool).embed(encoder);
    expect(again.organizations).toBe(1);
    expect(again.programs).toBe(0);
    expect(again.clusters).toBeGreaterThanOrEqual(1); // Leuven's members changed
    expect(again.clusters).toBeLessThan(10);
  });
  it('finds clusters strong in a startup’s field by cosine distance', async () => {
    const v = encoder.embedStartup({ description: 'We design chips and lithography equipment for semiconductor fabs', tags: ['semiconductors'] });
    const top = (await vectors.nearestClusters(db.pool, v, 10)).map((n) => n.id);
    expect(top.some((id) => ['eindhoven-brainport', 'taipei-hsinchu', 'leuven', 'daejeon', 'silicon-valley-bay-area'].includes(id))).toBe(true);
  });
  it('answers filtered approximate queries (HNSW, iterative scan) with high recall against exact search', async () => {
    await vectors.createOrganizationVectorIndex(db.pool);
    const queries = ['battery recycling', 'hospital software for nurses', 'satellite imaging', 'payments for farmers', 'quantum computing hardware'];
    let found = 0;
    let wanted = 0;
    for (const description of queries) {
      const vector = encoder.embedStartup({ description });
      for (const type of ['university', 'corporate', undefined]) {
        const exact = await vectors.nearestOrganizations(db.pool, { vector, k: 10, type, mode: 'exact' });
        const approximate = await vectors.nearestOrganizations(db.pool, { vector, k: 10, type, mode: 'approximate' });
        expect(approximate).toHaveLength(10); // the filter does not starve the page
        const exactIds = new Set(exact.map((n) => n.id));
        found += approximate.filter((n) => exactIds.has(n.id)).length;
        wanted += exact.length;
        expect(exact.map((n) => n.distance)).toEqual([...exact.map((n) => n.distance)].sort((a, b) => a - b));
      }
    }
    expect(found / wanted).toBeGreaterThanOrEqual(0.9);
  });
  it('uses the HNSW index for approximate queries and not for exact ones', async () => {
    const plan = async (mode: 'exact' | 'approximate') => {
      const client = await db.pool.connect();
      try {
        await client.query('BEGIN');
        if (mode === 'exact') await client.query('SET LOCAL enable_indexscan = off');
        const { rows } = await client.query(
          `EXPLAIN SELECT id FROM organizations ORDER BY embedding <=> $1::vector LIMIT 10`,
          [vectors.toSql(encoder.embedStartup({ description: 'robots' }))],
        );
        await client.query('COMMIT');
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      } finally {
        client.release();
      }
    };
    expect(await plan('approximate')).toMatch(/organizations_embedding_hnsw/);
    expect(await plan('exact')).not.toMatch(/organizations_embedding_hnsw/);
  });
  it('searches discoverable startups through a partial HNSW index that other startups stay out of', async () => {
    const { rows } = await db.pool.query(`EXPLAIN SELECT id FROM startups WHERE discoverable AND embedding IS NOT NULL ORDER BY embedding <=> $1::vector LIMIT 10`, [
      vectors.toSql(encoder.embedStartup({ description: 'robots' })),
    ]);
    expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/startups_discoverable_embedding_hnsw/);
    const { rows: indexes } = await db.pool.query(`SELECT indexdef FROM pg_indexes WHERE tablename = 'startups' AND indexdef LIKE '%hnsw%'`);
    expect(indexes.map((i) => i.indexdef)).toEqual([expect.stringMatching(/WHERE discoverable/)]);
  });
});
