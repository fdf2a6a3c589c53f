import { describe, expect, it } from 'vitest';
import { closeShareBelowHoldoutQuantile } from './closeShare';

describe('close share below the held-out DCR quantile', () => {
  it('counts synthetic rows strictly below the 2 % quantile of held-out distances (hand-computed)', () => {
    // held-out distances 0, 1, ..., 100: the 2 % quantile sits at position 0.02 · 100 = 2, value 2
    const holdout = Float64Array.from({ length: 101 }, (_, i) => 100 - i);
    const r = closeShareBelowHoldoutQuantile([0.5, 1.9, 2, 3, 50], holdout, 0.02);
    expect(r.threshold).toBe(2);
    expect(r.share).toBeCloseTo(2 / 5, 12);
  });

  it('interpolates between held-out distances and gives 0 when the quantile is 0', () => {
    // 5 % of positions 0..10 is 0.5: half-way between 1 and 3
    const r = closeShareBelowHoldoutQuantile([1.5, 2.5], [1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21], 0.05);
    expect(r.threshold).toBe(2);
    expect(r.share).toBe(0.5);
    expect(closeShareBelowHoldoutQuantile([0, 0, 1], [0, 0, 0, 5], 0.02).share).toBe(0);
  });

  it('rejects a quantile outside (0, 1)', () => {
    expect(() => closeShareBelowHoldoutQuantile([1], [1], 0)).toThrow(/quantile/);
  });
});
