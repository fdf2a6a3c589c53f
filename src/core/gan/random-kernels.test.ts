import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, test } from 'vitest';
import { normalCdf } from '../engines/normal';
import { disableSimdKernels, simdKernelsActive } from './js-kernels';
import { fillDropoutMask, fillNormal, fillUniform, seededDropoutMask, seededNormal, seededUniform, useTfjsGenerators } from './random-kernels';

/** mulberry32 written out again with BigInt arithmetic (an independent reference for the stream) */
function mulberry32BigInt(seed: number, count: number): number[] {
  const M = 0xffffffffn;
  const imul = (a: bigint, b: bigint) => (a * b) & M;
  let a = BigInt(seed >>> 0);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    a = (a + 0x6d2b79f5n) & M;
    let t = imul(a ^ (a >> 15n), a | 1n);
    t = (t ^ ((t + imul(t ^ (t >> 7n), t | 61n)) & M)) & M;
    out.push(Number((t ^ (t >> 14n)) >> 8n) / 2 ** 24);
  }
  return out;
}

/** one-sample Kolmogorov-Smirnov statistic of `x` against the CDF `cdf` */
function ksOneSample(x: ArrayLike<number>, cdf: (v: number) => number): number {
  const s = Float64Array.from(x).sort();
  let d = 0;
  for (let i = 0; i < s.length; i++) {
    const f = cdf(s[i]);
    d = Math.max(d, Math.abs(f - i / s.length), Math.abs((i + 1) / s.length - f));
  }
  return d;
}

/** max |a − b| / max(1, |b|) */
const maxRelativeGap = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let g = 0;
  for (let i = 0; i < a.length; i++) g = Math.max(g, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
  return g;
};

const moments = (x: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < x.length; i++) m += x[i];
  m /= x.length;
  let v = 0;
  let k = 0;
  for (let i = 0; i < x.length; i++) {
    const d = x[i] - m;
    v += d * d;
    k += d * d * d * d;
  }
  v /= x.length;
  return { mean: m, variance: v, kurtosis: k / x.length / (v * v) };
};

describe('the JS loops (the reference every backend matches)', () => {
  test('fillUniform is mulberry32 (util/random.ts) in 24 bits: the BigInt reference, seeds 0 and 2³¹−2, with skips', () => {
    for (const seed of [0, 2147483646]) {
      const ref = mulberry32BigInt(seed, 40);
      const out = new Float32Array(40);
      fillUniform(out, seed);
      expect(Array.from(out)).toEqual(ref);
      // start skips draws: the tail of a longer stream
      const tail = new Float32Array(13);
      fillUniform(tail, seed, 27);
      expect(Array.from(tail)).toEqual(ref.slice(27));
    }
  });

  test('uniform draws: moments and KS of U(0, 1), different seeds give different streams', () => {
    const n = 40000;
    const u = new Float32Array(n);
    fillUniform(u, 7);
    const { mean, variance } = moments(u);
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.003);
    // 1.63/√n: the 1 % critical value
    expect(ksOneSample(u, (v) => Math.min(1, Math.max(0, v)))).toBeLessThan(1.63 / Math.sqrt(n));
    const other = new Float32Array(n);
    fillUniform(other, 8);
    expect(other.some((v, i) => v !== u[i])).toBe(true);
    expect(Math.max(...u)).toBeLessThan(1);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
  });

  test('fillNormal: Box-Muller by hand on one block of eight, and the layout of a partial block', () => {
    const u = mulberry32BigInt(5, 16);
    const out = new Float32Array(16);
    fillNormal(out, 5);
    for (const b of [0, 8]) {
      for (let k = 0; k < 4; k++) {
        const r = Math.sqrt(-2 * Math.log(1 - u[b + k]));
        const theta = 2 * Math.PI * (u[b + 4 + k] - 0.5);
        expect(out[b + k]).toBe(Math.fround(r * Math.cos(theta)));
        expect(out[b + 4 + k]).toBe(Math.fround(r * Math.sin(theta)));
      }
    }
    // a partial block holds the first values of the whole one; start (a multiple of 8) skips blocks
    const part = new Float32Array(13);
    fillNormal(part, 5);
    expect(Array.from(part)).toEqual(Array.from(out.subarray(0, 13)));
    const second = new Float32Array(8);
    fillNormal(second, 5, 8);
    expect(Array.from(second)).toEqual(Array.from(out.subarray(8)));
    expect(() => fillNormal(second, 5, 4)).toThrow(/multiple of 8/);
  });

  test('normal values: moments, KS against Φ, cos and sin halves uncorrelated', () => {
    const n = 40000;
    const z = new Float32Array(n);
    fillNormal(z, 11);
    const { mean, variance, kurtosis } = moments(z);
    expect(Math.abs(mean)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(variance - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
    expect(Math.abs(kurtosis - 3)).toBeLessThan(4 * Math.sqrt(24 / n));
    expect(ksOneSample(z, normalCdf)).toBeLessThan(1.63 / Math.sqrt(n));
    // r·cos θ and r·sin θ of one pair: uncorrelated (independent normals)
    let c = 0;
    for (let b = 0; b < n; b += 8) for (let k = 0; k < 4; k++) c += z[b + k] * z[b + 4 + k];
    expect(Math.abs(c / (n / 2))).toBeLessThan(4 / Math.sqrt(n / 2));
  });

  test('dropout mask: 0 or 1/keep, kept with probability keep, floor(u + keep)/keep of the uniform draws', () => {
    const n = 20000;
    const keep = 0.5;
    const m = new Float32Array(n);
    fillDropoutMask(m, 3, keep);
    const u = new Float32Array(n);
    fillUniform(u, 3);
    expect(m.every((v, i) => v === (u[i] >= 0.5 ? 2 : 0))).toBe(true);
    const kept = m.filter((v) => v === 2).length / n;
    expect(Math.abs(kept - keep)).toBeLessThan(4 * Math.sqrt(keep * (1 - keep) / n));
  });
});

describe.each(['cpu', 'wasm'])('seeded draws as kernels on the %s backend', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
    await tf.ready();
  });

  // sizes with a tail past the last whole SIMD block (4 or 8 values)
  const shapes: [number, number][] = [
    [37, 13],
    [500, 128],
    [3, 1],
  ];

  test.each(shapes)('[%i, %i]: the kernels give the JS loops\' values (normal: within float32 rounding of the SIMD polynomials)', (rows, cols) => {
    expect(simdKernelsActive()).toBe(backend === 'wasm');
    const n = rows * cols;
    const ref = new Float32Array(n);
    fillUniform(ref, 123);
    const u = seededUniform([rows, cols], 123);
    expect(u.shape).toEqual([rows, cols]);
    expect(Array.from(u.dataSync())).toEqual(Array.from(ref));
    fillDropoutMask(ref, 77, 0.5);
    expect(Array.from(seededDropoutMask([rows, cols], 77, 0.5).dataSync())).toEqual(Array.from(ref));
    fillNormal(ref, 99);
    const z = seededNormal([rows, cols], 99).dataSync();
    expect(maxRelativeGap(z, ref)).toBeLessThan(2e-6);
    tf.dispose(u);
  });

  test('useTfjsGenerators: the draws of tfjs\'s own seeded generators instead (for the in-process timing), then back', () => {
    useTfjsGenerators(true);
    try {
      expect(Array.from(seededUniform([5, 3], 42).dataSync())).toEqual(Array.from(tf.randomUniform([5, 3], 0, 1, 'float32', 42).dataSync()));
      expect(Array.from(seededNormal([5, 3], 43).dataSync())).toEqual(Array.from(tf.randomNormal([5, 3], 0, 1, 'float32', 43).dataSync()));
      const u = tf.randomUniform([5, 3], 0, 1, 'float32', 44).dataSync();
      expect(Array.from(seededDropoutMask([5, 3], 44, 0.5).dataSync())).toEqual(Array.from(u).map((v) => Math.floor(Math.fround(v + 0.5)) * 2));
    } finally {
      useTfjsGenerators(false);
    }
    const ref = new Float32Array(15);
    fillUniform(ref, 42);
    expect(Array.from(seededUniform([5, 3], 42).dataSync())).toEqual(Array.from(ref));
  });

  test('the JS loops and the SIMD versions agree where both run (SIMD off: the JS loops on this backend)', () => {
    const a = seededNormal([64, 7], 5).dataSync();
    disableSimdKernels(true);
    try {
      const b = seededNormal([64, 7], 5).dataSync();
      expect(maxRelativeGap(a, b)).toBeLessThanOrEqual(backend === 'wasm' ? 2e-6 : 0);
      if (backend === 'wasm') expect(maxRelativeGap(a, b)).toBeGreaterThan(0);
    } finally {
      disableSimdKernels(false);
    }
  });
});
