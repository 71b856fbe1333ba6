// Smooth inverse frequency sentence vectors (Arora, Liang & Ma, 2017): a weighted mean of word vectors,
// each word weighted a / (a + p(w)), then the first principal component of a reference corpus removed.
// p(w) is estimated from GloVe's frequency rank with Zipf's law: p(rank) = 1 / (rank * H(V)).
import { tokenize } from './tokenize.ts';
import type { Vocabulary } from './vocabulary.ts';
import { sifWeight } from './word-weights.ts';


export interface SentenceVector {
  vector: Float32Array;
  /** Tokens that had a vector (known words, or unknown words through their trigrams). */
  tokensUsed: number;
}

/** The SIF-weighted mean of the words' vectors, before principal-component removal; null if no word has one. */
export function weightedAverage(tokens: string[], vocab: Vocabulary, weighting: 'sif' | 'uniform'): SentenceVector | null {
  const out = new Float32Array(vocab.dims);
  let total = 0;
  let used = 0;
  const rareWeight = sifWeight(vocab.corpusVocabulary, vocab.corpusVocabulary); // unknown words count as rare
  for (const token of tokens) {
    const index = vocab.indexOf(token);
    if (index !== undefined) {
      const w = weighting === 'sif' ? vocab.sifWeight(index) : 1;
      vocab.addScaled(index, w, out);
      total += w;
      used++;
      continue;
    }
    const v = vocab.vector(token);
    if (!v) continue;
    const w = weighting === 'sif' ? rareWeight : 1;
    for (let d = 0; d < out.length; d++) out[d]! += w * v[d]!;
    total += w;
    used++;
  }
  if (used === 0 || total === 0) return null;
  for (let d = 0; d < out.length; d++) out[d]! /= total;
  return { vector: out, tokensUsed: used };
}

/** Remove the projection on a unit principal component: v - (v . pc) pc. */
export function removeComponent(v: Float32Array, pc: Float32Array): Float32Array {
  let dot = 0;
  for (let d = 0; d < v.length; d++) dot += v[d]! * pc[d]!;
  const out = new Float32Array(v.length);
  for (let d = 0; d < v.length; d++) out[d] = v[d]! - dot * pc[d]!;
  return out;
}

/** First principal component (uncentred, as in the SIF paper) by power iteration; deterministic start. */
export function firstPrincipalComponent(vectors: Float32Array[], iterations = 100): Float32Array {
  const dims = vectors[0]!.length;
  let pc = new Float32Array(dims).fill(1 / Math.sqrt(dims));
  for (let it = 0; it < iterations; it++) {
    const next = new Float32Array(dims);
    for (const v of vectors) {
      let dot = 0;
      for (let d = 0; d < dims; d++) dot += v[d]! * pc[d]!;
      for (let d = 0; d < dims; d++) next[d]! += dot * v[d]!;
    }
    const norm = Math.hypot(...next) || 1;
    pc = next.map((x) => x / norm);
  }
  return pc;
}

export function normalize(v: Float32Array): Float32Array {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i]! * v[i]!;
  if (n === 0) return v;
  const scale = 1 / Math.sqrt(n);
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i]! * scale;
  return out;
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** SIF sentence vector of a text, with the corpus component removed; null when no word has a vector. */
export function sifVector(text: string, vocab: Vocabulary, pc: Float32Array | null): SentenceVector | null {
  const avg = weightedAverage(tokenize(text), vocab, 'sif');
  if (!avg) return null;
  return { vector: pc ? removeComponent(avg.vector, pc) : avg.vector, tokensUsed: avg.tokensUsed };
}
