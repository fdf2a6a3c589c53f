import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { schemaOf } from '../clean/test-schema.ts';
import type { CategoricalSummary, NumericSummary } from './summarize.ts';
import { sampleSkew, summarize } from './summarize.ts';
import { quantileSorted } from './quantile.ts';

describe('summarize', () => {
  const table = aq.table({
    x: [1, 2, 3, 4, 10, null],
    c: ['a', 'b', 'a', null, 'c', 'a'],
  });
  const schema = schemaOf({ x: 'continuous', c: 'categorical' }, 6);
  const [x, c] = summarize(table, schema) as [NumericSummary, CategoricalSummary];

  it('computes numeric statistics by hand', () => {
    // values 1,2,3,4,10: mean 4, deviations −3,−2,−1,0,6; Σd² = 50, Σd³ = 180
    expect(x.kind).toBe('numeric');
    expect(x.count).toBe(5);
    expect(x.missing).toBe(1);
    expect(x.distinct).toBe(5);
    expect(x.mean).toBe(4);
    expect(x.std).toBeCloseTo(Math.sqrt(50 / 4), 12); // sample std, n − 1
    expect([x.min, x.q1, x.median, x.q3, x.max]).toEqual([1, 2, 3, 4, 10]);
    // linear interpolation: p01 at rank 0.04 → 1.04; p99 at rank 3.96 → 4 + 0.96·6
    expect(x.p01).toBeCloseTo(1.04, 12);
    expect(x.p99).toBeCloseTo(9.76, 12);
    // adjusted Fisher-Pearson: sqrt(5·4)/3 · (180/5) / (50/5)^1.5 = 1.2·√2 (pandas skew())
    expect(x.skew).toBeCloseTo(1.2 * Math.SQRT2, 12);
  });

  it('computes categorical counts', () => {
    expect(c).toMatchObject({ kind: 'categorical', count: 5, missing: 1, distinct: 3 });
    expect(c.top[0]).toEqual({ value: 'a', count: 3, share: 0.6 });
    expect(c.top.map((t) => t.value)).toEqual(['a', 'b', 'c']);
  });

  it('skew is 0 for a constant column, NaN below 3 values, and sign-symmetric', () => {
    expect(sampleSkew(Float64Array.from([5, 5, 5, 5]))).toBe(0);
    expect(sampleSkew(Float64Array.from([1, 2]))).toBeNaN();
    expect(sampleSkew(Float64Array.from([-1, -2, -3, -4, -10]))).toBeCloseTo(-1.2 * Math.SQRT2, 12);
  });

  it('quantiles interpolate linearly', () => {
    expect(quantileSorted([10, 20, 30, 40], 0.5)).toBe(25);
    expect(quantileSorted([10, 20, 30, 40], 1 / 3)).toBeCloseTo(20, 12);
  });
});
