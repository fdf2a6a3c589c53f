import * as tf from '@tensorflow/tfjs';
import { BATCH_NORM_RELU, type BatchNormReluAttrs } from './batch-norm-kernels';
import { hasJsKernel, runJsKernel } from './js-kernels';

/**
 * torch.nn.BatchNorm1d: batch statistics while training (and running averages updated with
 * momentum 0.1, unbiased variance), running statistics in inference. CTGAN's reference samples in
 * training mode; sampling here uses the running statistics, which is what inference should do.
 */
export interface BatchNorm {
  readonly dim: number;
  readonly gamma: tf.Variable<tf.Rank.R1>;
  readonly beta: tf.Variable<tf.Rank.R1>;
  readonly runningMean: tf.Variable<tf.Rank.R1>;
  readonly runningVar: tf.Variable<tf.Rank.R1>;
  apply(x: tf.Tensor2D, training: boolean): tf.Tensor2D;
  /**
   * Training-mode forward that also returns what a hand-derived backward needs (the normalized
   * input and 1/√(var + eps)); updates the running statistics like apply(x, true).
   */
  forwardTraining(x: tf.Tensor2D): BatchNormForward;
  /**
   * relu(forwardTraining(x).out) with the same normalized input and 1/√(var + eps): one kernel
   * on the wasm and cpu backends (batch-norm-kernels.ts), the ops elsewhere or with
   * `useJsKernel` false. Taped, the kernel's gradient flows through `o` only.
   */
  forwardTrainingRelu(x: tf.Tensor2D, useJsKernel?: boolean): BatchNormReluForward;
}

export interface BatchNormReluForward {
  /** relu((x − mean)·invStd·γ + β), [batch, dim] */
  o: tf.Tensor2D;
  normalized: tf.Tensor2D;
  invStd: tf.Tensor1D;
}

export interface BatchNormForward {
  out: tf.Tensor2D;
  /** (x − mean) / √(var + eps), [batch, dim] */
  normalized: tf.Tensor2D;
  /** 1 / √(var + eps), [dim] */
  invStd: tf.Tensor1D;
}

export const BATCH_NORM_EPS = 1e-5;
export const BATCH_NORM_MOMENTUM = 0.1;

export function createBatchNorm(dim: number): BatchNorm {
  // tidy frees the initial-value tensors (variables survive a tidy)
  const gamma = tf.tidy(() => tf.variable(tf.ones([dim]), true)) as tf.Variable<tf.Rank.R1>;
  const beta = tf.tidy(() => tf.variable(tf.zeros([dim]), true)) as tf.Variable<tf.Rank.R1>;
  const runningMean = tf.tidy(() => tf.variable(tf.zeros([dim]), false)) as tf.Variable<tf.Rank.R1>;
  const runningVar = tf.tidy(() => tf.variable(tf.ones([dim]), false)) as tf.Variable<tf.Rank.R1>;
  const forwardTraining = (x: tf.Tensor2D): BatchNormForward => {
    const n = x.shape[0];
    const { mean, variance } = tf.moments(x, 0);
    // running statistics are state, not part of the loss: update them from detached copies
    tf.tidy(() => {
      const m = BATCH_NORM_MOMENTUM;
      const unbiased = tf.mul(variance, n > 1 ? n / (n - 1) : 1);
      runningMean.assign(tf.add(tf.mul(runningMean, 1 - m), tf.mul(mean, m)) as tf.Tensor1D);
      runningVar.assign(tf.add(tf.mul(runningVar, 1 - m), tf.mul(unbiased, m)) as tf.Tensor1D);
    });
    const invStd = tf.rsqrt(tf.add(variance, BATCH_NORM_EPS)) as tf.Tensor1D;
    const normalized = tf.mul(tf.sub(x, mean), invStd) as tf.Tensor2D;
    return { out: tf.add(tf.mul(normalized, gamma), beta) as tf.Tensor2D, normalized, invStd };
  };
  const apply = (x: tf.Tensor2D, training: boolean): tf.Tensor2D => {
    if (training) return forwardTraining(x).out;
    const scale = tf.mul(gamma, tf.rsqrt(tf.add(runningVar, BATCH_NORM_EPS)));
    return tf.add(tf.mul(tf.sub(x, runningMean), scale), beta) as tf.Tensor2D;
  };
  const forwardTrainingRelu = (x: tf.Tensor2D, useJsKernel = true): BatchNormReluForward => {
    if (!useJsKernel || !hasJsKernel(BATCH_NORM_RELU)) {
      const f = forwardTraining(x);
      return { o: tf.relu(f.out) as tf.Tensor2D, normalized: f.normalized, invStd: f.invStd };
    }
    const attrs: BatchNormReluAttrs = { eps: BATCH_NORM_EPS, momentum: BATCH_NORM_MOMENTUM };
    const [o, normalized, invStd, newMean, newVar] = runJsKernel(BATCH_NORM_RELU, { x, gamma, beta, runningMean, runningVar }, attrs);
    runningMean.assign(newMean as tf.Tensor1D);
    runningVar.assign(newVar as tf.Tensor1D);
    tf.dispose([newMean, newVar]);
    return { o: o as tf.Tensor2D, normalized: normalized as tf.Tensor2D, invStd: invStd as tf.Tensor1D };
  };
  return { dim, gamma, beta, runningMean, runningVar, apply, forwardTraining, forwardTrainingRelu };
}
