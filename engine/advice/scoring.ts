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

export interface Scorer<K extends string> {
  /** Candidate i's score: the sum of weight x normalised value. */
  score(i: number): number;
  /** Candidate i's score with its contributions; `notes[k]` says what the raw value of factor k means. */
  explain(i: number, notes: Record<K, string>): Scored;
}

/**
 * Normalise every factor across the candidates once; scores are then cheap, and explanations (the notes and
 * contribution objects) are built only for the candidates a result shows. `raws[i][k]` is candidate i's raw
 * value of factor k.
 */
export function scorer<K extends string>(
  raws: Record<K, number | null>[],
  weights: Record<K, number>,
  labels: FactorLabels<K>,
  absolute: ReadonlySet<string> = new Set(),
): Scorer<K> {
  const w = normalizeWeights(weights);
  const keys = Object.keys(labels) as K[];
  // values[k][i]: normalised value, NaN where the raw value is missing (then imputed[k] stands in).
  const values = keys.map((k) => {
    let min = Infinity;
    let max = -Infinity;
    for (const r of raws) {
      const x = r[k];
      if (x !== null) (min = Math.min(min, x)), (max = Math.max(max, x));
    }
    const column = new Float64Array(raws.length);
    raws.forEach((r, i) => {
      const x = r[k];
      column[i] = x === null ? NaN : absolute.has(k) ? Math.min(1, Math.max(0, x)) : max > min ? (x - min) / (max - min) : x > 0 ? 1 : 0;
    });
    return column;
  });
  const imputed = values.map((column) => lowerQuartile(Array.from(column).filter((v) => !Number.isNaN(v))));
  const valueOf = (j: number, i: number) => (Number.isNaN(values[j]![i]!) ? imputed[j]! : values[j]![i]!);
  return {
    score(i) {
      let total = 0;
      for (let j = 0; j < keys.length; j++) total += w[keys[j]!] * valueOf(j, i);
      return total;
    },
    explain(i, notes) {
      const contributions = keys.map((k, j): Contribution => {
        const missing = Number.isNaN(values[j]![i]!);
        const value = valueOf(j, i);
        return {
          factor: k,
          label: labels[k],
          weight: w[k],
          value,
          raw: raws[i]![k],
          contribution: w[k] * value,
          missing,
          note: missing ? `${notes[k]} (no figure: assumed low, the lower quartile of the candidates)` : notes[k],
        };
      });
      const score = contributions.reduce((s, c) => s + c.contribution, 0);
      const confidence = 1 - contributions.filter((c) => c.missing).reduce((s, c) => s + c.weight, 0);
      return { score, contributions, confidence };
    },
  };
}

/**
 * Score every candidate; explain each only when its contributions are first read (a ranking shows a few of
 * hundreds of places). The score is the same sum the explanation adds up.
 */
export function scoreCandidates<K extends string>(
  factors: Record<K, FactorInput>[],
  weights: Record<K, number>,
  labels: FactorLabels<K>,
  absolute: ReadonlySet<string> = new Set(),
): Scored[] {
  const keys = Object.keys(labels) as K[];
  const raws = factors.map((f) => {
    const r = {} as Record<K, number | null>;
    for (const k of keys) r[k] = f[k].raw;
    return r;
  });
  const s = scorer(raws, weights, labels, absolute);
  return factors.map((f, i) => new LazilyExplained(s, i, f, keys));
}

/** A score now, its explanation when first read: a class, not closures, as one is made per candidate place. */
class LazilyExplained<K extends string> implements Scored {
  readonly score: number;
  private explained: Scored | undefined;
  constructor(
    private readonly s: Scorer<K>,
    private readonly i: number,
    private readonly factors: Record<K, FactorInput>,
    private readonly keys: K[],
  ) {
    this.score = s.score(i);
  }
  private explanation(): Scored {
    if (!this.explained) {
      const notes = {} as Record<K, string>;
      for (const k of this.keys) notes[k] = this.factors[k].note;
      this.explained = this.s.explain(this.i, notes);
    }
    return this.explained;
  }
  get contributions() {
    return this.explanation().contributions;
  }
  get confidence() {
    return this.explanation().confidence;
  }
}

/**
 * Items ranked again with other weights (a what-if: only the weights' ratios matter). Each factor's value
 * stays what the engine measured; every score is again the sum of weight x value, best first.
 */
export function reweigh<T extends { score: number; contributions: Contribution[] }>(items: readonly T[], weights: Record<string, number>): T[] {
  const total = Object.values(weights).reduce((a, b) => a + Math.max(0, b), 0) || 1;
  return items
    .map((item) => {
      const contributions = item.contributions.map((c) => {
        const weight = Math.max(0, weights[c.factor] ?? 0) / total;
        return { ...c, weight, contribution: weight * c.value };
      });
      return { ...item, contributions, score: contributions.reduce((s, c) => s + c.contribution, 0) };
    })
    .sort((a, b) => b.score - a.score);
}
