// Engel's cluster components as measurable indicators. Every indicator says where its value comes from
// and how sure it is; a figure the sources do not give is missing (null), never zero.
import { type Cluster, type Organization, type Program, type Ranking, rankPosition, type Venture } from './schema.ts';

export type Confidence =
  /** A published figure for this cluster. */
  | 'reported'
  /** A published figure for the wider region this cluster is part of. */
  | 'inherited'
  /** Counted from the knowledge base's own records (complete for what it holds, not a census). */
  | 'counted'
  | 'missing';

export interface Indicator {
  value: number | null;
  confidence: Confidence;
  source: string;
  year: number | null;
}

export const INDICATORS = {
  universities: 'universities located in the cluster',
  rankedUniversities: 'universities in the ARWU top 500',
  researchCenters: 'research and technology organisations located in the cluster',
  corporates: 'companies headquartered in the cluster: curated corporates that work with startups, and research-active companies in the registry',
  corporatesWithPrograms: 'of those, corporates running a startup programme (CVC, accelerator, venture client, ...)',
  startupGenomeRank: 'Startup Genome global ecosystem rank (lower is better)',
  ecosystemValueUsdBn: 'Startup Genome ecosystem value, USD bn',
  vcInvestedUsdBn: 'venture capital invested, USD bn',
  landingPrograms: 'landing, innovation-network and trade-office programme sites in the cluster',
  accelerators: 'accelerator and incubator programmes run in the cluster',
  giiRank: 'WIPO GII science-and-technology cluster rank (lower is better)',
  pctFilings: 'WIPO GII PCT patent filings (5-year window)',
  publications: 'WIPO GII scientific publications (5-year window)',
  foreignPresence: 'organisations headquartered abroad with a site in the cluster (global connectedness)',
  ventures: 'startups from Y Combinator’s directory headquartered in the cluster (a sample of one accelerator)',
  ventureExits: 'of those, acquired or public',
  startupBlinkRank: 'StartupBlink Global Startup Ecosystem Index city rank, latest a source states (lower is better)',
} as const;
export type IndicatorName = keyof typeof INDICATORS;
export const INDICATOR_NAMES = Object.keys(INDICATORS) as IndicatorName[];

export interface IndicatorInput {
  cluster: Cluster;
  /** The cluster it is part of, whose regional figures it inherits when it has none of its own. */
  parent: Cluster | null;
  /** Organisations headquartered in the cluster (for a region: in it or in its parts). */
  orgs: Organization[];
  /** Organisations headquartered in another country with a site in the cluster. */
  foreignOrgs: Organization[];
  /** Programme sites in the cluster. */
  programs: Program[];
  /** Startups headquartered in the cluster. */
  ventures: Venture[];
  /** Public rankings of cities in the cluster. */
  rankings: Ranking[];
  /** The knowledge base's vintage, the year of its counts. */
  compiled: number;
}

const LANDING_KINDS = new Set<Program['kind']>([
  'soft-landing',
  'innovation-network',
  'trade-office',
  'cluster-partnership',
]);

const missing = (source: string): Indicator => ({ value: null, confidence: 'missing', source, year: null });

/** A published figure: the cluster's own, else its parent region's (flagged), else missing. */
function published<T>(
  own: T | null,
  parent: T | null,
  pick: (x: T) => { value: number | null; year: number | null },
  source: string,
): Indicator {
  for (const [holder, confidence] of [
    [own, 'reported'],
    [parent, 'inherited'],
  ] as const) {
    if (holder === null) continue;
    const { value, year } = pick(holder);
    if (value !== null) return { value, confidence, source, year };
  }
  return missing(source);
}

const ARWU_TOP = 500;
const arwuLowerBound = (rank: string) => Number(rank.split('-')[0]);

export function deriveIndicators(input: IndicatorInput): Record<IndicatorName, Indicator> {
  const { cluster, parent, orgs, compiled } = input;
  const counted = (value: number): Indicator => ({ value, confidence: 'counted', source: 'knowledge base', year: compiled });
  const isType = (o: Organization, type: Organization['type']) => o.type === type || o.alsoListedAs.includes(type);
  const corporates = orgs.filter((o) => isType(o, 'corporate'));
  const universities = orgs.filter((o) => isType(o, 'university'));
  const accelerators =
    orgs.flatMap((o) => o.startupPrograms).filter((p) => p.kind === 'accelerator' || p.kind === 'incubator').length +
    input.programs.filter((p) => p.kind === 'accelerator').length;

  return {
    universities: counted(universities.length),
    rankedUniversities: counted(
      universities.filter((u) => u.arwu !== null && arwuLowerBound(u.arwu.worldRank) <= ARWU_TOP).length,
    ),
    researchCenters: counted(orgs.filter((o) => isType(o, 'research_center')).length),
    corporates: counted(corporates.length),
    corporatesWithPrograms: counted(corporates.filter((o) => o.startupPrograms.length > 0).length),
    startupGenomeRank: published(
      cluster.startupGenome,
      parent?.startupGenome ?? null,
      (s) => ({ value: s.rank, year: s.year }),
      'Startup Genome GSER',
    ),
    ecosystemValueUsdBn: published(
      cluster.startupGenome,
      parent?.startupGenome ?? null,
      (s) => ({ value: s.ecosystemValueUsdBn, year: s.valueYear ?? s.year }),
      'Startup Genome GSER',
    ),
    vcInvestedUsdBn: published(
      cluster.vc,
      parent?.vc ?? null,
      (v) => ({ value: v.investedUsdBn, year: v.year }),
      'venture capital figure in the cluster sources',
    ),
    landingPrograms: counted(input.programs.filter((p) => LANDING_KINDS.has(p.kind)).length),
    accelerators: counted(accelerators),
    giiRank: published(cluster.gii, parent?.gii ?? null, (g) => ({ value: g.rank, year: g.year }), 'WIPO GII'),
    pctFilings: published(cluster.gii, parent?.gii ?? null, (g) => ({ value: g.pctFilings, year: g.year }), 'WIPO GII'),
    publications: published(
      cluster.gii,
      parent?.gii ?? null,
      (g) => ({ value: g.publications, year: g.year }),
      'WIPO GII',
    ),
    foreignPresence: counted(input.foreignOrgs.length),
    ventures: counted(input.ventures.length),
    ventureExits: counted(input.ventures.filter((v) => v.status === 'acquired' || v.status === 'public').length),
    startupBlinkRank: startupBlinkRank(cluster, parent, input.rankings),
  };
}

/** The curated figure, else the latest ranking record for a city of the cluster (its best city when several). */
function startupBlinkRank(cluster: Cluster, parent: Cluster | null, rankings: Ranking[]): Indicator {
  const source = 'StartupBlink Global Startup Ecosystem Index';
  const listed = rankings.filter((r) => r.ranking.startsWith('StartupBlink'));
  const latest = Math.max(...listed.map((r) => r.year));
  const best = listed.filter((r) => r.year === latest).sort((a, b) => rankPosition(a.rank) - rankPosition(b.rank))[0];
  const curated = published(cluster.startupBlink, parent?.startupBlink ?? null, (s) => ({ value: s.cityRank, year: s.year }), source);
  if (best && (curated.year === null || best.year > curated.year || (best.year === curated.year && curated.confidence === 'inherited')))
    return { value: rankPosition(best.rank), confidence: 'reported', source: best.sources[0]!, year: best.year };
  return curated;
}

/** Share of a cluster's indicators with a value (reported, inherited or counted). */
export function indicatorCoverage(indicators: Record<IndicatorName, Indicator>): number {
  const values = Object.values(indicators);
  return values.filter((i) => i.value !== null).length / values.length;
}
