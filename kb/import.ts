// Importing into the stored knowledge base: the shipped data on first start, or a user's file. Either way
// the whole knowledge base is derived again (profiles depend on every record) and stored atomically;
// any bad record stops the import before anything is written.
import type pg from 'pg';
import { DERIVATION_VERSION, deriveKnowledgeBase, KbProblems } from '../engine/kb/derive.ts';
import type { KbKind, KnowledgeBase } from '../engine/kb/schema.ts';
import {
  type ImportSummary,
  importSummary,
  isKnowledgeBaseEmpty,
  loadKnowledgeBase,
  replaceKnowledgeBase,
} from '../db/repositories/kb.repository.ts';
import { type KbFile, readKbDirectory, readKbFile } from './files.ts';
import { loadGazetteer } from './gazetteer.ts';

export type ProgressListener = (stage: string, done: number, total: number) => void;

const recordCount = (kb: KnowledgeBase) =>
  kb.clusters.length + kb.organizations.reduce((n, o) => n + 1 + o.locations.length, 0) + kb.programs.length;

/** Derive and store a whole knowledge base. Throws KbProblems (nothing written) when any record is bad. */
export async function importKnowledgeBase(
  pool: pg.Pool,
  source: { kb: KnowledgeBase; compiled: number },
  onProgress: ProgressListener = () => {},
): Promise<ImportSummary> {
  onProgress('loading the GeoNames gazetteer', 0, 1);
  const gazetteer = loadGazetteer();
  onProgress('loading the GeoNames gazetteer', 1, 1);
  const total = recordCount(source.kb);
  let done = 0;
  const derived = deriveKnowledgeBase(
    source.kb,
    (city, country) => {
      onProgress('geocoding and linking', Math.min(++done, total), total);
      return gazetteer.resolve(city, country);
    },
    source.compiled,
  );
  onProgress('storing', 0, 1);
  const summary = await replaceKnowledgeBase(pool, derived);
  onProgress('storing', 1, 1);
  return summary;
}

/**
 * On first start, import the knowledge base shipped in data/kb; after an upgrade that changed how profiles
 * are derived, derive the stored records again. Returns null when the stored knowledge base is current.
 */
export async function ensureKnowledgeBase(pool: pg.Pool, onProgress?: ProgressListener): Promise<ImportSummary | null> {
  if (await isKnowledgeBaseEmpty(pool)) return importKnowledgeBase(pool, readKbDirectory(), onProgress);
  if ((await importSummary(pool))?.derivation === DERIVATION_VERSION) return null;
  const stored = await loadKnowledgeBase(pool);
  return importKnowledgeBase(pool, { kb: stored.kb, compiled: stored.compiled ?? new Date().getFullYear() }, onProgress);
}

/**
 * Records of a file replace stored records with the same id and add the rest, which come last in their
 * list: `fileIndex` maps a position in the merged list back to the file (null for a stored record).
 */
export function mergeInto(kb: KnowledgeBase, file: KbFile): { kb: KnowledgeBase; fileIndex: (kind: string, index: number) => number | null } {
  const key = (r: unknown) => (r as { id?: string; code?: string }).id ?? (r as { code: string }).code;
  const incoming = file.records as unknown[];
  const replaced = new Set(incoming.map(key));
  const kept = (kb[file.kind] as unknown[]).filter((r) => !replaced.has(key(r)));
  return {
    kb: { ...kb, [file.kind]: [...kept, ...incoming] } as KnowledgeBase,
    fileIndex: (kind, index) => (kind === file.kind && index >= kept.length ? index - kept.length : null),
  };
}

/** `foothold kb import <file>`: all or nothing. */
export async function importFile(
  pool: pg.Pool,
  path: string,
  onProgress?: ProgressListener,
): Promise<ImportSummary & { kind: KbKind; imported: number }> {
  return importRecords(pool, readKbFile(path), onProgress);
}

/**
 * Merge validated records into the stored knowledge base and derive it again: all or nothing. A problem
 * with an uploaded record is reported at its position in the upload (`records.<i>`), one with a stored
 * record by its id.
 */
export async function importRecords(
  pool: pg.Pool,
  file: KbFile,
  onProgress?: ProgressListener,
): Promise<ImportSummary & { kind: KbKind; imported: number }> {
  await ensureKnowledgeBase(pool, onProgress);
  const stored = await loadKnowledgeBase(pool);
  const { kb, fileIndex } = mergeInto(stored.kb, file);
  try {
    const summary = await importKnowledgeBase(pool, { kb, compiled: Math.max(stored.compiled ?? 0, file.compiled) }, onProgress);
    return { ...summary, kind: file.kind, imported: file.records.length };
  } catch (e) {
    if (!(e instanceof KbProblems)) throw e;
    throw new KbProblems(
      e.problems.map((p) => {
        const at = fileIndex(p.kind, p.index);
        return at === null ? { ...p, message: `${p.message} (a stored record)` } : { ...p, kind: 'records', index: at, ...(file.form === 'csv' ? { line: at + 2 } : {}) };
      }),
      'the imported records',
    );
  }
}
