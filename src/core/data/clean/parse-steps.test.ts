import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { schemaOf } from './test-schema.ts';
import { applyStep } from './apply-step.ts';
import { parseRecipeJson, recipeToJson } from './recipe.ts';
import type { CleaningStep } from './steps.ts';

const base = { enabled: true };

describe('parseNumbers', () => {
  it('strips currency signs and thousands separators, reads parentheses and percentages', () => {
    const t = aq.table({ amount: ['$134.09', '$-99.00', '-$5', '(1,000.50)', 'n/a', 'abc'], rate: ['12.5%', '3%', '100%', null, '0.5%', '7%'] });
    const s = schemaOf({ amount: 'categorical', rate: 'categorical' }, 6);
    const r = applyStep(t, s, { ...base, id: 'a', kind: 'parseNumbers', column: 'amount' });
    expect(r.table.array('amount')).toEqual([134.09, -99, -5, -1000.5, null, null]);
    const col = r.schema.columns.find((c) => c.name === 'amount')!;
    expect(col.role).toBe('continuous');
    expect(col.numberFormat).toEqual({ currency: '$', thousands: true, parentheses: true });
    expect(r.report.notes.join(' ')).toMatch(/1 value\(s\) are not numbers.*"abc"/);
    const p = applyStep(t, s, { ...base, id: 'p', kind: 'parseNumbers', column: 'rate', percentAsFraction: true });
    expect(p.table.array('rate')).toEqual([0.125, 0.03, 1, null, 0.005, 0.07]);
  });

  it('reads clock times as seconds since midnight', () => {
    const t = aq.table({ time: ['08:15', '23:59:59', null] });
    const r = applyStep(t, schemaOf({ time: 'categorical' }, 3), { ...base, id: 't', kind: 'parseNumbers', column: 'time' });
    expect(r.table.array('time')).toEqual([29700, 86399, null]);
    expect(r.schema.columns[0]).toMatchObject({ role: 'continuous', timeOfDay: true });
  });
});

describe('joinDateParts', () => {
  it('joins year, month (number or name), day and a clock time into one datetime', () => {
    const t = aq.table({ year: [2019, 2019, 98, 2020, null], month: ['1', 'Feb', 'dec', '2', '3'], day: [31, 28, 24, 30, 1], time: [29700, 0, 61200, 0, 0], amount: [1, 2, 3, 4, 5] });
    const s = schemaOf({ year: 'continuous', month: 'categorical', day: 'continuous', time: 'continuous', amount: 'continuous' }, 5);
    s.columns[3].timeOfDay = true;
    const step: CleaningStep = { ...base, id: 'j', kind: 'joinDateParts', year: 'year', month: 'month', day: 'day', time: 'time', output: 'when', dropParts: true };
    const r = applyStep(t, s, step);
    expect(r.table.array('when')).toEqual([Date.UTC(2019, 0, 31, 8, 15), Date.UTC(2019, 1, 28), Date.UTC(1998, 11, 24, 17), null, null]);
    expect(r.table.columnNames()).toEqual(['amount', 'when']);
    expect(r.schema.columns.map((c) => [c.name, c.role])).toEqual([['amount', 'continuous'], ['when', 'datetime']]);
    expect(r.report.notes.join(' ')).toMatch(/2 row\(s\)/);
    expect(parseRecipeJson(recipeToJson([step]))).toEqual([step]);
  });

  it('takes an hour column, and refuses to overwrite a column', () => {
    const t = aq.table({ y: ['2021'], m: ['7'], h: ['13'] });
    const s = schemaOf({ y: 'categorical', m: 'categorical', h: 'categorical' }, 1);
    const r = applyStep(t, s, { ...base, id: 'h', kind: 'joinDateParts', year: 'y', month: 'm', day: null, time: 'h', output: 'at', dropParts: false });
    expect(r.table.array('at')).toEqual([Date.UTC(2021, 6, 1, 13)]);
    expect(() => applyStep(t, s, { ...base, id: 'x', kind: 'joinDateParts', year: 'y', month: 'm', day: null, time: null, output: 'h', dropParts: false })).toThrow(/already exists/);
  });
});
