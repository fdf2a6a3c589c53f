import { describe, expect, it } from 'vitest';
import { createRng } from '../../util/random.ts';
import { gaussianSigma } from './accounting.ts';
import { noisyCounts } from './noise.ts';

describe('Gaussian noise on a histogram', () => {
  it('adds noise with mean 0 and the variance the accounting claims', () => {
    const counts = [120, 0, 37, 5, 900, 14, 0, 3];
    const rho = 0.01;
    const sigma = gaussianSigma(rho); // 7.0710...
    const rng = createRng(11);
    const draws = 4000;
    let sum = 0;
    let sumSq = 0;
    for (let t = 0; t < draws; t++) {
      const noisy = noisyCounts(counts, sigma, rng);
      for (let i = 0; i < counts.length; i++) {
        const e = noisy[i] - counts[i];
        sum += e;
        sumSq += e * e;
      }
    }
    const m = draws * counts.length;
    const mean = sum / m;
    const variance = sumSq / m - mean * mean;
    // the sample variance of m normal draws has relative sd sqrt(2 / m) = 0.0079: allow 4 sd
    expect(Math.abs(variance / (sigma * sigma) - 1)).toBeLessThan(4 * Math.sqrt(2 / m));
    // the mean has sd sigma / sqrt(m) = 0.04
    expect(Math.abs(mean)).toBeLessThan(4 * (sigma / Math.sqrt(m)));
  });
});
