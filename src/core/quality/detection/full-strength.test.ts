import { describe, expect, it } from 'vitest';
import { createRng } from '../../util/random.ts';
import type { ColumnData, QualityColumn } from '../types.ts';
import { DETECTION_MAX_ROWS_PER_SIDE, DetectionStoppedError, detectionScore, detectionScoreAsync } from './detectionScore.ts';

const columns: QualityColumn[] = [
  { name: 'a', kind: 'continuous' },
  { name: 'b', kind: 'continuous' },
  { name: 'c', kind: 'discrete' },
];

/** a ~ N(0, 1), b = a + N(0, 0.5²) (+ shift), c a label that depends on a */
function toy(n: number, seed: number, shiftB = 0): ColumnData {
  const rng = createRng(seed);
  const a: number[] = [];
  const b: number[] = [];
  const c: string[] = [];
  for (let i = 0; i < n; i++) {
    const x = rng.normal();
    a.push(x);
    b.push(x + 0.5 * rng.normal() + shiftB);
    c.push(x + rng.normal() > 0 ? 'yes' : 'no');
  }
  return { a, b, c };
}

describe('detection at full strength', () => {
  it('uses every row up to 30,000 a side by default and says so', () => {
    expect(DETECTION_MAX_ROWS_PER_SIDE).toBe(30_000);
    // more than the old default of 10,000: all of them are used
    const r = detectionScore(toy(10_500, 1), toy(11_000, 2), columns, { pairColumns: 0, gbdt: { maxIter: 5 } });
    expect(r.rowsPerSide).toBe(10_500);
    expect(r.rowsAvailable).toEqual({ real: 10_500, synthetic: 11_000 });
    expect(r.foldRounds).toHaveLength(3);
  });

  it('scores two samples of one distribution as indistinguishable (about 1)', () => {
    const r = detectionScore(toy(3000, 3), toy(3000, 4), columns, { pairColumns: 0 });
    expect(r.meanAuc).toBeLessThan(0.54);
    expect(r.score).toBeGreaterThan(0.92);
  });

  it('catches a shifted column (about 0) and names it first', () => {
    const r = detectionScore(toy(3000, 5), toy(3000, 6, 3), columns, { pairColumns: 3 });
    expect(r.meanAuc).toBeGreaterThan(0.97);
    expect(r.score).toBeLessThan(0.06);
    expect(r.columns[0].column).toBe('b');
    expect(r.columns[0].singleColumnAuc).toBeGreaterThan(0.9);
  });

  it('gives the same answer in the worker (async, step by step) and stops when asked', async () => {
    const real = toy(1200, 7);
    const fake = toy(1200, 8, 0.5);
    const sync = detectionScore(real, fake, columns, { pairColumns: 0, seed: 3 });
    const messages: string[] = [];
    const async = await detectionScoreAsync(real, fake, columns, { pairColumns: 0, seed: 3 }, { onProgress: (_, m) => messages.push(m) });
    expect(async.foldAucs).toEqual(sync.foldAucs);
    expect(messages[0]).toMatch(/fold 1 of 3/);
    let calls = 0;
    await expect(detectionScoreAsync(real, fake, columns, {}, { shouldStop: () => ++calls > 2 })).rejects.toBeInstanceOf(DetectionStoppedError);
  });
});
