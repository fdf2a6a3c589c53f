import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { streamView } from './stream-view.ts';
import { binnedShares, streamDistributions, transitionMatrices, OTHER_CATEGORY } from './stream-distributions.ts';

const H = 36e5;
const cols = { key: ['k'], time: 't', amount: 'amt', category: 'cat', target: 'y', positive: '1' };

describe('stream distributions', () => {
  it('whole numbers get one bin each, shares per side', () => {
    const d = binnedShares('n', [1, 1, 3], [2, 3]);
    if (d.kind !== 'continuous') throw new Error('expected bins');
    expect(d.bins.map((b) => [b.lo, b.hi])).toEqual([
      [0.5, 1.5],
      [1.5, 2.5],
      [2.5, 3.5],
    ]);
    expect(d.bins.map((b) => b.real)).toEqual([2 / 3, 0, 1 / 3]);
    expect(d.bins.map((b) => b.synthetic)).toEqual([0, 0.5, 0.5]);
  });

  it('fractions get equal-width bins over both sides; the maximum lands in the last bin', () => {
    const d = binnedShares('x', [0, 0.25], [1], 4);
    if (d.kind !== 'continuous') throw new Error('expected bins');
    expect(d.bins).toHaveLength(4);
    expect(d.bins.map((b) => b.real)).toEqual([0.5, 0.5, 0, 0]);
    expect(d.bins.map((b) => b.synthetic)).toEqual([0, 0, 0, 1]);
  });

  it('hours, weekdays, events and fraud per customer by hand', () => {
    // 1970-01-01 (day 0) was a Thursday; day 3 a Sunday
    const real = streamView(
      aq.table({ k: ['A', 'A', 'B'], t: [1 * H, 3 * 24 * H + 5 * H, 2 * H], amt: [10, 30, 5], cat: ['x', 'y', 'x'], y: ['0', '1', '1'] }),
      cols,
    );
    const synth = streamView(aq.table({ k: ['C', 'C'], t: [1 * H, 2 * H], amt: [4, 6], cat: ['x', 'x'], y: ['1', '1'] }), cols);
    const d = streamDistributions(real, synth, 'amt');
    if (d.hour.kind !== 'discrete' || d.weekday.kind !== 'discrete') throw new Error('expected labels');
    expect(d.hour.categories[1]).toEqual({ category: '01', real: 1 / 3, synthetic: 0.5 });
    expect(d.hour.categories[5].real).toBeCloseTo(1 / 3, 12);
    expect(d.weekday.categories.find((c) => c.category === 'Thu')).toEqual({ category: 'Thu', real: 2 / 3, synthetic: 1 });
    expect(d.weekday.categories.find((c) => c.category === 'Sun')!.real).toBeCloseTo(1 / 3, 12);
    if (d.eventsPerCustomer.kind !== 'continuous' || d.fraudEventsPerFraudCustomer?.kind !== 'continuous') throw new Error('expected bins');
    // real: A has 2 events, B 1; synthetic: C has 2
    expect(d.eventsPerCustomer.bins.map((b) => [b.lo + 0.5, b.real, b.synthetic])).toEqual([
      [1, 0.5, 0],
      [2, 0.5, 1],
    ]);
    // real fraudulent customers A (1 event) and B (1); synthetic C (2)
    expect(d.fraudEventsPerFraudCustomer.bins.map((b) => [b.lo + 0.5, b.real, b.synthetic])).toEqual([
      [1, 1, 0],
      [2, 0, 1],
    ]);
    if (d.customerMeanAmount?.kind !== 'continuous') throw new Error('expected bins');
    // means: A 20, B 5; C 5
    expect(d.customerMeanAmount.bins[0].real).toBe(0.5);
    expect(d.customerMeanAmount.bins[0].synthetic).toBe(1);
    expect(d.customerMeanAmount.bins.at(-1)!.real).toBe(0.5);
  });

  it('transition matrices: row-normalised, rare categories pooled as other, a row never left is NaN', () => {
    const real = streamView(aq.table({ k: ['A', 'A', 'A', 'A'], t: [1, 2, 3, 4], cat: ['x', 'y', 'x', 'z'] }), { ...cols, amount: null, target: null });
    const synth = streamView(aq.table({ k: ['B', 'B', 'B'], t: [1, 2, 3], cat: ['x', 'x', 'y'] }), { ...cols, amount: null, target: null });
    const m = transitionMatrices(real, synth, 1)!;
    expect(m.categories).toEqual(['x', OTHER_CATEGORY]);
    // real: x→y (other), y→x, x→z (other): from x: other 1; from other: x 1
    expect(m.real).toEqual([
      [0, 1],
      [1, 0],
    ]);
    // synthetic: x→x, x→y(other): from x: ½ ½; other never left
    expect(m.synthetic[0]).toEqual([0.5, 0.5]);
    expect(m.synthetic[1].every((x) => Number.isNaN(x))).toBe(true);
  });
});
