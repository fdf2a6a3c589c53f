import { describe, expect, it } from 'vitest';
import { barText, figureVerdict, fraudModelFigures, type StreamFigure } from './figures';

const fig = (value: number | null, bar: StreamFigure['bar']): StreamFigure => ({ id: 'x', label: 'x', value, bar, note: '' });

describe('stream figure verdicts', () => {
  it('at least, at most, near one; no value or no bar is n/a', () => {
    expect(figureVerdict(fig(0.9, { kind: 'at-least', min: 0.9 }))).toBe('met');
    expect(figureVerdict(fig(0.89, { kind: 'at-least', min: 0.9 }))).toBe('not-met');
    expect(figureVerdict(fig(0, { kind: 'at-most', max: 0 }))).toBe('met');
    expect(figureVerdict(fig(1, { kind: 'at-most', max: 0 }))).toBe('not-met');
    expect(figureVerdict(fig(1.25, { kind: 'near-one', within: 0.25 }))).toBe('met');
    expect(figureVerdict(fig(0.7, { kind: 'near-one', within: 0.25 }))).toBe('not-met');
    expect(figureVerdict(fig(null, { kind: 'at-least', min: 0.5 }))).toBe('n/a');
    expect(figureVerdict(fig(0.3, null))).toBe('n/a');
    expect(barText(fig(1, { kind: 'near-one', within: 0.25 }))).toBe('1 ± 0.25');
  });
});

describe('fraud model figures', () => {
  it('TSTR, TRTR and the ratio held to 0.90; the later period named; a skip is one row with its reason', () => {
    const rows = fraudModelFigures({ fraudModel: { tstr: 0.855, trtr: 0.95, ratio: 0.9, testEvents: 1200, testFraudEvents: 12, laterPeriodFrom: Date.UTC(2020, 5, 1) } });
    expect(rows.map((r) => [r.id, r.value, figureVerdict(r)])).toEqual([
      ['fraud-tstr', 0.855, 'n/a'],
      ['fraud-trtr', 0.95, 'n/a'],
      ['fraud-ratio', 0.9, 'met'],
    ]);
    expect(rows[0].note).toBe('GBDT with the history features, tested on 1,200 held-out real transactions (12 fraud) in the later period from 2020-06-01');
    const below = fraudModelFigures({ fraudModel: { tstr: 0.76, trtr: 0.95, ratio: 0.8, testEvents: 10, testFraudEvents: 5, laterPeriodFrom: null } });
    expect(figureVerdict(below[2])).toBe('not-met');
    const skipped = fraudModelFigures({ fraudModel: { skipped: 'too few', laterPeriodFrom: null } });
    expect(skipped.map((r) => [r.id, r.value, figureVerdict(r), r.note])).toEqual([['fraud-ratio', null, 'n/a', 'too few']]);
  });
});
