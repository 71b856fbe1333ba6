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
    expect(compiled).toBe(2025);
    expect(kb.clusters.length).toBe(88);
    expect(kb.organizations.every((o) => o.sources.length > 0)).toBe(true);
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
