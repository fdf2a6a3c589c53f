import { describe, expect, it } from 'vitest';
import { DEFAULT_COST_RATIO, suggestCutoff } from './cutoff-suggestion.ts';
import { evaluateCutoff } from './cutoff.ts';

describe('suggested cut-off', () => {
  it('is 1 / (1 + R) for a calibrated model: R = 0.45 / 0.05 = 9 gives 10 %', () => {
    expect(DEFAULT_COST_RATIO).toBeCloseTo(9, 12);
    const s = suggestCutoff({ targetRate: 0.06 });
    expect(s.pd).toBeCloseTo(0.1, 12);
    expect(s.explanation).toContain('10.0 %');
  });

  it('moves with the share the model was trained on (hand-computed)', () => {
    // balanced weights (as if 50 %) on a 6 % target: odds (1/9)·(0.5/0.5)/(0.06/0.94) = 0.94/0.54; pd = 0.94/1.48
    expect(suggestCutoff({ targetRate: 0.06, modelRate: 0.5 }).pd).toBeCloseTo(0.94 / 1.48, 12);
    // oversampled to 30 %: odds (1/9)·(0.3/0.7)/(0.06/0.94) = 0.282/0.378 = 47/63; pd = 47/110
    expect(suggestCutoff({ targetRate: 0.06, modelRate: 0.3 }).pd).toBeCloseTo(47 / 110, 12);
    // cost ratio 3, calibrated: 1/4
    expect(suggestCutoff({ targetRate: 0.2, costRatio: 3 }).pd).toBeCloseTo(0.25, 12);
  });

  it('does not approve almost everyone on a 6 % target, as a flat 50 % does', () => {
    // calibrated PDs of 100 applicants: 80 at 2 %, 12 at 15 %, 6 at 40 %, 2 at 60 %
    const pd = [...Array(80).fill(0.02), ...Array(12).fill(0.15), ...Array(6).fill(0.4), ...Array(2).fill(0.6)];
    expect(evaluateCutoff({ pd }, 0.5).approvalRate).toBe(0.98);
    expect(evaluateCutoff({ pd }, suggestCutoff({ targetRate: 0.06 }).pd).approvalRate).toBe(0.8);
  });

  it('rejects rates outside (0, 1) and a non-positive cost ratio', () => {
    expect(() => suggestCutoff({ targetRate: 0 })).toThrow(/target rate/);
    expect(() => suggestCutoff({ targetRate: 0.1, modelRate: 1 })).toThrow(/share/);
    expect(() => suggestCutoff({ targetRate: 0.1, costRatio: 0 })).toThrow(/cost ratio/);
  });
});
