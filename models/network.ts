// The trained projection: the feature row (models/features.ts) -> a tanh hidden layer ->
// the shared EMBEDDING_DIM space, shaped by two heads trained together: a sigmoid over the taxonomy's tags
// (multi-label: what the text is about) and a softmax over the clusters (which cluster the text's
// organisation belongs to: where such work concentrates). Startups, clusters and organisations are all
// encoded by the same network.
import { EMBEDDING_DIM } from '../engine/constants.ts';
import type { Tf } from './backend.ts';
import { type FeatureSpace, inputDims } from './features.ts';

export const HIDDEN_UNITS = 128;

export interface EncodeInput {
  text: string;
  tags?: readonly string[];
  stage?: string | null;
}

export function buildNetwork(tf: Tf, space: FeatureSpace, seed: number) {
  const input = tf.input({ shape: [inputDims(space)], name: 'features' });
  const hidden = tf.layers
    .dense({ units: HIDDEN_UNITS, activation: 'tanh', kernelInitializer: tf.initializers.glorotUniform({ seed }), name: 'hidden' })
    .apply(input);
  const dropped = tf.layers.dropout({ rate: 0.2, seed: seed + 1, name: 'dropout' }).apply(hidden);
  const embedding = tf.layers
    .dense({
      units: EMBEDDING_DIM,
      activation: 'linear',
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 }),
      kernelRegularizer: tf.regularizers.l2({ l2: 1e-4 }),
      name: 'embedding',
    })
    .apply(dropped);
  const tags = tf.layers
    .dense({ units: space.tags.length, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 3 }), name: 'tags' })
    .apply(embedding);
  const clusters = tf.layers
    .dense({ units: space.clusters.length, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 4 }), name: 'cluster' })
    .apply(embedding);
  return tf.model({
    inputs: input,
    outputs: [tags, clusters] as import('@tensorflow/tfjs').SymbolicTensor[],
    name: 'foothold_encoder',
  });
}
