// `foothold eval --cases <file>`: the advice engine against real companies' placements (format:
// docs/evaluation.md), next to three baselines, with every case that could not be run listed.
import { z } from 'zod';
import type { Advice, PlaceRef } from '../engine/advice/advise.ts';
import { clusterStrength, STRONG } from '../engine/advice/bridges.ts';
import type { KnowledgeSlice, ResolvedStartup } from '../engine/advice/context.ts';
import type { Pattern } from '../engine/advice/placement.ts';
import { STARTUP_STAGES } from '../engine/advice/profile.ts';
import { REGION_NAMES } from '../engine/advice/regions.ts';
import { ProfileProblems } from '../engine/advice/validate.ts';
import { distanceKm, type LatLon } from '../engine/geo.ts';
import { dot } from '../engine/vector.ts';
import { advise } from '../engine/advice/advise.ts';
import { type AdviceService, referenceDate } from '../services/advice.service.ts';
import type { Gazetteer } from '../sources/gazetteer.ts';

const place = z.object({ city: z.string().nullable(), country: z.string().nullable() });
export const EvalCaseSchema = z.object({
  id: z.string(),
  name: z.string(),
  founding_city: z.string().nullable(),
  founding_country: z.string().nullable(),
  tags: z.array(z.string()).nullable(),
  profile_text: z.string().nullable(),
  stage_at_decision: z.string().nullable(),
  target_markets: z.array(z.string()).nullable(),
  exec_location: place,
  tech_location: place,
  pattern: z.enum(['split', 'stay', 'move-all']),
});
export type EvalCase = z.infer<typeof EvalCaseSchema>;
export const EvalFileSchema = z.object({ cases: z.array(z.unknown()) });

export const PATTERNS: Pattern[] = ['split', 'stay', 'move-all'];
export const PLACEMENT_METHODS = ['engine', 'popularity', 'nearest-strong', 'embedding'] as const;
export type PlacementMethod = (typeof PLACEMENT_METHODS)[number];
/** A predicted place within this distance of the expected city is the same place. */
export const SAME_CITY_KM = 50;
/** The expected city's knowledge-base cluster: the nearest within this distance. */
export const CLUSTER_MATCH_KM = 100;

interface Prediction {
  executive: PlaceRef[];
  technical: PlaceRef;
  pattern: Pattern;
}

export interface PlacementMethodResult {
  execHitAt1: number;
  execHitAt3: number;
  execHitAt5: number;
  techHitAt1: number;
  patternAccuracy: number;
  confusion: Record<Pattern, Record<Pattern, number>>;
}

export interface CaseOutcome {
  id: string;
  expected: { exec: string; tech: string; pattern: Pattern };
  engine: { exec: string[]; tech: string; pattern: Pattern; execHitRank: number | null };
}

export interface PlacementReport {
  cases: number;
  evaluated: number;
  unresolved: { id: string; reason: string }[];
  results: Record<PlacementMethod, PlacementMethodResult>;
  majorityPattern: { pattern: Pattern; rate: number };
  outcomes: CaseOutcome[];
}

/** The case's facts as a startup profile: the whole team where it was founded. */
export function caseProfile(c: EvalCase, knownTags: ReadonlySet<string>) {
  const stage = c.stage_at_decision === 'growth' ? 'series-b+' : c.stage_at_decision;
  const markets = (c.target_markets ?? []).filter((m) => m === 'global' || /^[A-Z]{2}$/.test(m) || (REGION_NAMES as string[]).includes(m));
  return {
    name: c.name,
    description: c.profile_text ?? '',
    tags: c.tags?.filter((t) => knownTags.has(t)).length ? c.tags.filter((t) => knownTags.has(t)) : undefined,
    stage: stage && (STARTUP_STAGES as readonly string[]).includes(stage) ? stage : null,
    techTeam: { city: c.founding_city, country: c.founding_country },
    targetMarkets: markets.length ? markets : ['global'],
  };
}

interface Expected {
  label: string;
  country: string;
  place: LatLon | null;
  clusterId: string | null;
}

function expectedPlace(loc: { city: string | null; country: string | null }, gazetteer: Gazetteer, slice: KnowledgeSlice): Expected | string {
  if (!loc.country) return 'no country for the location';
  if (!loc.city) return { label: loc.country, country: loc.country, place: null, clusterId: null };
  const p = gazetteer.resolve(loc.city, loc.country);
  if (!p) return `unknown city ${loc.city} (${loc.country})`;
  const nearest = slice.clusters
    .map((c) => ({ id: c.record.id, d: distanceKm(p, c.place) }))
    .filter((x) => x.d <= CLUSTER_MATCH_KM)
    .sort((a, b) => a.d - b.d)[0];
  return { label: `${loc.city}, ${loc.country}`, country: loc.country, place: p, clusterId: nearest?.id ?? null };
}

export function isHit(predicted: PlaceRef, expected: Expected): boolean {
  if (!expected.place) return predicted.country === expected.country;
  return predicted.id === expected.clusterId || distanceKm(predicted, expected.place) <= SAME_CITY_KM;
}

const clusterRef = (slice: KnowledgeSlice, id: string): PlaceRef => {
  const c = slice.clusters.find((x) => x.record.id === id)!;
  return { id, name: c.record.name, country: c.record.country, lat: c.place.lat, lon: c.place.lon, timezone: c.place.timezone, isHome: false };
};

/** Baselines keep the technical team at home and call it a split unless their top place is home. */
function baseline(order: string[], startup: ResolvedStartup, slice: KnowledgeSlice): Prediction {
  const home: PlaceRef = { id: startup.techTeam.clusterId ?? 'home', name: startup.techTeam.name, country: startup.techTeam.country, lat: startup.techTeam.lat, lon: startup.techTeam.lon, timezone: startup.techTeam.timezone, isHome: true };
  const executive = order.map((id) => clusterRef(slice, id));
  const top = executive[0]!;
  const atHome = top.id === startup.techTeam.clusterId || distanceKm(top, home) <= SAME_CITY_KM;
  return { executive, technical: home, pattern: atHome ? 'stay' : 'split' };
}

export function popularityOrder(slice: KnowledgeSlice): string[] {
  const rank = (v: number | null | undefined) => v ?? Number.POSITIVE_INFINITY;
  return [...slice.clusters]
    .sort(
      (a, b) =>
        rank(a.profile.indicators.startupGenomeRank.value) - rank(b.profile.indicators.startupGenomeRank.value) ||
        rank(a.profile.indicators.giiRank.value) - rank(b.profile.indicators.giiRank.value) ||
        a.record.id.localeCompare(b.record.id),
    )
    .map((c) => c.record.id);
}

export function nearestStrongOrder(startup: ResolvedStartup, slice: KnowledgeSlice): string[] {
  const tags = startup.tags.map((t) => t.tag);
  const byDistance = [...slice.clusters].sort((a, b) => distanceKm(startup.techTeam, a.place) - distanceKm(startup.techTeam, b.place));
  const strong = byDistance.filter((c) => clusterStrength(c, tags) >= STRONG);
  return [...strong, ...byDistance.filter((c) => !strong.includes(c))].map((c) => c.record.id);
}

export function embeddingOrder(startup: ResolvedStartup, slice: KnowledgeSlice): string[] {
  const sim = (v: Float32Array | null) => (v ? dot(v, startup.vector) : -Infinity);
  return [...slice.clusters].sort((a, b) => sim(b.vector) - sim(a.vector) || a.record.id.localeCompare(b.record.id)).map((c) => c.record.id);
}

function enginePrediction(a: Advice): Prediction {
  const rec = a.placement.executiveRecommendation;
  return {
    executive: [rec, ...a.placement.executive.map((e) => e.place).filter((p) => p.id !== rec.id)],
    technical: a.placement.technical.recommendation,
    pattern: a.placement.recommended,
  };
}

const emptyConfusion = () =>
  Object.fromEntries(PATTERNS.map((p) => [p, Object.fromEntries(PATTERNS.map((q) => [q, 0]))])) as Record<Pattern, Record<Pattern, number>>;

export async function evaluateCases(rawCases: unknown[], service: AdviceService, gazetteer: Gazetteer): Promise<PlacementReport> {
  const slice = await service.knowledge();
  const knownTags = new Set(slice.tags.keys());
  const unresolved: { id: string; reason: string }[] = [];
  const rows: { c: EvalCase; exec: Expected; tech: Expected; predictions: Record<PlacementMethod, Prediction> }[] = [];
  rawCases.forEach((raw, i) => {
    const parsed = EvalCaseSchema.safeParse(raw);
    if (!parsed.success) unresolved.push({ id: String((raw as { id?: string })?.id ?? `#${i}`), reason: parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ') });
  });
  for (const raw of rawCases) {
    const parsed = EvalCaseSchema.safeParse(raw);
    if (!parsed.success) continue;
    const c = parsed.data;
    const exec = expectedPlace(c.exec_location, gazetteer, slice);
    const tech = expectedPlace(c.tech_location, gazetteer, slice);
    if (typeof exec === 'string' || typeof tech === 'string') {
      unresolved.push({ id: c.id, reason: `expected location: ${typeof exec === 'string' ? exec : tech}` });
      continue;
    }
    let startup: ResolvedStartup;
    try {
      startup = await service.resolve(caseProfile(c, knownTags), { knowledge: slice });
    } catch (e) {
      if (!(e instanceof ProfileProblems)) throw e;
      unresolved.push({ id: c.id, reason: e.problems.map((p) => `${p.path}: ${p.message}`).join('; ') });
      continue;
    }
    const advice = advise(startup, slice, referenceDate(slice.vintage));
    rows.push({
      c,
      exec,
      tech,
      predictions: {
        engine: enginePrediction(advice),
        popularity: baseline(popularityOrder(slice), startup, slice),
        'nearest-strong': baseline(nearestStrongOrder(startup, slice), startup, slice),
        embedding: baseline(embeddingOrder(startup, slice), startup, slice),
      },
    });
  }
  const n = Math.max(rows.length, 1);
  const results = Object.fromEntries(
    PLACEMENT_METHODS.map((m): [PlacementMethod, PlacementMethodResult] => {
      const confusion = emptyConfusion();
      let h1 = 0, h3 = 0, h5 = 0, t1 = 0, ok = 0;
      for (const r of rows) {
        const p = r.predictions[m];
        const rank = p.executive.findIndex((x) => isHit(x, r.exec));
        if (rank === 0) h1++;
        if (rank >= 0 && rank < 3) h3++;
        if (rank >= 0 && rank < 5) h5++;
        if (isHit(p.technical, r.tech)) t1++;
        if (p.pattern === r.c.pattern) ok++;
        confusion[r.c.pattern][p.pattern]++;
      }
      return [m, { execHitAt1: h1 / n, execHitAt3: h3 / n, execHitAt5: h5 / n, techHitAt1: t1 / n, patternAccuracy: ok / n, confusion }];
    }),
  ) as Record<PlacementMethod, PlacementMethodResult>;
  const counts = PATTERNS.map((p) => ({ pattern: p, count: rows.filter((r) => r.c.pattern === p).length })).sort((a, b) => b.count - a.count);
  return {
    cases: rawCases.length,
    evaluated: rows.length,
    unresolved,
    results,
    majorityPattern: { pattern: counts[0]!.pattern, rate: counts[0]!.count / n },
    outcomes: rows.map((r) => {
      const p = r.predictions.engine;
      const rank = p.executive.findIndex((x) => isHit(x, r.exec));
      return {
        id: r.c.id,
        expected: { exec: r.exec.label, tech: r.tech.label, pattern: r.c.pattern },
        engine: { exec: p.executive.slice(0, 3).map((x) => x.name), tech: p.technical.name, pattern: p.pattern, execHitRank: rank >= 0 ? rank + 1 : null },
      };
    }),
  };
}
