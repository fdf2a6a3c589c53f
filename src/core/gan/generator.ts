import * as tf from '@tensorflow/tfjs';
import type { EncodedLayout, OutputSpan } from '../transform/encoded-layout';
import type { Rng } from '../util/random';
import { createBatchNorm, type BatchNorm } from './batch-norm';
import { createDense, type Dense } from './dense';
import { concatColumns, hasJsKernel, runJsKernel } from './js-kernels';
import { seededUniform } from './random-kernels';
import { bucketSpans, createColumnMove, joinBuckets, padRow, perBucket, perBucketOf } from './span-groups';
import { SPAN_ACTIVATION, SPAN_ACTIVATION_GRAD, type SpanActivationAttrs } from './span-kernels';

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
      const a = dense.apply(h);
      // training: one batch-norm + ReLU kernel where the backend has it (batch-norm-kernels.ts);
      // fastGradient false keeps tfjs's ops throughout (the tests' taped reference)
      const out = training ? norm.forwardTrainingRelu(a, fastGradient).o : (tf.relu(norm.apply(a, false)) as tf.Tensor2D);
      h = concatColumns(out, h);
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
    const u = tf.clipByValue(seededUniform(shape, seed), 1e-10, 1 - 1e-7);
    return tf.neg(tf.log(tf.neg(tf.log(u)))) as tf.Tensor2D;
  });
}

/** CTGAN's output activation for one layout; holds constant tensors (the trainer disposes it). */
export interface OutputActivation {
  /** tanh on scalar spans, Gumbel-softmax (hard=false) on each one-hot span; raw is [rows, width] */
  apply(raw: tf.Tensor2D, gumbelSeed: number, tau?: number): tf.Tensor2D;
  /**
   * The same output as apply (same seed, same noise) and its hand-derived backward: ∂L/∂raw from
   * ∂L/∂output, without tfjs's tape (generator-gradients.ts). Call inside tf.tidy.
   */
  applyWithBackward(raw: tf.Tensor2D, gumbelSeed: number, tau?: number): { out: tf.Tensor2D; backward(dOut: tf.Tensor2D): tf.Tensor2D };
  dispose(): void;
}

/** d tanh: dOut ∘ (1 − tanh²), from the saved output */
const tanhBackward = (t: tf.Tensor2D, dOut: tf.Tensor2D) => tf.mul(dOut, tf.sub(1, tf.square(t))) as tf.Tensor2D;

/**
 * On the wasm and cpu backends one JS kernel does the whole row (span-kernels.ts); elsewhere
 * one-hot spans are activated bucket by bucket (span-groups.ts): a few kernels for the whole row
 * instead of a few per span. `useJsKernels` false forces the ops (tests compare the two).
 * Create outside tf.tidy (or inside one that outlives its use).
 */
export function createOutputActivation(spans: readonly OutputSpan[], width: number, useJsKernels = true): OutputActivation {
  const oneHot = spans.filter((s) => s.kind === 'onehot');
  const ops = createOutputActivationOps(spans, oneHot, width);
  const attrs = (tau: number): SpanActivationAttrs => ({ starts: oneHot.map((s) => s.start), widths: oneHot.map((s) => s.width), tau });
  const kernel = () => useJsKernels && oneHot.length > 0 && hasJsKernel(SPAN_ACTIVATION);
  const forward = (raw: tf.Tensor2D, gumbelSeed: number, tau: number) =>
    // the same uniform draws as gumbelNoise(raw.shape, gumbelSeed): the kernel makes them Gumbel noise
    runJsKernel(SPAN_ACTIVATION, { raw, u: seededUniform(raw.shape, gumbelSeed) }, attrs(tau))[0] as tf.Tensor2D;
  return {
    apply: (raw, gumbelSeed, tau = GUMBEL_TAU) => (kernel() ? forward(raw, gumbelSeed, tau) : ops.apply(raw, gumbelSeed, tau)),
    applyWithBackward(raw, gumbelSeed, tau = GUMBEL_TAU) {
      if (!kernel()) return ops.applyWithBackward(raw, gumbelSeed, tau);
      const out = forward(raw, gumbelSeed, tau);
      return { out, backward: (dOut) => runJsKernel(SPAN_ACTIVATION_GRAD, { out, dOut }, attrs(tau))[0] as tf.Tensor2D };
    },
    dispose: ops.dispose,
  };
}

function createOutputActivationOps(spans: readonly OutputSpan[], oneHot: readonly OutputSpan[], width: number): OutputActivation {
  if (!oneHot.length) {
    return {
      apply: (raw) => tf.tanh(raw),
      applyWithBackward: (raw) => {
        const out = tf.tanh(raw);
        return { out, backward: (dOut) => tanhBackward(out, dOut) };
      },
      dispose: () => {},
    };
  }
  const grouping = bucketSpans(oneHot.map((s) => [s.start, s.width] as const));
  const src: number[] = [];
  const dst: number[] = [];
  oneHot.forEach((s, k) => {
    for (let i = 0; i < s.width; i++) {
      src.push(s.start + i);
      dst.push(grouping.offsets[k] + i);
    }
  });
  const scalarMask = new Float32Array(width);
  for (const s of spans) if (s.kind === 'scalar') scalarMask[s.start] = 1;
  // no tf.tidy here: the moves keep their constants in closures, which a tidy would free
  const c = {
    toGrouped: createColumnMove(width, grouping.groupedWidth, src, dst),
    back: createColumnMove(grouping.groupedWidth, width, dst, src),
    pad: padRow(grouping.groupedWidth, dst),
    scalars: tf.tensor2d(scalarMask, [1, width]),
  };
  const forward = (raw: tf.Tensor2D, gumbelSeed: number, tau: number) => {
    const perturbed = tf.div(tf.add(raw, gumbelNoise([raw.shape[0], width], gumbelSeed)), tau) as tf.Tensor2D;
    const grouped = tf.add(c.toGrouped.apply(perturbed), c.pad) as tf.Tensor2D;
    const soft = joinBuckets(perBucket(grouped, grouping.buckets, (x) => tf.softmax(x)));
    const t = tf.tanh(raw);
    return { t, soft, out: tf.add(tf.mul(t, c.scalars), c.back.apply(soft)) as tf.Tensor2D };
  };
  return {
    apply: (raw, gumbelSeed, tau = GUMBEL_TAU) => forward(raw, gumbelSeed, tau).out,
    applyWithBackward(raw, gumbelSeed, tau = GUMBEL_TAU) {
      const { t, soft, out } = forward(raw, gumbelSeed, tau);
      // out = tanh(raw)∘scalars + soft·Sᵀ, soft = softmax per span of (raw + noise)/τ moved by S:
      // ∂soft = ∂out·S; softmax backward per span: soft ∘ (∂soft − Σ_span ∂soft∘soft); back by Sᵀ, /τ
      const backward = (dOut: tf.Tensor2D): tf.Tensor2D => {
        const dSoft = c.toGrouped.apply(dOut);
        const dGrouped = joinBuckets(perBucketOf([soft, dSoft], grouping.buckets, ([p, d]) => tf.mul(p, tf.sub(d, tf.sum(tf.mul(d, p), 2, true))) as tf.Tensor3D));
        return tf.add(tf.mul(tanhBackward(t, dOut), c.scalars), tf.mul(c.back.apply(dGrouped), 1 / tau)) as tf.Tensor2D;
      };
      return { out, backward };
    },
    dispose: () => {
      c.toGrouped.dispose();
      c.back.dispose();
      tf.dispose([c.pad, c.scalars]);
    },
  };
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
