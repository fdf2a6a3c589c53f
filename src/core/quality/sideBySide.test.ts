import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { referenceDir } from '../../test-support/paths';
import { categoryCoverage } from './categoryCoverage';
import { summarizeContinuous } from './continuousSummary';
import { outOfRange } from './outOfRange';
import { sideBySide } from './sideBySide';

describe('summarizeContinuous', () => {
  it('gives count, missing, mean, sample std, range and linear quantiles', () => {
    const s = summarizeContinuous([4, 1, null, 3, 2], [0, 0.25, 0.5, 1]);
    expect([s.count, s.missing, s.mean, s.min, s.max]).toEqual([4, 1, 2.5, 1, 4]);
    expect(s.std).toBeCloseTo(Math.sqrt(5 / 3), 15);
    expect(s.quantiles).toEqual([
      { q: 0, value: 1 },
      { q: 0.25, value: 1.75 },
      { q: 0.5, value: 2.5 },
      { q: 1, value: 4 },
    ]);
  });
  it('is NaN, not an error, without values', () => {
    const s = summarizeContinuous([null]);
    expect([s.count, s.missing]).toEqual([0, 1]);
    expect(s.mean).toBeNaN();
    expect(s.quantiles[0].value).toBeNaN();
  });
});

describe('outOfRange', () => {
  it('counts synthetic values outside the real min..max', () => {
    expect(outOfRange([1, 2, 3, 4], [0, 2, 5, 6, null])).toEqual({
      realMin: 1,
      realMax: 4,
      below: 1,
      above: 2,
      count: 3,
      share: 0.75,
    });
  });
});

describe('categoryCoverage', () => {
  it('lists real categories never generated and synthetic-only ones, by value', () => {
    const c = categoryCoverage(['a', 'b', 'c', '1'], ['a', 'a', '1.0', 'd', null]);
    expect(c.missingFromSynthetic).toEqual(['b', 'c']);
    expect(c.syntheticOnly).toEqual(['d']);
    expect([c.realCategories, c.syntheticCategories, c.coverage]).toEqual([4, 3, 0.5]);
    expect(c.missingShare).toEqual({ real: 0, synthetic: 0.2 });
    expect(c.frequencies[0]).toEqual({ category: 'a', real: 0.25, synthetic: 0.5 });
  });
});

describe('sideBySide on the UCI samples', () => {
  const read = (f: string) => aq.fromCSV(readFileSync(resolve(referenceDir, f), 'utf8'));
  const realT = read('uci_real_sample.csv');
  const synthT = read('uci_synthetic_sample.csv');
  const pick = (t: ReturnType<typeof read>, discrete: string[]) =>
    Object.fromEntries(
      ['LIMIT_BAL', 'AGE', 'PAY_AMT1', 'PAY_0', 'MARRIAGE'].map((n) => {
        const v = Array.from(t.array(n) as (number | null)[]);
        return [n, discrete.includes(n) ? v.map((x) => (x === null ? null : String(x))) : v];
      }),
    );
  const cols = [
    { name: 'LIMIT_BAL', kind: 'continuous' as const },
    { name: 'AGE', kind: 'continuous' as const },
    { name: 'PAY_AMT1', kind: 'continuous' as const },
    { name: 'PAY_0', kind: 'discrete' as const },
    { name: 'MARRIAGE', kind: 'discrete' as const },
  ];
  const out = sideBySide(pick(realT, ['PAY_0', 'MARRIAGE']), pick(synthT, ['PAY_0', 'MARRIAGE']), cols);

  it('finds the planted perturbations (README: LIMIT_BAL and AGE out of range, PAY_0 code 9, missing cells)', () => {
    const [limit, age, payAmt, pay0, marriage] = out;
    if (limit.kind !== 'continuous' || age.kind !== 'continuous' || payAmt.kind !== 'continuous') throw new Error('kind');
    if (pay0.kind !== 'discrete' || marriage.kind !== 'discrete') throw new Error('kind');
    // real edges (reference JSON): LIMIT_BAL 10,000..800,000, AGE 21..74
    expect([limit.outOfRange.realMin, limit.outOfRange.realMax]).toEqual([10000, 800000]);
    expect(limit.synthetic.max).toBe(2500000);
    expect(limit.outOfRange.above).toBeGreaterThanOrEqual(3);
    expect(age.outOfRange.below).toBe(2);
    expect(age.synthetic.min).toBe(18);
    expect(payAmt.synthetic.missing).toBe(150);
    expect(payAmt.real.missing).toBe(0);
    expect(pay0.coverage.syntheticOnly).toContain('9');
    expect(marriage.coverage.missingShare.synthetic).toBeCloseTo(120 / 3000, 15);
  });
});
