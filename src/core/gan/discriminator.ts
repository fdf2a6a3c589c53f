import * as tf from '@tensorflow/tfjs';
import type { Rng } from '../util/random';
import { createDense, type Dense } from './dense';

export const LEAKY_SLOPE = 0.2;
export const DROPOUT_RATE = 0.5;

/**
 * Leaky ReLU as 0.2·x + 0.8·relu(x): tf.leakyRelu has no second-order gradient in tfjs 4.22
 * (throws inside the gradient penalty) and this form differentiates twice correctly.
 */
export function leakyRelu(x: tf.Tensor2D): tf.Tensor2D {
  return tf.add(tf.mul(x, LEAKY_SLOPE), tf.mul(tf.relu(x), 1 - LEAKY_SLOPE)) as tf.Tensor2D;
}

export interface Discriminator {
  /** width of one sample: encoded row + conditional vector */
  readonly sampleDim: number;
  readonly pac: number;
  readonly hidden: readonly Dense[];
  readonly output: Dense;
  /**
   * Scores pac-groups: `x` is [batch, sampleDim] with batch a multiple of pac; consecutive pac rows
   * form one group; returns [batch / pac, 1]. `nextSeed` seeds each dropout mask (null: no dropout).
   */
  forward(x: tf.Tensor2D, nextSeed: (() => number) | null): tf.Tensor2D;
  namedVariables(): { name: string; variable: tf.Variable }[];
  trainableVariables(): tf.Variable[];
  dispose(): void;
}

/**
 * CTGAN's PacGAN discriminator: pac samples concatenated, then per hidden layer
 * dense → leaky ReLU 0.2 → dropout 0.5, and a final dense to one score. Only linear layers,
 * relu-based activations and dropout, so the gradient penalty's second-order gradients are exact.
 */
export function createDiscriminator(
  sampleDim: number,
  dims: readonly number[],
  pac: number,
  rng: Rng,
  fastGradient = true,
): Discriminator {
  const hidden: Dense[] = [];
  let width = sampleDim * pac;
  for (const d of dims) {
    hidden.push(createDense(width, d, rng, fastGradient));
    width = d;
  }
  const output = createDense(width, 1, rng, fastGradient);
  const forward = (x: tf.Tensor2D, nextSeed: (() => number) | null): tf.Tensor2D => {
    if (x.shape[0] % pac !== 0) throw new Error(`batch ${x.shape[0]} is not a multiple of pac ${pac}`);
    let h = tf.reshape(x, [x.shape[0] / pac, sampleDim * pac]) as tf.Tensor2D;
    for (const layer of hidden) {
      h = leakyRelu(layer.apply(h));
      if (nextSeed) h = tf.dropout(h, DROPOUT_RATE, undefined, nextSeed()) as tf.Tensor2D;
    }
    return output.apply(h);
  };
  const namedVariables = () => {
    const list: { name: string; variable: tf.Variable }[] = [];
    hidden.forEach((layer, i) => {
      list.push({ name: `discriminator/hidden${i}/kernel`, variable: layer.w }, { name: `discriminator/hidden${i}/bias`, variable: layer.b });
    });
    list.push({ name: 'discriminator/output/kernel', variable: output.w }, { name: 'discriminator/output/bias', variable: output.b });
    return list;
  };
  return {
    sampleDim,
    pac,
    hidden,
    output,
    forward,
    namedVariables,
    trainableVariables: () => namedVariables().map((v) => v.variable),
    dispose: () => namedVariables().forEach((v) => v.variable.dispose()),
  };
}
