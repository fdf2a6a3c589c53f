import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { createRng } from '../../util/random.ts';
import { schemaFor } from '../testing/uci.ts';
import { arCartEngine } from './ar-cart-engine.ts';

/**
 * Known answer: bill2 equals bill1 in 30 % of rows (an idle card) and is bill1 + N(0, 200²)
 * otherwise; pay equals bill2 in 25 % of rows (paid in full) and is an independent small amount
 * otherwise. All amounts are distinct nonzero integers, so no value is a point mass: without the
 * offsets, equal pairs come out only by chance.
 */
function billTable(n: number, seed = 7) {
  const rng = createRng(seed);
  const bill1: number[] = [];
  const bill2: number[] = [];
  const pay: number[] = [];
  const k: string[] = [];
  for (let i = 0; i < n; i++) {
    const b1 = Math.round(Math.exp(9 + 1.2 * rng.normal())) + 1;
    const b2 = rng.next() < 0.3 ? b1 : Math.max(1, b1 + Math.round(200 * rng.normal()));
    bill1.push(b1);
    bill2.push(b2);
    pay.push(rng.next() < 0.25 ? b2 : Math.round(Math.exp(6 + rng.normal())) + 1);
    k.push(b1 > 8000 ? 'hi' : 'lo');
  }
  const table = aq.table({ k, bill1, bill2, pay }, ['k', 'bill1', 'bill2', 'pay']);
  return { table, schema: schemaFor(table, ['k'], null) };
}

function equalShare(a: ArrayLike<unknown>, b: ArrayLike<unknown>): number {
  let e = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) e++;
  return e / a.length;
}

/** |b − a| over the rows where they differ */
function gaps(a: number[], b: number[]): number[] {
  return a.map((v, i) => Math.abs(b[i] - v)).filter((d) => d > 0);
}

function quantile(values: number[], q: number): number {
  const s = values.slice().sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

describe('ar-cart donor offsets', () => {
  const { table, schema } = billTable(4000);

  it('keeps the share of equal amounts and the spread of their differences', async () => {
    const fitted = await arCartEngine.fit(table, schema, { seed: 1 });
    const s = await fitted.sample(4000, {}, 2);
    const b1 = s.array('bill1') as number[];
    const b2 = s.array('bill2') as number[];
    const pay = s.array('pay') as number[];
    // real: 0.30 and 0.25 (+ the few chance equalities); within-bin draws alone give almost none.
    // The trees draw bill2's bin from leaves that pool a few of bill1's bins, so some rows get a
    // pair of bins that no equal real pair had: about three quarters of the equal pairs come back
    expect(equalShare(b1, b2)).toBeGreaterThan(0.2);
    expect(equalShare(b1, b2)).toBeLessThan(0.34);
    expect(equalShare(b2, pay)).toBeGreaterThan(0.14);
    expect(equalShare(b2, pay)).toBeLessThan(0.29);
    // |bill2 − bill1| among unequal pairs: half-normal with σ 200 has 75 % quantile 230 (measured
    // here: 449; within-bin draws alone give 863)
    expect(quantile(gaps(b1, b2), 0.75)).toBeLessThan(600);
  });

  it('is what makes them equal: without it the equal share collapses', async () => {
    const fitted = await arCartEngine.fit(table, schema, { seed: 1, donorOffsets: false });
    const s = await fitted.sample(4000, {}, 2);
    const b1 = s.array('bill1') as number[];
    const b2 = s.array('bill2') as number[];
    expect(equalShare(b1, b2)).toBeLessThan(0.1);
    expect(quantile(gaps(b1, b2), 0.75)).toBeGreaterThan(600);
  });

  it('survives a save and load', async () => {
    const fitted = await arCartEngine.fit(table, schema, { seed: 1 });
    const loaded = arCartEngine.fromJSON(JSON.parse(JSON.stringify(fitted.toJSON())));
    const a = await fitted.sample(500, {}, 3);
    const b = await loaded.sample(500, {}, 3);
    expect(b.objects()).toEqual(a.objects());
  });
});
