import * as tf from '@tensorflow/tfjs';
import type { EncodedLayout, OutputSpan } from '../transform/encoded-layout';
import type { Rng } from '../util/random';
import { createBatchNorm, type BatchNorm } from './batch-norm';
import { createDense, type Dense } from './dense';

/** CTGAN's Gumbel-softmax temperature. */
export const GUMBEL_TAU = 0.2;

interface ResidualBlock {
  dense: Dense;
  norm: BatchNorm;
}

export interface Generator {
  /** noise width + condition width */
  readonly inputDim: number;
  readonly blocks: readonly ResidualBlock[];
  readonly output: Dense;
  /** raw outputs (logits for one-hot spans, pre-tanh values for scalars), shape [batch, layout.width] */
  forward(input: tf.Tensor2D, training: boolean): tf.Tensor2D;
  /** named variables (trainable and batch-norm running statistics) for export and snapshots */
  namedVariables(): { name: string; variable: tf.Variable }[];
  trainableVariables(): tf.Variable[];
  dispose(): void;
}

/**
 * CTGAN's generator: residual blocks (dense → batch-norm → ReLU, output concatenated with the block
 * input), then a dense layer to the encoded width.
 */
export function createGenerator(
  embeddingDim: number,
  condWidth: number,
  dims: readonly number[],
  outputWidth: number,
  rng: Rng,
  fastGradient = true,
): Generator {
  const inputDim = embeddingDim + condWidth;
  const blocks: ResidualBlock[] = [];
  let width = inputDim;
  for (const d of dims) {
    blocks.push({ dense: createDense(width, d, rng, fastGradient), norm: createBatchNorm(d) });
    width += d;
  }
  const output = createDense(width, outputWidth, rng, fastGradient);
  const forward = (input: tf.Tensor2D, training: boolean): tf.Tensor2D => {
    let h = input;
    for (const { dense, norm } of blocks) {
      const out = tf.relu(norm.apply(dense.apply(h), training));
      h = tf.concat([out, h], 1);
    }
    return output.apply(h);
  };
  const namedVariables = () => {
    const list: { name: string; variable: tf.Variable }[] = [];
    blocks.forEach(({ dense, norm }, i) => {
      list.push(
        { name: `generator/block${i}/dense/kernel`, variable: dense.w },
        { name: `generator/block${i}/dense/bias`, variable: dense.b },
        { name: `generator/block${i}/bn/gamma`, variable: norm.gamma },
        { name: `generator/block${i}/bn/beta`, variable: norm.beta },
        { name: `generator/block${i}/bn/running_mean`, variable: norm.runningMean },
        { name: `generator/block${i}/bn/running_var`, variable: norm.runningVar },
      );
    });
    list.push({ name: 'generator/output/kernel', variable: output.w }, { name: 'generator/output/bias', variable: output.b });
    return list;
  };
  return {
    inputDim,
    blocks,
    output,
    forward,
    namedVariables,
    trainableVariables: () => namedVariables().filter((v) => v.variable.trainable).map((v) => v.variable),
    dispose: () => namedVariables().forEach((v) => v.variable.dispose()),
  };
}

/** Spans sorted by start, checked to tile [0, width) exactly (the activation concatenates them). */
export function orderedSpans(layout: EncodedLayout): OutputSpan[] {
  const spans = [...layout.spans].sort((a, b) => a.start - b.start);
  let pos = 0;
  for (const s of spans) {
    if (s.start !== pos || s.width <= 0) throw new Error(`layout spans do not tile the row at position ${pos} (${s.column}/${s.part})`);
    if (s.kind === 'scalar' && s.width !== 1) throw new Error(`scalar span ${s.column} must have width 1`);
    pos += s.width;
  }
  if (pos !== layout.width) throw new Error(`layout spans cover ${pos} of ${layout.width} positions`);
  return spans;
}

/** Gumbel(0, 1) noise, -log(-log U), with U kept away from 0 and 1. */
export function gumbelNoise(shape: [number, number], seed: number): tf.Tensor2D {
  return tf.tidy(() => {
    const u = tf.clipByValue(tf.randomUniform(shape, 0, 1, 'float32', seed), 1e-10, 1 - 1e-7);
    return tf.neg(tf.log(tf.neg(tf.log(u)))) as tf.Tensor2D;
  });
}

/**
 * CTGAN's output activation: tanh on scalar spans, Gumbel-softmax (hard=false) on each one-hot span.
 * Consecutive scalar spans are activated as one slice to keep the op count down.
 */
export function activateOutput(raw: tf.Tensor2D, spans: readonly OutputSpan[], gumbelSeed: number, tau = GUMBEL_TAU): tf.Tensor2D {
  const n = raw.shape[0];
  const hasOneHot = spans.some((s) => s.kind === 'onehot');
  const perturbed = hasOneHot ? (tf.div(tf.add(raw, gumbelNoise([n, raw.shape[1]], gumbelSeed)), tau) as tf.Tensor2D) : null;
  const parts: tf.Tensor2D[] = [];
  let i = 0;
  while (i < spans.length) {
    const s = spans[i];
    if (s.kind === 'scalar') {
      let j = i;
      while (j + 1 < spans.length && spans[j + 1].kind === 'scalar') j++;
      const w = spans[j].start + spans[j].width - s.start;
      parts.push(tf.tanh(tf.slice(raw, [0, s.start], [n, w])));
      i = j + 1;
    } else {
      parts.push(tf.softmax(tf.slice(perturbed!, [0, s.start], [n, s.width])));
      i++;
    }
  }
  return parts.length === 1 ? parts[0] : tf.concat(parts, 1);
}

/**
 * Replaces each one-hot span of an activated batch (row-major, `width` per row) by the hard one-hot
 * of its argmax. With Gumbel noise in the activation this is the Gumbel-max trick: an exact draw
 * from softmax(logits).
 */
export function hardenOneHotSpans(rows: Float32Array, width: number, spans: readonly OutputSpan[]): Float32Array {
  const n = rows.length / width;
  for (const s of spans) {
    if (s.kind !== 'onehot') continue;
    for (let r = 0; r < n; r++) {
      const base = r * width + s.start;
      let best = 0;
      for (let k = 1; k < s.width; k++) if (rows[base + k] > rows[base + best]) best = k;
      for (let k = 0; k < s.width; k++) rows[base + k] = k === best ? 1 : 0;
    }
  }
  return rows;
}
