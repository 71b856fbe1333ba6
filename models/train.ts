// `foothold model train`: fit the projection on the knowledge base's labelled texts (held-out fifth
// excluded), with a fixed seed, and write the weights and manifest to models/artifacts.
import { createHash } from 'node:crypto';
import type { Tensor } from '@tensorflow/tfjs';
import { readFileSync, writeFileSync } from 'node:fs';
import type { DerivedKnowledgeBase } from '../engine/kb/derive.ts';
import { loadTf } from './backend.ts';
import { buildExamples, type Example } from './dataset.ts';
import { type EncoderManifest, saveNetwork } from './encoder.ts';
import { featureRow, type FeatureSpace, inputDims, tagPrototypes, tagText, textFeatures } from './features.ts';
import { buildNetwork } from './network.ts';
import { firstPrincipalComponent, weightedAverage } from './sif.ts';
import { tokenize } from './tokenize.ts';
import { Vocabulary } from './vocabulary.ts';

export const TRAINING = { seed: 20_251_122, epochs: 60, batchSize: 32, learningRate: 0.005, clusterLossWeight: 0.2 } as const;

/** A small seeded PRNG (mulberry32), so shuffles are the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export interface TrainingReport {
  manifest: EncoderManifest;
  examples: { train: number; test: number };
  finalLoss: number;
  backend: string;
  seconds: number;
}

export async function trainEncoder(derived: DerivedKnowledgeBase, dir: string, log: (m: string) => void = () => {}): Promise<TrainingReport> {
  const { kb } = derived;
  const started = Date.now();
  const { tf, backend } = await loadTf();
  const vocab = Vocabulary.load(dir);
  const examples = buildExamples(derived);
  const train = examples.filter((e) => e.split === 'train');
  const tags = kb.taxonomy.map((t) => t.id);
  const clusters = kb.clusters.filter((c) => c.origin === 'curated').map((c) => c.id); // the training targets: curated clusters only (models/dataset.ts)
  const raw = new Map<Example, Float32Array | null>(train.map((e) => [e, weightedAverage(tokenize(e.text), vocab, 'sif')?.vector ?? null]));
  const pc = firstPrincipalComponent([...raw.values()].filter((v): v is Float32Array => v !== null));
  const tagTexts = kb.taxonomy.map(tagText);
  const space: FeatureSpace = { sentenceDims: vocab.dims, tags, clusters, tagPrototypes: tagPrototypes(tagTexts, vocab, pc) };

  // Every text twice: once alone (as a founder's description arrives) and once with its tags as features.
  // A text without a cluster has an all-zero cluster target: zero cross-entropy, so no gradient from it.
  const rows: { x: Float32Array; y: Float32Array; c: Float32Array }[] = [];
  for (const [example, vector] of raw) {
    if (!vector) continue;
    const text = textFeatures(example.text, vocab, pc);
    const y = new Float32Array(tags.length);
    for (const t of example.tags) y[tags.indexOf(t)] = 1;
    const c = new Float32Array(clusters.length);
    if (example.cluster) c[clusters.indexOf(example.cluster)] = 1;
    rows.push({ x: featureRow(space, text, [], null), y, c });
    rows.push({ x: featureRow(space, text, example.tags, null), y, c });
    // Each sentence of a longer description on its own too: founders often write one or two sentences.
    const sentences = example.text.split(/(?<=[.!?])\s+/).filter((t) => tokenize(t).length >= 4);
    if (sentences.length > 1)
      for (const sentence of sentences) rows.push({ x: featureRow(space, textFeatures(sentence, vocab, pc), [], null), y, c });
  }
  const ordered = shuffled(rows, seededRandom(TRAINING.seed));
  const width = inputDims(space);
  const xs = tf.tensor2d(Float32Array.from(ordered.flatMap((r) => [...r.x])), [ordered.length, width]);
  const ys = tf.tensor2d(Float32Array.from(ordered.flatMap((r) => [...r.y])), [ordered.length, tags.length]);
  const cs = tf.tensor2d(Float32Array.from(ordered.flatMap((r) => [...r.c])), [ordered.length, clusters.length]);

  const model = buildNetwork(tf, space, TRAINING.seed);
  const tagLoss = (yTrue: Tensor, yPred: Tensor) => tf.metrics.binaryCrossentropy(yTrue, yPred);
  const clusterLoss = (yTrue: Tensor, yPred: Tensor) =>
    tf.mul(tf.metrics.categoricalCrossentropy(yTrue, yPred), TRAINING.clusterLossWeight);
  model.compile({ optimizer: tf.train.adam(TRAINING.learningRate), loss: [tagLoss, clusterLoss] });
  log(`training on ${ordered.length} rows (${train.length} texts), ${TRAINING.epochs} epochs, backend ${backend}`);
  const history = await model.fit(xs, [ys, cs], {
    epochs: TRAINING.epochs,
    batchSize: TRAINING.batchSize,
    shuffle: false,
    verbose: 0,
    callbacks: { onEpochEnd: async (epoch, logs) => void ((epoch + 1) % 10 === 0 && log(`epoch ${epoch + 1}: loss ${logs?.loss?.toFixed(4)}`)) },
  });
  tf.dispose([xs, ys, cs]);
  await saveNetwork(tf, model, dir);

  const vocabularySha256 = createHash('sha256').update(readFileSync(`${dir}/glove.bin`)).digest('hex');
  const weightsSha = createHash('sha256').update(readFileSync(`${dir}/weights.bin`)).update(vocabularySha256).digest('hex');
  const manifest: EncoderManifest = {
    version: `foothold-encoder-1.${weightsSha.slice(0, 10)}`,
    trainedAt: new Date().toISOString(),
    seed: TRAINING.seed,
    tags,
    tagTexts,
    clusters,
    sentenceDims: vocab.dims,
    principalComponent: [...pc].map((x) => Number(x.toFixed(7))),
    vocabularySha256,
  };
  writeFileSync(`${dir}/encoder.json`, JSON.stringify(manifest, null, 1) + '\n');
  const losses = history.history.loss as number[];
  return {
    manifest,
    examples: { train: train.length, test: examples.length - train.length },
    finalLoss: losses[losses.length - 1]!,
    backend,
    seconds: (Date.now() - started) / 1000,
  };
}
