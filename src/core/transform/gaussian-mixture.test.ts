import { describe, expect, it } from 'vitest';
import { createRng } from '../util/random';
import { fitGaussianMixture, modePosterior, sampleMode, type GaussianMixture1D } from './gaussian-mixture';

function mixtureSample(n: number, seed: number, comps: { w: number; mean: number; std: number }[]): number[] {
  const r = createRng(seed);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    let u = r.next();
    let k = 0;
    while (k < comps.length - 1 && u >= comps[k].w) u -= comps[k++].w;
    out.push(comps[k].mean + comps[k].std * r.normal());
  }
  return out;
}

describe('fitGaussianMixture', () => {
  it('recovers a known 3-mode mixture', () => {
    const truth = [
      { w: 0.5, mean: -10, std: 1 },
      { w: 0.3, mean: 5, std: 0.5 },
      { w: 0.2, mean: 20, std: 2 },
    ];
    const { mixture } = fitGaussianMixture(mixtureSample(20_000, 7, truth), { seed: 1 });
    expect(mixture.modes).toHaveLength(3);
    mixture.modes.forEach((m, k) => {
      expect(Math.abs(m.mean - truth[k].mean)).toBeLessThan(0.1);
      expect(Math.abs(m.std / truth[k].std - 1)).toBeLessThan(0.05);
      expect(Math.abs(m.weight - truth[k].w)).toBeLessThan(0.02);
    });
  });

  it('leaves a single mode on unimodal data', () => {
    for (const seed of [1, 2, 3]) {
      const { mixture } = fitGaussianMixture(mixtureSample(20_000, 10 + seed, [{ w: 1, mean: 100, std: 15 }]), { seed });
      expect(mixture.modes).toHaveLength(1);
      expect(mixture.modes[0].mean).toBeCloseTo(100, 0);
      expect(Math.abs(mixture.modes[0].std - 15)).toBeLessThan(0.5);
      expect(mixture.modes[0].weight).toBe(1);
    }
  });

  it('drops modes lighter than the weight threshold', () => {
    // 0.2 % of far outliers would deserve a mode of their own by likelihood, but weigh < 0.005
    const data = mixtureSample(20_000, 3, [
      { w: 0.998, mean: 0, std: 1 },
      { w: 0.002, mean: 60, std: 0.5 },
    ]);
    const { mixture } = fitGaussianMixture(data, { seed: 4 });
    for (const m of mixture.modes) expect(m.weight).toBeGreaterThanOrEqual(0.005);
    expect(mixture.modes.some((m) => Math.abs(m.mean - 60) < 5)).toBe(false);
    expect(mixture.modes.reduce((s, m) => s + m.weight, 0)).toBeCloseTo(1, 12);
    // with the threshold lowered, the outlier mode is kept
    const loose = fitGaussianMixture(data, { seed: 4, weightThreshold: 0.001 }).mixture;
    expect(loose.modes.some((m) => Math.abs(m.mean - 60) < 1 && Math.abs(m.weight - 0.002) < 0.001)).toBe(true);
  });

  it('gives a spike of exact zeros a narrow mode of finite width', () => {
    const r = createRng(5);
    const data: number[] = [];
    for (let i = 0; i < 10_000; i++) data.push(r.next() < 0.3 ? 0 : Math.round(Math.exp(8 + r.normal())));
    const range = Math.max(...data) - Math.min(...data);
    const { mixture } = fitGaussianMixture(data, { seed: 2 });
    for (const m of mixture.modes) {
      expect(Number.isFinite(m.std)).toBe(true);
      expect(m.std).toBeGreaterThanOrEqual(range * 1e-4 * (1 - 1e-12));
    }
    const zeroMode = mixture.modes[0];
    expect(Math.abs(zeroMode.mean)).toBeLessThan(1);
    expect(zeroMode.std).toBeLessThan(range * 1e-3);
    expect(Math.abs(zeroMode.weight - 0.3)).toBeLessThan(0.02);
    const post = new Float64Array(mixture.modes.length);
    modePosterior(mixture, 0, post);
    expect(post[0]).toBeGreaterThan(0.99);
  });

  it('is deterministic by seed and subsamples large inputs', () => {
    const data = mixtureSample(100_000, 9, [
      { w: 0.6, mean: 0, std: 1 },
      { w: 0.4, mean: 8, std: 2 },
    ]);
    const a = fitGaussianMixture(data, { seed: 3 });
    const b = fitGaussianMixture(data, { seed: 3 });
    expect(a).toEqual(b);
    expect(a.info.pointsFitted).toBe(20_000);
    expect(a.mixture.modes).toHaveLength(2);
    expect(a.mixture.modes[1].mean).toBeCloseTo(8, 1);
    const c = fitGaussianMixture(data, { seed: 4 });
    expect(c.mixture.modes[0].mean).not.toBe(a.mixture.modes[0].mean);
  });

  it('handles constant, empty and non-finite input', () => {
    expect(fitGaussianMixture([4, 4, 4, NaN]).mixture.modes).toEqual([{ weight: 1, mean: 4, std: 1 }]);
    expect(fitGaussianMixture([]).mixture.modes).toHaveLength(1);
    // two point masses: two modes, floored at 0.3 x the gap between the values
    const two = fitGaussianMixture([...Array(300).fill(0), ...Array(300).fill(1)]).mixture;
    expect(two.modes).toHaveLength(2);
    expect(two.modes[0].mean).toBeCloseTo(0, 2);
    expect(two.modes[1].mean).toBeCloseTo(1, 2);
    expect(two.modes[0].std).toBeCloseTo(0.3, 12);
  });
});

describe('mode posterior', () => {
  const mix: GaussianMixture1D = {
    modes: [
      { weight: 0.5, mean: -1, std: 1 },
      { weight: 0.5, mean: 1, std: 1 },
    ],
  };
  it('matches the hand-computed posterior', () => {
    const p = new Float64Array(2);
    modePosterior(mix, 1, p);
    // N(1; 1, 1) / (N(1; 1, 1) + N(1; -1, 1)) = 1 / (1 + e^-2)
    expect(p[1]).toBeCloseTo(1 / (1 + Math.exp(-2)), 12);
    expect(p[0] + p[1]).toBeCloseTo(1, 12);
  });
  it('samples modes at their posterior frequency (not the argmax)', () => {
    const rng = createRng(11);
    const scratch = new Float64Array(2);
    let ones = 0;
    const n = 40_000;
    for (let i = 0; i < n; i++) ones += sampleMode(mix, 1, rng, scratch);
    const p = 1 / (1 + Math.exp(-2));
    // 5 standard errors
    expect(Math.abs(ones / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
  });
});
