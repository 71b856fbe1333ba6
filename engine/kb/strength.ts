// A cluster's strength per taxonomy tag: the specialisations its sources name, plus strength revealed by
// the organisations located in it, measured as a location quotient the way the US Cluster Mapping project
// measures specialised employment (method: docs/kb-method.md).

export interface TagStrength {
  tag: string;
  /** Named as a specialisation by the cluster's sources. */
  explicit: boolean;
  evidence: string | null;
  /** Organisations located in the cluster that carry the tag. */
  orgCount: number;
  /** (share of the tag among the cluster's organisations) / (share of the tag among all organisations). */
  lq: number;
  /** LQ >= 1, in the top quartile of clusters for the tag, and at least MIN_ORGS organisations. */
  revealed: boolean;
  /** 1 when explicit or revealed; otherwise 0.5 x min(1, LQ) for a tag with some presence; 0 for none. */
  score: number;
}

/** The size floor: a single tagged organisation never makes a revealed strength. */
export const MIN_ORGS_FOR_REVEALED_STRENGTH = 2;

export interface StrengthInput {
  clusters: { id: string; specializations: { tag: string; evidence: string | null }[] }[];
  /** Tags of the organisations located in each cluster (by cluster id). */
  orgTagsByCluster: Map<string, string[][]>;
  /** Tags of every organisation in the knowledge base: the reference population of the quotient. */
  allOrgTags: string[][];
}

/** Nearest-rank 75th percentile of positive counts. */
export function upperQuartile(values: number[]): number {
  const sorted = values.filter((v) => v > 0).sort((a, b) => a - b);
  if (sorted.length === 0) return Infinity;
  return sorted[Math.ceil(0.75 * sorted.length) - 1]!;
}

function countTags(orgs: string[][]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const tags of orgs) for (const t of new Set(tags)) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

export function deriveStrengths(input: StrengthInput): Map<string, TagStrength[]> {
  const total = input.allOrgTags.length;
  const overall = countTags(input.allOrgTags);
  const perCluster = new Map(
    input.clusters.map((c) => {
      const orgs = input.orgTagsByCluster.get(c.id) ?? [];
      return [c.id, { size: orgs.length, counts: countTags(orgs) }] as const;
    }),
  );
  const quartile = new Map(
    [...overall.keys()].map((tag) => [tag, upperQuartile([...perCluster.values()].map((p) => p.counts.get(tag) ?? 0))]),
  );

  const result = new Map<string, TagStrength[]>();
  for (const cluster of input.clusters) {
    const { size, counts } = perCluster.get(cluster.id)!;
    const explicit = new Map(cluster.specializations.map((s) => [s.tag, s.evidence]));
    const tags = new Set([...explicit.keys(), ...counts.keys()]);
    const strengths = [...tags].map((tag): TagStrength => {
      const orgCount = counts.get(tag) ?? 0;
      const globalShare = (overall.get(tag) ?? 0) / Math.max(total, 1);
      const lq = size > 0 && globalShare > 0 ? orgCount / size / globalShare : 0;
      const revealed =
        lq >= 1 && orgCount >= MIN_ORGS_FOR_REVEALED_STRENGTH && orgCount >= (quartile.get(tag) ?? Infinity);
      const isExplicit = explicit.has(tag);
      const score = isExplicit || revealed ? 1 : orgCount > 0 ? 0.5 * Math.min(1, lq) : 0;
      return { tag, explicit: isExplicit, evidence: explicit.get(tag) ?? null, orgCount, lq, revealed, score };
    });
    strengths.sort((a, b) => b.score - a.score || b.lq - a.lq || a.tag.localeCompare(b.tag));
    result.set(cluster.id, strengths);
  }
  return result;
}
