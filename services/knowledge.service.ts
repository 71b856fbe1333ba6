// The knowledge base's use cases: seeding it from the shipped data on first start (or deriving it again
// after an upgrade), importing a user's records (merged, derived again as a whole, stored atomically —
// any bad record stops the import before anything is written), embedding what is new or stale, and
// reading it: stats for the CLI, the public catalogue and city search for the API.
import type pg from 'pg';
import { z } from 'zod';
import { type ClusterFilter, ecosystemMap, getCluster, listClusters, listOrganizations, listPrograms, type OrganizationFilter, type ProgramFilter, tagExists } from '../db/repositories/kb-catalogue.repository.ts';
import { knowledgeBaseStats } from '../db/repositories/kb-stats.repository.ts';
import { yieldToEventLoop } from '../db/transaction.ts';
import { type ImportSummary, importSummary, isKnowledgeBaseEmpty, loadKnowledgeBase, organizationsById, replaceKnowledgeBase, type ReplaceGuard } from '../db/repositories/kb-store.repository.ts';
import { countStale, EMBEDDED_TABLES, saveVectors, staleRecords, vectorCoverage } from '../db/repositories/vector.repository.ts';
import { DomainError, notFound } from '../engine/errors.ts';
import { jobId } from '../jobs/catalogue.ts';
import { type JobQueue, QueueUnavailable } from '../jobs/queue.ts';
import { DERIVATION_VERSION, deriveKnowledgeBase, KbProblems, type ClusterProfile } from '../engine/kb/derive.ts';
import { type Cluster, type KbKind, type KnowledgeBase, ORGANIZATION_TYPES, type Organization, PROGRAM_KINDS, type Program } from '../engine/kb/schema.ts';
import { type Encoder, organizationInput, programInput } from '../models/encoder.ts';
import { loadGazetteer } from '../sources/gazetteer.ts';
import { type KbFile, readKbDirectory, validateRecords } from '../sources/kb-files.ts';

const page = {
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('page size (1-200)'),
  offset: z.coerce.number().int().min(0).default(0).describe('records to skip'),
};
const tag = z.string().regex(/^[a-z0-9-]+$/).describe('a taxonomy tag id, e.g. semiconductors');
const country = z.string().regex(/^[A-Za-z]{2}$/).transform((s) => s.toUpperCase()).describe('ISO 3166-1 alpha-2');
export const ClusterId = z.string().regex(/^[a-z0-9-]+$/).max(100).describe('a cluster id, e.g. eindhoven-brainport');

export const ClusterQuery = z.object({ ...page, tag: tag.optional(), country: country.optional() }).strict();
export const OrganizationQuery = z
  .object({ ...page, tag: tag.optional(), type: z.enum(ORGANIZATION_TYPES).optional(), country: country.optional(), cluster: ClusterId.optional() })
  .strict();
export const ProgramQuery = z
  .object({ ...page, tag: tag.optional(), kind: z.enum(PROGRAM_KINDS).optional(), country: country.optional(), cluster: ClusterId.optional(), servesFoundersFrom: country.optional() })
  .strict();
export const EcosystemMapQuery = z.object({ tag: tag.optional() }).strict();
export const PlaceQuery = z.object({ q: z.string().trim().min(2).max(80), country: country.optional(), limit: z.coerce.number().int().min(1).max(20).default(8) }).strict();

/** An import sent as JSON: a knowledge-base file (its records are validated against their kind's schema). */
export { KbFileHeaderSchema as KbUpload } from '../engine/kb/schema.ts';

export type ProgressListener = (stage: string, done: number, total: number) => void;
export type ImportResult = ImportSummary & { kind: KbKind; imported: number };

const recordCount = (kb: KnowledgeBase) =>
  kb.clusters.length +
  kb.organizations.reduce((n, o) => n + 1 + o.locations.length, 0) +
  kb.programs.reduce((n, p) => n + (p.city ? 1 : 0) + p.extraLocations.length, 0) +
  kb.ventures.length +
  kb.rankings.length;

/** Records embedded per batch: one encoder call and one write. */
const EMBED_BATCH = 256;

type Stale = { id: string; record: unknown; profile?: unknown };
type Embedder = (encoder: Encoder, rows: Stale[], organizations: Map<string, Organization>) => (Float32Array | null)[];

const embedders: Record<(typeof EMBEDDED_TABLES)[number], Embedder> = {
  organizations: (encoder: Encoder, rows: Stale[]) => encoder.embed(rows.map((r) => organizationInput(r.record as Organization))),
  programs: (encoder: Encoder, rows: Stale[]) => encoder.embed(rows.map((r) => programInput(r.record as Program))),
  clusters: (encoder: Encoder, rows: Stale[], organizations: Map<string, Organization>) =>
    rows.map((r) => {
      const profile = r.profile as ClusterProfile;
      const strong = profile.strengths.filter((s) => s.score >= 1).map((s) => s.tag);
      return encoder.embedCluster(r.record as Cluster, strong, profile.members.map((id) => organizations.get(id)!));
    }),
};

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

export class KnowledgeService {
  /** `jobs`: where re-embedding after an import is queued (the API's imports); without it the caller embeds. */
  constructor(
    private readonly pool: pg.Pool,
    private readonly jobs: JobQueue | null = null,
  ) {}

  /**
   * Derive and store a whole knowledge base. Throws KbProblems (nothing written) when any record is bad.
   * Null when `guard` finds that another process did it first.
   */
  async replace(source: { kb: KnowledgeBase; compiled: number }, onProgress: ProgressListener = () => {}, guard: ReplaceGuard = 'always'): Promise<ImportSummary | null> {
    onProgress('loading the GeoNames gazetteer', 0, 1);
    const gazetteer = loadGazetteer();
    onProgress('loading the GeoNames gazetteer', 1, 1);
    const total = recordCount(source.kb);
    let done = 0;
    const derived = deriveKnowledgeBase(
      source.kb,
      (city, country, hint) => {
        onProgress('geocoding and linking', Math.min(++done, total), total);
        return gazetteer.place(city, country, hint);
      },
      source.compiled,
    );
    onProgress('storing', 0, 1);
    const summary = await replaceKnowledgeBase(this.pool, derived, guard);
    onProgress('storing', 1, 1);
    return summary;
  }

  /**
   * On first start, import the knowledge base shipped in data/kb; after an upgrade that changed how profiles
   * are derived, derive the stored records again. Returns null when the stored knowledge base is current.
   */
  async ensure(onProgress?: ProgressListener): Promise<ImportSummary | null> {
    if (await isKnowledgeBaseEmpty(this.pool)) return this.replace(readKbDirectory(), onProgress, 'if-empty');
    if ((await importSummary(this.pool))?.derivation === DERIVATION_VERSION) return null;
    const stored = await loadKnowledgeBase(this.pool);
    return this.replace({ kb: stored.kb, compiled: stored.compiled ?? new Date().getFullYear() }, onProgress, 'if-outdated');
  }

  /**
   * Merge validated records into the stored knowledge base and derive it again: all or nothing. A problem
   * with an uploaded record is reported at its position in the upload (`records.<i>`, or its CSV line), one
   * with a stored record by its id.
   */
  async import(file: KbFile, onProgress?: ProgressListener): Promise<ImportResult> {
    await this.ensure(onProgress);
    const stored = await loadKnowledgeBase(this.pool);
    const { kb, fileIndex } = mergeInto(stored.kb, file);
    try {
      const summary = (await this.replace({ kb, compiled: Math.max(stored.compiled ?? 0, file.compiled) }, onProgress))!;
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

  /**
   * An import through the API or a running server: all or nothing, then a job re-embeds what changed. The
   * queue must be there first (else 503, nothing imported); should it go away just after, the import stands
   * and the next start embeds what is new.
   */
  async importAndReembed(file: KbFile, onProgress?: ProgressListener): Promise<ImportResult & { reembedJob: string | null }> {
    if (this.jobs && !this.jobs.available()) throw new QueueUnavailable('checked before importing');
    const result = await this.import(file, onProgress);
    const job = await this.jobs?.add('reembed-knowledge-base', { importedAt: result.importedAt }, jobId.reembed(result.importedAt)).catch(() => null);
    return { ...result, reembedJob: job?.id ?? null };
  }

  /** An upload's records, checked against their kind's schema (every bad one listed, nothing imported), then imported. */
  async importUpload(upload: { kind: KbKind; compiled: number; records: unknown[]; form?: 'json' | 'csv' }, onProgress?: ProgressListener) {
    const { records, problems } = validateRecords(upload.kind, upload.records, upload.form);
    if (problems.length) throw new KbProblems(problems, 'the uploaded records');
    return this.importAndReembed({ kind: upload.kind, compiled: upload.compiled, records: records as KbFile['records'], form: upload.form }, onProgress);
  }

  /** Queue a re-embedding of the knowledge base now. */
  async reembed() {
    if (!this.jobs) throw new QueueUnavailable('no queue');
    const at = new Date().toISOString();
    return this.jobs.add('reembed-knowledge-base', { importedAt: at }, jobId.reembed(at));
  }

  /** Give every record whose vector is missing or came from another model version one from `encoder`, in batches. */
  async embed(encoder: Encoder, onProgress: ProgressListener = () => {}): Promise<Record<string, number>> {
    const embedded: Record<string, number> = {};
    for (const table of EMBEDDED_TABLES) {
      const total = await countStale(this.pool, table, encoder.version);
      let done = 0;
      if (total > 0) onProgress(`embedding ${table}`, 0, total);
      // Saved vectors leave the stale set, so each page starts after the last id seen (a record that cannot
      // be saved is not read again in this run).
      for (let after: string | null = null; ; ) {
        const batch: Stale[] = await staleRecords(this.pool, table, encoder.version, after, EMBED_BATCH);
        if (batch.length === 0) break;
        const members = table === 'clusters' ? await this.membersOf(batch) : new Map<string, Organization>();
        const vectors = embedders[table](encoder, batch, members);
        await saveVectors(this.pool, table, encoder.version, batch.map((r, j) => ({ id: r.id, vector: vectors[j] ?? null })));
        done += batch.length;
        after = batch.at(-1)!.id;
        onProgress(`embedding ${table}`, Math.min(done, total), total);
        await yieldToEventLoop();
      }
      embedded[table] = done;
    }
    return embedded;
  }

  /** The member organisations of a batch of clusters (a cluster's vector is also its members'). */
  private async membersOf(clusters: Stale[]): Promise<Map<string, Organization>> {
    const ids = [...new Set(clusters.flatMap((c) => (c.profile as ClusterProfile).members))];
    return new Map((await organizationsById(this.pool, ids)).map((o) => [o.id, o]));
  }

  vectorCoverage(modelVersion: string) {
    return vectorCoverage(this.pool, modelVersion);
  }

  summary(): Promise<ImportSummary | null> {
    return importSummary(this.pool);
  }

  stats() {
    return knowledgeBaseStats(this.pool);
  }

  clusters(filter: ClusterFilter) {
    return listClusters(this.pool, filter);
  }

  async cluster(id: string) {
    const cluster = await getCluster(this.pool, id);
    if (!cluster) throw notFound(`cluster ${id}`);
    return cluster;
  }

  organizations(filter: OrganizationFilter) {
    return listOrganizations(this.pool, filter);
  }

  programs(filter: ProgramFilter) {
    return listPrograms(this.pool, filter);
  }

  /**
   * Every ecosystem for the world map, sized by its score in `tag`, or without a tag by its size (member
   * organisations + startups). A tag the taxonomy does not hold is refused rather than answered with zeros.
   */
  async ecosystemMap(tag?: string) {
    if (tag !== undefined && !(await tagExists(this.pool, tag)))
      throw new DomainError('invalid', 'invalid_request', 'The request is not valid', [{ path: 'tag', message: `unknown tag "${tag}"` }]);
    return { items: await ecosystemMap(this.pool, tag ?? null) };
  }

  /** What the knowledge base holds and lacks per country, with the totals across all of them. */
  async coverage() {
    const { byCountry, totals } = await knowledgeBaseStats(this.pool);
    return { items: byCountry, totals };
  }

  /** City autocomplete from GeoNames (the same gazetteer that resolves profiles). */
  places(q: string, limit: number, country?: string) {
    return loadGazetteer()
      .search(q, limit, country)
      .map(({ name, country: c, population, lat, lon }) => ({ name, country: c, population, lat, lon }));
  }
}
