import { describe, expect, it } from 'vitest';
import { drawNumeric } from '../column-coder.ts';
import type { EngineColumn } from '../types.ts';
import { histogramKnots, numericCoderFromCuts } from './discretise.ts';

const column = (integer: boolean): EngineColumn => ({ name: 'x', role: 'continuous', integer }) as EngineColumn;

describe('within-bin knots from the private histogram', () => {
  it('places equally likely knots through the histogram (hand-computed)', () => {
    // 10 rows on [0, 10), 30 on [10, 20): quartiles of 40 at 10, 10 + 10/30·10, 10 + 20/30·10
    const k = histogramKnots([{ lo: 0, hi: 10, count: 10 }, { lo: 10, hi: 20, count: 30 }], 0, 20, 4)!;
    expect(k[0]).toBe(0);
    expect(k[1]).toBeCloseTo(10, 12);
    expect(k[2]).toBeCloseTo(13.3333333333, 9);
    expect(k[3]).toBeCloseTo(16.6666666667, 9);
    expect(k[4]).toBe(20);
  });

  it('restricts the histogram to the bin, a partly covered interval counting pro rata', () => {
    // [5, 15] sees 5 of the 10 rows of [0, 10) and 15 of the 30 of [10, 20): halves at 5 + 5/5·... = 10 + 5/15·5
    const k = histogramKnots([{ lo: 0, hi: 10, count: 10 }, { lo: 10, hi: 20, count: 30 }], 5, 15, 2)!;
    expect(k).toHaveLength(3);
    expect(k[1]).toBeCloseTo(10 + (5 / 15) * 5, 12);
    expect(histogramKnots([{ lo: 0, hi: 10, count: 10 }], 20, 30, 4)).toBeNull();
    // zero-width intervals (point masses) carry no mass inside a range
    expect(histogramKnots([{ lo: 3, hi: 3, count: 100 }], 0, 10, 4)).toBeNull();
  });

  it('a thin far leaf gets its share of the draws instead of an even spread over the bin', () => {
    // one bin [0, 1000]: 99 rows on [0, 100), 1 on [900, 1000)
    const coder = numericCoderFromCuts(column(false), [0, 1000], false, [
      { lo: 0, hi: 100, count: 99 },
      { lo: 900, hi: 1000, count: 1 },
    ]);
    expect(coder.bins).toHaveLength(1);
    const draws = Array.from({ length: 1000 }, (_, i) => drawNumeric(coder, 0, (i + 0.5) / 1000)!);
    const far = draws.filter((v) => v > 100).length;
    // 1 % of the mass lies beyond 100, plus part of the last of 64 equally likely segments (uniform in the bin: 90 %)
    expect(far).toBeGreaterThanOrEqual(5);
    expect(far).toBeLessThanOrEqual(20);
    expect(Math.max(...draws)).toBeLessThanOrEqual(1000);
    // without a histogram the bin is uniform
    const uniform = numericCoderFromCuts(column(false), [0, 1000], false);
    expect(drawNumeric(uniform, 0, 0.5)).toBe(500);
  });

  it('centres whole-number leaves on their value, so rounding keeps each integer\'s share', () => {
    // integers 1..4 with 10, 10, 60, 20 rows (leaves [m, m + 1)); one range bin over 1..4
    const hist = [1, 2, 3, 4].map((m, i) => ({ lo: m, hi: m + 1, count: [10, 10, 60, 20][i] }));
    const coder = numericCoderFromCuts(column(true), [1, 4], false, hist, 100);
    const counts = new Map<number, number>();
    for (let i = 0; i < 10000; i++) {
      const v = drawNumeric(coder, 0, (i + 0.5) / 10000)!;
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([1, 2, 3, 4]);
    expect(counts.get(3)! / 10000).toBeCloseTo(0.6, 2);
    expect(counts.get(1)! / 10000).toBeCloseTo(0.1, 2);
  });
});
