import { describe, expect, it } from 'vitest';
import { createRng } from '../../util/random.ts';
import type { ColumnData, QualityColumn } from '../types.ts';
import { distanceGuard } from './distance-guard.ts';

const columns: QualityColumn[] = [
  { name: 'x', kind: 'continuous' },
  { name: 'g', kind: 'discrete' },
];

function draw(n: number, seed: number): { x: number[]; g: string[] } {
  const rng = createRng(seed);
  const x: number[] = [];
  const g: string[] = [];
  for (let i = 0; i < n; i++) {
    x.push(rng.normal());
    g.push(rng.next() < 0.5 ? 'a' : 'b');
  }
  return { x, g };
}

describe('distance guard', () => {
  const train = draw(500, 1);
  // pool rows 0..299 copy training rows (distance 0); rows 300..899 are fresh draws of the same law
  const fresh = draw(600, 2);
  const pool: ColumnData = { x: [...train.x.slice(0, 300), ...fresh.x], g: [...train.g.slice(0, 300), ...fresh.g] };
  const inclusion = new Float64Array(900).fill(300 / 900);

  it('replaces kept rows that sit on training rows until the kept rows are as far as unseen rows', () => {
    // kept: 150 copies and 150 fresh rows
    const kept = Int32Array.from([...Array.from({ length: 150 }, (_, i) => i), ...Array.from({ length: 150 }, (_, i) => 300 + i)]);
    const r = distanceGuard(train, pool, columns, kept, inclusion, { seed: 3 });
    expect(r.medianBefore).toBeLessThan(1e-5);
    expect(r.kept).toHaveLength(300);
    expect(new Set(r.kept).size).toBe(300);
    // a copy is nearer than any positive quantile of the reference, and at most a share 0.02 (the
    // first quantile) of the kept rows may lie below the reference's 2 % quantile: 6 of 300
    expect(Array.from(r.kept).filter((i) => i < 300).length).toBeLessThanOrEqual(6);
    expect(r.replaced).toBeGreaterThanOrEqual(144);
    expect(r.medianAfter).toBeGreaterThanOrEqual(r.referenceMedian);
  });

  it('leaves rows alone that are already as far from training rows as unseen rows', () => {
    const kept = Int32Array.from({ length: 150 }, (_, i) => 300 + 4 * i);
    // a label no training row has: every such row is half a Gower unit from any training row
    const far: ColumnData = { x: pool.x, g: (pool.g as string[]).map((v, i) => (i >= 300 ? 'c' : v)) };
    const r = distanceGuard(train, far, columns, kept, inclusion, { seed: 3 });
    expect(r.replaced).toBe(0);
    expect(Array.from(r.kept)).toEqual(Array.from(kept));
  });

  it('swaps a close row for a far-enough spare like it (matched), not for any far-enough spare', () => {
    // kept: 150 copies of training rows that all have g = 'a', and 150 fresh rows; the spares are
    // fresh rows, half 'a' and half 'b'. A category mismatch costs more than any in-range
    // difference of x, so the nearest far-enough spare of a row has its label while there are
    // such spares left (about 225 'a' for some 150 swaps); a spare taken at random is 'b' half the time.
    const aRows = train.g.flatMap((v, i) => (v === 'a' ? [i] : [])).slice(0, 150);
    const more = draw(600, 7);
    const pool2: ColumnData = { x: [...aRows.map((i) => train.x[i]), ...more.x], g: [...aRows.map(() => 'a'), ...more.g] };
    const kept = Int32Array.from({ length: 300 }, (_, i) => i);
    const inc = new Float64Array(750).fill(300 / 750);
    const isA = (i: number) => (pool2.g as string[])[i] === 'a';
    // share of 'a' among the rows the guard added minus that among the rows it removed
    const gapA = (o: { kept: Int32Array }) => {
      const now = new Set(o.kept);
      const added = Array.from(o.kept).filter((i) => i >= 300);
      const removed = Array.from(kept).filter((i) => !now.has(i));
      return added.filter(isA).length / added.length - removed.filter(isA).length / removed.length;
    };
    // medianMargin 0: only the close-row step swaps: the close rows (the copies and the few fresh
    // rows that happen to be close) but 1.5 % of 300 = 4
    const matched = distanceGuard(train, pool2, columns, kept, inc, { seed: 1, medianMargin: 0 });
    const random = distanceGuard(train, pool2, columns, kept, inc, { seed: 1, medianMargin: 0, replacement: 'random' });
    for (const r of [matched, random]) {
      expect(r.closeBefore).toBeGreaterThanOrEqual(0.5);
      expect(r.replacedClose).toBe(Math.round(r.closeBefore * 300) - 4);
      expect(r.closeAfter).toBeLessThanOrEqual(0.015);
      expect(Array.from(r.kept).filter((i) => i < 150).length).toBeLessThanOrEqual(4);
    }
    expect(Math.abs(gapA(matched))).toBeLessThan(0.02);
    expect(gapA(random)).toBeLessThan(-0.3);
  });

  it('swaps just enough rows below the reference median to lift the kept rows\' median to it', () => {
    // 300 kept copies of training rows: all below the median; the rule is fewer than half below
    const kept = Int32Array.from({ length: 300 }, (_, i) => i);
    const inc = new Float64Array(900).fill(300 / 900);
    const r = distanceGuard(train, pool, columns, kept, inc, { seed: 4, closeShare: 1, medianMargin: 1 });
    expect(r.replacedClose).toBe(0);
    expect(r.replaced).toBe(300 - (150 - 1));
    expect(r.medianAfter).toBeGreaterThanOrEqual(r.referenceMedian);
  });
});
