import { describe, expect, it } from 'vitest';
import type { ColumnTable } from 'arquero';
import { ENGINES, engineFromJSON } from './registry.ts';
import { fitCategoricalCoder, fitNumericCoder } from './column-coder.ts';
import { codeTable } from './engine-data.ts';
import { fitRareRowGuard, hashKey, rowValueKey, RARE_ROW_K } from './rare-row-guard.ts';
import { guardTable, mostlyCategoricalTable } from './testing/fixtures.ts';

const FAST: Record<string, Record<string, unknown>> = {
  'ar-cart': {},
  'latent-class': { components: 12, maxIterations: 60 },
};

/** Value keys of every row over the given columns, and how often each occurs. */
function keyCounts(t: ColumnTable, names: string[]): Map<string, number> {
  const cols = names.map((n) => t.array(n) as ArrayLike<string | number | null>);
  const counts = new Map<string, number>();
  for (let i = 0; i < t.numRows(); i++) {
    const k = rowValueKey(cols.map((c) => c[i]));
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}

describe('fitRareRowGuard', () => {
  it('guards exactly the rows that occur fewer than k times (hand-counted)', () => {
    // (x, 1) 5 times: common; (x, 2) 4 times and (y, 3) once: rare; (y, 0.123) once, but 0.123 is
    // strictly inside a range bin of a non-integer column, so no sample can equal it
    const label = ['x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'y', 'y'];
    const n = [1, 1, 1, 1, 1, 2, 2, 2, 2, 3, 0.123];
    const intCoder = fitNumericCoder({ name: 'n', role: 'continuous', integer: true }, n, { pointMinCount: 1000 });
    const catCoder = fitCategoricalCoder({ name: 'label', role: 'categorical', integer: false }, label);
    const guard = fitRareRowGuard([catCoder, intCoder], [label, n], label.length, 5);
    const expected = [rowValueKey(['x', 2]), rowValueKey(['y', 3]), rowValueKey(['y', 0.123])].map(hashKey).sort((p, q) => p - q);
    expect(guard.k).toBe(5);
    expect(guard.hashes).toEqual(expected);
    const floatCoder = fitNumericCoder({ name: 'n', role: 'continuous', integer: false }, n, { pointMinCount: 1000, rangeBins: 1, knotsPerTailBin: 2 });
    const floatGuard = fitRareRowGuard([catCoder, floatCoder], [label, n], label.length, 5);
    // with knots 0.123, ~1, 3 the value 2 is not reachable; (y, 0.123) and (y, 3) are bin edges
    expect(floatGuard.hashes).toEqual([rowValueKey(['y', 3]), rowValueKey(['y', 0.123])].map(hashKey).sort((p, q) => p - q));
  });

  it('is on for mostly categorical data, however many training rows it guards', () => {
    const { table, schema } = mostlyCategoricalTable(400);
    const coded = codeTable(table, schema);
    const counts = keyCounts(table, ['a', 'b', 'c', 'd', 'age']);
    const rare = [...counts.values()].filter((c) => c < RARE_ROW_K).length;
    // most rows are rare here: the old guard switched itself off above 20 %
    expect(rare).toBeGreaterThan(0.2 * 400 * 0.5);
    expect(coded.codec.rareRows!.hashes.length).toBe(rare);
  });
});

// a differentially private engine may not filter its output against the real rows (that would use
// the data outside the budget); engine-contract.test.ts checks that it rejects nothing
const GUARDED = Object.keys(ENGINES).filter((kind) => !kind.startsWith('dp-'));

describe.each(GUARDED)('copy guard of engine %s', (kind) => {
  const engine = ENGINES[kind];

  it('never samples a row equal to a rare real row (categorical + integer columns), and counts what it rejected', async () => {
    const { table, schema } = mostlyCategoricalTable(1500);
    const names = ['a', 'b', 'c', 'd', 'age'];
    const counts = keyCounts(table, names);
    const f = await engine.fit(table, schema, { ...FAST[kind], seed: 1 });
    const { table: out, stats } = await f.sampleWithStats(3000, {}, 2);
    expect(out.numRows()).toBe(3000);
    const synth = keyCounts(out, names);
    let rareCopies = 0;
    let commonCopies = 0;
    for (const [k, c] of synth) {
      const real = counts.get(k) ?? 0;
      if (real > 0 && real < RARE_ROW_K) rareCopies += c;
      if (real >= RARE_ROW_K) commonCopies += c;
    }
    expect(rareCopies).toBe(0);
    // copies of rare rows are likely here, so the guard had work to do, and the work is counted
    expect(stats.copiesRejected).toBeGreaterThan(20);
    // common rows are not private: most samples still equal one of them
    expect(commonCopies).toBeGreaterThan(0.5 * 3000);
    // the guard survives saving and loading
    const again = await engineFromJSON(JSON.parse(JSON.stringify(f.toJSON()))).sampleWithStats(3000, {}, 2);
    expect(again.stats.copiesRejected).toBe(stats.copiesRejected);
  });

  it('leaves common rows alone: inactive accounts (a = b = 0, ~50 rows per label) keep their share', async () => {
    const { table, schema } = guardTable(1000);
    const f = await engine.fit(table, schema, { ...FAST[kind], components: 6 });
    const out = await f.sample(2000, {}, 3);
    const a = out.array('a') as ArrayLike<number>;
    const b = out.array('b') as ArrayLike<number>;
    let inactive = 0;
    for (let i = 0; i < a.length; i++) if (a[i] === 0 && b[i] === 0) inactive++;
    // 10 % of the training rows; the old guard rejected every one of them
    expect(inactive / a.length).toBeGreaterThan(0.05);
    expect(inactive / a.length).toBeLessThan(0.16);
  });
});
