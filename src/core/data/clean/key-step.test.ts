import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { schemaOf } from './test-schema.ts';
import { applyRecipe, applyStep, missingRecipeColumns } from './apply-step.ts';
import { parseRecipeJson, recipeToJson } from './recipe.ts';
import type { BuildKeyStep } from './steps.ts';
import { proposeStreams } from '../entities/index.ts';

const step: BuildKeyStep = { id: 'k', enabled: true, kind: 'buildKey', columns: ['first', 'last', 'street', 'dob'], output: 'customer_key' };
const dob = Date.UTC(1980, 0, 1);

/** Ann Lee at two addresses is two customers; Bob Lee shares Ann's street; row 4 has no street. */
function people() {
  const t = aq.table({
    first: ['Ann', 'Bob', 'Ann', 'Ann', 'Ann', 'Bob'],
    last: ['Lee', 'Lee', 'Lee', 'Lee', 'Lee', 'Lee'],
    street: ['1 Elm St', '1 Elm St', '1 Elm St', '2 Oak Ave', null, '1 Elm St'],
    dob: [dob, dob, dob, dob, dob, dob],
    amt: [1, 2, 3, 4, 5, 6],
  });
  return { t, s: schemaOf({ first: 'text', last: 'text', street: 'text', dob: 'datetime', amt: 'continuous' }, 6) };
}

describe('buildKey step', () => {
  it('gives rows with the same values the same key, others different keys, missing parts none', () => {
    const { t, s } = people();
    const r = applyStep(t, s, step);
    const k = r.table.array('customer_key') as (string | null)[];
    expect(k[0]).toBe(k[2]);
    expect(k[1]).toBe(k[5]);
    expect(new Set([k[0], k[1], k[3]]).size).toBe(3);
    expect(k[4]).toBeNull();
    for (const v of [k[0], k[1], k[3]]) expect(v).toMatch(/^K[0-9a-f]{16}$/);
    expect(r.schema.columns.at(-1)).toMatchObject({ name: 'customer_key', role: 'identifier', distinct: 3, missing: 1 });
    expect(r.report.columnsAdded).toEqual(['customer_key']);
    expect(r.report.notes.join(' ')).toMatch(/names 3 customer\(s\).*1 row\(s\) have one of those columns missing/);
  });

  it('does not depend on row order: the same person gets the same key in another file', () => {
    const { t, s } = people();
    const a = applyStep(t, s, step).table.array('customer_key') as string[];
    const reversed = aq.table(Object.fromEntries(t.columnNames().map((n) => [n, Array.from(t.array(n) as ArrayLike<unknown>).reverse()])));
    const b = applyStep(reversed, s, step).table.array('customer_key') as string[];
    expect(Array.from(b).reverse()).toEqual(Array.from(a));
  });

  it('is a recipe step: saved as JSON, replayed, refused when a column is missing or the name is taken', () => {
    const { t, s } = people();
    const recipe = parseRecipeJson(recipeToJson([step]));
    expect(recipe).toEqual([step]);
    expect(applyRecipe(t, s, recipe).table.array('customer_key')).toEqual(applyStep(t, s, step).table.array('customer_key'));
    expect(missingRecipeColumns(['first', 'last', 'dob'], recipe)).toEqual([{ stepId: 'k', column: 'street' }]);
    expect(() => applyStep(t, s, { ...step, output: 'amt' })).toThrow(/"amt" already exists/);
    expect(() => applyStep(t, s, { ...step, columns: [] })).toThrow(/at least one column/);
    const file = JSON.parse(recipeToJson([step])) as { steps: { columns: string[] }[] };
    file.steps[0].columns = [''];
    expect(() => parseRecipeJson(JSON.stringify(file))).toThrow(/columns/);
  });

  it('entity detection proposes the rebuilt key in place of the destroyed one', () => {
    // three customers, four events each; a spreadsheet wrote Ann's and Bob's different card numbers both as 4.00001E+15
    const first = ['Ann', 'Bob', 'Cy'].flatMap((n) => [n, n, n, n]);
    const t = aq.table({
      cc_num: first.map((n) => (n === 'Cy' ? '4.00002E+15' : '4.00001E+15')),
      time: first.map((_, i) => Date.UTC(2020, 0, 1 + i)),
      first,
      last: first.map(() => 'Lee'),
      street: first.map((n) => `${n.length} Elm St`),
      dob: first.map((n) => Date.UTC(1970 + n.length, 0, 1)),
      amt: first.map((_, i) => i * 10),
    });
    const s = schemaOf({ cc_num: 'identifier', time: 'datetime', first: 'text', last: 'text', street: 'text', dob: 'datetime', amt: 'continuous' }, t.numRows());
    const before = proposeStreams(t, s)!;
    const finding = before.findings.find((f) => f.kind === 'key-destroyed');
    expect(finding?.kind === 'key-destroyed' && finding.suggestedStep).toMatchObject({ kind: 'buildKey', columns: ['first', 'last', 'street', 'dob'], output: 'customer_key' });
    const fix = finding!.kind === 'key-destroyed' ? finding!.suggestedStep! : step;
    const r = applyStep(t, s, fix);
    const after = proposeStreams(r.table, r.schema)!;
    expect(after.spec.key).toEqual(['customer_key']);
    expect(after.customers).toBe(3);
    expect(after.spec.profile).toEqual(['cc_num', 'first', 'last', 'street', 'dob']);
    expect(after.findings).toEqual([]);
    // which rows got which key: Ann's four rows one key, Bob's another, Cy's a third
    const k = r.table.array('customer_key') as string[];
    expect([0, 4, 8].map((i) => new Set(Array.from(k).slice(i, i + 4)).size)).toEqual([1, 1, 1]);
    expect(new Set(k).size).toBe(3);
  });
});
