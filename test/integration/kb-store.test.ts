import { readKbFile } from '../../sources/kb-files.ts';
import { KnowledgeService } from '../../services/knowledge.service.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/connection.ts';
import { migrate } from '../../db/migrate.ts';
import * as kb from '../../db/repositories/kb-catalogue.repository.ts';
import { knowledgeBaseStats } from '../../db/repositories/kb-stats.repository.ts';
import { KbProblems } from '../../engine/kb/derive.ts';
import { KbFileError } from '../../sources/kb-files.ts';
import { freshDatabase } from '../helpers/db.ts';
import { organization } from '../helpers/kb-builders.ts';

let db: Database;
const dir = mkdtempSync(join(tmpdir(), 'foothold-kb-import-'));
const write = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const kbJson = (kind: string, records: unknown[]) => JSON.stringify({ format: 'foothold-kb/1', kind, compiled: 2026, records });

beforeAll(async () => {
  db = await freshDatabase();
  const stages: string[] = [];
  const summary = await new KnowledgeService(db.pool).ensure((stage) => stages.push(stage));
  expect(summary).not.toBeNull();
  expect(new Set(stages)).toEqual(new Set(['loading the GeoNames gazetteer', 'geocoding and linking', 'storing']));
});
afterAll(() => db?.close());

describe('the shipped knowledge base in Postgres', () => {
  it('is imported whole', async () => {
    const stats = await knowledgeBaseStats(db.pool);
    const count = (kind: string) => stats.counts.filter((c) => c.kind === kind).reduce((n, c) => n + c.count, 0);
    expect(count('clusters')).toBe(88);
    expect(count('organizations')).toBe(308); // 167 + 142 listings, one merged
    expect(count('programs')).toBe(103);
    expect(count('countries')).toBe(43);
    expect(count('taxonomy')).toBe(42);
  });
  it('has every city geocoded and every site linked to a cluster', async () => {
    const { rows } = await db.pool.query(
      'SELECT count(*)::int AS n, count(cluster_id)::int AS linked, count(*) FILTER (WHERE within)::int AS inside FROM sites',
    );
    expect(rows[0].n).toBeGreaterThan(500);
    expect(rows[0].linked).toBe(rows[0].n);
    expect(rows[0].inside).toBeGreaterThan(rows[0].n * 0.7);
  });
  it("profiles Eindhoven as strong in semiconductors, with sources", async () => {
    const eindhoven = (await kb.getCluster(db.pool, 'eindhoven-brainport')) as any;
    const semis = eindhoven.profile.strengths.find((s: any) => s.tag === 'semiconductors');
    expect(semis).toMatchObject({ explicit: true, score: 1 });
    expect(semis.orgCount).toBeGreaterThanOrEqual(2);
    expect(eindhoven.sources.length).toBeGreaterThan(0);
    expect(eindhoven.place.timezone).toBe('Europe/Amsterdam');
    const strong = await kb.listClusters(db.pool, { tag: 'semiconductors', limit: 100, offset: 0 });
    expect(strong.items.map((c: any) => c.id)).toContain('eindhoven-brainport');
  });
  it("links an organisation to its nearest cluster with the distance", async () => {
    const { items } = await kb.listOrganizations(db.pool, { cluster: 'eindhoven-brainport', limit: 200, offset: 0 });
    const asml = items.find((o: any) => o.id === 'asml') as any;
    expect(asml.clusterId).toBe('eindhoven-brainport');
    expect(asml.sites[0]).toMatchObject({ role: 'hq', withinCluster: true });
    expect(asml.sites[0].distanceKm).toBeLessThan(15);
  });
  it('does not double count a region: the parts inherit its figures, flagged', async () => {
    const amsterdam = (await kb.getCluster(db.pool, 'amsterdam')) as any;
    expect(amsterdam.partOf).toBe('randstad-amsterdam-rotterdam');
    expect(amsterdam.profile.indicators.startupGenomeRank.confidence).toBe('inherited');
    const region = (await kb.getCluster(db.pool, 'randstad-amsterdam-rotterdam')) as any;
    expect(region.profile.orgCount).toBeGreaterThan(amsterdam.profile.orgCount);
  });
  it('reports coverage for every indicator, missing figures counted as missing', async () => {
    const stats = await knowledgeBaseStats(db.pool);
    const gii = stats.coverage.find((c) => c.indicator === 'giiRank')!;
    expect(gii.clusters).toBe(88);
    expect(gii.missing).toBeGreaterThan(0);
    expect(gii.reported + gii.inherited + gii.missing).toBe(88);
  });
  it('filters programmes by the founders they serve and where they are', async () => {
    const { items } = await kb.listPrograms(db.pool, { servesFoundersFrom: 'BE', cluster: 'silicon-valley-bay-area', limit: 50, offset: 0 });
    expect(items.length).toBeGreaterThan(0);
    for (const p of items as any[]) {
      expect(p.servesFoundersFrom.some((c: string) => c === 'BE' || c === 'any')).toBe(true);
      expect(p.sites.some((s: any) => s.clusterId === 'silicon-valley-bay-area' && s.withinCluster)).toBe(true);
    }
  });
  it('re-running the migrations is a no-op', async () => {
    expect(await migrate(db.pool)).toEqual([]);
  });
});

describe('kb import', () => {
  const countOrgs = async () => (await db.pool.query('SELECT count(*)::int AS n FROM organizations')).rows[0].n;

  it('imports a good CSV: the new organisation is geocoded, linked and counted', async () => {
    const before = await countOrgs();
    const path = write(
      'new.csv',
      'id,name,type,city,country,tags,globalReach,description,sources\n' +
        'gent-bio-labs,Gent Bio Labs,corporate,Ghent,BE,biotech;agrifood,regional,A biotech lab,https://gentbio.example\n',
    );
    const summary = await new KnowledgeService(db.pool).import(readKbFile(path));
    expect(summary).toMatchObject({ kind: 'organizations', imported: 1 });
    expect(await countOrgs()).toBe(before + 1);
    const { items } = await kb.listOrganizations(db.pool, { cluster: 'ghent', limit: 200, offset: 0 });
    const lab = items.find((o: any) => o.id === 'gent-bio-labs') as any;
    expect(lab.sites[0]).toMatchObject({ place: 'Gent', withinCluster: true });
  });
  it('imports nothing when any record is bad, and lists every bad record', async () => {
    const before = await countOrgs();
    const good = organization({ id: 'fine-co', city: 'Leuven', country: 'BE', tags: ['biotech'] });
    const path = write(
      'mixed.json',
      kbJson('organizations', [
        good,
        { ...good, id: 'nowhere-co', city: 'Atlantis' },
        { ...good, id: 'odd-tags', tags: ['biotech', 'unicorns'] },
      ]),
    );
    const error = await (async () => new KnowledgeService(db.pool).import(readKbFile(path)))().catch((e) => e);
    expect(error).toBeInstanceOf(KbProblems);
    const ids = (error as KbProblems).problems.map((p) => p.id).sort();
    expect(ids).toEqual(['nowhere-co', 'odd-tags']);
    expect(await countOrgs()).toBe(before);
  });
  it('rejects duplicate ids within one file, naming both positions', async () => {
    const good = organization({ id: 'twin', city: 'Leuven', country: 'BE', tags: ['biotech'] });
    const error = await (async () => new KnowledgeService(db.pool).import(readKbFile(write('twins.json', kbJson('organizations', [good, good])))))().catch((e) => e);
    expect(error).toBeInstanceOf(KbProblems);
    expect((error as KbProblems).describe()).toMatch(/records\.1\.id: twin: duplicate id \(also at position/);
  });
  it('rejects wrong types before touching the database', async () => {
    const before = await countOrgs();
    const error = await (async () => new KnowledgeService(db.pool).import(readKbFile(write('types.json', kbJson('clusters', [{ id: 'x', city: 42 }])))))().catch((e) => e);
    expect(error).toBeInstanceOf(KbFileError);
    expect((error as KbFileError).problems.some((p) => p.path === 'city')).toBe(true);
    expect(await countOrgs()).toBe(before);
  });
});
