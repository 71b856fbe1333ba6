// The encoder Foothold runs: SIF sentence vectors from the compact GloVe vocabulary, projected by the trained
// network into the shared space where startups, clusters and organisations are compared. Loaded once per
// process; encoding one text is the only model work on a request path.
import { readFileSync, writeFileSync } from 'node:fs';
import type { LayersModel, io } from '@tensorflow/tfjs';
import type { Tensor } from '@tensorflow/tfjs-core';
import { DomainError } from '../engine/errors.ts';
import { type Cluster, isCurated, type Organization, type Program } from '../engine/kb/schema.ts';
import { loadTfCore, type Tf, type TfCore } from './backend.ts';
import { featureRow, type FeatureSpace, inputDims, tagPrototypes, textFeatures } from './features.ts';
import type { EncodeInput } from './network.ts';
import { normalize } from './sif.ts';
import { Vocabulary } from './vocabulary.ts';

export const ARTIFACTS_DIR = new URL('./artifacts/', import.meta.url).pathname;

/** What the encoder needs besides the network weights (models/artifacts/encoder.json). */
export interface EncoderManifest {
  version: string;
  trainedAt: string;
  seed: number;
  tags: string[];
  /** Each tag's label and keywords, from which its prototype vector is made. */
  tagTexts: string[];
  /** The clusters of the cluster head, in output order. */
  clusters: string[];
  sentenceDims: number;
  /** First principal component of the knowledge base's SIF vectors, removed from every sentence vector. */
  principalComponent: number[];
  vocabularySha256: string;
}

/** A text the encoder cannot embed: no word it knows and no known tag. */
export class EncodeError extends DomainError {
  constructor(code: 'no_content', message: string) {
    super('invalid', code, message);
    this.name = 'EncodeError';
  }
}

export async function saveNetwork(tf: Tf, model: LayersModel, dir: string): Promise<void> {
  await model.save(
    tf.io.withSaveHandler(async (artifacts: io.ModelArtifacts) => {
      const weights = artifacts.weightData as ArrayBuffer;
      writeFileSync(`${dir}/weights.bin`, Buffer.from(weights));
      writeFileSync(
        `${dir}/model.json`,
        JSON.stringify({ modelTopology: artifacts.modelTopology, weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }] }),
      );
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
}

export async function loadNetwork(tf: Tf, dir: string): Promise<LayersModel> {
  const json = JSON.parse(readFileSync(`${dir}/model.json`, 'utf8'));
  const bytes = readFileSync(`${dir}/weights.bin`);
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest[0].weights,
      weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    }),
  );
}

export interface TagGuess {
  tag: string;
  probability: number;
}

/** The trained layers' weights, applied with plain tensor ops: LayersModel.predict costs several times more per call. */
interface Weights {
  hidden: [Tensor, Tensor];
  embedding: [Tensor, Tensor];
  tags: [Tensor, Tensor];
}

export class Encoder {
  private constructor(
    private readonly tf: TfCore,
    readonly backend: string,
    readonly vocabulary: Vocabulary,
    readonly manifest: EncoderManifest,
    private readonly weights: Weights,
    private readonly pc: Float32Array,
    private readonly prototypes: Float32Array[],
  ) {}

  static async load(dir = ARTIFACTS_DIR): Promise<Encoder> {
    const { tf, backend } = await loadTfCore();
    const manifest = JSON.parse(readFileSync(`${dir}/encoder.json`, 'utf8')) as EncoderManifest;
    const vocabulary = Vocabulary.load(dir);
    // The saved layers' weights, decoded by name from the files the layers API wrote (no layers API needed).
    const json = JSON.parse(readFileSync(`${dir}/model.json`, 'utf8'));
    const bytes = readFileSync(`${dir}/weights.bin`);
    const named = tf.io.decodeWeights(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength), json.weightsManifest[0].weights);
    const layer = (name: string): [Tensor, Tensor] => [named[`${name}/kernel`]!, named[`${name}/bias`]!];
    const weights = { hidden: layer('hidden'), embedding: layer('embedding'), tags: layer('tags') };
    const pc = Float32Array.from(manifest.principalComponent);
    return new Encoder(tf, backend, vocabulary, manifest, weights, pc, tagPrototypes(manifest.tagTexts, vocabulary, pc));
  }

  get version(): string {
    return this.manifest.version;
  }

  get space(): FeatureSpace {
    return { sentenceDims: this.manifest.sentenceDims, tags: this.manifest.tags, clusters: this.manifest.clusters, tagPrototypes: this.prototypes };
  }

  /** Feature rows for a batch. Throws EncodeError for an input with no usable word and no known tag. */
  features(inputs: readonly EncodeInput[]): Float32Array {
    const space = this.space;
    const width = inputDims(space);
    const rows = new Float32Array(inputs.length * width);
    inputs.forEach((input, i) => {
      const text = textFeatures(input.text, this.vocabulary, this.pc);
      const tags = (input.tags ?? []).filter((t) => space.tags.includes(t));
      if (!text.sentence && tags.length === 0)
        throw new EncodeError('no_content', 'the text has no word the encoder knows (and no known tag was given): describe the startup in words');
      rows.set(featureRow(space, text, tags, input.stage ?? null), i * width);
    });
    return rows;
  }

  /** The network's forward pass (inference: dropout is the identity), up to the space or the tag head. */
  private run(inputs: readonly EncodeInput[], output: 'embedding' | 'tags'): Float32Array[] {
    if (inputs.length === 0) return [];
    const { tf, weights: w } = this;
    const features = this.features(inputs);
    const out = tf.tidy(() => {
      const x = tf.tensor2d(features, [inputs.length, features.length / inputs.length]);
      const hidden = tf.tanh(tf.fused.matMul({ a: x, b: w.hidden[0], bias: w.hidden[1] }));
      const embedding = tf.fused.matMul({ a: hidden, b: w.embedding[0], bias: w.embedding[1] });
      const result =
        output === 'embedding' ? embedding : tf.fused.matMul({ a: embedding, b: w.tags[0], bias: w.tags[1], activation: 'sigmoid' });
      return result.dataSync() as Float32Array;
    });
    const width = out.length / inputs.length;
    return inputs.map((_, i) => out.slice(i * width, (i + 1) * width));
  }

  /** L2-normalised vectors in the shared space (EMBEDDING_DIM), one per input, batched through the network. */
  embed(inputs: readonly EncodeInput[]): Float32Array[] {
    return this.run(inputs, 'embedding').map(normalize);
  }

  /** Tag probabilities for a text, most likely first. */
  inferTags(text: string, limit = 5): TagGuess[] {
    const [probabilities] = this.run([{ text }], 'tags');
    return this.manifest.tags
      .map((tag, i) => ({ tag, probability: probabilities![i]! }))
      .sort((a, b) => b.probability - a.probability)
      .slice(0, limit);
  }

  /** Like inferTags, but a text with no word the encoder knows has no tags rather than an error. */
  inferTagsOrNone(text: string, limit = 5): TagGuess[] {
    try {
      return this.inferTags(text, limit);
    } catch (e) {
      if (e instanceof EncodeError) return [];
      throw e;
    }
  }

  embedStartup(profile: { description: string; tags?: readonly string[]; stage?: string | null }): Float32Array {
    return this.embed([{ text: profile.description, tags: profile.tags ?? [], stage: profile.stage ?? null }])[0]!;
  }

  /**
   * A cluster is what is said and measured about it: a curated cluster's description with its strong tags, a
   * derived ecosystem's measured specialisations, and the members whose fields a source states. Registry
   * entries known by their name alone are left out (a name says little about a field: "National Institute of
   * Technology" is no semiconductor cluster), and an ecosystem with nothing said or measured has no vector
   * (null): its similarity to a startup is unknown, not made up.
   */
  embedCluster(cluster: Cluster, strongTags: readonly string[], members: readonly Organization[]): Float32Array | null {
    const own = cluster.origin === 'curated' ? [clusterInput(cluster, strongTags)] : strongTags.length > 0 ? [{ text: '', tags: strongTags }] : [];
    const inputs = [...own, ...members.filter(isCurated).map(organizationInput)];
    return inputs.length > 0 ? centroid(this.embed(inputs)) : null;
  }

  embedOrganization(org: Organization): Float32Array {
    return this.embed([organizationInput(org)])[0]!;
  }
}

/** The normalised mean of unit vectors. */
export function centroid(vectors: readonly Float32Array[]): Float32Array {
  const out = new Float32Array(vectors[0]!.length);
  for (const v of vectors) for (let d = 0; d < out.length; d++) out[d]! += v[d]!;
  return normalize(out);
}

export const clusterInput = (cluster: Cluster, strongTags: readonly string[]): EncodeInput => ({
  text: cluster.description,
  tags: strongTags,
});
/** An organisation as the encoder reads it: its name and description, and its fields (inferred ones when probable). */
export const organizationInput = (org: Organization): EncodeInput => ({
  text: [org.name, org.description].filter(Boolean).join('. '),
  tags: [...new Set([...org.tags, ...org.inferredTags.filter((t) => t.probability >= 0.5).map((t) => t.tag)])],
});
export const programInput = (program: Program): EncodeInput => ({ text: `${program.name}. ${program.description}`, tags: program.tags });
