import { describe, expect, test } from 'vitest';
import { indexAboveCumulative } from './cumulative-search';
import { createRng } from './random';

describe('indexAboveCumulative', () => {
  // probabilities 0.2, 0, 0.5, 0.3
  const cum = [0.2, 0.2, 0.7, 1];

  test('the first index whose cumulative value is above u; a zero-probability index is skipped', () => {
    expect(indexAboveCumulative(cum, 0)).toBe(0);
    expect(indexAboveCumulative(cum, 0.19)).toBe(0);
    expect(indexAboveCumulative(cum, 0.2)).toBe(2);
    expect(indexAboveCumulative(cum, 0.69)).toBe(2);
    expect(indexAboveCumulative(cum, 0.7)).toBe(3);
    expect(indexAboveCumulative(cum, 0.999)).toBe(3);
  });

  test('an offset and length pick one distribution out of several laid side by side; the index is relative', () => {
    const two = [0.5, 1, 0.1, 0.4, 1];
    expect(indexAboveCumulative(two, 0.7, 0, 2)).toBe(1);
    expect(indexAboveCumulative(two, 0.05, 2, 3)).toBe(0);
    expect(indexAboveCumulative(two, 0.3, 2, 3)).toBe(1);
    expect(indexAboveCumulative(two, 0.99, 2, 3)).toBe(2);
  });

  test('uniform u draws each index with its probability', () => {
    const rng = createRng(11);
    const counts = [0, 0, 0, 0];
    const n = 100_000;
    for (let i = 0; i < n; i++) counts[indexAboveCumulative(cum, rng.next())]++;
    expect(counts[1]).toBe(0);
    expect(counts[0] / n).toBeCloseTo(0.2, 2);
    expect(counts[2] / n).toBeCloseTo(0.5, 2);
    expect(counts[3] / n).toBeCloseTo(0.3, 2);
  });
});
