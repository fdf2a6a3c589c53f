import { describe, expect, it } from 'vitest';
import { columnData, loadUci, qualityColumnsOf, uciSchema, uciSplit } from '../../engines/testing/uci.ts';
import { createRng, shuffledIndices } from '../../util/random.ts';
import type { ColumnData } from '../types.ts';
import { detectionScore } from './detectionScore.ts';
import { stratifiedFolds } from './folds.ts';
import { cellClassifierAuc, numericBins } from './histogramClassifier.ts';

const table = loadUci();
const columns = qualityColumnsOf(uciSchema(table));
const { train, test } = uciSplit(table);
const real = columnData(train);
// the metric's mechanics, with the lighter boosting of before (the tuned detector is tested in full-strength.test.ts)
const opts = { maxRowsPerSide: 5000, gbdt: { maxIter: 100, learningRate: 0.1, patience: 10 } };

function permuted(values: ArrayLike<unknown>, seed: number): unknown[] {
  const idx = shuffledIndices(values.length, createRng(seed));
  return Array.from(idx, (i) => values[i]);
}

describe('detection score (GBDT, 3-fold, equal sides)', () => {
  it('scores a disjoint real sample as indistinguishable (>= 0.8)', () => {
    const r = detectionScore(real, columnData(test), columns, opts);
    expect(r.rowsPerSide).toBe(5000);
    expect(r.foldAucs).toHaveLength(3);
    expect(r.score).toBeGreaterThanOrEqual(0.8);
  });

  it('catches independent per-column resampling (<= 0.2)', () => {
    const fake: ColumnData = {};
    columns.forEach((c, j) => (fake[c.name] = permuted(real[c.name], 100 + j) as ColumnData[string]));
    const r = detectionScore(real, fake, columns, opts);
    expect(r.score).toBeLessThanOrEqual(0.2);
    // every marginal is exact, so no single column gives it away
    for (const c of r.columns) expect(c.singleColumnAuc).toBeLessThan(0.56);
  });

  it('names a shuffled dependent column among the top giveaways', () => {
    const fake: ColumnData = { ...real, BILL_AMT2: permuted(real.BILL_AMT2, 7) as ColumnData[string] };
    const r = detectionScore(real, fake, columns, opts);
    expect(r.score).toBeLessThan(0.6);
    expect(r.columns.slice(0, 3).map((c) => c.column)).toContain('BILL_AMT2');
    expect([r.pairs[0].column1, r.pairs[0].column2]).toContain('BILL_AMT2');
    expect(r.pairs[0].lift).toBeGreaterThan(0.2);
  });

  it('is deterministic for a seed', () => {
    const small = { maxRowsPerSide: 600, pairColumns: 0 };
    const a = detectionScore(real, columnData(test), columns, small);
    const b = detectionScore(real, columnData(test), columns, small);
    expect(a.foldAucs).toEqual(b.foldAucs);
  });

  it('refuses tables too small to cross-validate', () => {
    expect(() => detectionScore({ x: [1, 2] }, { x: [1, 2] }, [{ name: 'x', kind: 'continuous' }])).toThrow(/at least 6 rows/);
  });
});

describe('single-column cell classifier', () => {
  it('reaches AUC 1 when the sides do not overlap and no more than chance when they are identical', () => {
    const n = 300;
    const y = new Uint8Array(2 * n).fill(1, n);
    const fold = stratifiedFolds(y, 3, 0);
    const apart = Float64Array.from(y, (v, i) => (v ? 100 + (i % 7) : i % 7));
    const same = Float64Array.from(y, (_, i) => i % 7);
    const a = numericBins(apart, 32);
    const s = numericBins(same, 32);
    expect(cellClassifierAuc(a.ids, a.size, y, fold, 3)).toBe(1);
    // cross-fitting on identical sides reads a cell's excess in the test fold as a deficit in the others: <= 0.5
    expect(cellClassifierAuc(s.ids, s.size, y, fold, 3)).toBeLessThanOrEqual(0.5);
  });

  it('keeps a spike of ties in one quantile bin', () => {
    const x = Float64Array.from({ length: 100 }, (_, i) => (i < 40 ? 0 : i));
    const b = numericBins(x, 10);
    const zeroBins = new Set(Array.from(b.ids.subarray(0, 40)));
    expect(zeroBins.size).toBe(1);
    expect(b.ids[40]).not.toBe(b.ids[0]);
  });
});
