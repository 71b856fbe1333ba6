// A cluster's strength per taxonomy tag: the specialisations its sources name, plus strength revealed by
// what is located in it — organisations and startups — measured as a location quotient the way the US
// Cluster Mapping Project measures specialised employment: LQ >= 1, in the top quartile of clusters for the
// tag, and above a size floor (method: docs/knowledge-base.md). A field a source states counts fully; a
// field inferred from a name counts as its probability, halved.

/** How a strength is known. */
export type StrengthBasis =
  /** Named by the cluster's sources, with evidence. */
  | 'curated'
  /** Revealed by records whose fields their sources state (startups' directory tags, curated organisations). */
  | 'measured'
  /** The compiler's judgement (a named specialisation without evidence), or revealed mostly by inferred fields. */
  | 'inferred';

export interface TagStrength {
  tag: string;
  /** Named as a specialisation by the cluster's sources. */
  explicit: boolean;
  evidence: string | null;
  /** Records located in the cluster that carry the tag, each weighed by how sure its tag is. */
  orgCount: number;
  /** (weighted share of the tag in the cluster) / (weighted share of the tag among all records). */
  lq: number;
  /** LQ >= 1, in the top quartile of clusters for the tag, and at least MIN_ORGS records' weight. */
  revealed: boolean;
  basis: StrengthBasis | null;
  /** 1 when named with evidence or revealed by stated fields; 0.7 when inferred; else 0.5 x min(1, LQ) with some presence; 0 for none. */
  score: number;
}

/** The size floor: a single tagged record never makes a revealed strength. */
export const MIN_ORGS_FOR_REVEALED_STRENGTH = 2;
/** An inferred field counts as this share of its probability. */
export const INFERRED_FIELD_WEIGHT = 0.5;
/** The score of a strength that rests on judgement or inference rather than on evidence or measurement. */
export const INFERRED_STRENGTH_SCORE = 0.7;

/** A record's fields and how much each counts: 1 when stated, less when inferred. */
export type WeightedTags = ReadonlyMap<string, { weight: number; stated: boolean }>;

export interface StrengthInput {
  clusters: { id: string; specializations: { tag: string; evidence: string | null }[] }[];
  /** The fields of the records located in each cluster (by cluster id). */
  membersByCluster: Map<string, WeightedTags[]>;
  /** The fields of every record in the knowledge base: the reference population of the quotient. */
  all: WeightedTags[];
}

/** Nearest-rank 75th percentile of positive counts. */
export function upperQuartile(values: number[]): number {
  const sorted = values.filter((v) => v > 0).sort((a, b) => a - b);
  if (sorted.length === 0) return Infinity;
  return sorted[Math.ceil(0.75 * sorted.length) - 1]!;
}

interface Counts {
  weight: Map<string, number>;
  stated: Map<string, number>;
}

function countTags(records: WeightedTags[]): Counts {
  const counts: Counts = { weight: new Map(), stated: new Map() };
  for (const tags of records)
    for (const [tag, { weight, stated }] of tags) {
      counts.weight.set(tag, (counts.weight.get(tag) ?? 0) + weight);
      if (stated) counts.stated.set(tag, (counts.stated.get(tag) ?? 0) + weight);
    }
  return counts;
}

export function deriveStrengths(input: StrengthInput): Map<string, TagStrength[]> {
  const total = input.all.length;
  const overall = countTags(input.all).weight;
  const perCluster = new Map(
    input.clusters.map((c) => {
      const members = input.membersByCluster.get(c.id) ?? [];
      return [c.id, { size: members.length, counts: countTags(members) }] as const;
    }),
  );
  const quartile = new Map([...overall.keys()].map((tag) => [tag, upperQuartile([...perCluster.values()].map((p) => p.counts.weight.get(tag) ?? 0))]));

  const result = new Map<string, TagStrength[]>();
  for (const cluster of input.clusters) {
    const { size, counts } = perCluster.get(cluster.id)!;
    const explicit = new Map(cluster.specializations.map((s) => [s.tag, s.evidence]));
    const tags = new Set([...explicit.keys(), ...counts.weight.keys()]);
    const strengths = [...tags].map((tag): TagStrength => {
      const orgCount = counts.weight.get(tag) ?? 0;
      const globalShare = (overall.get(tag) ?? 0) / Math.max(total, 1);
      const lq = size > 0 && globalShare > 0 ? orgCount / size / globalShare : 0;
      const revealed = lq >= 1 && orgCount >= MIN_ORGS_FOR_REVEALED_STRENGTH && orgCount >= (quartile.get(tag) ?? Infinity);
      const isExplicit = explicit.has(tag);
      const evidence = explicit.get(tag) ?? null;
      const measured = revealed && (counts.stated.get(tag) ?? 0) >= orgCount / 2;
      const basis: StrengthBasis | null = isExplicit && evidence ? 'curated' : measured ? 'measured' : isExplicit || revealed ? 'inferred' : null;
      const score = basis === 'curated' || basis === 'measured' ? 1 : basis === 'inferred' ? INFERRED_STRENGTH_SCORE : orgCount > 0 ? 0.5 * Math.min(1, lq) : 0;
      return { tag, explicit: isExplicit, evidence, orgCount: Math.round(orgCount * 100) / 100, lq, revealed, basis, score };
    });
    strengths.sort((a, b) => b.score - a.score || b.lq - a.lq || a.tag.localeCompare(b.tag));
    result.set(cluster.id, strengths);
  }
  return result;
}

/** A record's fields, weighed: stated tags fully, inferred ones by their probability x INFERRED_FIELD_WEIGHT (a stated tag wins). */
export function weightedTags(stated: readonly string[], inferred: readonly { tag: string; probability: number }[] = []): WeightedTags {
  const map = new Map<string, { weight: number; stated: boolean }>();
  for (const { tag, probability } of inferred) map.set(tag, { weight: probability * INFERRED_FIELD_WEIGHT, stated: false });
  for (const tag of stated) map.set(tag, { weight: 1, stated: true });
  return map;
}
