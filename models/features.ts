// The network's input row for one text: [unit SIF sentence vector | similarity to each tag's description |
// tags | stage]. The similarities (cosine between the text and each tag's label and keywords, as SIF
// vectors) carry GloVe's knowledge of words the training texts never used ("robots" near "robotics").
import { normalize, sifVector } from './sif.ts';
import type { Vocabulary } from './vocabulary.ts';

export const STAGE_FEATURES = ['idea', 'pre-seed', 'seed', 'series-a', 'series-b+', 'growth'] as const;

export interface FeatureSpace {
  sentenceDims: number;
  tags: readonly string[];
  clusters: readonly string[];
  /** Unit SIF vector of each tag's label and keywords, in the order of `tags`. */
  tagPrototypes: readonly Float32Array[];
}

export interface TextFeatures {
  /** SIF vector with the corpus component removed, or null when no word has a vector. */
  sentence: Float32Array | null;
}

export const inputDims = (space: FeatureSpace) => space.sentenceDims + 2 * space.tags.length + STAGE_FEATURES.length;

export function textFeatures(text: string, vocab: Vocabulary, pc: Float32Array | null): TextFeatures {
  return { sentence: sifVector(text, vocab, pc)?.vector ?? null };
}

export function featureRow(space: FeatureSpace, text: TextFeatures, tags: readonly string[], stage: string | null): Float32Array {
  const row = new Float32Array(inputDims(space));
  const dims = space.sentenceDims;
  let offset = dims;
  if (text.sentence) {
    const unit = normalize(text.sentence);
    row.set(unit, 0);
    space.tagPrototypes.forEach((p, i) => {
      let dot = 0;
      for (let d = 0; d < dims; d++) dot += unit[d]! * p[d]!;
      row[offset + i] = dot;
    });
  }
  offset += space.tags.length;
  const known = tags.map((t) => space.tags.indexOf(t)).filter((i) => i >= 0);
  for (const i of known) row[offset + i] = 1 / Math.sqrt(known.length);
  offset += space.tags.length;
  const s = stage ? STAGE_FEATURES.indexOf(stage as (typeof STAGE_FEATURES)[number]) : -1;
  if (s >= 0) row[offset + s] = 1;
  return row;
}

/** The text that stands for a tag: its label and keywords. */
export const tagText = (tag: { label: string; keywords: readonly string[] }) => [tag.label, ...tag.keywords].join(', ');

export function tagPrototypes(tagTexts: readonly string[], vocab: Vocabulary, pc: Float32Array): Float32Array[] {
  return tagTexts.map((t) => normalize(sifVector(t, vocab, pc)?.vector ?? new Float32Array(vocab.dims)));
}
