import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../util/random.ts';
import { groupStreams } from './customer-streams.ts';
import { classCount, habitSummaries, kMeansClasses, standardise } from './customer-classes.ts';

describe('latent customer classes', () => {
  it('recovers three well-separated groups, whatever the order of the customers', () => {
    const rng = createRng(4);
    const centres = [
      [0, 0, 0],
      [10, 0, 5],
      [0, 10, -5],
    ];
    const truth: number[] = [];
    const x: number[][] = [];
    for (let i = 0; i < 30; i++) {
      const g = (i * 7) % 3;
      truth.push(g);
      x.push(centres[g].map((c) => c + rng.normal()));
    }
    const labels = kMeansClasses(x, 3, 1);
    // same partition: customers share a class exactly when they share a group
    for (let i = 0; i < 30; i++) for (let j = 0; j < 30; j++) expect(labels[i] === labels[j]).toBe(truth[i] === truth[j]);
  });

  it('moves the members of a class smaller than the minimum into the nearest class', () => {
    // 6 near 0, 6 near 10, one far out at 100: a class of one would replay that customer
    const x = [...Array.from({ length: 6 }, (_, i) => [i * 0.1]), ...Array.from({ length: 6 }, (_, i) => [10 + i * 0.1]), [100]];
    const labels = kMeansClasses(x, 3, 2, 3);
    const sizes = new Map<number, number>();
    labels.forEach((c) => sizes.set(c, (sizes.get(c) ?? 0) + 1));
    expect([...sizes.values()].every((s) => s >= 3)).toBe(true);
    // the outlier joins the group near 10, its nearest
    expect(labels[12]).toBe(labels[6]);
    expect(labels[0]).not.toBe(labels[6]);
  });

  it('standardises columns to mean 0 and spread 1, constant and missing values at 0', () => {
    const z = standardise([
      [1, 5, NaN],
      [3, 5, 2],
    ]);
    expect(z.map((r) => r[0])).toEqual([-1, 1]);
    expect(z.map((r) => r[1])).toEqual([0, 0]);
    expect(z[0][2]).toBe(0);
  });

  it('sums up a stream: events, span, category shares, weekend and night shares, gaps, amounts', () => {
    const day = 864e5;
    // 2024-01-06 was a Saturday; one customer, 4 events
    const sat = Date.UTC(2024, 0, 6);
    const time = [sat + 10 * 36e5, sat + day + 23 * 36e5, sat + 2 * day + 12 * 36e5, sat + 4 * day + 12 * 36e5];
    const table = aq.table({ card: ['x', 'x', 'x', 'x'], time, category: ['a', 'a', 'b', 'a'], amt: [Math.E - 1, Math.E - 1, Math.E ** 3 - 1, Math.E ** 3 - 1] });
    const streams = groupStreams(table, ['card'], 'time');
    const [s] = habitSummaries(table, 'time', streams, { categorical: ['category'], numeric: ['amt'] });
    const gaps = [(day + 13 * 36e5) / 1000, (day - 11 * 36e5) / 1000, (2 * day) / 1000].map((g) => Math.log1p(g));
    const gm = gaps.reduce((a, b) => a + b) / 3;
    const gsd = Math.sqrt(gaps.reduce((a, g) => a + (g - gm) ** 2, 0) / 2);
    const expected = [Math.log(4), 4 + 2 / 24, 0.75, 0.25, 0.5, 0.25, gm, gsd, 2, Math.sqrt(4 / 3)];
    expect(s).toHaveLength(expected.length);
    s.forEach((v, k) => expect(v).toBeCloseTo(expected[k], 9));
  });

  it('chooses about sqrt(n / 2) classes, at most 12', () => {
    expect(classCount(84)).toBe(6);
    expect(classCount(8)).toBe(2);
    expect(classCount(10_000)).toBe(12);
  });
});
