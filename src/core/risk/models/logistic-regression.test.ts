import { describe, expect, it } from 'vitest';
import { createRng } from '../../util/random.ts';
import { createFeatureMatrix, type FeatureMatrix } from '../features/feature-matrix.ts';
import {
  fitLogisticRegression,
  logisticContributions,
  logisticDecisionFunction,
  logisticPredictProba,
  parseLogisticRegression,
} from './logistic-regression.ts';

/** One binary feature: x = 0 → 30 negatives, 10 positives; x = 1 → 10 negatives, 20 positives. */
function binaryFeatureData(): { x: FeatureMatrix; y: Uint8Array } {
  const xs: number[] = [];
  const ys: number[] = [];
  const add = (x: number, y: number, k: number) => {
    for (let i = 0; i < k; i++) {
      xs.push(x);
      ys.push(y);
    }
  };
  add(0, 0, 30);
  add(0, 1, 10);
  add(1, 0, 10);
  add(1, 1, 20);
  return { x: createFeatureMatrix(Float64Array.from(xs), xs.length, ['x']), y: Uint8Array.from(ys) };
}

/** Small seeded dataset, 3 standardised-scale features, labels from a noisy logistic model. */
function smallData(n = 60): { x: FeatureMatrix; y: Uint8Array } {
  const rng = createRng(7);
  const data = new Float64Array(n * 3);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const a = rng.normal();
    const b = rng.normal();
    const c = 0.5 * a + rng.normal();
    data.set([a, b, c], i * 3);
    const z = 0.3 + 1.2 * a - 0.8 * b + 0.4 * c;
    y[i] = rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { x: createFeatureMatrix(data, n, ['a', 'b', 'c']), y };
}

/**
 * Independent reference: plain full-batch gradient descent on the sklearn objective
 * C·Σ logloss + ½‖w‖² (intercept unpenalised), fixed step 1/L with L an upper bound of the
 * Hessian's largest eigenvalue (C·‖[X 1]‖²_F / 4 + 1), run until ‖∇‖₂ ≤ 1e-10.
 * No Newton step, no line search, no shared code with the solver under test.
 */
function gradientDescentReference(x: FeatureMatrix, y: Uint8Array, C: number): number[] {
  const { nRows: n, nCols: p, data } = x;
  let frob = n;
  for (let k = 0; k < data.length; k++) frob += data[k] * data[k];
  const step = 1 / ((C * frob) / 4 + 1);
  const beta = new Array(p + 1).fill(0);
  for (let iter = 0; iter < 5_000_000; iter++) {
    const g = new Array(p + 1).fill(0);
    for (let i = 0; i < n; i++) {
      let z = beta[p];
      for (let j = 0; j < p; j++) z += beta[j] * data[i * p + j];
      const r = C * (1 / (1 + Math.exp(-z)) - y[i]);
      for (let j = 0; j < p; j++) g[j] += r * data[i * p + j];
      g[p] += r;
    }
    for (let j = 0; j < p; j++) g[j] += beta[j];
    const norm = Math.sqrt(g.reduce((s, v) => s + v * v, 0));
    if (norm <= 1e-10) return beta;
    for (let j = 0; j <= p; j++) beta[j] -= step * g[j];
  }
  throw new Error('reference gradient descent did not converge');
}

/** ∇ of C·Σ logloss + ½‖w‖² at the model, recomputed here from the definition. */
function sklearnGradient(x: FeatureMatrix, y: Uint8Array, C: number, w: number[], b: number): number[] {
  const { nRows: n, nCols: p, data } = x;
  const g = w.slice().concat([0]);
  for (let i = 0; i < n; i++) {
    let z = b;
    for (let j = 0; j < p; j++) z += w[j] * data[i * p + j];
    const r = C * (1 / (1 + Math.exp(-z)) - y[i]);
    for (let j = 0; j < p; j++) g[j] += r * data[i * p + j];
    g[p] += r;
  }
  return g;
}

describe('logistic regression', () => {
  it('unregularised fit on one binary feature matches the closed-form MLE (log-odds per group)', () => {
    // textbook result for a saturated model: b = logit P(y|x=0) = ln(10/30), w = ln(20/10) − ln(10/30) = ln 6
    const { x, y } = binaryFeatureData();
    const m = fitLogisticRegression(x, y, { C: Infinity });
    expect(m.converged).toBe(true);
    expect(m.C).toBeNull();
    expect(m.intercept).toBeCloseTo(Math.log(1 / 3), 9);
    expect(m.coefficients[0]).toBeCloseTo(Math.log(6), 9);
  });

  it("'balanced' class weights n/(2·n_c) shift only the intercept, by ln(w1/w0)", () => {
    const { x, y } = binaryFeatureData();
    // n = 70, 30 positives, 40 negatives: w1 = 70/60, w0 = 70/80
    const m = fitLogisticRegression(x, y, { C: Infinity, classWeight: 'balanced' });
    expect(m.intercept).toBeCloseTo(Math.log((10 * (70 / 60)) / (30 * (70 / 80))), 9);
    expect(m.coefficients[0]).toBeCloseTo(Math.log(6), 9);
  });

  for (const C of [1, 0.1, 10]) {
    it(`C = ${C}: coefficients match an independent gradient-descent solution, and ∇ = 0 (KKT)`, () => {
      const { x, y } = smallData();
      const m = fitLogisticRegression(x, y, { C });
      const ref = gradientDescentReference(x, y, C);
      expect(m.converged).toBe(true);
      for (let j = 0; j < 3; j++) expect(Math.abs(m.coefficients[j] - ref[j])).toBeLessThan(1e-6);
      expect(Math.abs(m.intercept - ref[3])).toBeLessThan(1e-6);
      const g = sklearnGradient(x, y, C, m.coefficients, m.intercept);
      for (const v of g) expect(Math.abs(v)).toBeLessThan(1e-8);
    });
  }

  it('does not penalise the intercept: with C → 0 the weights vanish and b = prior log-odds', () => {
    const { x, y } = smallData();
    const pos = y.reduce((s, v) => s + v, 0);
    const m = fitLogisticRegression(x, y, { C: 1e-9 });
    for (const w of m.coefficients) expect(Math.abs(w)).toBeLessThan(1e-7);
    expect(m.intercept).toBeCloseTo(Math.log(pos / (y.length - pos)), 6);
  });

  it('integer sample weights equal duplicated rows', () => {
    const { x, y } = smallData(40);
    const weights = Array.from({ length: 40 }, (_, i) => 1 + (i % 3));
    const rows: number[] = [];
    weights.forEach((w, i) => {
      for (let k = 0; k < w; k++) rows.push(i);
    });
    const xd = createFeatureMatrix(Float64Array.from(rows.flatMap((i) => Array.from(x.data.subarray(i * 3, i * 3 + 3)))), rows.length, ['a', 'b', 'c']);
    const yd = Uint8Array.from(rows, (i) => y[i]);
    const a = fitLogisticRegression(x, y, { sampleWeight: weights });
    const b = fitLogisticRegression(xd, yd);
    for (let j = 0; j < 3; j++) expect(a.coefficients[j]).toBeCloseTo(b.coefficients[j], 9);
    expect(a.intercept).toBeCloseTo(b.intercept, 9);
  });

  it('contributions w_j·x_j plus intercept give the log-odds; probabilities are its sigmoid', () => {
    const { x, y } = smallData();
    const m = fitLogisticRegression(x, y);
    const z = logisticDecisionFunction(m, x);
    const p = logisticPredictProba(m, x);
    for (const row of [0, 17, 59]) {
      const { intercept, contributions } = logisticContributions(m, x, row);
      expect(contributions[1]).toBe(m.coefficients[1] * x.data[row * 3 + 1]);
      expect(intercept + contributions.reduce((s, v) => s + v, 0)).toBeCloseTo(z[row], 12);
      expect(p[row]).toBeCloseTo(1 / (1 + Math.exp(-z[row])), 14);
    }
  });

  it('JSON round trip predicts identically', () => {
    const { x, y } = smallData();
    const m = fitLogisticRegression(x, y, { classWeight: 'balanced' });
    const back = parseLogisticRegression(JSON.parse(JSON.stringify(m)));
    expect(Array.from(logisticPredictProba(back, x))).toEqual(Array.from(logisticPredictProba(m, x)));
    expect(() => parseLogisticRegression({ kind: 'gbdt' })).toThrow();
  });

  it('rejects a non-binary target and non-finite inputs', () => {
    const { x } = smallData(4);
    expect(() => fitLogisticRegression(x, [0, 1, 2, 0])).toThrow(/0\/1/);
    const bad = createFeatureMatrix(Float64Array.from([1, NaN]), 2, ['a']);
    expect(() => fitLogisticRegression(bad, [0, 1])).toThrow(/finite/);
  });
});
