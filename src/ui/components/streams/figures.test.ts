import { describe, expect, it } from 'vitest';
import { barText, figureVerdict, type StreamFigure } from './figures';

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
