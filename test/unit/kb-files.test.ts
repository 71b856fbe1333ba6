import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClusterSchema, OrganizationSchema } from '../../engine/kb/schema.ts';
import { KbFileError, readKbDirectory, readKbFile } from '../../sources/kb-files.ts';
import { organization } from '../helpers/kb-builders.ts';

const dir = mkdtempSync(join(tmpdir(), 'foothold-kb-files-'));
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const kbJson = (kind: string, records: unknown[]) =>
  JSON.stringify({ format: 'foothold-kb/1', kind, compiled: 2025, records });
const errorOf = (fn: () => unknown): KbFileError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof KbFileError) return e;
    throw e;
  }
  throw new Error('expected a KbFileError');
};

describe('schemas', () => {
  it('accept a complete record and fill defaults', () => {
    const parsed = OrganizationSchema.parse({ ...organization({ id: 'a', city: 'Gent', country: 'BE', tags: ['biotech'] }), locations: undefined });
    expect(parsed.locations).toEqual([]);
  });
  it('reject unknown fields, bad country codes, missing sources and bad ids', () => {
    const base = organization({ id: 'a', city: 'Gent', country: 'BE', tags: ['biotech'] });
    expect(OrganizationSchema.safeParse({ ...base, colour: 'red' }).success).toBe(false);
    expect(OrganizationSchema.safeParse({ ...base, country: 'Belgium' }).success).toBe(false);
    expect(OrganizationSchema.safeParse({ ...base, sources: [] }).success).toBe(false);
    expect(OrganizationSchema.safeParse({ ...base, id: 'Not An Id' }).success).toBe(false);
    expect(ClusterSchema.safeParse({ id: 'c' }).success).toBe(false);
  });
});

describe('readKbFile', () => {
  it('reads the shipped knowledge base', () => {
    const { kb, compiled } = readKbDirectory();
    expect(compiled).toBe(2026);
    expect(kb.clusters.length).toBe(88);
    expect(kb.organizations.length).toBeGreaterThan(5000);
    expect(kb.ventures.length).toBeGreaterThan(4000);
    expect([...kb.organizations, ...kb.ventures].every((r) => r.sources.length > 0)).toBe(true);
  });
  it('rejects malformed JSON with a clear message', () => {
    const e = errorOf(() => readKbFile(file('broken.json', '{"format": "foothold-kb/1", ')));
    expect(e.message).toMatch(/not valid JSON/);
    expect(e.message).toMatch(/nothing imported/);
  });
  it('rejects a file that is not a knowledge-base file, naming the expected header', () => {
    const e = errorOf(() => readKbFile(file('other.json', JSON.stringify([{ id: 'x' }]))));
    expect(e.message).toMatch(/not a Foothold knowledge-base file/);
    expect(e.message).toMatch(/foothold-kb\/1/);
  });
  it('reports every bad record with its position and reason', () => {
    const good = organization({ id: 'good', city: 'Gent', country: 'BE', tags: ['biotech'] });
    const path = file(
      'orgs.json',
      kbJson('organizations', [good, { ...good, id: 'wrong-type', type: 'bank' }, { ...good, id: 'no-tags', tags: 'biotech' }, { ...good, id: 'extra', ceo: 'X' }]),
    );
    const e = errorOf(() => readKbFile(path));
    expect(e.problems.map((p) => [p.index, p.id, p.path])).toEqual([
      [1, 'wrong-type', 'type'],
      [2, 'no-tags', 'tags'],
      [3, 'extra', '(record)'],
    ]);
    expect(e.problems[2]!.message).toMatch(/ceo/);
  });
  it('reads organisations from CSV with semicolon-separated lists', () => {
    const path = file(
      'orgs.csv',
      'id,name,type,city,country,tags,globalReach,description,sources\n' +
        'acme-labs,Acme Labs,corporate,Gent,BE,biotech;ai-ml,global,"Makes things, well",https://acme.example/about\n',
    );
    const read = readKbFile(path);
    expect(read.kind).toBe('organizations');
    expect(read.records[0]).toMatchObject({ id: 'acme-labs', tags: ['biotech', 'ai-ml'], sources: ['https://acme.example/about'] });
  });
  it('names missing and unknown CSV columns', () => {
    const e = errorOf(() => readKbFile(file('cols.csv', 'id,name,colour\na,b,c\n')));
    expect(e.message).toMatch(/missing column\(s\) type, city, country, tags, globalReach, description, sources/);
    expect(e.message).toMatch(/unknown column\(s\) colour/);
  });
  it('reports bad CSV rows by line number', () => {
    const path = file(
      'bad.csv',
      'id,name,type,city,country,tags,globalReach,description,sources\n' +
        'ok,OK,corporate,Gent,BE,biotech,global,fine,https://ok.example\n' +
        'bad,Bad,corporate,Gent,Belgium,biotech,everywhere,fine,not-a-url\n',
    );
    const e = errorOf(() => readKbFile(path));
    expect(e.problems.every((p) => p.line === 3 && p.index === 1)).toBe(true);
    expect(e.describe()).toMatch(/line 3\.country: bad: /);
    expect(e.problems.map((p) => p.path).sort()).toEqual(['country', 'globalReach', 'sources[0]']);
  });
  it('says when a file cannot be read', () => {
    expect(errorOf(() => readKbFile(join(dir, 'missing.json'))).message).toMatch(/cannot be read \(ENOENT\)/);
  });
});

describe('a Research Organization Registry data dump (schema v2)', () => {
  // Records as ROR publishes them (fields Foothold reads; the dump has more).
  const ror = (id: string, name: string, types: string[], status = 'active', place: { name: string; cc: string; lat: number; lng: number; gid: number } | null = { name: 'Tartu', cc: 'EE', lat: 58.38, lng: 26.72, gid: 588335 }) => ({
    id: `https://ror.org/${id}`,
    names: [{ value: name, types: ['ror_display', 'label'], lang: 'en' }, { value: 'TÜ', types: ['acronym'] }],
    types,
    status,
    established: 1632,
    locations: place ? [{ geonames_id: place.gid, geonames_details: { name: place.name, country_code: place.cc, lat: place.lat, lng: place.lng } }] : [],
    external_ids: [{ type: 'wikidata', all: ['Q217439'], preferred: 'Q217439' }],
    links: [{ type: 'website', value: 'https://ut.ee' }],
  });
  const dump = [
    ror('03z77qz90', 'University of Tartu', ['education', 'funder']),
    ror('00abcde12', 'Tartu Observatory for Space Technology', ['facility']),
    ror('01xyzab34', 'Estonian Ministry of Culture', ['government']),
    ror('02qwert56', 'Closed Research Institute', ['facility'], 'inactive'),
    ror('04nowhe78', 'Placeless Lab', ['facility'], 'active', null),
  ];

  it('imports its universities, research facilities and companies, citing ror.org and the release', () => {
    const read = readKbFile(file('v1.55-2024-10-31-ror-data_schema_v2.json', JSON.stringify(dump)));
    expect(read.kind).toBe('organizations');
    expect(read.compiled).toBe(2024);
    expect(read.skipped).toBe(3); // a ministry, an inactive record, one without a place
    const [university, observatory] = read.records as import('../../engine/kb/schema.ts').Organization[];
    expect(university).toMatchObject({
      id: 'ror-03z77qz90',
      type: 'university',
      city: 'Tartu',
      country: 'EE',
      tags: [],
      identifiers: { ror: 'https://ror.org/03z77qz90', wikidata: 'Q217439', website: 'https://ut.ee' },
      place: { geonameId: 588335, lat: 58.38, lon: 26.72 },
      provenance: 'ROR v1.55 (2024-10-31), CC0',
      sources: ['https://ror.org/03z77qz90'],
    });
    // Fields read from the name, with a probability, never stated.
    expect(observatory!.type).toBe('research_center');
    expect(observatory!.inferredTags.map((t) => t.tag)).toContain('space-aerospace');
    expect(observatory!.inferredTags.every((t) => t.probability > 0 && t.probability < 1)).toBe(true);
  });
  it('is not mistaken for a Foothold file, and a JSON array of something else is refused', () => {
    expect(errorOf(() => readKbFile(file('list.json', JSON.stringify([{ id: 'x', names: [] }])))).message).toMatch(/not a Foothold knowledge-base file/);
  });
});
