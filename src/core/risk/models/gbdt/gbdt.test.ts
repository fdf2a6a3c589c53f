import { describe, expect, it } from 'vitest';
import { createRng } from '../../../util/random.ts';
import { createFeatureMatrix, type FeatureMatrix } from '../../features/feature-matrix.ts';
import { fitLogisticRegression, logisticPredictProba } from '../logistic-regression.ts';
import { aucMannWhitney } from '../test-helpers.ts';
import { binRows, fitBinMapper, MISSING_BIN } from './bin-mapper.ts';
import {
  fitGbdt,
  gbdtContributions,
  gbdtDecisionFunction,
  gbdtFeatureImportance,
  gbdtFromJson,
  gbdtPredictProba,
  gbdtToJson,
  type GbdtModel,
} from './gbdt.ts';

/** XOR-like: y = 1 iff x0·x1 > 0 (5 % labels flipped), plus a pure-noise third feature. */
function xorData(n: number, seed: number): { x: FeatureMatrix; y: Uint8Array } {
  const rng = createRng(seed);
  const data = new Float64Array(n * 3);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const a = 2 * rng.next() - 1;
    const b = 2 * rng.next() - 1;
    data.set([a, b, rng.normal()], i * 3);
    y[i] = (a * b > 0 ? 1 : 0) ^ (rng.next() < 0.05 ? 1 : 0);
  }
  return { x: createFeatureMatrix(data, n, ['a', 'b', 'noise']), y };
}

function depthOfLeaves(t: GbdtModel['trees'][number]): number[] {
  const out: number[] = [];
  const walk = (node: number, d: number) => {
    if (t.left[node] < 0) out.push(d);
    else {
      walk(t.left[node], d + 1);
      walk(t.right[node], d + 1);
    }
  };
  walk(0, 0);
  return out;
}

describe('bin mapper', () => {
  it('few distinct values: midpoints; many: at most 255 bins; NaN → the missing bin', () => {
    const n = 1000;
    const data = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) data.set([i % 4, i === 3 ? NaN : i * 1.5], i * 2);
    const x = createFeatureMatrix(data, n, ['few', 'many']);
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    const m = fitBinMapper(x, rows, 255, 0);
    expect(Array.from(m.thresholds[0])).toEqual([0.5, 1.5, 2.5]);
    expect(m.thresholds[1].length).toBe(254);
    const bins = binRows(m, x, rows);
    expect([bins[0], bins[2], bins[4], bins[6]]).toEqual([0, 1, 2, 3]);
    expect(bins[3 * 2 + 1]).toBe(MISSING_BIN);
    // quantile bins are roughly equally filled (999 values over 255 bins ≈ 3.9 each)
    const counts = new Array(255).fill(0);
    for (let i = 0; i < n; i++) if (i !== 3) counts[bins[i * 2 + 1]]++;
    expect(Math.max(...counts)).toBeLessThanOrEqual(5);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(3);
  });
});

describe('gradient-boosted trees', () => {
  it('learns XOR, which logistic regression cannot', () => {
    const tr = xorData(3000, 1);
    const te = xorData(2000, 2);
    const gb = fitGbdt(tr.x, tr.y, { seed: 0 });
    const lr = fitLogisticRegression(tr.x, tr.y);
    const aucGb = aucMannWhitney(te.y, gbdtPredictProba(gb, te.x));
    const aucLr = aucMannWhitney(te.y, logisticPredictProba(lr, te.x));
    // 5 % flipped labels cap the attainable AUC near 0.95
    expect(aucGb).toBeGreaterThan(0.93);
    expect(Math.abs(aucLr - 0.5)).toBeLessThan(0.05);
    const imp = gbdtFeatureImportance(gb);
    expect(imp.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(imp[2]).toBeLessThan(0.05);
  });

  it('a single stump reproduces the hand-computed Newton leaf values and threshold', () => {
    // x = 0: 40 rows, 10 positive; x = 1: 60 rows, 45 positive. Prior p0 = 55/100, base = ln(55/45).
    // Leaf value (learning rate 1, λ = 0) = −G/H = (k − n·p0) / (n·p0·(1 − p0)).
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < 40; i++) {
      xs.push(0);
      ys.push(i < 10 ? 1 : 0);
    }
    for (let i = 0; i < 60; i++) {
      xs.push(1);
      ys.push(i < 45 ? 1 : 0);
    }
    const x = createFeatureMatrix(Float64Array.from(xs), 100, ['x']);
    const m = fitGbdt(x, ys, { maxIter: 1, maxLeafNodes: 2, learningRate: 1, earlyStopping: false, minSamplesLeaf: 1 });
    const p0 = 0.55;
    expect(m.baseScore).toBeCloseTo(Math.log(55 / 45), 14);
    const t = m.trees[0];
    expect(t.threshold[0]).toBe(0.5);
    expect(t.value[t.left[0]]).toBeCloseTo((10 - 40 * p0) / (40 * p0 * (1 - p0)), 12);
    expect(t.value[t.right[0]]).toBeCloseTo((45 - 60 * p0) / (60 * p0 * (1 - p0)), 12);
    // gain = ½ (G_L²/H_L + G_R²/H_R − G²/H); G = 0 at the prior
    const gl = 40 * p0 - 10;
    const gr = 60 * p0 - 45;
    const h = p0 * (1 - p0);
    expect(t.gain[0]).toBeCloseTo(0.5 * ((gl * gl) / (40 * h) + (gr * gr) / (60 * h)), 10);
    // the root value is −G/H with G = 0 at the prior; a row with x = 0 credits x with the left leaf value
    expect(t.value[0]).toBeCloseTo(0, 12);
    const { bias, contributions } = gbdtContributions(m, x, 0);
    expect(bias).toBeCloseTo(Math.log(55 / 45), 12);
    expect(contributions[0]).toBeCloseTo((10 - 40 * p0) / (40 * p0 * (1 - p0)), 12);
  });

  it('is reproducible by seed (with row subsampling), and the seed matters', () => {
    const { x, y } = xorData(1500, 3);
    const opts = { subsample: 0.7, maxIter: 30, earlyStopping: true };
    const a = gbdtPredictProba(fitGbdt(x, y, { ...opts, seed: 5 }), x);
    const b = gbdtPredictProba(fitGbdt(x, y, { ...opts, seed: 5 }), x);
    const c = gbdtPredictProba(fitGbdt(x, y, { ...opts, seed: 6 }), x);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('JSON round trip gives identical predictions', () => {
    const { x, y } = xorData(1500, 4);
    for (let i = 0; i < 1500; i += 7) x.data[i * 3 + 1] = NaN; // exercise missing-value routes
    const m = fitGbdt(x, y, { maxIter: 40, seed: 1 });
    const back = gbdtFromJson(JSON.parse(JSON.stringify(gbdtToJson(m))));
    expect(back.trees.length).toBe(m.trees.length);
    expect(Array.from(gbdtDecisionFunction(back, x))).toEqual(Array.from(gbdtDecisionFunction(m, x)));
    expect(() => gbdtFromJson({ kind: 'logistic-regression' })).toThrow();
  });

  it('early stopping stops on pure noise and keeps the best round', () => {
    const rng = createRng(11);
    const n = 2000;
    const data = Float64Array.from({ length: n * 4 }, () => rng.normal());
    const y = Uint8Array.from({ length: n }, () => (rng.next() < 0.3 ? 1 : 0));
    const m = fitGbdt(createFeatureMatrix(data, n, ['a', 'b', 'c', 'd']), y, { maxIter: 200, patience: 10, seed: 0 });
    const log = m.training;
    expect(log.stoppedEarly).toBe(true);
    expect(log.roundsRun).toBe(log.bestRound + 10);
    expect(log.roundsRun).toBeLessThan(60);
    expect(m.trees.length).toBe(log.bestRound);
    const best = Math.min(...log.validationLoss);
    expect(log.validationLoss[log.bestRound]).toBe(best);
    expect(log.validationRows).toBe(200); // stratified: round(0.1·n_c) per class
    // the training loss still falls: it is the held-out loss that stopped the fit
    expect(log.trainLoss[log.roundsRun]).toBeLessThan(log.trainLoss[0]);
  });

  it('Saabas contributions sum to the raw score minus the bias (base + root values)', () => {
    const { x, y } = xorData(1000, 5);
    for (let i = 0; i < 1000; i += 5) x.data[i * 3] = NaN;
    const m = fitGbdt(x, y, { maxIter: 25, seed: 2 });
    const raw = gbdtDecisionFunction(m, x);
    let rootSum = 0;
    for (const t of m.trees) rootSum += t.value[0];
    for (let row = 0; row < 1000; row += 37) {
      const { bias, contributions } = gbdtContributions(m, x, row);
      expect(bias).toBeCloseTo(m.baseScore + rootSum, 12);
      expect(bias + contributions.reduce((s, v) => s + v, 0)).toBeCloseTo(raw[row], 10);
    }
    // the noise feature explains little next to the XOR features
    let abs = [0, 0, 0];
    for (let row = 0; row < 1000; row++) {
      const c = gbdtContributions(m, x, row).contributions;
      abs = abs.map((s, j) => s + Math.abs(c[j]));
    }
    // measured: a ≈ 1330, b ≈ 650, noise ≈ 260 (small leaves on 1000 rows do chase some noise)
    expect(abs[2]).toBeLessThan(0.5 * Math.min(abs[0], abs[1]));
  });

  it('learns where missing values go, and binned training scores equal raw-value predictions', () => {
    const rng = createRng(8);
    const n = 2000;
    const data = new Float64Array(n * 2);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const missing = rng.next() < 0.2;
      const v = rng.normal();
      data.set([missing ? NaN : v, rng.normal()], i * 2);
      // missing → mostly positive; otherwise positive only for large values
      y[i] = missing ? (rng.next() < 0.9 ? 1 : 0) : v > 1 ? 1 : 0;
    }
    const x = createFeatureMatrix(data, n, ['v', 'noise']);
    const m = fitGbdt(x, y, { earlyStopping: false, maxIter: 30, seed: 0 });
    const probe = createFeatureMatrix(Float64Array.from([NaN, 0, -0.5, 0, 2, 0]), 3, ['v', 'noise']);
    const p = gbdtPredictProba(m, probe);
    expect(p[0]).toBeGreaterThan(0.8);
    expect(p[1]).toBeLessThan(0.1);
    expect(p[2]).toBeGreaterThan(0.8);
    // the last training-loss entry was computed on bins; recompute it from raw values
    const z = gbdtDecisionFunction(m, x);
    let loss = 0;
    for (let i = 0; i < n; i++) loss += Math.log1p(Math.exp(-Math.abs(z[i]))) + Math.max(z[i], 0) - y[i] * z[i];
    expect(loss / n).toBeCloseTo(m.training.trainLoss[30], 12);
  });

  it('respects max depth, max leaves and min samples per leaf', () => {
    const { x, y } = xorData(2000, 6);
    const deep = fitGbdt(x, y, { maxIter: 10, maxDepth: 2, maxLeafNodes: 31, earlyStopping: false });
    for (const t of deep.trees) {
      const depths = depthOfLeaves(t);
      expect(Math.max(...depths)).toBeLessThanOrEqual(2);
      expect(depths.length).toBeLessThanOrEqual(4);
    }
    const wide = fitGbdt(x, y, { maxIter: 10, maxLeafNodes: 7, minSamplesLeaf: 100, earlyStopping: false });
    for (const t of wide.trees) {
      expect(depthOfLeaves(t).length).toBeLessThanOrEqual(7);
      for (let k = 0; k < t.left.length; k++) if (t.left[k] < 0) expect(t.count[k]).toBeGreaterThanOrEqual(100);
    }
    expect(wide.trees.some((t) => depthOfLeaves(t).length === 7)).toBe(true);
  });

  it("'balanced' class weights start from log-odds 0, lift the rare class, and equal sample weights", () => {
    const { x, y } = xorData(2000, 7);
    // make positives rare: keep 1 in 5
    const keep: number[] = [];
    let k = 0;
    for (let i = 0; i < 2000; i++) if (y[i] === 0 || k++ % 5 === 0) keep.push(i);
    const xs = createFeatureMatrix(Float64Array.from(keep.flatMap((i) => Array.from(x.data.subarray(i * 3, i * 3 + 3)))), keep.length, x.columnNames);
    const ys = Uint8Array.from(keep, (i) => y[i]);
    const opts = { maxIter: 20, earlyStopping: false };
    const plain = fitGbdt(xs, ys, opts);
    const balanced = fitGbdt(xs, ys, { ...opts, classWeight: 'balanced' });
    expect(balanced.baseScore).toBeCloseTo(0, 12);
    const meanBy = (p: Float64Array, cls: number) => {
      let s = 0;
      let c = 0;
      for (let i = 0; i < p.length; i++) if (ys[i] === cls) (s += p[i]), c++;
      return s / c;
    };
    const pp = gbdtPredictProba(plain, xs);
    const pb = gbdtPredictProba(balanced, xs);
    expect(meanBy(pb, 1)).toBeGreaterThan(meanBy(pp, 1) + 0.05);
    expect(meanBy(pb, 0)).toBeGreaterThan(meanBy(pp, 0));
    // explicit class weights are the same thing as per-row sample weights
    const viaClass = fitGbdt(xs, ys, { ...opts, classWeight: { 0: 1, 1: 4 } });
    const viaRows = fitGbdt(xs, ys, { ...opts, sampleWeight: Array.from(ys, (v) => (v === 1 ? 4 : 1)) });
    expect(Array.from(gbdtDecisionFunction(viaClass, xs))).toEqual(Array.from(gbdtDecisionFunction(viaRows, xs)));
  });
});
