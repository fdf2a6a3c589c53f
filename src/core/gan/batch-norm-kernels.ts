import * as tf from '@tensorflow/tfjs';
import { registerJsKernel, runJsKernel } from './js-kernels';

/**
 * Training-mode batch-norm + ReLU, forward and hand-derived backward, each as one kernel over
 * the backend's own arrays (js-kernels.ts: wasm and cpu backends).
 *
 * Why: in tfjs ops the forward is moments (two means, a squared difference), rsqrt, sub, mul,
 * mul, add, relu and six running-statistics ops: ~15 launches and as many passes over the
 * [batch, 256] activations per block; the backward another ~14. Per training step that was ~90
 * launches of the ~320. One loop reads each input once and writes each output once.
 * On the wasm backend (width a multiple of 4) the passes run in f32x4 (simd-batch-norm.ts), sums
 * in float32; the JS loops (cpu backend) sum in float64. Either differs from the ops in the last
 * float32 bits.
 */

export const BATCH_NORM_RELU = 'SynthCreditBatchNormRelu';
export const BATCH_NORM_RELU_GRAD = 'SynthCreditBatchNormReluGrad';

export interface BatchNormReluAttrs {
  eps: number;
  momentum: number;
}

/**
 * inputs x [n, d], gamma, beta, runningMean, runningVar [d]; outputs o = relu(n̂·γ + β) [n, d],
 * n̂ = (x − mean)·invStd [n, d], invStd = 1/√(var + eps) [d], and the running statistics
 * (1 − momentum)·running + momentum·batch (variance unbiased: ·n/(n−1)), as torch's BatchNorm1d.
 */
registerJsKernel<BatchNormReluAttrs>(BATCH_NORM_RELU, ['x', 'gamma', 'beta', 'runningMean', 'runningVar'], (inputs, a) => {
  const [n, d] = inputs[0].shape;
  return {
    shapes: [
      [n, d],
      [n, d],
      [d],
      [d],
      [d],
    ],
    body: ([x, gamma, beta, runMean, runVar], [o, normalized, invStd, newMean, newVar]) => {
      const mean = new Float64Array(d);
      const sq = new Float64Array(d);
      for (let r = 0; r < n; r++) {
        const base = r * d;
        for (let j = 0; j < d; j++) mean[j] += x[base + j];
      }
      for (let j = 0; j < d; j++) mean[j] /= n;
      for (let r = 0; r < n; r++) {
        const base = r * d;
        for (let j = 0; j < d; j++) {
          const c = x[base + j] - mean[j];
          sq[j] += c * c;
        }
      }
      const unbias = n > 1 ? n / (n - 1) : 1;
      for (let j = 0; j < d; j++) {
        const variance = sq[j] / n;
        invStd[j] = 1 / Math.sqrt(variance + a.eps);
        newMean[j] = (1 - a.momentum) * runMean[j] + a.momentum * mean[j];
        newVar[j] = (1 - a.momentum) * runVar[j] + a.momentum * variance * unbias;
      }
      for (let r = 0; r < n; r++) {
        const base = r * d;
        for (let j = 0; j < d; j++) {
          const v = (x[base + j] - mean[j]) * invStd[j];
          normalized[base + j] = v;
          const y = v * gamma[j] + beta[j];
          o[base + j] = y > 0 ? y : 0;
        }
      }
    },
    // f32x4 over columns (simd-batch-norm.ts); mean and Σ(x − mean)² pass through newMean and newVar
    simd:
      d % 4
        ? undefined
        : (k, [x, gamma, beta], [o, normalized, invStd, newMean, newVar], [, , , runMean, runVar], [, , inv, meanV, varV]) => {
            meanV.fill(0);
            k.bnColumnSums(x, n, d, newMean);
            for (let j = 0; j < d; j++) meanV[j] /= n;
            varV.fill(0);
            k.bnSquaredDeviations(x, n, d, newMean, newVar);
            const variance = new Float64Array(d);
            for (let j = 0; j < d; j++) {
              variance[j] = varV[j] / n;
              inv[j] = 1 / Math.sqrt(variance[j] + a.eps);
            }
            k.bnReluApply(x, n, d, newMean, invStd, gamma, beta, normalized, o);
            const unbias = n > 1 ? n / (n - 1) : 1;
            for (let j = 0; j < d; j++) {
              meanV[j] = (1 - a.momentum) * runMean[j] + a.momentum * meanV[j];
              varV[j] = (1 - a.momentum) * runVar[j] + a.momentum * variance[j] * unbias;
            }
          },
  };
});

/**
 * inputs dO [n, ≥d] (the block output's gradient: its first d columns, the rest skipped),
 * o, normalized [n, d], gamma, invStd [d]; outputs ∂a [n, d], ∂γ, ∂β, ∂b = Σ_rows ∂a [d]
 * and a [3d] scratch (the caller disposes it):
 * ∂y = ∂o∘[o > 0], ∂γ = Σ ∂y∘n̂, ∂β = Σ ∂y, ∂a = invStd∘γ∘(∂y − ∂β/n − n̂∘∂γ/n)
 * (= invStd∘(∂n − mean ∂n − n̂∘mean(∂n∘n̂)) with ∂n = ∂y∘γ, generator-gradients.ts).
 */
registerJsKernel<object>(BATCH_NORM_RELU_GRAD, ['dO', 'o', 'normalized', 'gamma', 'invStd'], (inputs) => {
  const [n, d] = inputs[1].shape;
  const stride = inputs[0].shape[1];
  if (inputs[0].shape[0] !== n || stride < d) throw new Error(`${BATCH_NORM_RELU_GRAD}: dO [${inputs[0].shape}] does not cover [${n}, ${d}]`);
  return {
    // the last output is scratch for the SIMD version (per-column factors); callers dispose it
    shapes: [[n, d], [d], [d], [d], [3 * d]],
    body: ([dO, o, nh, gamma, invStd], [dA, dGamma, dBeta, dBias]) => {
      const sg = new Float64Array(d);
      const sb = new Float64Array(d);
      for (let r = 0; r < n; r++) {
        const src = r * stride;
        const base = r * d;
        for (let j = 0; j < d; j++) {
          if (o[base + j] > 0) {
            const dy = dO[src + j];
            sb[j] += dy;
            sg[j] += dy * nh[base + j];
          }
        }
      }
      const scale = new Float64Array(d);
      const mb = new Float64Array(d);
      const mg = new Float64Array(d);
      for (let j = 0; j < d; j++) {
        dGamma[j] = sg[j];
        dBeta[j] = sb[j];
        scale[j] = invStd[j] * gamma[j];
        mb[j] = sb[j] / n;
        mg[j] = sg[j] / n;
      }
      const bias = new Float64Array(d);
      for (let r = 0; r < n; r++) {
        const src = r * stride;
        const base = r * d;
        for (let j = 0; j < d; j++) {
          const dy = o[base + j] > 0 ? dO[src + j] : 0;
          const v = scale[j] * (dy - mb[j] - nh[base + j] * mg[j]);
          dA[base + j] = v;
          bias[j] += v;
        }
      }
      for (let j = 0; j < d; j++) dBias[j] = bias[j];
    },
    simd:
      d % 4
        ? undefined
        : (k, [dO, o, nh], [dA, dGamma, dBeta, dBias, scratch], [, , , gamma, invStd], [, sg, sb, bias, f]) => {
            sg.fill(0);
            sb.fill(0);
            k.bnGradSums(dO, 4 * stride, o, nh, n, d, dBeta, dGamma);
            for (let j = 0; j < d; j++) {
              f[j] = invStd[j] * gamma[j];
              f[d + j] = sb[j] / n;
              f[2 * d + j] = sg[j] / n;
            }
            bias.fill(0);
            k.bnGradApply(dO, 4 * stride, o, nh, n, d, scratch, scratch + 4 * d, scratch + 8 * d, dA, dBias);
          },
  };
});

/**
 * Under a tape (not on the trainer's path, which derives its gradients by hand) the gradient
 * flows through o only: normalized and invStd are what the hand-derived backward reads.
 */
tf.registerGradient({
  kernelName: BATCH_NORM_RELU,
  inputsToSave: ['gamma'],
  outputsToSave: [true, true, true, false, false],
  gradFunc: (dy, saved) => {
    const [gamma, o, normalized, invStd] = saved;
    const dO = Array.isArray(dy) ? dy[0] : dy;
    const [dA, dGamma, dBeta, , scratch] = runJsKernel(BATCH_NORM_RELU_GRAD, { dO, o, normalized, gamma, invStd });
    scratch.dispose();
    return { x: () => dA, gamma: () => dGamma, beta: () => dBeta, runningMean: () => tf.zerosLike(gamma), runningVar: () => tf.zerosLike(gamma) };
  },
});
