import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { createRng } from '../../util/random.ts';
import { schemaFor } from '../testing/uci.ts';
import { arCartEngine } from './ar-cart-engine.ts';
import { stretchToRangeEnds } from '../range-ends.ts';
import type { NumericCoder } from '../column-coder.ts';

/** k ∈ {a, b}; amt Pareto (α = 1.2, scale 1,000) rounded: a few values far out in the tail. */
function heavyTailTable(n: number, seed = 11) {
  const rng = createRng(seed);
  const k: string[] = [];
  const amt: number[] = [];
  for (let i = 0; i < n; i++) {
    k.push(rng.next() < 0.4 ? 'a' : 'b');
    amt.push(Math.round(1000 / Math.pow(1 - rng.next(), 1 / 1.2)));
  }
  const table = aq.table({ k, amt }, ['k', 'amt']);
  return { table, schema: schemaFor(table, ['k'], null), amt };
}

const coder: NumericCoder = {
  kind: 'numeric',
  column: { name: 'x', role: 'continuous', integer: true },
  // a point mass at 0 below one range bin whose last stretch runs from 20 to the real maximum 100
  bins: [{ type: 'point', value: 0 }, { type: 'range', knots: [1, 10, 20, 100] }],
  missingCode: -1,
  support: [0, 100],
  step: 1,
};

describe('stretchToRangeEnds', () => {
  it('moves the largest draw into [60, 100) and the smallest into (1, 5.5] (rounded), never onto a real end', () => {
    for (let seed = 0; seed < 20; seed++) {
      const values = [[9, 12, 15, 8]];
      expect(stretchToRangeEnds([coder], values, null, createRng(seed))).toBe(2);
      const x = values[0] as number[];
      expect([x[0], x[1]]).toEqual([9, 12]);
      expect(x[2]).toBeGreaterThanOrEqual(60);
      expect(x[2]).toBeLessThan(100);
      expect(Number.isInteger(x[2])).toBe(true);
      expect(x[3]).toBeLessThanOrEqual(6);
      expect(x[3]).toBeGreaterThanOrEqual(2);
    }
    // the sample's minimum is the point mass 0, already the real minimum: that end stays
    const withPoint = [[0, 9, 12, 15, 8]];
    expect(stretchToRangeEnds([coder], withPoint, null, createRng(0))).toBe(1);
    expect([withPoint[0][0], withPoint[0][4]]).toEqual([0, 8]);
  });

  it('leaves a draw already further out, and undoes a move that would copy a rare row', () => {
    const values = [[0, 5, 99, 3]];
    stretchToRangeEnds([coder], values, () => true, createRng(1));
    expect(values[0]).toEqual([0, 5, 99, 3]);
  });
});

describe('ar-cart range ends', () => {
  const { table, schema, amt } = heavyTailTable(3000);
  const max = Math.max(...amt);
  const min = Math.min(...amt);

  it('a training-sized sample differs from the plain draw in at most one value per end, moved outward', async () => {
    const fitted = await arCartEngine.fit(table, schema, { seed: 1 });
    const plain = await arCartEngine.fit(table, schema, { seed: 1, rangeEnds: false });
    const s = (await fitted.sample(3000, {}, 2)).array('amt') as number[];
    const p = (await plain.sample(3000, {}, 2)).array('amt') as number[];
    const changed = s.map((_, i) => i).filter((i) => s[i] !== p[i]);
    expect(changed.length).toBeLessThanOrEqual(2);
    expect(Math.max(...s)).toBeGreaterThanOrEqual(Math.max(...p));
    expect(Math.min(...s)).toBeLessThanOrEqual(Math.min(...p));
    expect(Math.max(...s)).toBeLessThan(max);
    expect(Math.min(...s)).toBeGreaterThan(min - 1);
  });

  it('leaves small and conditioned samples alone', async () => {
    const fitted = await arCartEngine.fit(table, schema, { seed: 1 });
    const plain = await arCartEngine.fit(table, schema, { seed: 1, rangeEnds: false });
    expect((await fitted.sample(500, {}, 3)).objects()).toEqual((await plain.sample(500, {}, 3)).objects());
    const cond = { fixed: { k: 'a' } };
    expect((await fitted.sample(3000, cond, 4)).objects()).toEqual((await plain.sample(3000, cond, 4)).objects());
  });
});
