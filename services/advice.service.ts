// Advice for one startup: validate and resolve the profile (places through the gazetteer, tags inferred by
// the encoder when absent, its vector), read the knowledge-base slice (cached per import), run the engine.
// The CLI and the queue worker both call this.
import type pg from 'pg';
import type { EncodedAdvice } from '../db/advice-codec.ts';
import { type AdviceError, type AdviceOutcome, saveAdviceResults, saveFailuresWhereMissing } from '../db/repositories/advice-results.repository.ts';
import { importSummary } from '../db/repositories/kb-store.repository.ts';
import { loadKnowledgeSlice } from '../db/repositories/knowledge-slice.repository.ts';
import { startupsForAdvice } from '../db/repositories/startups.repository.ts';
import { type Advice, ADVICE_VERSION, advise } from '../engine/advice/advise.ts';
import type { ClusterView, KnowledgeSlice, ResolvedStartup, StartupPlace, StartupTag } from '../engine/advice/context.ts';
import { type Location, type StartupProfile, StartupProfileSchema } from '../engine/advice/profile.ts';
import { checkProfile, type ProfileProblem, ProfileProblems } from '../engine/advice/validate.ts';
import { zodDetails } from '../engine/errors.ts';
import { type Catchment, nearestCluster } from '../engine/geo.ts';
import type { AdviceItem } from '../jobs/catalogue.ts';
import { EncodeError, type Encoder } from '../models/encoder.ts';
import type { Gazetteer } from '../sources/gazetteer.ts';
import { unadvisable } from './advice-failure.ts';

/** Tags inferred from a description: those the encoder gives at least this probability (at most three). */
export const INFERRED_TAG_THRESHOLD = 0.3;

/** Office hours are compared on a fixed date (mid-January of the knowledge base's vintage): results do not drift with the calendar. */
export const referenceDate = (vintage: number) => new Date(Date.UTC(vintage, 0, 15, 12));

const catchments = new WeakMap<ClusterView[], Catchment[]>();

/** The clusters as places with a radius, built once per knowledge slice (resolving runs for every startup). */
function catchmentsOf(clusters: ClusterView[]): Catchment[] {
  let list = catchments.get(clusters);
  if (!list) catchments.set(clusters, (list = clusters.map((c) => ({ id: c.record.id, lat: c.place.lat, lon: c.place.lon, radiusKm: c.record.radiusKm, partOf: c.record.partOf }))));
  return list;
}

/** What runs the pure engine on resolved startups (engine threads, in the worker). */
export interface EngineRunner {
  advise(knowledge: { key: string; slice: KnowledgeSlice }, startups: ResolvedStartup[], at: Date): Promise<EngineResult[]>;
}
export type EngineResult = { ok: true; advice: EncodedAdvice } | { ok: false; error: AdviceError };

export interface BatchOutcome {
  outcomes: AdviceOutcome[];
  /** Startups deleted since the job was queued. */
  missing: string[];
  /** Startups whose profile changed since: the newer version has its own job. */
  superseded: string[];
}

export class AdviceService {
  private cached: { key: string; slice: KnowledgeSlice } | null = null;

  constructor(
    private readonly pool: pg.Pool,
    readonly encoder: Encoder,
    private readonly gazetteer: Gazetteer,
  ) {}

  /** The version of the model that makes the startups' vectors. */
  get modelVersion(): string {
    return this.encoder.version;
  }

  /** The knowledge-base slice with the key of its version (the import and the model), read again only after an import. */
  async versionedKnowledge(): Promise<{ key: string; slice: KnowledgeSlice }> {
    const key = `${(await importSummary(this.pool))?.importedAt ?? 'none'}|${this.encoder.version}`;
    if (this.cached?.key !== key) this.cached = { key, slice: await loadKnowledgeSlice(this.pool) };
    return this.cached;
  }

  async knowledge(): Promise<KnowledgeSlice> {
    return (await this.versionedKnowledge()).slice;
  }

  private place(location: Location, path: string, slice: KnowledgeSlice, problems: ProfileProblem[]): StartupPlace | null {
    const found = location.city === null ? this.gazetteer.largest(location.country) : this.gazetteer.resolve(location.city, location.country);
    if (!found) {
      problems.push({
        path,
        message: location.city === null ? `unknown country "${location.country}"` : `unknown city "${location.city}" in ${location.country} (GeoNames has no such place)`,
      });
      return null;
    }
    const link = nearestCluster(found, catchmentsOf(slice.clusters));
    return {
      name: found.name,
      country: found.country,
      lat: found.lat,
      lon: found.lon,
      timezone: found.timezone,
      assumed: location.city === null,
      clusterId: link?.within ? link.clusterId : null,
      distanceKm: link?.within ? link.distanceKm : null,
    };
  }

  /**
   * Validate and resolve; throws ProfileProblems listing every problem. A caller resolving many profiles
   * passes the slice it already holds (one read instead of one per profile); a caller holding the vector
   * stored for the profile by the current model passes it (no second embedding).
   */
  async resolve(input: unknown, known: { knowledge?: KnowledgeSlice; vector?: Float32Array | null } = {}): Promise<ResolvedStartup> {
    const parsed = StartupProfileSchema.safeParse(input);
    if (!parsed.success) throw new ProfileProblems(zodDetails(parsed.error));
    const profile: StartupProfile = parsed.data;
    const slice = known.knowledge ?? (await this.knowledge());
    const problems = checkProfile(profile, new Set(slice.tags.keys()));
    const techTeam = this.place(profile.techTeam, 'techTeam', slice, problems);
    const founders = profile.founders ? this.place(profile.founders, 'founders', slice, problems) : techTeam;
    if (problems.length > 0 || !techTeam || !founders) throw new ProfileProblems(problems);

    try {
      const tags: StartupTag[] = profile.tags?.length
        ? profile.tags.map((tag) => ({ tag, inferred: false, probability: null }))
        : this.encoder
            .inferTags(profile.description, 3)
            .filter((g, i) => i === 0 || g.probability >= INFERRED_TAG_THRESHOLD)
            .map((g) => ({ tag: g.tag, inferred: true, probability: g.probability }));
      const vector = known.vector ?? this.encoder.embedStartup({ description: profile.description, tags: tags.map((t) => t.tag), stage: profile.stage });
      return { profile, tags, techTeam, founders, vector };
    } catch (e) {
      if (e instanceof EncodeError) throw new ProfileProblems([{ path: 'description', message: e.message }]);
      throw e;
    }
  }

  async advise(input: unknown, known: { knowledge?: KnowledgeSlice; vector?: Float32Array | null } = {}): Promise<Advice> {
    const slice = known.knowledge ?? (await this.knowledge());
    return advise(await this.resolve(input, { ...known, knowledge: slice }), slice, referenceDate(slice.vintage));
  }

  /**
   * Advice for a batch of stored startups, written in one statement. Profiles are resolved here (the
   * gazetteer and the encoder live on this thread); `engine` runs the engine (on engine threads). A profile
   * that cannot be advised on gets a failed result with the reason; any other error fails the whole batch,
   * which the queue retries (the writes are idempotent).
   */
  async adviseBatch(items: AdviceItem[], engine: EngineRunner): Promise<BatchOutcome> {
    const stored = new Map((await startupsForAdvice(this.pool, items.map((i) => i.startupId))).map((s) => [s.id, s]));
    const knowledge = await this.versionedKnowledge();
    const batch: BatchOutcome = { outcomes: [], missing: [], superseded: [] };
    const resolved: { item: AdviceItem; startup: ResolvedStartup }[] = [];
    for (const item of items) {
      const startup = stored.get(item.startupId);
      if (!startup) batch.missing.push(item.startupId);
      else if (startup.profileVersion !== item.profileVersion) batch.superseded.push(item.startupId);
      else {
        // The stored vector is reused when the current model made it.
        const vector = startup.modelVersion === this.modelVersion ? startup.vector : null;
        try {
          resolved.push({ item, startup: await this.resolve(startup.profile, { knowledge: knowledge.slice, vector }) });
        } catch (e) {
          const error = unadvisable(e);
          if (!error) throw e; // transient: the batch is retried with backoff
          batch.outcomes.push({ ...item, status: 'failed', advice: null, error });
        }
      }
    }
    if (resolved.length > 0) {
      const results = await engine.advise(knowledge, resolved.map((r) => r.startup), referenceDate(knowledge.slice.vintage));
      results.forEach((r, i) => {
        const { item } = resolved[i]!;
        batch.outcomes.push(r.ok ? { ...item, status: 'done', advice: r.advice, error: null } : { ...item, status: 'failed', advice: null, error: r.error });
      });
    }
    await saveAdviceResults(this.pool, ADVICE_VERSION, batch.outcomes);
    return batch;
  }

  /** A failure for each of these startups that has no result yet (a job gave up on them). */
  recordFailures(items: AdviceItem[], error: AdviceError): Promise<void> {
    return saveFailuresWhereMissing(this.pool, ADVICE_VERSION, items, error);
  }
}
