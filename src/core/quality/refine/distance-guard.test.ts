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
});
