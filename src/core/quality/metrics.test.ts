import { describe, expect, it } from 'vitest';
import { categoryKey } from './categoryKey';
import { contingencySimilarity } from './contingencySimilarity';
import { correlationSimilarity } from './correlationSimilarity';
import { cramersV } from './cramersV';
import { digitize, histogramBinEdges } from './discretize';
import { ksComplement } from './ksComplement';
import { tvComplement } from './tvComplement';

describe('categoryKey', () => {
  it('compares numeric codes by value and keeps other labels', () => {
    expect(categoryKey('1.0')).toBe('1');
    expect(categoryKey(1)).toBe('1');
    expect(categoryKey('-2')).toBe('-2');
    expect(categoryKey('-0.0')).toBe('0');
    expect(categoryKey('0x10')).toBe('0x10');
    expect(categoryKey('')).toBe('');
    expect(categoryKey('single')).toBe('single');
    expect(categoryKey(null)).toBeNull();
    expect(categoryKey(NaN)).toBeNull();
  });
});

describe('ksComplement', () => {
  it('is 1 - the largest CDF gap, missing dropped per side', () => {
    // F_real(2) = 0.5, F_synth(2) = 0
    expect(ksComplement([1, 2, 3, 4], [3, 4, 5, 6, null])).toBe(0.5);
    expect(ksComplement([1, 2, 2, 3], [3, 2, 1, 2])).toBe(1);
    // every real value lies below every synthetic one
    expect(ksComplement([1, 1, 1], [2, 2])).toBe(0);
  });
  it('rounds to 14 decimals first, so 0.1 + 0.2 equals 0.3', () => {
    expect(ksComplement([0.1 + 0.2], [0.3])).toBe(1);
  });
  it('is NaN when a side has no value', () => {
    expect(ksComplement([null, null], [1])).toBeNaN();
  });
});

describe('tvComplement', () => {
  it('is 1 - half the L1 distance of the category shares, missing dropped', () => {
    expect(tvComplement(['a', 'a', 'b', null], ['a', 'b', 'b'])).toBeCloseTo(2 / 3, 15);
    expect(tvComplement(['1', '2'], [1, '2.0'])).toBe(1);
    expect(tvComplement([null], ['a'])).toBeNaN();
  });
  it('gives a synthetic-only category a real count of 1e-6, also in the real total (SDMetrics quirk)', () => {
    const nr = 3 + 1e-6;
    const quirk = 1 - 0.5 * (Math.abs(0.5 - 2 / nr) + 1 / nr + Math.abs(0.5 - 1e-6 / nr));
    expect(tvComplement(['a', 'a', 'b'], ['a', 'c'])).toBeCloseTo(quirk, 15);
    expect(tvComplement(['a', 'a', 'b'], ['a', 'c'], { syntheticOnlyPseudoCount: 0 })).toBeCloseTo(0.5, 15);
    expect(Math.abs(quirk - 0.5)).toBeGreaterThan(1e-7);
  });
});

describe('correlationSimilarity', () => {
  it('is 1 - |r_real - r_synth| / 2', () => {
    const c = correlationSimilarity([[1, 2, 3, 4], [2, 4, 6, 8]], [[1, 2, 3, 4], [8, 6, 4, 2]]);
    expect(c.real).toBeCloseTo(1, 15);
    expect(c.synthetic).toBeCloseTo(-1, 15);
    expect(c.score).toBeCloseTo(0, 15);
  });
  it('drops rows where either value is missing, per table', () => {
    // without the missing row the synthetic pair is perfectly correlated
    const c = correlationSimilarity([[1, 2, 3], [1, 2, 3]], [[1, 2, null, 4], [1, 2, 100, 4]]);
    expect(c.synthetic).toBeCloseTo(1, 15);
    expect(c.score).toBeCloseTo(1, 15);
  });
  it('is NaN when a column is constant', () => {
    expect(correlationSimilarity([[1, 2, 3], [1, 2, 4]], [[1, 2, 3], [5, 5, 5]]).score).toBeNaN();
  });
});

describe('binning (numpy.histogram_bin_edges + numpy.digitize)', () => {
  it('uses 10 equal-width bins; the maximum and missing values get id 11', () => {
    const x = Float64Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(Array.from(histogramBinEdges(x))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(Array.from(digitize(Float64Array.from([0, 0.5, 9.99, 10, NaN]), histogramBinEdges(x)))).toEqual([1, 1, 10, 11, 11]);
  });
  it('keeps numpy linspace arithmetic and widens a constant column by 0.5 (all in bin 6)', () => {
    const e = histogramBinEdges(Float64Array.from([0, 1]));
    expect(e[3]).toBe(0.30000000000000004);
    expect(e[6]).toBe(0.6000000000000001);
    const c = Float64Array.from([5, 5, NaN]);
    expect(Array.from(digitize(c, histogramBinEdges(c)))).toEqual([6, 6, 11]);
  });
});

describe('contingencySimilarity', () => {
  it('compares joint shares of two discrete columns', () => {
    const s = contingencySimilarity(
      [['x', 'x', 'y', 'y'], ['p', 'q', 'p', 'q']],
      [['x', 'x', 'x', 'y'], ['p', 'p', 'q', 'q']],
    );
    expect(s).toBe(0.75);
  });
  it('treats a missing value as a category, over all rows', () => {
    expect(contingencySimilarity([[null, 'x'], ['p', 'p']], [['x', 'x'], ['p', 'p']])).toBe(0.5);
  });
  it('counts a both-missing cell twice only when asked (SDMetrics 0.17.1 bug)', () => {
    const real: [(string | null)[], (string | null)[]] = [[null, 'x'], [null, 'p']];
    const synth: [(string | null)[], (string | null)[]] = [[null, 'x', 'x', 'x'], [null, 'p', 'p', 'p']];
    expect(contingencySimilarity(real, synth)).toBe(0.75);
    expect(contingencySimilarity(real, synth, ['discrete', 'discrete'], { bothMissingDoubleCount: true })).toBe(0.625);
  });
  it('bins a continuous column per table with its own edges', () => {
    // same shape at a different scale: identical bin ids, so a perfect score
    expect(contingencySimilarity([[0, 5, 10], ['a', 'b', 'a']], [[100, 150, 200], ['a', 'b', 'a']], ['continuous', 'discrete'])).toBe(1);
  });
  it('puts a missing continuous value in the same cell as the maximum (id 11)', () => {
    // real ids 1, 6, 11 (thirds); synthetic 1, 6, 11, 11 -> diffs 1/12 + 1/12 + 1/6
    const s = contingencySimilarity([[0, 5, 10], ['a', 'a', 'a']], [[0, 5, 10, null], ['a', 'a', 'a', 'a']], ['continuous', 'discrete']);
    expect(s).toBeCloseTo(1 - 0.5 * (1 / 3), 15);
  });
});

describe("cramersV (no bias correction)", () => {
  it('is 1 for a perfect association, 0 for independence, and NaN for one category', () => {
    expect(cramersV(['a', 'a', 'b', 'b'], ['x', 'x', 'y', 'y'])).toBeCloseTo(1, 15);
    expect(cramersV(['a', 'a', 'b', 'b'], ['x', 'y', 'x', 'y'])).toBe(0);
    expect(cramersV(['a', 'a'], ['x', 'y'])).toBeNaN();
  });
  it('matches a hand-computed 2 x 2 table', () => {
    // counts a: x2 y1, b: x0 y3; expected 1, 2, 1, 2; chi2 = 1 + 1/2 + 1 + 1/2 = 3
    expect(cramersV(['a', 'a', 'a', 'b', 'b', 'b'], ['x', 'x', 'y', 'y', 'y', 'y'])).toBeCloseTo(Math.sqrt(3 / 6), 15);
  });
});
