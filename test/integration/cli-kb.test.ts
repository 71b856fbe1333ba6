import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processDatabase } from '../helpers/db.ts';
import { foothold } from '../helpers/process.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'foothold-cli-'));
// The embedded database in the data directory, or a server database of this file's own (server backend).
let env: Record<string, string> = {};
let drop = async () => {};
beforeAll(async () => {
  const database = await processDatabase();
  env = { FOOTHOLD_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...database.env };
  drop = database.drop;
});
afterAll(() => drop());

describe('foothold kb (the command line, on a persistent database)', () => {
  it('seeds on first use and prints stats as JSON', async () => {
    const { code, stdout, stderr } = await foothold(['kb', 'stats', '--json'], env);
    expect(stderr).toMatch(/geocoding and linking/);
    expect(code).toBe(0);
    const stats = JSON.parse(stdout);
    const clusters = stats.places.find((p: any) => p.owner === 'clusters');
    expect(clusters.geocoded).toBe(clusters.records);
    expect(stats.totals.ecosystems).toBeGreaterThanOrEqual(400);
    expect(stats.totals.countriesWithEcosystem).toBeGreaterThanOrEqual(90);
    expect(stats.totals.organizations).toBeGreaterThanOrEqual(5_000);
    expect(stats.totals.recordsWithSource).toBe(stats.totals.records);
    expect(stats.byCountry.find((c: any) => c.country === 'NG')).toMatchObject({ name: 'Nigeria', missing: expect.arrayContaining(['no corporate startup programme']) });
    expect(stats.byEcosystem.length).toBe(stats.totals.ecosystems);
    expect(stats.coverage.map((c: any) => c.indicator)).toContain('pctFilings');
  });
  it('reopens the same database (closed cleanly) and prints the table', async () => {
    const { code, stdout, stderr } = await foothold(['kb', 'stats'], env);
    expect(stderr).not.toMatch(/geocoding/); // already seeded
    expect(code).toBe(0);
    expect(stdout).toMatch(/\d+ ecosystems \(88 curated clusters, \d+ found in open data\) in \d+ countries/);
    expect(stdout).toMatch(/Ecosystem indicators/);
    expect(stdout).toMatch(/giiRank\s+\d+%/);
    const kenya = await foothold(['kb', 'stats', '--country', 'ke'], env);
    expect(kenya.stdout).toMatch(/KE Kenya .* no corporate startup programme/);
    expect(kenya.stdout).toMatch(/nairobi\s+Nairobi/);
  });
  it('refuses a bad import with every problem listed and exit code 1', async () => {
    const file = join(dataDir, 'bad.csv');
    writeFileSync(file, 'id,name,type,city,country,tags,globalReach,description,sources\nx,X,corporate,Nowhereville,NL,biotech,global,d,https://x.example\n');
    const { code, stderr } = await foothold(['kb', 'import', file], env);
    expect(code).toBe(1);
    // The problem is named where it is in the uploaded file (line 2), not in the merged knowledge base.
    expect(stderr).toMatch(/line 2\.city: x: city "Nowhereville" \(NL\) is not in the GeoNames gazetteer/);
    expect(stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace for a user error
  });
  it('names a bad environment variable', async () => {
    const { code, stderr } = await foothold(['kb', 'stats'], { ...env, PORT: 'eighty' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/PORT/);
  });
});

describe('foothold advise (the command line)', () => {
  it('prints readable advice for an example profile, and JSON on request', async () => {
    const example = new URL('../../examples/india-saas.json', import.meta.url).pathname;
    const text = await foothold(['advise', example], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/1\. Placement/);
    expect(text.stdout).toMatch(/Recommended (split|stay|move-all)/);
    expect(text.stdout).toMatch(/3\. Bridges/);
    const json = await foothold(['advise', example, '--json'], env);
    expect(JSON.parse(json.stdout).adviceVersion).toBe('advice-1');
  }, 180_000); // two cold starts of the command: open the database, load the world knowledge slice
  it('reports a bad profile plainly, with exit code 1', async () => {
    const file = join(dataDir, 'bad-profile.json');
    writeFileSync(file, JSON.stringify({ name: 'X', techTeam: { city: 'Nowhereville', country: 'BE' }, tags: ['unicorns'] }));
    const { code, stderr } = await foothold(['advise', file], env);
    expect(code).toBe(1);
    expect(stderr).toMatch(/The profile is not valid \(2 problems\)/);
    expect(stderr).toMatch(/unknown tag "unicorns"/);
    expect(stderr).toMatch(/unknown city "Nowhereville"/);
    expect(stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});
