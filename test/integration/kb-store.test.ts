import { readKbFile } from '../../sources/kb-files.ts';
import { KnowledgeService } from '../../services/knowledge.service.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Encoder } from '../../models/encoder.ts';
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
  it('is imported whole: the curated records and the world beyond them, every record with a source', async () => {
    const stats = await knowledgeBaseStats(db.pool);
    const count = (kind: string, type?: string) => stats.counts.filter((c) => c.kind === kind && (type === undefined || c.type === type)).reduce((n, c) => n + c.count, 0);
    expect(count('clusters', 'curated')).toBe(88);
    expect(count('programs')).toBe(103);
    expect(count('taxonomy')).toBe(42);
    expect(count('countries')).toBeGreaterThan(200); // every country with a PPP factor
    expect(stats.totals.ecosystems).toBeGreaterThanOrEqual(400);
    expect(stats.totals.countriesWithEcosystem).toBeGreaterThanOrEqual(90);
    expect(stats.totals.organizations).toBeGreaterThanOrEqual(5_000);
    expect(stats.totals.ventures).toBeGreaterThan(4_000);
    expect(stats.totals.recordsWithSource).toBe(stats.totals.records);
    // The curated organisations are all there, merged with their registry entries rather than duplicated.
    const { rows } = await db.pool.query("SELECT count(*)::int AS n, count(*) FILTER (WHERE record->'identifiers' ? 'ror')::int AS merged FROM organizations WHERE id NOT LIKE 'ror-%'");
    expect(rows[0].n).toBe(308);
    expect(rows[0].merged).toBeGreaterThan(50);
  });
  it('covers the countries the hand-made knowledge base left out, and says per country what it lacks', async () => {
    const stats = await knowledgeBaseStats(db.pool);
    for (const code of ['PL', 'EE', 'PT', 'CL', 'RO', 'LT', 'NG', 'KE']) {
      const c = stats.byCountry.find((x) => x.country === code)!;
      expect(c.ecosystems.curated + c.ecosystems.derived, code).toBeGreaterThanOrEqual(1);
      expect(c.universities + c.researchCenters + c.corporates, code).toBeGreaterThanOrEqual(10);
      expect(c.costFigures.pppYear, code).toBe(2024);
    }
    const kenya = stats.byCountry.find((x) => x.country === 'KE')!;
    expect(kenya.missing).toContain('no corporate startup programme');
    expect(stats.byEcosystem.find((e) => e.id === 'eco-pl-krakow')).toMatchObject({ origin: 'derived', country: 'PL' });
    // A ranking a page states is attached to its city's ecosystem, with the page.
    const krakow = (await kb.getCluster(db.pool, 'eco-pl-krakow')) as any;
    expect(krakow.profile.rankings.map((r: any) => r.ranking)).toContain('StartupBlink Global Startup Ecosystem Index');
    expect(krakow.profile.indicators.startupBlinkRank).toMatchObject({ value: 186, confidence: 'reported', year: 2022 });
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
    expect(gii.clusters).toBe(stats.totals.ecosystems);
    expect(gii.missing).toBeGreaterThan(stats.totals.derivedEcosystems - 1); // no derived ecosystem has a GII figure
    expect(gii.reported + gii.inherited + gii.missing).toBe(stats.totals.ecosystems);
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
  it('imports a registry dump (ROR schema v2): new records geocoded, linked to their ecosystem, embedded and counted; known ones replaced, not doubled', async () => {
    const before = await countOrgs();
    const known = (await db.pool.query("SELECT record FROM organizations WHERE id LIKE 'ror-%' AND country = 'KE' ORDER BY id LIMIT 1")).rows[0].record;
    const ror = (id: string, name: string) => ({
      id: `https://ror.org/${id}`,
      names: [{ value: name, types: ['ror_display'] }],
      types: ['facility'],
      status: 'active',
      locations: [{ geonames_id: 184745, geonames_details: { name: 'Nairobi', country_code: 'KE', lat: -1.28333, lng: 36.81667 } }],
    });
    const dump = [ror('0newlab01', 'Nairobi Institute of Agricultural Research'), ror(known.identifiers.ror.slice('https://ror.org/'.length), known.name)];
    const file = readKbFile(write('v9.9-2026-11-30-ror-data_schema_v2.json', JSON.stringify(dump)));
    const summary = await new KnowledgeService(db.pool).import(file);
    expect(summary).toMatchObject({ kind: 'organizations', imported: 2 });
    expect(await countOrgs()).toBe(before + 1);
    const { items } = await kb.listOrganizations(db.pool, { cluster: 'nairobi', limit: 500, offset: 0 });
    const lab = items.find((o: any) => o.id === 'ror-0newlab01') as any;
    expect(lab).toMatchObject({ type: 'research_center', provenance: 'ROR v9.9 (2026-11-30), CC0', sources: ['https://ror.org/0newlab01'] });
    expect(lab.inferredTags.map((t: any) => t.tag)).toContain('agrifood');
    expect(lab.sites[0]).toMatchObject({ withinCluster: true, clusterId: 'nairobi' });
    const encoder = await Encoder.load();
    expect((await new KnowledgeService(db.pool).embed(encoder)).organizations).toBeGreaterThanOrEqual(1);
    const { rows } = await db.pool.query("SELECT embedding IS NOT NULL AS has FROM organizations WHERE id = 'ror-0newlab01'");
    expect(rows[0].has).toBe(true);
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
