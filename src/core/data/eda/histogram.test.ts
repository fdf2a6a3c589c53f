import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { histogramWithTargetRate, targetBalance } from './histogram.ts';
import { sampleIndices, sampleRowsForDrawing } from './sample.ts';

describe('histogramWithTargetRate', () => {
  // target is 1 exactly for values ≥ 6 (and for the missing row)
  const x = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 100, null];
  const y = x.map((v) => (v === null || v >= 6 ? 1 : 0));
  const t = aq.table({ x, y });

  it('equal-width bins over the full range', () => {
    const h = histogramWithTargetRate(t, 'x', 'y', '1', { bins: 2 });
    expect(h.kind).toBe('numeric');
    expect(h.range).toEqual([0, 100]);
    expect(h.bins.map((b) => b.count)).toEqual([10, 1]);
    expect(h.bins[0].positiveRate).toBeCloseTo(4 / 10, 12);
    expect(h.bins[1].positiveRate).toBe(1);
    expect(h.missing).toMatchObject({ count: 1, positives: 1, positiveRate: 1 });
  });

  it('quantile-clipped range folds the tail into the last bin', () => {
    // 11 values: the 0.9 quantile is at rank 9 → 9; range [0, 9], width 3
    const h = histogramWithTargetRate(t, 'x', 'y', '1', { bins: 3, clipQuantiles: [0, 0.9] });
    expect(h.range).toEqual([0, 9]);
    expect(h.bins.map((b) => b.count)).toEqual([3, 3, 5]);
    expect(h.bins.map((b) => b.positiveRate)).toEqual([0, 0, 1]);
    expect(h.clippedHigh).toBe(1);
    expect(h.clippedLow).toBe(0);
  });

  it('categories with rates, most frequent first', () => {
    const c = aq.table({ g: ['a', 'b', 'a', 'a', null, 'b'], y: ['1', '0', '0', '1', '1', null] });
    const h = histogramWithTargetRate(c, 'g', 'y', '1');
    expect(h.kind).toBe('categorical');
    expect(h.bins.map((b) => [b.label, b.count, b.targetKnown, b.positives])).toEqual([
      ['a', 3, 3, 2],
      ['b', 2, 1, 0],
    ]);
    expect(h.bins[0].positiveRate).toBeCloseTo(2 / 3, 12);
    expect(h.missing.count).toBe(1);
  });

  it('targetBalance counts positives, negatives and missing', () => {
    const b = targetBalance(aq.table({ y: [1, 0, 0, null, 1] }), 'y', '1');
    expect(b).toEqual({ total: 5, positives: 2, negatives: 2, missing: 1, positiveRate: 0.5 });
  });
});

describe('sampleRowsForDrawing', () => {
  it('draws a seeded sample of distinct rows in original order', () => {
    const t = aq.table({ i: Array.from({ length: 1000 }, (_, k) => k) });
    const s = sampleRowsForDrawing(t, 100, 7);
    const vals = Array.from(s.array('i') as ArrayLike<number>);
    expect(vals).toHaveLength(100);
    expect(new Set(vals).size).toBe(100);
    expect(vals).toEqual([...vals].sort((a, b) => a - b));
    expect(Array.from(sampleRowsForDrawing(t, 100, 7).array('i') as ArrayLike<number>)).toEqual(vals);
    expect(Array.from(sampleRowsForDrawing(t, 100, 8).array('i') as ArrayLike<number>)).not.toEqual(vals);
    expect(sampleRowsForDrawing(t, 5000, 7)).toBe(t);
  });

  it('is roughly uniform', () => {
    const idx = sampleIndices(10_000, 5000, 3);
    let low = 0;
    for (const i of idx) if (i < 5000) low++;
    expect(Math.abs(low - 2500)).toBeLessThan(150);
  });
});
