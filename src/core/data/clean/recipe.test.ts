import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { schemaOf } from './test-schema.ts';
import { applyRecipe } from './apply-step.ts';
import { addStep, deleteStep, moveStep, parseRecipeJson, recipeToJson, toggleStep } from './recipe.ts';
import type { CleaningStep } from './steps.ts';

const recipe: CleaningStep[] = [
  { id: 'fill-amt', kind: 'impute', enabled: true, column: 'amt', method: 'median', addIndicator: true },
  { id: 'age-range', kind: 'enforceRange', enabled: true, column: 'age', min: 16, max: 120, action: 'setMissing' },
  { id: 'edu-codes', kind: 'remapCategories', enabled: true, column: 'edu', mapping: { '0': '4', '5': '4' } },
  { id: 'cap', kind: 'capOutliers', enabled: true, column: 'amt', method: 'iqr', iqrMultiplier: 1.5 },
  { id: 'drop-k', kind: 'dropColumns', enabled: true, columns: ['k'] },
  { id: 'rename', kind: 'renameColumn', enabled: true, from: 'amt', to: 'amount' },
  { id: 'off', kind: 'dropMissing', enabled: false, columns: null },
];

const makeTable = () =>
  aq.table({
    amt: [10, null, 30, -5, 1000, 20],
    age: [25, 30, null, 200, 40, 12],
    edu: ['1', '2', '0', '2', '5', null],
    k: [1, 1, 1, 1, 1, 1],
  });
const schema = schemaOf({ amt: 'continuous', age: 'continuous', edu: 'categorical', k: 'continuous' }, 6);
const dump = (t: aq.ColumnTable) => ({ names: t.columnNames(), rows: t.objects() });

describe('recipes', () => {
  it('applies enabled steps in order with per-step reports', () => {
    const r = applyRecipe(makeTable(), schema, recipe);
    expect(r.reports.map((x) => x.stepId)).toEqual(['fill-amt', 'age-range', 'edu-codes', 'cap', 'drop-k', 'rename']);
    // median of 10, 30, −5, 1000, 20 = 20; then IQR of 10,20,30,−5,1000,20: q1 = 12.5, q3 = 27.5 → [−10, 50]
    expect(Array.from(r.table.array('amount') as number[])).toEqual([10, 20, 30, -5, 50, 20]);
    expect(r.table.columnNames()).toEqual(['amount', 'amt_was_missing', 'age', 'edu']);
    expect(r.schema.columns.map((c) => c.name)).toEqual(['amount', 'amt_was_missing', 'age', 'edu']);
    expect(r.reports[3].cellsChanged).toBe(1);
    expect(r.table.numRows()).toBe(6); // disabled dropMissing did not run
  });

  it('JSON round trip and replay on a fresh table give identical results', () => {
    const json = recipeToJson(recipe);
    expect(JSON.parse(json).version).toBe(1);
    const back = parseRecipeJson(json);
    expect(back).toEqual(recipe);
    const a = applyRecipe(makeTable(), schema, recipe);
    const b = applyRecipe(makeTable(), schema, back);
    expect(dump(b.table)).toEqual(dump(a.table));
    expect(b.schema).toEqual(a.schema);
    expect(b.reports).toEqual(a.reports);
  });

  it('names every missing column before running anything', () => {
    const t = makeTable().select('amt', 'age');
    expect(() => applyRecipe(t, schema, recipe)).toThrow(/"edu" \(step "edu-codes"\), "k" \(step "drop-k"\)/);
    // a column created by an earlier step is fine; one renamed away is missing
    const later: CleaningStep[] = [...recipe, { id: 'late', kind: 'impute', enabled: true, column: 'amt', method: 'mean', addIndicator: false }];
    expect(() => applyRecipe(makeTable(), schema, later)).toThrow(/"amt" \(step "late"\)/);
  });

  it('validates imported JSON, naming the step and field', () => {
    expect(() => parseRecipeJson('{')).toThrow(/not JSON/);
    expect(() => parseRecipeJson('{"version":2,"steps":[]}')).toThrow(/unsupported version 2/);
    const bad = JSON.parse(recipeToJson(recipe));
    delete bad.steps[1].column;
    expect(() => parseRecipeJson(JSON.stringify(bad))).toThrow(/step 2 \("age-range"\), field "column"/);
    const badKind = JSON.parse(recipeToJson(recipe));
    badKind.steps[0].kind = 'explode';
    expect(() => parseRecipeJson(JSON.stringify(badKind))).toThrow(/step 1 \("fill-amt"\), field "kind"/);
    const badShare = { version: 1, steps: [{ id: 'm', kind: 'mergeRareCategories', enabled: true, column: 'edu', minShare: 3, otherLabel: 'o' }] };
    expect(() => parseRecipeJson(JSON.stringify(badShare))).toThrow(/field "minShare"/);
    const dupId = { version: 1, steps: [recipe[0], recipe[0]] };
    expect(() => parseRecipeJson(JSON.stringify(dupId))).toThrow(/step 2 \("fill-amt"\), field "id"/);
  });

  it('editing helpers are pure', () => {
    const ids = (r: CleaningStep[]) => r.map((s) => s.id);
    const moved = moveStep(recipe, 0, 2);
    expect(ids(moved).slice(0, 3)).toEqual(['age-range', 'edu-codes', 'fill-amt']);
    expect(ids(recipe)[0]).toBe('fill-amt');
    const toggled = toggleStep(recipe, 'off');
    expect(toggled[6].enabled).toBe(true);
    expect(recipe[6].enabled).toBe(false);
    expect(ids(deleteStep(recipe, 'cap'))).not.toContain('cap');
    expect(addStep(recipe, recipe[0]).at(-1)!.id).toBe('fill-amt-2');
  });
});
