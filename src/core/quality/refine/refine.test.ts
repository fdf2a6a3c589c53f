import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../util/random.ts';
import { detectionScore } from '../detection/detectionScore.ts';
import type { ColumnData, QualityColumn } from '../types.ts';
import type { DatasetSchema } from '../../data/schema.ts';
import { refineByDetector, RefineStoppedError } from './refine-by-detector.ts';
import { refineSample } from './refine-sample.ts';

const columns: QualityColumn[] = [
  { name: 'a', kind: 'continuous' },
  { name: 'b', kind: 'continuous' },
  { name: 'c', kind: 'discrete' },
];

/**
 * Real: b = a + small noise. The "engine" gets b right for a share `good` of its rows and wrong
 * (independent of a, same spread) for the rest: one column is wrong, in half the rows.
 */
function rows(n: number, seed: number, good: number): ColumnData & { ok: number[] } {
  const rng = createRng(seed);
  const a: number[] = [];
  const b: number[] = [];
  const c: string[] = [];
  const ok: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = rng.normal();
    const right = rng.next() < good;
    a.push(x);
    b.push(right ? x + 0.3 * rng.normal() : Math.hypot(1, 0.3) * rng.normal());
    c.push(rng.next() < 0.3 ? 'p' : 'q');
    ok.push(right ? 1 : 0);
  }
  return { a, b, c, ok };
}

const pick = (d: ColumnData, idx: ArrayLike<number>): ColumnData =>
  Object.fromEntries(columns.map((col) => [col.name, Array.from(idx, (i) => (d[col.name] as ArrayLike<unknown>)[i])])) as ColumnData;

describe('detector-guided refinement', () => {
  const real = rows(1500, 1, 1);
  const pool = rows(4500, 2, 0.5);

  it('keeps mostly the right rows and makes the kept rows harder to detect than a plain draw', async () => {
    const r = await refineByDetector(real, pool, columns, 1500, { rounds: 2, seed: 0 });
    expect(r.kept).toHaveLength(1500);
    expect(new Set(r.kept).size).toBe(1500);
    const rightShare = Array.from(r.kept).reduce((s, i) => s + pool.ok[i], 0) / 1500;
    // a plain draw keeps 50 % right rows
    expect(rightShare).toBeGreaterThan(0.65);
    // the first round sees the pool as it came: clearly detectable; the last round less so
    expect(r.rounds[0].auc).toBeGreaterThan(0.6);
    expect(r.rounds[1].auc).toBeLessThan(r.rounds[0].auc);
    expect(r.rounds[0].topColumns.map((t) => t.column).slice(0, 2)).toContain('b');

    const fresh = rows(1500, 3, 1);
    const plain = detectionScore(fresh, pick(pool, Int32Array.from({ length: 1500 }, (_, i) => i)), columns, { pairColumns: 0 });
    const refined = detectionScore(fresh, pick(pool, r.kept), columns, { pairColumns: 0 });
    expect(refined.score).toBeGreaterThan(plain.score + 0.15);
  });

  it('moves a shifted pool back onto the real distribution (known answer: mean 0, sd 1)', async () => {
    // real a ~ N(0, 1); the engine's a ~ N(0.6, 1): the density ratio exp(-0.6 a + 0.18) is what
    // the classifier's odds estimate, and the rows kept under it follow N(0, 1) again
    const rng = createRng(11);
    const normal = (n: number, mu: number) => Array.from({ length: n }, () => mu + rng.normal());
    const cols: QualityColumn[] = [{ name: 'a', kind: 'continuous' }];
    const realA = { a: normal(2000, 0) };
    const poolA = { a: normal(8000, 0.6) };
    const r = await refineByDetector(realA, poolA, cols, 1500, { rounds: 2, seed: 3, rakeMarginals: false, keepExtremes: false });
    const kept = Array.from(r.kept, (i) => poolA.a[i]);
    const mean = kept.reduce((s, v) => s + v, 0) / kept.length;
    const sd = Math.sqrt(kept.reduce((s, v) => s + (v - mean) ** 2, 0) / kept.length);
    expect(Math.abs(mean)).toBeLessThan(0.1);
    expect(Math.abs(sd - 1)).toBeLessThan(0.08);
    // the first round sees the shift (AUC of N(0.6, 1) against N(0, 1) is Φ(0.6 / √2) ≈ 0.66)
    expect(r.rounds[0].auc).toBeGreaterThan(0.6);
  });

  it('changes nothing much when the pool is already right', async () => {
    const same = rows(4500, 4, 1);
    const r = await refineByDetector(real, same, columns, 1500, { rounds: 1, seed: 0 });
    expect(r.rounds[0].auc).toBeLessThan(0.56);
    expect(r.effectiveShare).toBeGreaterThan(0.8);
    // a round the classifier cannot win (AUC at or below stopAtAuc) reweights nothing and ends the loop
    const stopped = await refineByDetector(real, same, columns, 1500, { rounds: 3, stopAtAuc: 0.56, seed: 0 });
    expect(stopped.rounds).toHaveLength(1);
    expect(stopped.rounds[0].auc).toBeCloseTo(r.rounds[0].auc, 10);
    expect(stopped.effectiveShare).toBe(1);
  });

  it('keeps the shape of every column (raking) and is deterministic for a seed', async () => {
    const a = await refineByDetector(real, pool, columns, 1500, { rounds: 1, seed: 5 });
    const b = await refineByDetector(real, pool, columns, 1500, { rounds: 1, seed: 5 });
    expect(Array.from(a.kept)).toEqual(Array.from(b.kept));
    const share = (d: ArrayLike<unknown>) => Array.from(d).filter((v) => v === 'p').length / d.length;
    const kept = pick(pool, a.kept);
    expect(Math.abs(share(kept.c as ArrayLike<unknown>) - share(real.c as ArrayLike<unknown>))).toBeLessThan(0.03);
  });

  it('keeps the pool rows nearest the real minimum and maximum of every continuous column', async () => {
    const r = await refineByDetector(real, pool, columns, 1500, { rounds: 1, seed: 2 });
    const kept = pick(pool, r.kept);
    for (const name of ['a', 'b']) {
      const rv = real[name] as number[];
      const pv = pool[name] as number[];
      const [lo, hi] = [Math.min(...rv), Math.max(...rv)];
      const inside = pv.filter((v) => v >= lo && v <= hi);
      // the pool (normal draws) reaches past the real range too; those rows are kept by chance only
      const kv = (kept[name] as number[]).filter((v) => v >= lo && v <= hi);
      expect(Math.max(...kv)).toBe(Math.max(...inside));
      expect(Math.min(...kv)).toBe(Math.min(...inside));
    }
    // without the rule a 1-in-3 draw keeps the pool's largest in-range value only by chance: here it does not
    const plain = await refineByDetector(real, pool, columns, 1500, { rounds: 1, seed: 2, keepExtremes: false });
    const pa = pool.a as number[];
    const hiA = Math.max(...(real.a as number[]));
    const keptA = (pick(pool, plain.kept).a as number[]).filter((v) => v <= hiA);
    expect(Math.max(...keptA)).toBeLessThan(Math.max(...pa.filter((v) => v <= hiA)));
  });

  it('stops when asked and refuses to keep more rows than the pool has', async () => {
    await expect(refineByDetector(real, pool, columns, 1500, { shouldStop: () => true })).rejects.toBeInstanceOf(RefineStoppedError);
    await expect(refineByDetector(real, pool, columns, 5000)).rejects.toThrow(/pool of 4500/);
  });

  it('draws the pool from the engine and returns a table of the rows kept (the path Validate and the bench share)', async () => {
    const schema: DatasetSchema = {
      columns: [
        { name: 'a', role: 'continuous' },
        { name: 'b', role: 'continuous' },
        { name: 'c', role: 'categorical' },
      ],
      target: null,
      positiveLabel: null,
    } as unknown as DatasetSchema;
    const train = aq.table({ a: real.a, b: real.b, c: real.c } as never);
    const draws: number[] = [];
    const draw = async (n: number, seed: number) => {
      draws.push(n);
      const d = rows(n, seed, 0.5);
      return aq.table({ a: d.a, b: d.b, c: d.c } as never);
    };
    const out = await refineSample(draw, train, schema, 1000, { rounds: 1, poolFactor: 3 });
    expect(draws).toEqual([3000]);
    expect(out.table.numRows()).toBe(1000);
    expect(out.poolRows).toBe(3000);
    expect(out.table.columnNames()).toEqual(['a', 'b', 'c']);
  });
});
