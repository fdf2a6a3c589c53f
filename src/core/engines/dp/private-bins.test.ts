import { describe, expect, it } from 'vitest';
import { createRng } from '../../util/random.ts';
import { cutsFromHistogram, privateBinCuts } from './private-bins.ts';

describe('private histogram bins', () => {
  it('cuts a histogram at its quantiles, with whole-number leaves holding a bin\'s worth as points', () => {
    // 40 % at 0 (a point), then 60 rows spread evenly on [10, 70)
    const h = [
      { lo: 0, hi: 0, count: 40 },
      { lo: 10, hi: 40, count: 30 },
      { lo: 40, hi: 70, count: 30 },
    ];
    const cuts = cutsFromHistogram(h, 4, false);
    // quantiles 0.005 and 0.25 fall in the point; 0.5 at 10 + (50 - 40) / 30 * 30 = 20; 0.75 at 40 + 5 = 45; 0.995 at 40 + 29.5 = 69.5
    expect(cuts).toEqual([0, 0, 20, 45, 69.5, 70].sort((a, b) => a - b));
  });

  it('recovers the quantiles of a known distribution at a large budget, the zero share as a point', () => {
    const rng = createRng(4);
    // 30 % zeros, the rest uniform whole numbers 1..1000
    const values = Array.from({ length: 20000 }, () => (rng.next() < 0.3 ? 0 : 1 + rng.int(1000)));
    const { cuts } = privateBinCuts(values, 0, 10, 100, true, createRng(5));
    expect(cuts.filter((c) => c === 0)).toHaveLength(2);
    // the 0.5 quantile: (0.5 - 0.3) / 0.7 of the way through 1..1000 = 286; the 0.9 quantile 857
    const positive = cuts.filter((c) => c > 0);
    const near = (q: number) => Math.min(...positive.map((c) => Math.abs(c - q)));
    expect(near(286)).toBeLessThan(15);
    expect(near(857)).toBeLessThan(15);
    // the top tail may stretch over noise leaves, but not beyond the leading-digit bucket [1000, 2000) of the largest value
    expect(Math.max(...cuts)).toBeLessThanOrEqual(2000);
    expect(Math.min(...cuts)).toBe(0);
  });

  it('keeps the cuts near the data at a small budget (no far tails from the noise of empty decades)', () => {
    const rng = createRng(6);
    const values = Array.from({ length: 24000 }, () => rng.normal());
    for (let seed = 0; seed < 5; seed++) {
      const { cuts } = privateBinCuts(values, 100, 16, 1e-4, false, createRng(seed));
      // the decade of the data, [-10, 10]: the empty decades beyond never count (their noise is dropped)
      expect(Math.min(...cuts)).toBeGreaterThanOrEqual(-10);
      expect(Math.max(...cuts)).toBeLessThanOrEqual(10);
    }
  });

  it('does not stretch the range to zero on the noise of an empty zero bucket', () => {
    // credit limits: whole thousands from 10,000 to 500,000, no zeros
    const rng = createRng(8);
    const values = Array.from({ length: 24000 }, () => 1000 * (10 + rng.int(491)));
    for (let seed = 0; seed < 10; seed++) {
      const { cuts, histogram } = privateBinCuts(values, 0, 12, 1e-4, true, createRng(seed));
      expect(Math.min(...cuts)).toBeGreaterThanOrEqual(10000);
      expect(histogram.every((x) => x.lo >= 10000)).toBe(true);
    }
  });
});

describe('private histogram bins with fitted tails', () => {
  it('extends a heavy tail the noise hides to about the median maximum of the rows (post-processing, same budget)', () => {
    // exponential amounts, mean 1,000: the median largest of 24,000 is 1000 ln(24000 / ln 2) = 10,452
    const rng = createRng(11);
    const values = Array.from({ length: 24000 }, () => -1000 * Math.log(1 - rng.next()));
    for (let seed = 0; seed < 3; seed++) {
      // rho 1e-3 a column (about epsilon 3 on UCI, 10 % of the budget over its 14 numeric columns); at 1e-4 the leaf noise
      // makes the fitted spacings noisy (extremes from 9,000 to 33,000 over seeds 0-2)
      const plain = privateBinCuts(values, 0, 12, 1e-3, false, createRng(seed));
      const fitted = privateBinCuts(values, 0, 12, 1e-3, false, createRng(seed), { thinDecadeSigmas: 3, edgeSigmas: 0, tailFit: 'extend', tailMaxShape: 0, tailMaxShapeLower: 0.5 });
      // the same noise (same seed and budget): the tail fit only reads the noisy histogram
      expect(fitted.sigma).toBe(plain.sigma);
      const top = Math.max(...fitted.cuts);
      expect(top).toBeGreaterThanOrEqual(Math.max(...plain.cuts));
      expect(top).toBeGreaterThan(7000);
      expect(top).toBeLessThan(16000);
      // the fitted tail keeps the histogram's mass
      const mass = (h: { count: number }[]) => h.reduce((s, x) => s + x.count, 0);
      expect(mass(fitted.histogram)).toBeCloseTo(mass(plain.histogram), 6);
    }
  });
});
