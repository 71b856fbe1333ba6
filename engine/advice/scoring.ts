// Weighted scoring with explanations: every score is a sum of named contributions, each factor normalised
// within the candidate set (min-max) unless it is already an absolute share in [0, 1] (a share of matching
// tags, a proximity), weights normalised to sum to 1. A missing raw value is imputed at the
// lower quartile of the candidates that have one — and said, never silently counted as zero.

export interface Contribution {
  factor: string;
  label: string;
  /** Normalised weight (all weights sum to 1). */
  weight: number;
  /** Normalised value in [0, 1] within the candidate set. */
  value: number;
  /** The measured value before normalisation (null when missing). */
  raw: number | null;
  /** weight x value. */
  contribution: number;
  missing: boolean;
  /** What the raw value means, or how a missing one was handled. */
  note: string;
}

export interface Scored {
  score: number;
  contributions: Contribution[];
  /** Share of the weight that rests on measured (not imputed) values. */
  confidence: number;
}

export interface FactorInput {
  raw: number | null;
  note: string;
}

export type FactorLabels<K extends string> = Record<K, string>;

export function normalizeWeights<K extends string>(weights: Record<K, number>): Record<K, number> {
  const total = Object.values<number>(weights).reduce((a, b) => a + b, 0);
  if (total <= 0) throw new Error('at least one weight must be positive');
  return Object.fromEntries(Object.entries<number>(weights).map(([k, w]) => [k, w / total])) as Record<K, number>;
}

function lowerQuartile(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : sorted[Math.floor(0.25 * (sorted.length - 1))]!;
}

/** Score every candidate; `factors[i][k]` is candidate i's raw value of factor k. */
export function scoreCandidates<K extends string>(
  factors: Record<K, FactorInput>[],
  weights: Record<K, number>,
  labels: FactorLabels<K>,
  absolute: ReadonlySet<string> = new Set(),
): Scored[] {
  const w = normalizeWeights(weights);
  const keys = Object.keys(labels) as K[];
  const normalised = new Map<K, (number | null)[]>();
  const imputed = new Map<K, number>();
  for (const k of keys) {
    const present = factors.map((f) => f[k].raw).filter((x): x is number => x !== null);
    const min = Math.min(...present);
    const max = Math.max(...present);
    const scale = absolute.has(k)
      ? (x: number) => Math.min(1, Math.max(0, x))
      : (x: number) => (max > min ? (x - min) / (max - min) : x > 0 ? 1 : 0);
    const values = factors.map((f) => (f[k].raw === null ? null : scale(f[k].raw!)));
    normalised.set(k, values);
    imputed.set(k, lowerQuartile(values.filter((v): v is number => v !== null)));
  }
  return factors.map((f, i) => {
    const contributions = keys.map((k): Contribution => {
      const value = normalised.get(k)![i];
      const missing = value === null || value === undefined;
      const v = missing ? imputed.get(k)! : value;
      return {
        factor: k,
        label: labels[k],
        weight: w[k],
        value: v,
        raw: f[k].raw,
        contribution: w[k] * v,
        missing,
        note: missing ? `${f[k].note} (no figure: assumed low, the lower quartile of the candidates)` : f[k].note,
      };
    });
    const score = contributions.reduce((s, c) => s + c.contribution, 0);
    const confidence = 1 - contributions.filter((c) => c.missing).reduce((s, c) => s + c.weight, 0);
    return { score, contributions, confidence };
  });
}
