// Reading knowledge-base files: the project's JSON format (any kind), CSV for organisations, and the Research
// Organization Registry's full data dump (schema v2). Every row is validated; a file with any bad row yields the full list of problems and no records.
import { readFileSync, readdirSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { z } from 'zod';
import { csvRecords } from './csv.ts';
import { fromRorV2, rorToOrganization } from './open-data.ts';
import { DomainError } from '../engine/errors.ts';
import { type KbProblem, kbProblemDetail } from '../engine/kb/derive.ts';
import {
  KB_KIND_NAMES,
  KB_KINDS,
  KbFileHeaderSchema,
  type KbKind,
  type KnowledgeBase,
  ORGANIZATION_TYPES,
} from '../engine/kb/schema.ts';

export interface KbFile {
  kind: KbKind;
  compiled: number;
  records: KnowledgeBase[KbKind];
  /** A CSV file names its records by line (the header is line 1). */
  form?: 'json' | 'csv';
  /** Records of a registry dump left out: types Foothold does not list, inactive, or without a place. */
  skipped?: number;
}

/** A file that cannot be imported: unreadable, not the format, or with bad records (all of them listed). */
export class KbFileError extends DomainError {
  constructor(
    readonly file: string,
    readonly problems: KbProblem[],
    summary?: string,
  ) {
    super('invalid', 'invalid_records', summary ?? `${file}: ${problems.length} bad record(s), nothing imported`, problems.map(kbProblemDetail));
    this.name = 'KbFileError';
  }
}

const issuePath = (path: readonly PropertyKey[]) =>
  path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '') || '(record)';

/**
 * Validate rows against their kind's schema. Problems name a row as a file names it: `records.<i>` in a
 * JSON file, the line in a CSV file (`csv`: the header is line 1).
 */
export function validateRecords(kind: KbKind, rows: unknown[], form: 'json' | 'csv' = 'json'): { records: unknown[]; problems: KbProblem[] } {
  const schema: z.ZodType = KB_KINDS[kind];
  const problems: KbProblem[] = [];
  const records: unknown[] = [];
  rows.forEach((row, i) => {
    const parsed = schema.safeParse(row);
    const id = typeof row === 'object' && row !== null ? String((row as Record<string, unknown>).id ?? (row as Record<string, unknown>).code ?? '') : '';
    if (parsed.success) records.push(parsed.data);
    else
      for (const issue of parsed.error.issues)
        problems.push({ kind: 'records', index: i, ...(form === 'csv' ? { line: i + 2 } : {}), id, path: issuePath(issue.path), message: issue.message });
  });
  return { records, problems };
}

function parseJsonFile(file: string, text: string, compiledDefault: number): KbFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new KbFileError(file, [], `${file}: not valid JSON (${(e as Error).message}), nothing imported`);
  }
  if (isRorDump(json)) return rorDumpFile(file, json, compiledDefault);
  const header = KbFileHeaderSchema.safeParse(json);
  if (!header.success) {
    const details = header.error.issues.map((i) => `${issuePath(i.path)}: ${i.message}`).join('; ');
    throw new KbFileError(
      file,
      [],
      `${file}: not a Foothold knowledge-base file (${details}). Expected {"format": "foothold-kb/1", "kind": one of ${KB_KIND_NAMES.join(', ')}, "compiled": year, "records": [...]}; nothing imported`,
    );
  }
  const { kind, compiled, records: rows } = header.data;
  const { records, problems } = validateRecords(kind, rows);
  if (problems.length > 0) throw new KbFileError(file, problems);
  return { kind, compiled, records: records as KnowledgeBase[KbKind] };
}

/** The Research Organization Registry's data dump (schema v2): a JSON array of records with a ror.org id and names. */
function isRorDump(json: unknown): json is Parameters<typeof fromRorV2>[0][] {
  if (!Array.isArray(json) || json.length === 0) return false;
  const first = json[0] as { id?: unknown; names?: unknown };
  return typeof first.id === 'string' && first.id.startsWith('https://ror.org/') && Array.isArray(first.names);
}

/**
 * A ROR dump as organisations: its universities, research facilities and companies that are active and placed
 * (others are left out and counted), fields inferred from their names, each citing its ror.org page and the
 * release named in the file name (ROR names dumps like "v1.55-2024-10-31-ror-data_schema_v2.json").
 */
function rorDumpFile(file: string, dump: Parameters<typeof fromRorV2>[0][], compiled: number): KbFile {
  const release = /v(\d+\.\d+(?:\.\d+)?)-(\d{4}-\d{2}-\d{2})/.exec(basename(file));
  const knownTags = new Set(readKbFile(join(SHIPPED_KB_DIR, 'taxonomy.json')).records.map((t) => (t as { id: string }).id));
  const records = dump.flatMap((raw) => {
    const flat = fromRorV2(raw);
    return rorToOrganization(release ? { ...flat, release: `v${release[1]}`, releaseDate: release[2] } : flat, knownTags, `ROR data dump ${basename(file)}, CC0`) ?? [];
  });
  const { records: valid, problems } = validateRecords('organizations', records);
  if (problems.length > 0) throw new KbFileError(file, problems);
  return { kind: 'organizations', compiled: release ? Number(release[2]!.slice(0, 4)) : compiled, records: valid as KnowledgeBase['organizations'], skipped: dump.length - valid.length };
}

/** CSV columns for organisations; list cells (tags, sources) are separated by semicolons. */
export const ORGANIZATION_CSV_COLUMNS = {
  required: ['id', 'name', 'type', 'city', 'country', 'tags', 'globalReach', 'description', 'sources'],
  optional: ['techTransfer', 'spinoffNote'],
} as const;

function parseOrganizationCsv(file: string, text: string, compiled: number): KbFile {
  let rows: Record<string, string>[];
  try {
    rows = csvRecords(text);
  } catch (e) {
    throw new KbFileError(file, [], `${file}: not valid CSV (${(e as Error).message}), nothing imported`);
  }
  const header = rows.length > 0 ? Object.keys(rows[0]!) : [];
  const allowed = new Set<string>([...ORGANIZATION_CSV_COLUMNS.required, ...ORGANIZATION_CSV_COLUMNS.optional]);
  const missing = ORGANIZATION_CSV_COLUMNS.required.filter((c) => !header.includes(c));
  const unknown = header.filter((c) => !allowed.has(c));
  if (rows.length === 0 || missing.length > 0 || unknown.length > 0)
    throw new KbFileError(
      file,
      [],
      `${file}: ${rows.length === 0 ? 'no rows' : [missing.length ? `missing column(s) ${missing.join(', ')}` : '', unknown.length ? `unknown column(s) ${unknown.join(', ')}` : ''].filter(Boolean).join('; ')}. Columns: ${ORGANIZATION_CSV_COLUMNS.required.join(',')} (optional ${ORGANIZATION_CSV_COLUMNS.optional.join(', ')}); type is one of ${ORGANIZATION_TYPES.join(', ')}; lists separated by ";". Nothing imported`,
    );
  const list = (cell: string | undefined) => (cell ?? '').split(';').map((s) => s.trim()).filter(Boolean);
  const records = rows.map((r) => ({
    id: r.id,
    name: r.name,
    type: r.type,
    city: r.city,
    country: r.country,
    tags: list(r.tags),
    globalReach: r.globalReach,
    description: r.description,
    sources: list(r.sources),
    techTransfer: r.techTransfer || null,
    spinoffNote: r.spinoffNote || null,
  }));
  // Line numbers for people: the header is line 1.
  const { records: valid, problems } = validateRecords('organizations', records, 'csv');
  if (problems.length > 0) throw new KbFileError(file, problems);
  return { kind: 'organizations', compiled, records: valid as KnowledgeBase['organizations'], form: 'csv' };
}

/** Read one knowledge-base file, JSON (any kind) or CSV (organisations). */
export function readKbFile(file: string, compiledDefault = new Date().getFullYear()): KbFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new KbFileError(file, [], `${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return extname(file).toLowerCase() === '.csv'
    ? parseOrganizationCsv(file, text, compiledDefault)
    : parseJsonFile(file, text, compiledDefault);
}

/** The knowledge base shipped with Foothold (data/kb), one file per kind. */
export const SHIPPED_KB_DIR = new URL('../data/kb/', import.meta.url).pathname;

export function readKbDirectory(dir = SHIPPED_KB_DIR): { kb: KnowledgeBase; compiled: number } {
  const kb: KnowledgeBase = { taxonomy: [], countries: [], clusters: [], organizations: [], programs: [], ventures: [], rankings: [] };
  let compiled = 0;
  // A kind's own file (`organizations.json`, compiled by hand) before the data sets' (`organizations-ror.json`):
  // records keep that order, so curated ones come first wherever they are used.
  const dataSetLast = (name: string) => [name.includes('-') ? 1 : 0, name] as const;
  const names = readdirSync(dir).filter((f) => f.endsWith('.json'));
  names.sort((a, b) => {
    const [x, y] = [dataSetLast(a), dataSetLast(b)];
    return x[0] - y[0] || x[1].localeCompare(y[1]);
  });
  for (const name of names) {
    const file = readKbFile(join(dir, name));
    (kb[file.kind] as unknown[]).push(...file.records);
    compiled = Math.max(compiled, file.compiled);
  }
  return { kb, compiled };
}
