import { describe, expect, it } from 'vitest';
import { qualityReport } from './qualityReport';
import type { QualityColumn } from './types';

describe('qualityReport composition', () => {
  const columns: QualityColumn[] = [
    { name: 'a', kind: 'continuous' },
    { name: 'b', kind: 'continuous' },
    { name: 'c', kind: 'discrete' },
  ];
  const real = { a: [1, 2, 3, 4], b: [2, 4, 6, 8], c: ['x', 'x', 'y', 'y'] };
  const synthetic = { a: [1, 2, 3, 4], b: [8, 6, 4, 2], c: ['x', 'y', 'y', 'y'] };

  it('lists pairs in column order and averages the two properties, not all scores', () => {
    const r = qualityReport(real, synthetic, columns);
    expect(r.columns.map((c) => [c.column, c.metric, c.score])).toEqual([
      ['a', 'KSComplement', 1],
      ['b', 'KSComplement', 1],
      ['c', 'TVComplement', 0.75],
    ]);
    expect(r.pairs.map((p) => [p.column1, p.column2, p.metric])).toEqual([
      ['a', 'b', 'CorrelationSimilarity'],
      ['a', 'c', 'ContingencySimilarity'],
      ['b', 'c', 'ContingencySimilarity'],
    ]);
    expect(r.pairs[0].score).toBeCloseTo(0, 15);
    expect(r.columnShapes).toBeCloseTo(2.75 / 3, 15);
    const trends = (r.pairs[0].score + r.pairs[1].score + r.pairs[2].score) / 3;
    expect(r.columnPairTrends).toBeCloseTo(trends, 15);
    expect(r.overall).toBeCloseTo((2.75 / 3 + trends) / 2, 15);
    // a-b: |r| = 1 is strong for both rules; a-c: V of ids (1, 4, 7, 11) vs (x, x, y, y) is 1
    expect(r.strongPairs.nPairs).toBe(3);
  });

  it('leaves NaN pair scores out of the means', () => {
    const r = qualityReport({ ...real, b: [5, 5, 5, 5] }, synthetic, columns);
    expect(r.pairs[0].score).toBeNaN();
    expect(r.columnPairTrends).toBeCloseTo((r.pairs[1].score + r.pairs[2].score) / 2, 15);
  });

  it('rejects a column that a table lacks', () => {
    expect(() => qualityReport(real, { a: [1], b: [1] }, columns)).toThrow(/synthetic table has no column "c"/);
  });
});
