// The advice engine: one startup in, placement configurations, partners and bridges out, every item with
// its factors, weights and a sentence. Pure: the caller resolves the profile and supplies the knowledge base.
import { DomainError } from '../errors.ts';
import { assessHome, type Bridge, type HomeAssessment, recommendBridges } from './bridges.ts';
import type { ClusterView, KnowledgeSlice, ResolvedStartup, StartupPlace } from './context.ts';
import { type Coverage, coverageOf } from './coverage.ts';
import { explain } from './explain.ts';
import { type Partner, type PartnerKind, recommendPartners } from './partners.ts';
import {
  type Candidate,
  candidatesFor,
  worthRanking,
  type Configuration,
  configurations,
  EXECUTIVE_LABELS,
  excludedBy,
  executiveFactors,
  type Pattern,
  type RankedPlace,
  rankPlaces,
  TECH_MOVE_MARGIN,
  TECHNICAL_LABELS,
  technicalFactors,
} from './placement.ts';
import type { ExecutiveWeights, TechnicalWeights } from './profile.ts';
import { type Contribution, normalizeWeights, scoreCandidates } from './scoring.ts';
import { executiveWeights, technicalWeights } from './weights.ts';

export const ADVICE_VERSION = 'advice-1';

/** A candidate place as the result shows it. */
export type PlaceRef = Omit<Candidate, 'cluster'>;

export interface RankedItem {
  place: PlaceRef;
  score: number;
  confidence: number;
  contributions: Contribution[];
  sentence: string;
}

export interface ConfigurationItem {
  pattern: Pattern;
  executive: PlaceRef;
  technical: PlaceRef;
  score: number;
  parts: Configuration['parts'];
  distanceKm: number;
  overlapHours: number;
  sameCountry: boolean;
  sentence: string;
}

export interface Advice {
  adviceVersion: string;
  startup: {
    name: string;
    tags: ResolvedStartup['tags'];
    stage: string | null;
    techTeam: StartupPlace;
    founders: StartupPlace;
  };
  placement: {
    recommended: Pattern;
    summary: string;
    tradeOffs: string[];
    configurations: ConfigurationItem[];
    /** Where the recommended configuration puts the executive functions. */
    executiveRecommendation: PlaceRef;
    /** Places for the executive functions by score (the configuration weighs in the cost of moving apart). */
    executive: RankedItem[];
    technical: { recommendation: PlaceRef; staysPut: boolean; reason: string; ranking: RankedItem[] };
    weights: { executive: ExecutiveWeights; technical: TechnicalWeights };
    excluded: { place: string; reason: string }[];
  };
  partners: Record<PartnerKind, (Partner & { sentence: string })[]>;
  bridges: { assessment: HomeAssessment; advice: string; bridges: (Bridge & { sentence: string })[] };
  /** What the knowledge base knows of the places this advice talks about, and where it knows little. */
  knowledgeBase: { vintage: number; meanClusterCoverage: number; coverage: Coverage };
  /** How much of the advice rests on measured values, lowered where the places are thinly covered. */
  confidence: number;
}

export class NoCandidates extends DomainError {
  constructor(message: string) {
    super('unprocessable', 'no_candidates', message);
    this.name = 'NoCandidates';
  }
}

const ref = (c: Candidate): PlaceRef => ({ id: c.id, name: c.name, country: c.country, lat: c.lat, lon: c.lon, timezone: c.timezone, isHome: c.isHome });
const item = (r: RankedPlace, rank: number, role: string): RankedItem => ({
  place: ref(r.candidate),
  score: r.score,
  confidence: r.confidence,
  contributions: r.contributions,
  sentence: explain(`${r.candidate.name} ranks #${rank} for ${role}`, r),
});

const PATTERN_TEXT: Record<Pattern, string> = {
  split: 'split: executives, finance, marketing and sales move; the technical team stays',
  stay: 'stay: keep everything where it is',
  'move-all': 'move-all: the whole company moves',
};

function describeConfiguration(c: Configuration): string {
  const where =
    c.pattern === 'stay'
      ? `everything stays in ${c.executive.candidate.name}`
      : c.pattern === 'split'
        ? `executives in ${c.executive.candidate.name}, technical team in ${c.technical.candidate.name}`
        : `everyone in ${c.executive.candidate.name}`;
  const link =
    c.coordination.distanceKm < 50
      ? 'one place, no coordination cost'
      : `${Math.round(c.coordination.distanceKm)} km apart, ${c.coordination.overlapHours} shared office hours`;
  return `${PATTERN_TEXT[c.pattern].split(':')[0]} (${where}): score ${c.score.toFixed(3)}; ${link}.`;
}

function tradeOffs(best: Configuration, all: Configuration[]): string[] {
  return all
    .filter((c) => c !== best)
    .map((c) => {
      const gain = (k: 'executive' | 'technical' | 'coordination') => best.parts[k] - c.parts[k];
      const parts = (['executive', 'technical', 'coordination'] as const)
        .map((k) => ({ k, d: gain(k) }))
        .filter((x) => Math.abs(x.d) > 0.001)
        .map((x) => `${x.d > 0 ? 'gains' : 'gives up'} ${Math.abs(x.d).toFixed(3)} on ${x.k === 'coordination' ? 'coordination' : `the ${x.k} side`}`);
      return `Against ${c.pattern}: ${best.pattern} ${parts.join(', ') || 'is level'}.`;
    });
}

export function advise(startup: ResolvedStartup, slice: KnowledgeSlice, referenceDate: Date): Advice {
  const at = referenceDate;
  const excluded: { place: string; reason: string }[] = [];
  const allowedOnly = (list: Candidate[]) =>
    list.filter((c) => {
      const reason = excludedBy(c, startup, at);
      if (reason) excluded.push({ place: c.name, reason });
      return reason === null;
    });
  const worth = worthRanking(startup);
  const execCandidates = allowedOnly(candidatesFor(startup.founders, slice, worth));
  const techCandidates = allowedOnly(candidatesFor(startup.techTeam, slice, worth));
  if (execCandidates.length === 0 || techCandidates.length === 0)
    throw new NoCandidates('the constraints leave no place to recommend: loosen the allowed countries, regions or time-zone difference');

  const execWeights = normalizeWeights(executiveWeights(startup.profile));
  const techWeights = normalizeWeights(technicalWeights(startup.profile));
  const executive = rankPlaces(execCandidates, scoreCandidates(executiveFactors(execCandidates, startup, slice), execWeights, EXECUTIVE_LABELS));
  const technical = rankPlaces(techCandidates, scoreCandidates(technicalFactors(techCandidates, startup, slice), techWeights, TECHNICAL_LABELS));

  const configs = configurations(executive, technical, at);
  if (configs.length === 0) throw new NoCandidates('the constraints leave no configuration to compare: loosen the allowed countries, regions or time-zone difference');
  const best = configs[0]!;
  const techHome = technical.find((t) => t.candidate.isHome) ?? technical[0]!;
  const techBest = technical[0]!;
  const techMoves = techBest !== techHome && techBest.score - techHome.score >= TECH_MOVE_MARGIN;
  const techRecommendation = best.pattern === 'move-all' ? best.technical : techMoves ? techBest : techHome;

  const anchors = [best.executive.candidate];
  const allowedIds = new Set(execCandidates.map((c) => c.id));
  const allowedCluster = (c: ClusterView) => allowedIds.has(c.record.id);
  const assessment = assessHome(startup, slice);
  const bridges = recommendBridges(startup, slice, at, allowedCluster);
  const bridgeCandidates = bridges.flatMap((b) => execCandidates.filter((c) => c.id === b.clusterId));
  const allowedCountry = (country: string) => {
    const k = startup.profile.constraints;
    return !k.allowedCountries || k.allowedCountries.includes(country);
  };
  const partners = recommendPartners(startup, slice, [...anchors, ...bridgeCandidates], allowedCountry);
  const withSentences = Object.fromEntries(
    Object.entries(partners).map(([kind, list]) => [kind, list.map((p) => ({ ...p, sentence: explain(`${p.name} (${p.city})`, p) }))]),
  ) as Advice['partners'];

  const meanClusterCoverage = slice.clusters.reduce((s, c) => s + c.profile.coverage, 0) / Math.max(slice.clusters.length, 1);
  const placementConfidence = (best.executive.confidence + best.technical.confidence) / 2;
  const advised = (c: Candidate) => ({ place: { country: c.country, clusterId: c.cluster?.record.id ?? null, name: c.name }, role: 'advised' as const });
  const coverage = coverageOf(
    [
      { place: startup.techTeam, role: 'home' },
      { place: startup.founders, role: 'home' },
      advised(best.executive.candidate),
      advised(techRecommendation.candidate),
      ...bridgeCandidates.map(advised),
    ],
    slice,
  );
  return {
    adviceVersion: ADVICE_VERSION,
    startup: { name: startup.profile.name, tags: startup.tags, stage: startup.profile.stage, techTeam: startup.techTeam, founders: startup.founders },
    placement: {
      recommended: best.pattern,
      summary: `Recommended ${PATTERN_TEXT[best.pattern]} — ${describeConfiguration(best)}`,
      tradeOffs: tradeOffs(best, configs),
      configurations: configs.map((c) => ({
        pattern: c.pattern,
        executive: ref(c.executive.candidate),
        technical: ref(c.technical.candidate),
        score: c.score,
        parts: c.parts,
        distanceKm: Math.round(c.coordination.distanceKm),
        overlapHours: c.coordination.overlapHours,
        sameCountry: c.coordination.sameCountry,
        sentence: describeConfiguration(c),
      })),
      executiveRecommendation: ref(best.executive.candidate),
      executive: executive.slice(0, 10).map((r, i) => item(r, i + 1, 'the executive, finance, marketing and sales functions')),
      technical: {
        recommendation: ref(techRecommendation.candidate),
        staysPut: techRecommendation === techHome,
        reason:
          techRecommendation === techHome
            ? techBest === techHome
              ? `The technical team is best where it is, in ${techHome.candidate.name}.`
              : `Staying in ${techHome.candidate.name} is the default: ${techBest.candidate.name} scores only ${(techBest.score - techHome.score).toFixed(3)} higher (a move needs ${TECH_MOVE_MARGIN}).`
            : `Moving the technical team to ${techRecommendation.candidate.name} beats staying by ${(techRecommendation.score - techHome.score).toFixed(3)}.`,
        ranking: technical.slice(0, 5).map((r, i) => item(r, i + 1, 'the technical team')),
      },
      weights: { executive: execWeights, technical: techWeights },
      excluded,
    },
    partners: withSentences,
    bridges: {
      assessment,
      advice: assessment.weak
        ? `Build bridges: ${assessment.reason}.`
        : `Deepen locally and bridge later: ${assessment.reason}.`,
      bridges: bridges.map((b) => ({
        ...b,
        sentence: explain(`Bridge to ${b.name}`, b) +
          (b.means.landingProgrammes.length ? ` Land through ${b.means.landingProgrammes.slice(0, 2).map((p) => p.name).join(' or ')}.` : ''),
      })),
    },
    knowledgeBase: { vintage: slice.vintage, meanClusterCoverage, coverage },
    confidence: placementConfidence * (0.5 + 0.5 * coverage.score),
  };
}
