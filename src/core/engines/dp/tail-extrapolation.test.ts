import { describe, expect, it } from 'vitest';
import type { HistogramInterval } from './private-bins.ts';
import { fitLowerTail, fitUpperTail, gpdTailQuantile, histogramQuantile, withFittedTails, DEFAULT_TAIL_OPTIONS } from './tail-extrapolation.ts';

/** the exact histogram of a distribution with survival function S on [lo, hi), k equal-width pieces, scaled to `total` rows */
function exactHistogram(survival: (x: number) => number, lo: number, hi: number, k: number, total: number): HistogramInterval[] {
  const out: HistogramInterval[] = [];
  const w = (hi - lo) / k;
  for (let i = 0; i < k; i++) out.push({ lo: lo + i * w, hi: lo + (i + 1) * w, count: total * (survival(lo + i * w) - survival(lo + (i + 1) * w)) });
  return out;
}

describe('GPD tail extrapolation of a private histogram', () => {
  it('reads quantiles of a histogram, mass spread evenly in each interval', () => {
    const h = [
      { lo: 0, hi: 0, count: 20 },
      { lo: 10, hi: 20, count: 40 },
      { lo: 20, hi: 60, count: 40 },
    ];
    // 0.1 -> inside the point at 0; 0.4 -> 10 + (40 - 20) / 40 * 10 = 15; 0.8 -> 20 + (80 - 60) / 40 * 40 = 40
    expect(histogramQuantile(h, 0.1)).toBe(0);
    expect(histogramQuantile(h, 0.4)).toBeCloseTo(15, 12);
    expect(histogramQuantile(h, 0.8)).toBeCloseTo(40, 12);
  });

  it('extends as the GPD quantile function says (hand-computed)', () => {
    // shape 1: growth (t / s - 1) / (1 - 1 / 2); start 10, spacing 2, t 0.005, s 0.0005 -> 10 + 2 * 18 = 46
    expect(gpdTailQuantile(10, 2, 1, 0.005, 0.0005)).toBeCloseTo(46, 12);
    // shape 0: growth log2(t / s) = log2(8) = 3 -> 10 + 6
    expect(gpdTailQuantile(10, 2, 0, 0.004, 0.0005)).toBeCloseTo(16, 12);
  });

  it('puts the extreme of an exponential tail at the median maximum of n draws, ln(n / ln 2)', () => {
    const n = 24000;
    const h = exactHistogram((x) => Math.exp(-x), 0, 16, 16000, n);
    const fit = fitUpperTail(h, n)!;
    expect(fit.shape).toBeCloseTo(0, 2);
    expect(fit.extreme).toBeCloseTo(Math.log(n / Math.LN2), 1);
    // the tail's pieces hold the histogram's mass beyond the start (0.5 % of the rows)
    expect(fit.pieces.reduce((s, x) => s + x.count, 0)).toBeCloseTo(0.005 * n, 3);
  });

  it('recovers a Pareto tail (alpha 2, GPD shape 1/2) far beyond the histogram: the median maximum sqrt(n / ln 2)', () => {
    const n = 24000;
    // resolved up to x = 20 (the fitted quantiles at tail shares 2 %, 1 %, 0.5 % are 7.07, 10, 14.1),
    // the rest lumped into one wide leaf, as a private histogram does with a thin far decade
    const h = [...exactHistogram((x) => x ** -2, 1, 20, 19000, n), { lo: 20, hi: 2000, count: n / 400 }];
    const fit = fitUpperTail(h, n, { ...DEFAULT_TAIL_OPTIONS, maxShape: 1 })!;
    expect(fit.shape).toBeCloseTo(0.5, 2);
    const expected = Math.sqrt(n / Math.LN2); // 186.1
    expect(Math.abs(fit.extreme - expected) / expected).toBeLessThan(0.01);
    // clamped to shape 0, the same tail reaches only the exponential extrapolation: well short
    const clamped = fitUpperTail(h, n, { ...DEFAULT_TAIL_OPTIONS, maxShape: 0 })!;
    expect(clamped.shape).toBe(0);
    expect(clamped.extreme).toBeLessThan(expected / 2);
  });

  it('mirrors the fit for the lower tail', () => {
    const n = 24000;
    const h = exactHistogram((x) => Math.exp(-x), 0, 16, 16000, n)
      .map((x) => ({ lo: -x.hi, hi: -x.lo, count: x.count }))
      .reverse();
    const fit = fitLowerTail(h, n)!;
    expect(fit.extreme).toBeCloseTo(-Math.log(n / Math.LN2), 1);
  });

  it('fits nothing where the tail quantiles sit on a point mass (a round amount)', () => {
    const h = [
      { lo: 0, hi: 100, count: 900 },
      { lo: 500, hi: 500, count: 100 },
    ];
    expect(fitUpperTail(h, 1000)).toBeNull();
  });

  it('keeps the total mass, and extends only beyond the histogram in extend mode', () => {
    const n = 24000;
    // resolved only up to 8 (a private histogram drops the thin far tail): the fit reaches beyond
    const h = exactHistogram((x) => Math.exp(-x), 0, 8, 800, n);
    const total = h.reduce((s, x) => s + x.count, 0);
    const out = withFittedTails(h, total, 'extend');
    expect(out.reduce((s, x) => s + x.count, 0)).toBeCloseTo(total, 3);
    expect(out[out.length - 1].hi).toBeGreaterThan(9);
    expect(out[out.length - 1].hi).toBe(fitUpperTail(h, total)!.extreme);
    // the lower end of an exponential is a hard edge at 0 where the density peaks: the fit adds a sliver at most
    expect(out[0].lo).toBeGreaterThan(-0.05);
    // a tail the histogram already resolves beyond the fit's extreme is kept as it is in extend mode
    const long = [...h, { lo: 50, hi: 60, count: 1 }];
    expect(withFittedTails(long, total + 1, 'extend').at(-1)!.hi).toBe(60);
  });
});
