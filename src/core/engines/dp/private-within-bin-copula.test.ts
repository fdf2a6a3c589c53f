import { describe, expect, it } from 'vitest';
import { createRng } from '../../util/random.ts';
import { encodeColumn } from '../column-coder.ts';
import type { EngineColumn } from '../types.ts';
import { gaussianSigma } from './accounting.ts';
import { numericCoderFromCuts } from './discretise.ts';
import { choleskyShrunk, copulaSensitivity, privateWithinBinCopula } from './private-within-bin-copula.ts';

const col = (name: string): EngineColumn => ({ name, role: 'continuous', integer: false }) as EngineColumn;

/** correlation of columns a, b from the copula's Cholesky factor */
function corr(cholesky: number[], d: number, a: number, b: number): number {
  let s = 0;
  for (let k = 0; k < d; k++) s += cholesky[a * d + k] * cholesky[b * d + k];
  return s;
}

describe('private within-bin copula', () => {
  it('has the hand-computed sensitivity and noise', () => {
    // d = 2: one pair and two squares, each moved by at most 1/4 by one row
    expect(copulaSensitivity(2)).toBeCloseTo(Math.sqrt(3) / 4, 15);
    // d = 14: 91 pairs + 14 squares
    expect(copulaSensitivity(14)).toBeCloseTo(Math.sqrt(105) / 4, 15);
    const coders = [numericCoderFromCuts(col('x'), [0, 1], false), numericCoderFromCuts(col('y'), [0, 1], false)];
    const x = [0.1, 0.5, 0.9];
    const codes = coders.map((c) => encodeColumn(c, x));
    const out = privateWithinBinCopula(coders, codes, [x, x], 0.5, createRng(1))!;
    expect(out.sigma).toBeCloseTo((Math.sqrt(3) / 4) * gaussianSigma(0.5), 15);
    expect(out.cells).toBe(3);
  });

  it('recovers a known within-bin dependence at a large budget: comonotone, independent, opposite', () => {
    const rng = createRng(3);
    const n = 20000;
    // bins of width 1 on [0, 4]; y = x (same position), z independent, w mirrors x's position
    const x: number[] = [];
    const y: number[] = [];
    const z: number[] = [];
    const w: number[] = [];
    for (let i = 0; i < n; i++) {
      const bin = rng.int(4);
      const p = rng.next();
      x.push(bin + p);
      y.push(bin + p);
      z.push(rng.int(4) + rng.next());
      w.push(bin + 1 - p);
    }
    const cuts = [0, 1, 2, 3, 4];
    const coders = ['x', 'y', 'z', 'w'].map((name) => numericCoderFromCuts(col(name), cuts, false));
    const values = [x, y, z, w];
    const codes = coders.map((c, j) => encodeColumn(c, values[j]));
    const { copula } = privateWithinBinCopula(coders, codes, values, 1e4, createRng(4))!;
    const c = copula.cholesky;
    // shrunk toward the identity by 2 % at most (y = x makes the matrix singular)
    expect(corr(c, 4, 0, 1)).toBeGreaterThan(0.95);
    expect(Math.abs(corr(c, 4, 0, 2))).toBeLessThan(0.05);
    expect(corr(c, 4, 0, 3)).toBeLessThan(-0.95);
  });

  it('at a tiny budget the noisy variances are not clearly positive, so no dependence is assumed', () => {
    const coders = ['x', 'y'].map((name) => numericCoderFromCuts(col(name), [0, 1], false));
    const v = [0.2, 0.4, 0.6, 0.8];
    const codes = coders.map((c) => encodeColumn(c, v));
    // sigma = sqrt(3)/4 · 707 ≈ 306 rows against sums below 1: both noisy variances clear one sigma with probability 2.5 %
    let independent = 0;
    for (let seed = 0; seed < 10; seed++) {
      const out = privateWithinBinCopula(coders, codes, [v, v], 1e-6, createRng(seed))!;
      if (corr(out.copula.cholesky, 2, 0, 1) === 0) independent++;
    }
    expect(independent).toBeGreaterThanOrEqual(8);
  });

  it('shrinks an invalid correlation matrix toward the identity until it factors', () => {
    // pairwise 0.9, 0.9, -0.9 is not positive definite
    const r = Float64Array.from([1, 0.9, 0.9, 0.9, 1, -0.9, 0.9, -0.9, 1]);
    expect(choleskyShrunk(r, 3, 0)).toBeNull();
    const l = choleskyShrunk(r, 3, 0.64)!;
    expect(l).not.toBeNull();
    expect(corr(Array.from(l), 3, 0, 1)).toBeCloseTo(0.36 * 0.9, 12);
  });
});
