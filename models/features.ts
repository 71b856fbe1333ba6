// The network's input row for one text: [unit SIF sentence vector | tags | stage].
import { sifVector } from './sif.ts';
import type { Vocabulary } from './vocabulary.ts';

export const STAGE_FEATURES = ['idea', 'pre-seed', 'seed', 'series-a', 'series-b+', 'growth'] as const;

export interface FeatureSpace {
  sentenceDims: number;
  tags: readonly string[];
  clusters: readonly string[];
}

export interface TextFeatures {
  /** SIF vector with the corpus component removed, or null when no word has a vector. */
  sentence: Float32Array | null;
}

export const inputDims = (space: FeatureSpace) => space.sentenceDims + space.tags.length + STAGE_FEATURES.length;

export function textFeatures(text: string, vocab: Vocabulary, pc: Float32Array | null): TextFeatures {
  return { sentence: sifVector(text, vocab, pc)?.vector ?? null };
}

export function featureRow(space: FeatureSpace, text: TextFeatures, tags: readonly string[], stage: string | null): Float32Array {
  const row = new Float32Array(inputDims(space));
  if (text.sentence) {
    const norm = Math.hypot(...text.sentence) || 1;
    for (let d = 0; d < space.sentenceDims; d++) row[d] = text.sentence[d]! / norm;
  }
  const known = tags.map((t) => space.tags.indexOf(t)).filter((i) => i >= 0);
  for (const i of known) row[space.sentenceDims + i] = 1 / Math.sqrt(known.length);
  const s = stage ? STAGE_FEATURES.indexOf(stage as (typeof STAGE_FEATURES)[number]) : -1;
  if (s >= 0) row[space.sentenceDims + space.tags.length + s] = 1;
  return row;
}
