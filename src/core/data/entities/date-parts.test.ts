import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { col } from '../clean/test-schema.ts';
import { applyStep } from '../clean/apply-step.ts';
import type { DatasetSchema } from '../schema.ts';
import { proposeDateParts, proposeStreams, restoreDateParts } from './index.ts';

/**
 * Three cards, four transactions each, with the date written as Year, Month, Day and a Time
 * column `HH:MM` (typed: seconds since midnight), as card exports write it; a weekday column and
 * a birth year beside them must not be taken for the day or the year.
 */
function partsTable() {
  const card: string[] = [];
  const Year: number[] = [];
  const Month: number[] = [];
  const Day: number[] = [];
  const Time: number[] = [];
  const weekday: number[] = [];
  const birth_year: number[] = [];
  const amount: number[] = [];
  ['A1', 'B2', 'C3'].forEach((c, k) => {
    for (let e = 0; e < 4; e++) {
      card.push(c);
      Year.push(2019 + (e === 3 ? 1 : 0));
      Month.push(e === 3 ? 1 : 12);
      Day.push(5 + 7 * e - (e === 3 ? 21 : 0) + k);
      Time.push((13 + e) * 3600 + 45 * 60);
      weekday.push(e + 1);
      birth_year.push(1970 + k);
      amount.push(10 * (k + 1) + e);
    }
  });
  const table = aq.table({ card, Year, Month, Day, Time, weekday, birth_year, amount });
  const schema: DatasetSchema = {
    columns: [
      col('card', 'identifier'),
      col('Year', 'continuous'),
      col('Month', 'continuous'),
      col('Day', 'continuous'),
      col('Time', 'continuous', { timeOfDay: true }),
      col('weekday', 'continuous'),
      col('birth_year', 'continuous'),
      col('amount', 'continuous'),
    ],
    target: null,
    positiveLabel: null,
    rowCount: table.numRows(),
  };
  return { table, schema };
}

describe('a time built from date parts', () => {
  it('finds the year, month, day and clock-time columns by name and values', () => {
    const { table, schema } = partsTable();
    expect(proposeDateParts(table, schema)).toMatchObject({ kind: 'joinDateParts', year: 'Year', month: 'Month', day: 'Day', time: 'Time', output: 'time', dropParts: true });
    // a birth year and month alone are no transaction time
    const births = aq.table({ birth_year: [1970, 1980], birth_month: [1, 2] });
    expect(proposeDateParts(births, { columns: [col('birth_year', 'continuous'), col('birth_month', 'continuous')], target: null, positiveLabel: null, rowCount: 2 })).toBeNull();
  });

  it('entity detection proposes that time when the file has no datetime column; after the step it is the time', () => {
    const { table, schema } = partsTable();
    const p = proposeStreams(table, schema)!;
    expect(p.timeStep).toMatchObject({ year: 'Year', month: 'Month', day: 'Day', time: 'Time', output: 'time' });
    expect(p.spec.key).toEqual(['card']);
    expect(p.spec.time).toBe('time');
    expect(p.spec.profile).toEqual(['birth_year']);
    expect(p.spec.event).toEqual(['weekday', 'amount']);
    expect(p.customers).toBe(3);

    const r = applyStep(table, schema, p.timeStep!);
    const t = r.table.array('time') as number[];
    // card B2's first transaction: 2019-12-06 13:45; its last 2020-01-(5+21+1-21) 16:45
    expect(t[4]).toBe(Date.UTC(2019, 11, 6, 13, 45));
    expect(t[7]).toBe(Date.UTC(2020, 0, 6, 16, 45));
    expect(r.table.columnNames()).toEqual(['card', 'weekday', 'birth_year', 'amount', 'time']);
    const again = proposeStreams(r.table, r.schema)!;
    expect(again.timeStep).toBeUndefined();
    expect(again.spec).toEqual(p.spec);
  });

  it('the card-export layout: a key of user + card (cards numbered within each user) and date parts', () => {
    const { table, schema } = partsTable();
    const card = Array.from(table.array('card') as ArrayLike<string>);
    // A1 and B2 are cards 0 and 1 of user 0; C3 is card 0 of user 1
    const User = card.map((c) => (c === 'C3' ? 1 : 0));
    const Card = card.map((c) => (c === 'B2' ? '1' : '0'));
    const t = table.select(table.columnNames().filter((n) => n !== 'card')).assign({ User, Card });
    const s: DatasetSchema = { ...schema, columns: [...schema.columns.filter((c) => c.name !== 'card'), col('User', 'continuous'), col('Card', 'categorical')] };
    const p = proposeStreams(t, s)!;
    expect(p.spec.key).toEqual(['User', 'Card']);
    expect(p.customers).toBe(3);
    expect(p.spec.time).toBe('time');
    expect(p.timeStep).toMatchObject({ year: 'Year', month: 'Month', day: 'Day', time: 'Time' });
    // one card per user: the card alone is the key
    const single = t.assign({ User: card.map((c) => ({ A1: 0, B2: 1, C3: 2 })[c]!), Card: card.map((c) => ({ A1: '0', B2: '1', C3: '2' })[c]!) });
    expect(proposeStreams(single, s)!.spec.key).toEqual(['Card']);
  });

  it('writes a synthetic time back as the input\'s parts, in their places, in their representation', () => {
    const t = aq.table({ card: ['A', 'B'], amount: [1, 2], time: [Date.UTC(2020, 1, 29, 23, 59, 30), null] });
    const step = { id: 'j', enabled: true, kind: 'joinDateParts' as const, year: 'Year', month: 'Month', day: 'Day', time: 'Time', output: 'time', dropParts: true };
    const parts = [col('Year', 'categorical'), col('Month', 'categorical'), col('Day', 'continuous'), col('Time', 'continuous', { timeOfDay: true })];
    const r = restoreDateParts(t, step, parts, { Month: 'mar' }, ['card', 'Year', 'Month', 'Day', 'Time', 'amount'], 60);
    expect(r.columnNames()).toEqual(['card', 'Year', 'Month', 'Day', 'Time', 'amount']);
    // 23:59:30 cut to the minute: 86 340 seconds; a categorical year is a label; month names as the input wrote them
    expect(r.objects()).toEqual([
      { card: 'A', Year: '2020', Month: 'feb', Day: 29, Time: 86340, amount: 1 },
      { card: 'B', Year: null, Month: null, Day: null, Time: null, amount: 2 },
    ]);
  });
});
