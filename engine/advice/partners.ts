// Partners to approach, by kind, each with its evidence: corporates, universities, research centres,
// foreign partners (TNO: innovative products were 33% of turnover for firms innovating with foreign
// partners against 25% with domestic partners only), and programmes. Lists are diversified: at most two
// per city, so a list is never ten organisations from one place.
import { distanceKm } from '../geo.ts';
import { dot } from '../vector.ts';
import type { Organization } from '../kb/schema.ts';
import type { KnowledgeSlice, OrganizationView, ProgramView, ResolvedStartup, SiteView } from './context.ts';
import type { Candidate } from './placement.ts';
import { type Scored, scorer } from './scoring.ts';
import { fieldWeight, isType, sliceIndex } from './slice-index.ts';

export const PARTNER_KINDS = ['corporates', 'universities', 'researchCenters', 'foreignPartners', 'programs'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export interface Partner extends Scored {
  id: string;
  name: string;
  kind: PartnerKind;
  city: string;
  country: string;
  evidence: {
    matchingTags: string[];
    /** Of those, the fields inferred from the organisation's name rather than stated by a source. */
    inferredTags: string[];
    programmes: string[];
    /** From the technical team, in km. */
    distanceKm: number;
    sources: string[];
  };
}

export const PER_KIND = 5;
export const PER_CITY = 2;


/** Greedy diversification: best first, skipping a city once it has PER_CITY entries. */
export function diversify<T extends { city: string; country: string; score: number }>(ranked: T[], limit = PER_KIND, perCity = PER_CITY): T[] {
  const perPlace = new Map<string, number>();
  const out: T[] = [];
  for (const item of ranked) {
    const key = `${item.city}|${item.country}`;
    if ((perPlace.get(key) ?? 0) >= perCity) continue;
    perPlace.set(key, (perPlace.get(key) ?? 0) + 1);
    out.push(item);
    if (out.length === limit) break;
  }
  return out;
}

/** Factors that are already shares in [0, 1]: compared as they are, not stretched across the candidates. */
const ABSOLUTE = new Set(['tags', 'reach', 'proximity', 'presence', 'servesHome', 'stage']);
const PROGRAMME_KINDS = new Set(['cvc', 'accelerator', 'venture-client', 'incubator', 'open-innovation']);
const REACH = { global: 1, regional: 0.5, national: 0.2 } as const;

type Presence = 'anchor' | 'market' | 'elsewhere';

/** What is known of one candidate organisation for this startup; raw factor values and notes derive from it. */
interface OrganizationFacts {
  org: OrganizationView;
  matching: string[];
  /** Of those, the fields inferred from the organisation's name (they weigh less). */
  inferred: string[];
  /** Sum of the matching fields' weights (1 stated, less inferred). */
  fieldWeight: number;
  fit: number | null;
  programmes: Organization['startupPrograms'];
  nearestKm: number;
  presence: Presence;
  arwuRank: number | null;
}

const ORGANIZATION_WEIGHTS: Record<Exclude<PartnerKind, 'programs'>, Record<string, number>> = {
  corporates: { tags: 0.25, fit: 0.25, reach: 0.1, programmes: 0.2, presence: 0.2 },
  foreignPartners: { tags: 0.35, fit: 0.3, reach: 0.2, presence: 0.15 },
  universities: { tags: 0.3, fit: 0.2, reach: 0.15, proximity: 0.2, ranking: 0.15 },
  researchCenters: { tags: 0.35, fit: 0.25, reach: 0.15, proximity: 0.25 },
};

function organizationRaws(kind: PartnerKind, f: OrganizationFacts, tagCount: number): Record<string, number | null> {
  const reach = f.org.record.globalReach;
  const raws: Record<string, number | null> = { tags: f.fieldWeight / Math.max(tagCount, 1), fit: f.fit, reach: reach === null ? null : REACH[reach] };
  if (kind === 'corporates') {
    raws.programmes = Math.min(f.programmes.length, 3);
    raws.presence = f.presence === 'anchor' ? 1 : f.presence === 'market' ? 0.6 : 0;
  } else if (kind === 'foreignPartners') raws.presence = f.presence === 'anchor' ? 1 : 0;
  else {
    raws.proximity = Math.exp(-f.nearestKm / 300);
    if (kind === 'universities') raws.ranking = f.arwuRank === null ? null : 1 / Math.log2(1 + f.arwuRank);
  }
  return raws;
}

function organizationNotes(kind: PartnerKind, f: OrganizationFacts): Record<string, string> {
  const record = f.org.record;
  const stated = f.matching.filter((t) => !f.inferred.includes(t));
  const notes: Record<string, string> = {
    tags: [stated.length ? `works in ${stated.join(', ')}` : '', f.inferred.length ? `probably ${f.inferred.join(', ')} (read from its name)` : ''].filter(Boolean).join('; ') || 'no shared field',
    fit: f.fit === null ? 'no vector' : 'similarity of what it does to the startup',
    reach: record.globalReach === null ? 'reach not on record' : `${record.globalReach} reach`,
  };
  if (kind === 'corporates') {
    notes.programmes = f.programmes.length ? `runs ${f.programmes.map((p) => p.name).join('; ')}` : 'no startup programme on record';
    notes.presence = f.presence === 'anchor' ? 'present in the recommended cluster' : f.presence === 'market' ? 'present in a target market' : 'elsewhere';
  } else if (kind === 'foreignPartners') notes.presence = f.presence === 'anchor' ? 'in a recommended or bridge cluster' : 'elsewhere';
  else {
    notes.proximity = `${Math.round(f.nearestKm)} km from the technical team`;
    if (kind === 'universities') notes.ranking = f.arwuRank === null ? 'not in ARWU' : `ARWU ${record.arwu!.worldRank}`;
  }
  return notes;
}

const near = (s: SiteView, anchors: Candidate[]) => anchors.some((a) => (s.within && s.clusterId === a.id) || distanceKm(s, a) < 50);

/** Candidates scored in full per kind: the world knowledge base has thousands in a broad field. */
export const MAX_SCORED_CANDIDATES = 200;

/**
 * The first stage of a two-stage ranking: when a kind has more candidates than MAX_SCORED_CANDIDATES, keep
 * those with the best cheap estimate of the final score — the same weights over the factors' raw values
 * (the fit as cosine, a missing figure as low), without allocating explanations. The second stage scores
 * the shortlist in full (factors normalised across it). A test checks that the shortlist changes no top-5 list
 * on profiles drawn from the knowledge base.
 */
/** The raw values every kind's estimate uses, computed once per organisation and advice. */
interface Basics {
  field: number;
  fit: number;
  km: number;
  atAnchor: boolean;
}

function basicsOf(startup: ResolvedStartup, tags: Set<string>, anchors: Candidate[]): (o: OrganizationView) => Basics {
  const memo = new Map<OrganizationView, Basics>();
  return (o) => {
    let b = memo.get(o);
    if (!b) {
      let field = 0;
      for (const t of tags) field += fieldWeight(o, t);
      b = {
        field,
        fit: o.vector ? dot(o.vector, startup.vector) : 0,
        km: distanceKm(o.sites[0]!, startup.techTeam),
        atAnchor: o.sites.some((s) => near(s, anchors)),
      };
      memo.set(o, b);
    }
    return b;
  };
}

function shortlist(kind: Exclude<PartnerKind, 'programs'>, orgs: OrganizationView[], tagCount: number, basics: (o: OrganizationView) => Basics, max: number): OrganizationView[] {
  if (orgs.length <= max) return orgs;
  const w = ORGANIZATION_WEIGHTS[kind];
  const estimates = new Float64Array(orgs.length);
  orgs.forEach((o, i) => {
    const b = basics(o);
    const r = o.record;
    let total = (w.tags ?? 0) * Math.min(1, b.field / Math.max(tagCount, 1)) + (w.fit ?? 0) * Math.max(0, b.fit);
    total += (w.reach ?? 0) * (r.globalReach === null ? REACH.national : REACH[r.globalReach]);
    if (w.proximity) total += w.proximity * Math.exp(-b.km / 300);
    if (w.programmes) total += (w.programmes * Math.min(r.startupPrograms.length, 3)) / 3;
    if (w.ranking && r.arwu) total += w.ranking / Math.log2(1 + Number(r.arwu.worldRank.split('-')[0]));
    if (w.presence && b.atAnchor) total += w.presence;
    estimates[i] = total;
  });
  // The cut is the MAX_SCORED_CANDIDATES-th best estimate (a numeric sort of a typed array, no comparator);
  // only those at or above it are ordered, ties broken by id (by code unit).
  const cut = estimates.slice().sort()[orgs.length - max]!;
  const kept: number[] = [];
  for (let i = 0; i < orgs.length; i++) if (estimates[i]! >= cut) kept.push(i);
  kept.sort((a, b) => estimates[b]! - estimates[a]! || (orgs[a]!.record.id < orgs[b]!.record.id ? -1 : 1));
  return kept.slice(0, max).map((i) => orgs[i]!);
}

function organizationPartners(
  kind: Exclude<PartnerKind, 'programs'>,
  candidates: OrganizationView[],
  startup: ResolvedStartup,
  anchors: Candidate[],
  basics: (o: OrganizationView) => Basics,
  maxScored: number,
): Partner[] {
  const tags = new Set(startup.tags.map((t) => t.tag));
  const orgs = shortlist(kind, candidates, tags.size, basics, maxScored);
  if (orgs.length === 0) return [];
  const needsPresence = kind === 'corporates' || kind === 'foreignPartners';
  const facts = orgs.map((o): OrganizationFacts => {
    const presence: Presence = !needsPresence
      ? 'elsewhere'
      : o.sites.some((s) => near(s, anchors))
        ? 'anchor'
        : kind === 'corporates' && o.sites.some((s) => startup.profile.targetMarkets.includes(s.country))
          ? 'market'
          : 'elsewhere';
    const matching = [...tags].filter((t) => fieldWeight(o, t) > 0);
    return {
      org: o,
      matching,
      inferred: matching.filter((t) => !o.record.tags.includes(t)),
      fieldWeight: matching.reduce((sum, t) => sum + fieldWeight(o, t), 0),
      fit: o.vector ? dot(o.vector, startup.vector) : null,
      programmes: o.record.startupPrograms.filter((p) => PROGRAMME_KINDS.has(p.kind)),
      nearestKm: Math.min(...o.sites.map((s) => distanceKm(s, startup.techTeam))),
      presence,
      arwuRank: o.record.arwu ? Number(o.record.arwu.worldRank.split('-')[0]) : null,
    };
  });
  const weights = ORGANIZATION_WEIGHTS[kind];
  const labels = Object.fromEntries(Object.keys(weights).map((k) => [k, PARTNER_FACTOR_LABELS[k] ?? k]));
  const scores = scorer(facts.map((f) => organizationRaws(kind, f, tags.size)), weights, labels, ABSOLUTE);
  // Rank on scores alone; explanations are built for the few that are shown.
  const ranked = facts
    .map((f, i) => ({ i, id: f.org.record.id, city: f.org.record.city, country: f.org.record.country, score: scores.score(i) }))
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  return diversify(ranked).map(({ i }) => {
    const f = facts[i]!;
    const record = f.org.record;
    return {
      ...scores.explain(i, organizationNotes(kind, f)),
      id: record.id,
      name: record.name,
      kind,
      city: record.city,
      country: record.country,
      evidence: {
        matchingTags: f.matching,
        inferredTags: f.inferred,
        programmes: record.startupPrograms.map((p) => `${p.name} (${p.kind})`),
        distanceKm: Math.round(f.nearestKm),
        sources: record.sources,
      },
    };
  });
}

export const PARTNER_FACTOR_LABELS: Record<string, string> = {
  tags: 'shared fields',
  fit: 'fit with what the startup does',
  reach: 'global outlook',
  programmes: 'startup programmes (CVC, accelerator, venture client)',
  presence: 'present where the startup is going',
  proximity: 'near the technical team',
  ranking: 'research standing (ARWU)',
  servesHome: 'serves founders from the home country',
  stage: 'fits the startup’s stage',
};

const PROGRAM_WEIGHTS = { servesHome: 0.3, presence: 0.35, tags: 0.2, stage: 0.15 };

function programPartners(programs: ProgramView[], startup: ResolvedStartup, anchors: Candidate[]): Partner[] {
  const home = startup.founders.country;
  const tags = new Set(startup.tags.map((t) => t.tag));
  const eligible = programs.filter((p) => p.record.servesFoundersFrom.includes('any') || p.record.servesFoundersFrom.includes(home));
  if (eligible.length === 0) return [];
  const facts = eligible.map((p) => ({
    program: p,
    forHome: p.record.servesFoundersFrom.includes(home),
    matching: p.record.tags.filter((t) => tags.has(t)),
    there: p.sites.filter((s) => near(s, anchors)),
    stageFit: p.record.stages.length === 0 || (startup.profile.stage !== null && p.record.stages.includes(startup.profile.stage as never)),
  }));
  const labels = { servesHome: PARTNER_FACTOR_LABELS.servesHome!, presence: PARTNER_FACTOR_LABELS.presence!, tags: PARTNER_FACTOR_LABELS.tags!, stage: PARTNER_FACTOR_LABELS.stage! };
  const scores = scorer(
    facts.map((f) => ({
      servesHome: f.forHome ? 1 : 0.5,
      presence: f.there.length > 0 ? 1 : 0,
      tags: f.program.record.tags.length === 0 ? 0.5 : f.matching.length / Math.max(tags.size, 1),
      stage: f.stageFit ? 1 : 0,
    })),
    PROGRAM_WEIGHTS,
    labels,
    ABSOLUTE,
  );
  const ranked = facts
    .map((f, i) => {
      const site = f.program.sites.find((s) => anchors.some((a) => s.within && s.clusterId === a.id)) ?? f.program.sites[0];
      return { i, site, id: f.program.record.id, city: site?.city ?? '(several places)', country: site?.country ?? '--', score: scores.score(i) };
    })
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  return diversify(ranked).map(({ i, site, city, country }) => {
    const { program, forHome, matching, there, stageFit } = facts[i]!;
    const record = program.record;
    const notes = {
      servesHome: forHome ? `for founders from ${home}` : 'open to founders from anywhere',
      presence: there.length ? `in ${there.map((s) => s.city).join(', ')}` : 'not where the startup is going',
      tags: record.tags.length === 0 ? 'no sector focus' : matching.length ? `focus on ${matching.join(', ')}` : 'other sectors',
      stage: record.stages.length ? `stages ${record.stages.join(', ')}` : 'any stage',
    };
    return {
      ...scores.explain(i, notes),
      id: record.id,
      name: record.name,
      kind: 'programs' as const,
      city,
      country,
      evidence: {
        matchingTags: matching,
        inferredTags: [],
        programmes: [`${record.name} (${record.kind}, run by ${record.operator})`],
        distanceKm: site ? Math.round(distanceKm(site, startup.techTeam)) : 0,
        sources: record.sources,
      },
    };
  });
}

/** Universities and research centres this close to the technical team are candidates whatever their fields: a home-region partner. */
export const HOME_REGION_KM = 150;

/**
 * `anchors`: the recommended executive place and the bridge targets, where presence counts. Candidates are
 * looked up, not scanned: organisations working in one of the startup's fields, and for universities and
 * research centres also those in the technical team's region.
 */
export function recommendPartners(
  startup: ResolvedStartup,
  slice: KnowledgeSlice,
  anchors: Candidate[],
  allowed: (country: string) => boolean,
  maxScored = MAX_SCORED_CANDIDATES,
): Record<PartnerKind, Partner[]> {
  const home = startup.founders.country;
  const index = sliceIndex(slice);
  const inFields = [...new Set(startup.tags.flatMap((t) => index.byTag.get(t.tag) ?? []))].filter((o) => allowed(o.record.country));
  const nearHome = index.near(startup.techTeam, HOME_REGION_KM).filter((o) => allowed(o.record.country));
  const research = (type: 'university' | 'research_center') => [...new Set([...inFields.filter((o) => isType(o, type)), ...nearHome.filter((o) => isType(o, type))])];
  const basics = basicsOf(startup, new Set(startup.tags.map((t) => t.tag)), anchors);
  return {
    corporates: organizationPartners('corporates', inFields.filter((o) => isType(o, 'corporate')), startup, anchors, basics, maxScored),
    universities: organizationPartners('universities', research('university'), startup, anchors, basics, maxScored),
    researchCenters: organizationPartners('researchCenters', research('research_center'), startup, anchors, basics, maxScored),
    foreignPartners: organizationPartners('foreignPartners', inFields.filter((o) => o.record.country !== home), startup, anchors, basics, maxScored),
    programs: programPartners(slice.programs, startup, anchors),
  };
}
