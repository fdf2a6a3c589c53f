import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { schemaOf } from './test-schema.ts';
import { applyStep } from './apply-step.ts';
import type { CleaningStep } from './steps.ts';
import { detectDatetimeFormat } from '../infer/datetime.ts';

const base = { enabled: true } as const;
const arr = (t: aq.ColumnTable, c: string) => Array.from(t.array(c) as ArrayLike<unknown>);

function fixture() {
  const data = {
    id: ['a', 'b', 'c', 'd', 'e', 'f'],
    amt: [10, null, 30, -5, 1000, 20],
    age: [25, 30, null, 200, 40, 12],
    edu: ['1', '2', '0', '2', '5', null],
    name: ['  Ann ', 'BOB', 'ann', null, 'Cy  Dee', '  '],
    k: [1, 1, 1, 1, 1, 1],
  };
  const copy = JSON.parse(JSON.stringify(data));
  const table = aq.table(data);
  const schema = schemaOf(
    { id: 'identifier', amt: 'continuous', age: 'continuous', edu: 'categorical', name: 'text', k: 'continuous' },
    6,
    'edu',
    '1',
  );
  return { data, copy, table, schema };
}

function run(step: CleaningStep) {
  const f = fixture();
  const r = applyStep(f.table, f.schema, step);
  // the input table and its arrays are untouched
  expect(f.data).toEqual(f.copy);
  expect(Object.fromEntries(f.table.columnNames().map((c) => [c, arr(f.table, c)]))).toEqual(f.copy);
  return r;
}

describe('applyStep', () => {
  it('dropMissing: chosen columns or any column', () => {
    const one = run({ ...base, id: 's', kind: 'dropMissing', columns: ['amt'] });
    expect(one.report).toMatchObject({ rowsBefore: 6, rowsAfter: 5, rowsRemoved: 1, cellsChanged: 0 });
    expect(arr(one.table, 'id')).toEqual(['a', 'c', 'd', 'e', 'f']);
    expect(one.schema.rowCount).toBe(5);
    const all = run({ ...base, id: 's', kind: 'dropMissing', columns: null });
    expect(arr(all.table, 'id')).toEqual(['a', 'e']);
    expect(all.report.rowsRemoved).toBe(4);
  });

  it('impute mean with an indicator column placed after the column', () => {
    const r = run({ ...base, id: 's', kind: 'impute', column: 'amt', method: 'mean', addIndicator: true });
    // (10 + 30 − 5 + 1000 + 20) / 5 = 211
    expect(arr(r.table, 'amt')).toEqual([10, 211, 30, -5, 1000, 20]);
    expect(arr(r.table, 'amt_was_missing')).toEqual(['0', '1', '0', '0', '0', '0']);
    expect(r.table.columnNames()).toEqual(['id', 'amt', 'amt_was_missing', 'age', 'edu', 'name', 'k']);
    expect(r.schema.columns.map((c) => c.name)).toEqual(r.table.columnNames());
    expect(r.schema.columns[2]).toMatchObject({ role: 'categorical', distinct: 2, missing: 0 });
    expect(r.schema.columns[1].missing).toBe(0);
    expect(r.report).toMatchObject({ cellsChanged: 1, columnsAdded: ['amt_was_missing'], rowsRemoved: 0 });
  });

  it('impute median, mode and constant', () => {
    expect(arr(run({ ...base, id: 's', kind: 'impute', column: 'age', method: 'median', addIndicator: false }).table, 'age')).toEqual([
      25, 30, 30, 200, 40, 12,
    ]);
    expect(arr(run({ ...base, id: 's', kind: 'impute', column: 'edu', method: 'mode', addIndicator: false }).table, 'edu')[5]).toBe('2');
    const c = run({ ...base, id: 's', kind: 'impute', column: 'edu', method: 'constant', value: 'unknown', addIndicator: false });
    expect(arr(c.table, 'edu')[5]).toBe('unknown');
    expect(() => run({ ...base, id: 'bad', kind: 'impute', column: 'edu', method: 'mean', addIndicator: false })).toThrow(
      /Step "bad" \(impute\): mean needs a numeric column/,
    );
  });

  it('capOutliers: percentile and IQR bounds computed from the table', () => {
    // sorted −5, 10, 20, 30, 1000: q0.2 = −5 + 0.8·15 = 7, q0.8 = 30 + 0.2·970 = 224
    const p = run({ ...base, id: 's', kind: 'capOutliers', column: 'amt', method: 'percentile', lower: 0.2, upper: 0.8 });
    const capped = arr(p.table, 'amt') as (number | null)[];
    expect([capped[0], capped[1], capped[2], capped[5]]).toEqual([10, null, 30, 20]);
    expect(capped[3]).toBeCloseTo(7, 9);
    expect(capped[4]).toBeCloseTo(224, 9);
    expect(p.report.cellsChanged).toBe(2);
    expect(p.report.notes[0]).toContain('[7, 224]');
    // q1 = 10, q3 = 30, fences [−20, 60]
    const q = run({ ...base, id: 's', kind: 'capOutliers', column: 'amt', method: 'iqr' });
    expect(arr(q.table, 'amt')).toEqual([10, null, 30, -5, 60, 20]);
    expect(q.report.cellsChanged).toBe(1);
  });

  it('enforceRange: setMissing, clamp, dropRows', () => {
    const step = { ...base, id: 's', kind: 'enforceRange', column: 'age', min: 16, max: 120 } as const;
    const m = run({ ...step, action: 'setMissing' });
    expect(arr(m.table, 'age')).toEqual([25, 30, null, null, 40, null]);
    expect(m.report.cellsChanged).toBe(2);
    expect(m.schema.columns.find((c) => c.name === 'age')!.missing).toBe(3);
    expect(arr(run({ ...step, action: 'clamp' }).table, 'age')).toEqual([25, 30, null, 120, 40, 16]);
    const d = run({ ...step, action: 'dropRows' });
    expect(arr(d.table, 'id')).toEqual(['a', 'b', 'c', 'e']);
    expect(d.report.rowsRemoved).toBe(2);
  });

  it('remapCategories and mergeRareCategories', () => {
    const r = run({ ...base, id: 's', kind: 'remapCategories', column: 'edu', mapping: { '0': '4', '5': '4' } });
    expect(arr(r.table, 'edu')).toEqual(['1', '2', '4', '2', '4', null]);
    expect(r.report.cellsChanged).toBe(2);
    expect(r.schema.columns.find((c) => c.name === 'edu')!.distinct).toBe(3);
    // shares of 5 known: 1 → 0.2, 2 → 0.4, 0 → 0.2, 5 → 0.2
    const m = run({ ...base, id: 's', kind: 'mergeRareCategories', column: 'edu', minShare: 0.25, otherLabel: 'other' });
    expect(arr(m.table, 'edu')).toEqual(['other', '2', 'other', '2', 'other', null]);
    expect(m.report.cellsChanged).toBe(3);
    expect(() => run({ ...base, id: 'x', kind: 'remapCategories', column: 'amt', mapping: {} })).toThrow(/continuous/);
  });

  it('normalizeText trims, collapses spaces and case-folds; blank becomes missing', () => {
    const r = run({ ...base, id: 's', kind: 'normalizeText', columns: ['name'], trim: true, caseFold: 'lower' });
    expect(arr(r.table, 'name')).toEqual(['ann', 'bob', 'ann', null, 'cy dee', null]);
    expect(r.report.cellsChanged).toBe(4);
  });

  it('dropDuplicates keeps the first occurrence', () => {
    const t = aq.table({ a: [1, 2, 1, 1], b: ['x', 'y', 'x', 'z'] });
    const s = schemaOf({ a: 'continuous', b: 'categorical' }, 4);
    const all = applyStep(t, s, { ...base, id: 's', kind: 'dropDuplicates', columns: null });
    expect(arr(all.table, 'b')).toEqual(['x', 'y', 'z']);
    expect(all.report.rowsRemoved).toBe(1);
    const byA = applyStep(t, s, { ...base, id: 's', kind: 'dropDuplicates', columns: ['a'] });
    expect(arr(byA.table, 'b')).toEqual(['x', 'y']);
  });

  it('dropColumns and renameColumn update the schema (and the target)', () => {
    const d = run({ ...base, id: 's', kind: 'dropColumns', columns: ['k', 'name'] });
    expect(d.table.columnNames()).toEqual(['id', 'amt', 'age', 'edu']);
    expect(d.schema.columns.map((c) => c.name)).toEqual(['id', 'amt', 'age', 'edu']);
    expect(d.report.columnsRemoved).toEqual(['k', 'name']);
    const r = run({ ...base, id: 's', kind: 'renameColumn', from: 'edu', to: 'education' });
    expect(r.table.columnNames()).toEqual(['id', 'amt', 'age', 'education', 'name', 'k']);
    expect(r.schema.target).toBe('education');
    expect(arr(r.table, 'education')).toEqual(['1', '2', '0', '2', '5', null]);
    expect(() => run({ ...base, id: 'r', kind: 'renameColumn', from: 'edu', to: 'amt' })).toThrow(/"amt" already exists/);
    expect(() => run({ ...base, id: 'r', kind: 'dropColumns', columns: ['nope'] })).toThrow(/Step "r" \(dropColumns\): missing column\(s\) "nope"/);
  });

  it('setRole converts between representations', () => {
    const num = run({ ...base, id: 's', kind: 'setRole', column: 'edu', role: 'continuous' });
    expect(arr(num.table, 'edu')).toEqual([1, 2, 0, 2, 5, null]);
    expect(num.schema.columns.find((c) => c.name === 'edu')).toMatchObject({ role: 'continuous', inferredRole: 'categorical' });
    expect(num.report.cellsChanged).toBe(5);
    const cat = run({ ...base, id: 's', kind: 'setRole', column: 'amt', role: 'categorical' });
    expect(arr(cat.table, 'amt')).toEqual(['10', null, '30', '-5', '1000', '20']);
    const t = aq.table({ v: ['1.0', ' 2 ', 'x', null] });
    const r = applyStep(t, schemaOf({ v: 'categorical' }, 4), { ...base, id: 's', kind: 'setRole', column: 'v', role: 'continuous' });
    expect(arr(r.table, 'v')).toEqual([1, 2, null, null]);
    expect(r.report.notes.join(' ')).toMatch(/1 value\(s\) could not be converted/);
  });

  it('parseDates turns text into epoch ms (UTC) and makes the column datetime', () => {
    const t = aq.table({ d: ['2019-01-01', '2020-02-29', null, 'garbage', ' 2019-12-31 '] });
    const s = schemaOf({ d: 'text' }, 5);
    const format = detectDatetimeFormat(['2019-01-01', '2020-02-29', '2019-12-31']);
    expect(format).not.toBeNull();
    const r = applyStep(t, s, { ...base, id: 'dates', kind: 'parseDates', column: 'd', format });
    const v = arr(r.table, 'd');
    expect(v.slice(0, 4)).toEqual([Date.UTC(2019, 0, 1), Date.UTC(2020, 1, 29), null, null]);
    expect(r.schema.columns[0]).toMatchObject({ role: 'datetime', datetimeFormat: format, missing: v[4] === null ? 3 : 2 });
    expect(r.report.notes.join(' ')).toMatch(/could not be converted/);
    // format null: detected from the values themselves
    const auto = applyStep(aq.table({ d: ['2019-01-01', '2019-01-02'] }), s, { ...base, id: 'a', kind: 'parseDates', column: 'd', format: null });
    expect(arr(auto.table, 'd')).toEqual([Date.UTC(2019, 0, 1), Date.UTC(2019, 0, 2)]);
    // the written pattern is recorded, so downloads write the dates as the file did
    expect(r.schema.columns[0].inputFormat).toEqual({ datetime: 'YYYY-MM-DD' });
    const us = applyStep(aq.table({ d: ['1/8/1959', '12/24/1960', '3/9/1988'] }), s, { ...base, id: 'u', kind: 'parseDates', column: 'd', format: null });
    expect(us.schema.columns[0].inputFormat).toEqual({ datetime: 'M/D/YYYY' });
    expect(() => applyStep(aq.table({ d: ['cat', 'dog'] }), s, { ...base, id: 'b', kind: 'parseDates', column: 'd', format: null })).toThrow(
      /Step "b" \(parseDates\): could not detect a date format in column "d"/,
    );
  });
});
