// `foothold model eval`: the trained encoder against three baselines on held-out knowledge-base records.
//  - Tag prediction: for each held-out text, rank the taxonomy's tags; precision@1, precision@3, recall@5.
//  - Retrieval: for each held-out organisation located in a cluster, rank the clusters by similarity; is its
//    own cluster (or the region it is part of) among the top k?
import type { DerivedKnowledgeBase } from '../engine/kb/derive.ts';
import { isCurated } from '../engine/kb/schema.ts';
import { buildExamples, heldOut } from '../models/dataset.ts';
import { centroid, type Encoder, organizationInput } from '../models/encoder.ts';
import { tagText } from '../models/features.ts';
import { cosine, normalize, sifVector, weightedAverage } from '../models/sif.ts';
import { tokenize } from '../models/tokenize.ts';
import type { Vocabulary } from '../models/vocabulary.ts';

export const ENCODER_METHODS = ['trained', 'sif', 'glove-average', 'bm25'] as const;
export type EncoderMethod = (typeof ENCODER_METHODS)[number];

export type TagMetrics = {
  precisionAt1: number;
  precisionAt3: number;
  recallAt5: number;
};
export type RetrievalMetrics = {
  hitAt1: number;
  hitAt5: number;
  hitAt10: number;
};

export interface EncoderReport {
  encoderVersion: string;
  tagPrediction: { texts: number; results: Record<EncoderMethod, TagMetrics> };
  retrieval: { organizations: number; clusters: number; results: Record<EncoderMethod, RetrievalMetrics> };
}

/** Mean of per-item precision@k / recall@k for ranked predictions against true label sets. */
export function tagMetrics(cases: { ranked: string[]; truth: string[] }[]): TagMetrics {
  const mean = (f: (c: { ranked: string[]; truth: Set<string> }) => number) =>
    cases.reduce((s, c) => s + f({ ranked: c.ranked, truth: new Set(c.truth) }), 0) / Math.max(cases.length, 1);
  const hits = (ranked: string[], truth: Set<string>, k: number) => ranked.slice(0, k).filter((t) => truth.has(t)).length;
  return {
    precisionAt1: mean((c) => hits(c.ranked, c.truth, 1)),
    precisionAt3: mean((c) => hits(c.ranked, c.truth, 3) / 3),
    recallAt5: mean((c) => hits(c.ranked, c.truth, 5) / c.truth.size),
  };
}

export function retrievalMetrics(cases: { ranked: string[]; accepted: string[] }[]): RetrievalMetrics {
  const hitAt = (k: number) =>
    cases.filter((c) => c.ranked.slice(0, k).some((id) => c.accepted.includes(id))).length / Math.max(cases.length, 1);
  return { hitAt1: hitAt(1), hitAt5: hitAt(5), hitAt10: hitAt(10) };
}

/** Okapi BM25 over small documents (k1 = 1.2, b = 0.75). */
export class Bm25 {
  private readonly docs: Map<string, number>[];
  private readonly lengths: number[];
  private readonly avgLength: number;
  private readonly df = new Map<string, number>();

  constructor(documents: string[][]) {
    this.docs = documents.map((tokens) => {
      const tf = new Map<string, number>();
      for (const t of tokens) tf.set(t, (tf.get(t) ?? 0) + 1);
      for (const t of tf.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
      return tf;
    });
    this.lengths = documents.map((d) => d.length);
    this.avgLength = this.lengths.reduce((a, b) => a + b, 0) / Math.max(documents.length, 1);
  }

  scores(query: string[]): number[] {
    const n = this.docs.length;
    return this.docs.map((tf, i) => {
      let score = 0;
      for (const q of new Set(query)) {
        const f = tf.get(q);
        if (!f) continue;
        const df = this.df.get(q)!;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        score += (idf * f * 2.2) / (f + 1.2 * (0.25 + (0.75 * this.lengths[i]!) / this.avgLength));
      }
      return score;
    });
  }
}

const rankBy = <T>(ids: T[], scores: number[]): T[] =>
  ids.map((id, i) => ({ id, s: scores[i]! })).sort((a, b) => b.s - a.s).map((x) => x.id);

/** A text ranker for the baselines: a vector per text, cosine between them. */
function vectorizer(method: 'sif' | 'glove-average', vocab: Vocabulary, pc: Float32Array) {
  return (text: string): Float32Array => {
    const v = method === 'sif' ? sifVector(text, vocab, pc)?.vector : weightedAverage(tokenize(text), vocab, 'uniform')?.vector;
    return v ?? new Float32Array(vocab.dims);
  };
}

export function evaluateEncoder(encoder: Encoder, derived: DerivedKnowledgeBase): EncoderReport {
  const { kb } = derived;
  const vocab = encoder.vocabulary;
  const pc = Float32Array.from(encoder.manifest.principalComponent);
  const tagIds = kb.taxonomy.map((t) => t.id);
  const labelOf = new Map(kb.taxonomy.map((t) => [t.id, t.label]));

  // Tag prediction on held-out texts.
  const tests = buildExamples(derived).filter((e) => e.split === 'test');
  const bm25Tags = new Bm25(kb.taxonomy.map((t) => tokenize(tagText(t))));
  const tagRankers: Record<EncoderMethod, (text: string) => string[]> = {
    trained: (text) => encoder.inferTags(text, tagIds.length).map((g) => g.tag),
    sif: vectorRanker(vectorizer('sif', vocab, pc)),
    'glove-average': vectorRanker(vectorizer('glove-average', vocab, pc)),
    bm25: (text) => rankBy(tagIds, bm25Tags.scores(tokenize(text))),
  };
  function vectorRanker(vec: (text: string) => Float32Array) {
    const prototypes = kb.taxonomy.map((t) => vec(tagText(t)));
    return (text: string) => {
      const v = vec(text);
      return rankBy(tagIds, prototypes.map((p) => cosine(v, p)));
    };
  }
  const tagResults = Object.fromEntries(
    ENCODER_METHODS.map((m) => [m, tagMetrics(tests.map((e) => ({ ranked: tagRankers[m](e.text), truth: e.tags })))]),
  ) as Record<EncoderMethod, TagMetrics>;

  // Retrieval: held-out organisations located in a cluster, against every cluster. Each method represents a
  // cluster by its description and strong tags plus its training-split member organisations (held-out
  // organisations never describe a cluster they are then asked to find).
  // On the curated records only, as the encoder is trained (models/dataset.ts): registry entries and derived
  // ecosystems have no description of their own to retrieve by.
  const clusters = kb.clusters.filter((c) => c.origin === 'curated');
  const curatedCluster = new Set(clusters.map((c) => c.id));
  const orgById = new Map(kb.organizations.map((o) => [o.id, o]));
  const strongTags = (id: string) =>
    derived.clusterProfiles.get(id)!.strengths.filter((s) => s.score >= 1).map((s) => s.tag);
  const trainingMembers = (id: string) =>
    derived.clusterProfiles.get(id)!.members.filter((m) => !heldOut(m)).map((m) => orgById.get(m)!).filter(isCurated);
  const partOf = new Map(clusters.map((c) => [c.id, c.partOf]));
  const orgs = kb.organizations.filter((o) => {
    const link = derived.organizationSites.get(o.id)?.[0]?.link;
    return isCurated(o) && heldOut(o.id) && link?.within && curatedCluster.has(link.clusterId);
  });
  const accepted = (orgId: string) => {
    const own = derived.organizationSites.get(orgId)![0]!.link!.clusterId;
    return [own, ...(partOf.get(own) ? [partOf.get(own)!] : [])];
  };
  const asText = (text: string, tags: readonly string[]) => `${text} ${tags.map((t) => labelOf.get(t)).join(', ')}`;
  const clusterIds = clusters.map((c) => c.id);
  const clusterTexts = clusters.map((c) => [
    asText(c.description, strongTags(c.id)),
    ...trainingMembers(c.id).map((o) => asText(o.description, o.tags)),
  ]);
  const bm25Clusters = new Bm25(clusterTexts.map((texts) => texts.flatMap(tokenize)));
  const trainedClusters = clusters.map((c) => encoder.embedCluster(c, strongTags(c.id), trainingMembers(c.id))!); // curated: never null
  const retrievalRankers: Record<EncoderMethod, (i: number) => string[]> = {
    trained: (i) => {
      const [v] = encoder.embed([organizationInput(orgs[i]!)]);
      return rankBy(clusterIds, trainedClusters.map((c) => cosine(v!, c)));
    },
    sif: textRanker(vectorizer('sif', vocab, pc)),
    'glove-average': textRanker(vectorizer('glove-average', vocab, pc)),
    bm25: (i) => rankBy(clusterIds, bm25Clusters.scores(tokenize(asText(orgs[i]!.description, orgs[i]!.tags)))),
  };
  function textRanker(vec: (text: string) => Float32Array) {
    const cv = clusterTexts.map((texts) => centroid(texts.map((t) => normalize(vec(t)))));
    return (i: number) => {
      const v = vec(asText(orgs[i]!.description, orgs[i]!.tags));
      return rankBy(clusterIds, cv.map((c) => cosine(v, c)));
    };
  }
  const retrievalResults = Object.fromEntries(
    ENCODER_METHODS.map((m) => [m, retrievalMetrics(orgs.map((o, i) => ({ ranked: retrievalRankers[m](i), accepted: accepted(o.id) })))]),
  ) as Record<EncoderMethod, RetrievalMetrics>;

  return {
    encoderVersion: encoder.version,
    tagPrediction: { texts: tests.length, results: tagResults },
    retrieval: { organizations: orgs.length, clusters: clusters.length, results: retrievalResults },
  };
}
