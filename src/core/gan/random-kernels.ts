import * as tf from '@tensorflow/tfjs';
import { createRng } from '../util/random';
import { hasJsKernel, registerJsKernel, runJsKernel } from './js-kernels';
import { MULBERRY_STEP } from './simd-random';

/**
 * The GAN's random tensors (noise z, Gumbel uniforms, dropout masks, interpolation weights) drawn
 * from the project's seeded generator (util/random.ts, mulberry32), as kernels that write straight
 * into the output tensor: SIMD on the wasm backend (simd-random.ts), these JS loops on the cpu
 * backend and for the few values past the last whole SIMD block. Other backends get the same
 * values from the JS loops through tf.tensor.
 *
 * Why: tfjs's tf.randomNormal / tf.randomUniform run seedrandom's alea in JS one value at a time
 * (the normal one a polar method with rejections), then copy the buffer to the backend:
 * ~13 ms of a ~95 ms UCI training step. The draws differ from tfjs's (another generator), not in
 * distribution (random-kernels.test.ts: moments and Kolmogorov-Smirnov).
 */

export const SEEDED_UNIFORM = 'SynthCreditSeededUniform';
export const SEEDED_NORMAL = 'SynthCreditSeededNormal';
export const SEEDED_DROPOUT_MASK = 'SynthCreditSeededDropoutMask';

const TWO_P24 = 16777216;

/**
 * Draws [start, start + out.length) of createRng(seed), each rounded down to 24 bits
 * (floor(next()·2²⁴)/2²⁴: exact in float32, in [0, 1)); createRng(seed + start·C) skips `start`.
 */
export function fillUniform(out: Float32Array, seed: number, start = 0): void {
  const rng = createRng((seed + Math.imul(start, MULBERRY_STEP)) >>> 0);
  for (let i = 0; i < out.length; i++) out[i] = Math.floor(rng.next() * TWO_P24) / TWO_P24;
}

/**
 * Standard normal values [start, start + out.length) of `seed` (start a multiple of 8), Box-Muller
 * in blocks of eight as the SIMD kernel lays them out: block b uses draws 8b..8b+3 as u and
 * 8b+4..8b+7 as v; value 8b+k = r·cos θ and 8b+4+k = r·sin θ, r = √(−2 ln(1 − u_k)), θ = 2π(v_k − ½).
 */
export function fillNormal(out: Float32Array, seed: number, start = 0): void {
  if (start % 8) throw new Error(`fillNormal: start ${start} is not a multiple of 8`);
  const rng = createRng((seed + Math.imul(start, MULBERRY_STEP)) >>> 0);
  const draws = new Float32Array(8);
  for (let b = 0; b < out.length; b += 8) {
    for (let j = 0; j < 8; j++) draws[j] = Math.floor(rng.next() * TWO_P24) / TWO_P24;
    for (let k = 0; k < 4; k++) {
      const r = Math.sqrt(-2 * Math.log(1 - draws[k]));
      const theta = 2 * Math.PI * (draws[4 + k] - 0.5);
      if (b + k < out.length) out[b + k] = r * Math.cos(theta);
      if (b + 4 + k < out.length) out[b + 4 + k] = r * Math.sin(theta);
    }
  }
}

/** floor(u + keep)·(1/keep) for draws [start, ...) of `seed`, rounded to float32 as the ops round them */
export function fillDropoutMask(out: Float32Array, seed: number, keep: number, start = 0): void {
  fillUniform(out, seed, start);
  const k = Math.fround(keep);
  const scale = Math.fround(1 / keep);
  for (let i = 0; i < out.length; i++) out[i] = Math.floor(Math.fround(out[i] + k)) * scale;
}

interface DrawAttrs {
  shape: number[];
  seed: number;
  keep?: number;
}

registerJsKernel<DrawAttrs>(SEEDED_UNIFORM, [], (_, a) => ({
  shapes: [a.shape],
  body: (_in, [out]) => fillUniform(out, a.seed),
  simd: (k, _p, [ptr], _v, [out]) => {
    k.uniform(ptr, out.length, a.seed);
    const done = out.length & ~3;
    fillUniform(out.subarray(done), a.seed, done);
  },
}));

registerJsKernel<DrawAttrs>(SEEDED_NORMAL, [], (_, a) => ({
  shapes: [a.shape],
  body: (_in, [out]) => fillNormal(out, a.seed),
  simd: (k, _p, [ptr], _v, [out]) => {
    k.normal(ptr, out.length, a.seed);
    const done = out.length & ~7;
    fillNormal(out.subarray(done), a.seed, done);
  },
}));

registerJsKernel<DrawAttrs>(SEEDED_DROPOUT_MASK, [], (_, a) => ({
  shapes: [a.shape],
  body: (_in, [out]) => fillDropoutMask(out, a.seed, a.keep!),
  simd: (k, _p, [ptr], _v, [out]) => {
    k.dropoutMask(ptr, out.length, a.seed, a.keep!, 1 / a.keep!);
    const done = out.length & ~3;
    fillDropoutMask(out.subarray(done), a.seed, a.keep!, done);
  },
}));

const size = (shape: readonly number[]) => shape.reduce((x, y) => x * y, 1);

let tfjsGenerators = false;
/**
 * true: draw with tfjs's own seeded generators (tf.randomUniform / tf.randomNormal, the draws of
 * before) instead; only for timing the two in one process (bench/kernel-ab.ts).
 */
export function useTfjsGenerators(on: boolean): void {
  tfjsGenerators = on;
}

function draw<R extends tf.Rank>(name: string, fill: (out: Float32Array) => void, attrs: DrawAttrs): tf.Tensor<R> {
  if (tfjsGenerators) {
    const shape = attrs.shape as number[];
    if (name === SEEDED_NORMAL) return tf.randomNormal(shape, 0, 1, 'float32', attrs.seed) as unknown as tf.Tensor<R>;
    const u = tf.randomUniform(shape, 0, 1, 'float32', attrs.seed);
    if (name === SEEDED_UNIFORM) return u as unknown as tf.Tensor<R>;
    return tf.mul(tf.floor(tf.add(u, attrs.keep!)), 1 / attrs.keep!) as unknown as tf.Tensor<R>;
  }
  if (hasJsKernel(name)) return runJsKernel(name, {}, attrs)[0] as tf.Tensor<R>;
  const values = new Float32Array(size(attrs.shape));
  fill(values);
  return tf.tensor(values, attrs.shape) as unknown as tf.Tensor<R>;
}

/** uniform [0, 1) draws of `seed` (fillUniform), in place of tf.randomUniform(shape, 0, 1, 'float32', seed) */
export function seededUniform<R extends tf.Rank = tf.Rank.R2>(shape: number[], seed: number): tf.Tensor<R> {
  return draw(SEEDED_UNIFORM, (out) => fillUniform(out, seed), { shape, seed });
}

/** standard normal values of `seed` (fillNormal), in place of tf.randomNormal(shape, 0, 1, 'float32', seed) */
export function seededNormal<R extends tf.Rank = tf.Rank.R2>(shape: number[], seed: number): tf.Tensor<R> {
  return draw(SEEDED_NORMAL, (out) => fillNormal(out, seed), { shape, seed });
}

/** inverted-dropout mask of `seed`: 1/keep with probability keep, else 0 (fillDropoutMask) */
export function seededDropoutMask<R extends tf.Rank = tf.Rank.R2>(shape: number[], seed: number, keep: number): tf.Tensor<R> {
  return draw(SEEDED_DROPOUT_MASK, (out) => fillDropoutMask(out, seed, keep), { shape, seed, keep });
}
