import { describe, expect, it } from 'vitest';
import { createRng } from '../../util/random.ts';
import { inclusionProbabilities, rakeInclusion, systematicSample } from './inclusion-sampling.ts';

describe('inclusion-probability sampling', () => {
  it('caps a heavy row at certainty and shares the rest in proportion to weight', () => {
    // c = 2/13 would give the heavy row 20/13 > 1: it is kept surely, the other three share 1 row
    const pi = inclusionProbabilities([1, 1, 1, 10], 2);
    expect(Array.from(pi)).toEqual([1 / 3, 1 / 3, 1 / 3, 1].map((v) => expect.closeTo(v, 12)));
    expect(Array.from(inclusionProbabilities([1, 2, 3, 4], 1))).toEqual([0.1, 0.2, 0.3, 0.4].map((v) => expect.closeTo(v, 12)));
  });

  it('keeps exactly `keep` distinct rows, each as often as its probability says', () => {
    const pi = Float64Array.from([0.1, 0.2, 0.3, 0.4, 1, 0.5, 0.5]);
    const rng = createRng(3);
    const count = new Float64Array(pi.length);
    const draws = 20_000;
    let wrongSize = 0;
    for (let d = 0; d < draws; d++) {
      const kept = systematicSample(pi, 3, rng);
      if (kept.length !== 3 || new Set(kept).size !== 3) wrongSize++;
      for (const i of kept) count[i]++;
    }
    expect(wrongSize).toBe(0);
    pi.forEach((p, i) => expect(count[i] / draws).toBeCloseTo(p, 1.7));
    expect(count[4]).toBe(draws);
  });

  it('rakes the probabilities to the target share of every bin within π ≤ 1', () => {
    // two columns, four rows: column 1 bins [0, 0, 1, 1], column 2 bins [0, 1, 0, 1]
    const targets = [
      { bin: Int32Array.from([0, 0, 1, 1]), share: Float64Array.from([0.25, 0.75]) },
      { bin: Int32Array.from([0, 1, 0, 1]), share: Float64Array.from([0.5, 0.5]) },
    ];
    const pi = rakeInclusion(Float64Array.from([0.5, 0.5, 0.5, 0.5]), targets, 2, 20);
    expect(pi[0] + pi[1]).toBeCloseTo(0.5, 6);
    expect(pi[2] + pi[3]).toBeCloseTo(1.5, 6);
    expect(pi[0] + pi[2]).toBeCloseTo(1, 6);
    expect(Math.max(...pi)).toBeLessThanOrEqual(1);
  });
});
