import * as tf from '@tensorflow/tfjs';
import { registerJsKernel, runJsKernel } from './js-kernels';

/**
 * The output activation (tanh on scalars, Gumbel-softmax per one-hot span) and CTGAN's
 * conditional cross-entropy, forward and backward, as single JS kernels over each row's spans
 * (js-kernels.ts: wasm and cpu backends).
 *
 * Why: in tfjs ops each of them is a column move into a bucketed layout (a matMul), a split per
 * bucket, a softmax, a concat and a move back (span-groups.ts), forward and again backward:
 * ~1/3 GFLOP of 0/1 products and dozens of launches per training step for O(batch × width)
 * arithmetic. A loop over spans does that arithmetic directly. The op versions remain for the
 * other backends and as the reference the tests compare with.
 */

export const SPAN_ACTIVATION = 'SynthCreditSpanActivation';
export const SPAN_ACTIVATION_GRAD = 'SynthCreditSpanActivationGrad';
export const SPAN_CROSS_ENTROPY = 'SynthCreditSpanCrossEntropy';

export interface SpanActivationAttrs {
  /** start and width of each one-hot span; every other column is a tanh scalar */
  starts: number[];
  widths: number[];
  tau: number;
}

/**
 * inputs raw [rows, width] and u [rows, width] (uniform(0,1) draws, made into Gumbel noise here
 * exactly as gumbelNoise does: −log(−log(clip(u, 1e−10, 1 − 1e−7))))
 */
/** Gumbel noise from one uniform draw, as gumbelNoise computes it (the clip in float32 there too) */
const gumbelOf = (u: number) => -Math.log(-Math.log(Math.min(Math.max(u, 1e-10), 1 - 1e-7)));

/**
 * tanh on scalar columns, softmax((raw + noise)/τ) per span. `src` holds uniform draws
 * (`isNoise` false: made into noise here) or the noise itself (read before out[j] is written,
 * so it may be `out`).
 */
function spanActivation(raw: Float32Array, src: Float32Array, isNoise: boolean, out: Float32Array, width: number, a: SpanActivationAttrs): void {
  const rows = raw.length / width;
  const invTau = 1 / a.tau;
  const isSpan = new Uint8Array(width);
  for (let k = 0; k < a.starts.length; k++) isSpan.fill(1, a.starts[k], a.starts[k] + a.widths[k]);
  for (let r = 0; r < rows; r++) {
    const base = r * width;
    for (let k = 0; k < a.starts.length; k++) {
      const s = base + a.starts[k];
      const e = s + a.widths[k];
      let max = -Infinity;
      for (let j = s; j < e; j++) {
        const z = (raw[j] + (isNoise ? src[j] : gumbelOf(src[j]))) * invTau;
        out[j] = z;
        if (z > max) max = z;
      }
      let sum = 0;
      for (let j = s; j < e; j++) {
        const ez = Math.exp(out[j] - max);
        out[j] = ez;
        sum += ez;
      }
      const inv = 1 / sum;
      for (let j = s; j < e; j++) out[j] *= inv;
    }
    for (let j = 0; j < width; j++) if (!isSpan[j]) out[base + j] = Math.tanh(raw[base + j]);
  }
}

/**
 * inputs raw [rows, width] and u [rows, width] (uniform(0,1) draws, made into Gumbel noise here
 * as gumbelNoise does: −log(−log(clip(u, 1e−10, 1 − 1e−7))))
 */
registerJsKernel<SpanActivationAttrs>(SPAN_ACTIVATION, ['raw', 'u'], (inputs, a) => ({
  shapes: [inputs[0].shape],
  body: ([raw, u], [out]) => spanActivation(raw, u, false, out, inputs[0].shape[1], a),
  // on the wasm backend the noise (two logs per value) is computed in SIMD into out first
  simd: (k, [, uPtr], [outPtr], [raw, u], [out]) => {
    k.gumbel(uPtr, outPtr, out.length);
    for (let j = out.length & ~3; j < out.length; j++) out[j] = gumbelOf(u[j]);
    spanActivation(raw, out, true, out, inputs[0].shape[1], a);
  },
}));

/** inputs out (the activation's output) and dOut, both [rows, width]; output ∂L/∂raw */
registerJsKernel<SpanActivationAttrs>(SPAN_ACTIVATION_GRAD, ['out', 'dOut'], (inputs, a) => ({
  shapes: [inputs[0].shape],
  body: ([out, dOut], [dRaw]) => {
    const width = inputs[0].shape[1];
    const rows = out.length / width;
    const invTau = 1 / a.tau;
    const isSpan = new Uint8Array(width);
    for (let k = 0; k < a.starts.length; k++) isSpan.fill(1, a.starts[k], a.starts[k] + a.widths[k]);
    for (let r = 0; r < rows; r++) {
      const base = r * width;
      for (let j = 0; j < width; j++) if (!isSpan[j]) dRaw[base + j] = dOut[base + j] * (1 - out[base + j] * out[base + j]);
      for (let k = 0; k < a.starts.length; k++) {
        const s = base + a.starts[k];
        const e = s + a.widths[k];
        let dot = 0;
        for (let j = s; j < e; j++) dot += dOut[j] * out[j];
        for (let j = s; j < e; j++) dRaw[j] = out[j] * (dOut[j] - dot) * invTau;
      }
    }
  },
}));

tf.registerGradient({
  kernelName: SPAN_ACTIVATION,
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => ({
    raw: () => runJsKernel(SPAN_ACTIVATION_GRAD, { out: saved[0], dOut: dy as tf.Tensor }, attrs)[0],
    u: () => tf.zerosLike(dy as tf.Tensor),
  }),
});

export interface SpanCrossEntropyAttrs {
  /** per condition column: its span in the raw row and its offset in the conditional vector */
  starts: number[];
  widths: number[];
  condOffsets: number[];
}

/**
 * inputs raw [rows, width], cond [rows, condWidth], mask [rows, columns]; outputs the loss
 * −Σ_rows Σ_columns mask·Σ_span cond·log softmax(raw span) / rows (shape [1]) and its gradient
 * ∂loss/∂raw = mask·(softmax·Σ_span cond − cond) / rows on each column's span, 0 elsewhere.
 */
registerJsKernel<SpanCrossEntropyAttrs>(SPAN_CROSS_ENTROPY, ['raw', 'cond', 'mask'], (inputs, a) => ({
  shapes: [[1], inputs[0].shape],
  body: ([raw, cond, mask], [loss, dRaw]) => {
    const [rows, width] = inputs[0].shape;
    const condWidth = inputs[1].shape[1];
    const columns = a.starts.length;
    dRaw.fill(0);
    let total = 0;
    for (let r = 0; r < rows; r++) {
      for (let k = 0; k < columns; k++) {
        const m = mask[r * columns + k];
        if (m === 0) continue;
        const s = r * width + a.starts[k];
        const e = s + a.widths[k];
        const c = r * condWidth + a.condOffsets[k] - s;
        let max = -Infinity;
        for (let j = s; j < e; j++) if (raw[j] > max) max = raw[j];
        let sum = 0;
        for (let j = s; j < e; j++) sum += Math.exp(raw[j] - max);
        const logSum = max + Math.log(sum);
        let targetMass = 0;
        for (let j = s; j < e; j++) {
          const w = m * cond[c + j];
          total -= w * (raw[j] - logSum);
          targetMass += w;
        }
        for (let j = s; j < e; j++) dRaw[j] = (Math.exp(raw[j] - logSum) * targetMass - m * cond[c + j]) / rows;
      }
    }
    loss[0] = total / rows;
  },
}));
