import { describe, expect, it, beforeAll } from 'vitest';
import { resolve } from 'node:path';
import * as aq from 'arquero';
import { loadCsv, type LoadResult } from '../load/index.ts';
import { applySchema, inferSchema } from './index.ts';
import { columnByName, type DatasetSchema } from '../schema.ts';
import { openFile, fixturePath } from '../__fixtures__/streams.ts';
import { samplesDir } from '../../../test-support/paths.ts';

function roles(schema: DatasetSchema): Record<string, string> {
  return Object.fromEntries(schema.columns.map((c) => [c.name, c.role]));
}

describe('inferSchema on the UCI credit card sample', () => {
  let loaded: LoadResult;
  let schema: DatasetSchema;
  beforeAll(async () => {
    loaded = await loadCsv(openFile(resolve(samplesDir, 'uci_credit_card_default.csv')));
    schema = inferSchema(loaded.table);
  });

  it('has 30,000 rows and 25 columns', () => {
    expect(schema.rowCount).toBe(30000);
    expect(schema.columns).toHaveLength(25);
  });

  it('finds the known roles', () => {
    const r = roles(schema);
    expect(r.ID).toBe('identifier');
    for (const c of ['SEX', 'EDUCATION', 'MARRIAGE', 'PAY_0', 'PAY_2', 'PAY_3', 'PAY_4', 'PAY_5', 'PAY_6']) {
      expect(r[c], c).toBe('categorical');
    }
    const continuous = ['LIMIT_BAL', 'AGE', ...[1, 2, 3, 4, 5, 6].flatMap((i) => [`BILL_AMT${i}`, `PAY_AMT${i}`])];
    for (const c of continuous) expect(r[c], c).toBe('continuous');
    for (const c of schema.columns) {
      expect(c.inferredRole).toBe(c.role);
      expect(c.reason.length).toBeGreaterThan(10);
      expect(c.missing).toBe(0);
    }
  });

  it('counts distinct values as the data README states', () => {
    const d = (n: string) => columnByName(schema, n)!.distinct;
    expect(d('LIMIT_BAL')).toBe(81);
    expect(d('AGE')).toBe(56);
    expect(d('EDUCATION')).toBe(7);
    expect(d('SEX')).toBe(2);
    expect(d('ID')).toBe(30000);
    expect(columnByName(schema, 'AGE')!.integer).toBe(true);
  });

  it('suggests default_payment_next_month with positive label "1"', () => {
    expect(schema.target).toBe('default_payment_next_month');
    expect(schema.positiveLabel).toBe('1');
  });

  it('types the table: numbers for continuous, canonical labels for codes', () => {
    const typed = applySchema(loaded.table, schema);
    expect(typed.get('LIMIT_BAL', 0)).toBe(20000);
    expect(typed.get('PAY_5', 0)).toBe('-2');
    expect(typed.get('ID', 0)).toBe('1');
    const defaults = (typed.array('default_payment_next_month') as string[]).filter((v) => v === '1').length;
    expect(defaults).toBe(6636);
  });
});

describe('inferSchema on the card transactions sample', () => {
  let loaded: LoadResult;
  let schema: DatasetSchema;
  beforeAll(async () => {
    loaded = await loadCsv(openFile(resolve(samplesDir, 'card_transactions_fraud.csv')));
    schema = inferSchema(loaded.table);
  });

  it('finds the known roles', () => {
    const r = roles(schema);
    expect(r.trans_date_trans_time).toBe('datetime');
    expect(r.dob).toBe('datetime');
    expect(r.cc_num).toBe('identifier');
    expect(r.trans_num).toBe('identifier');
    expect(['categorical', 'text']).toContain(r.merchant);
    expect(r.first).toBe('text');
    expect(r.last).toBe('text');
    expect(r.street).toBe('text');
    expect(r.amt).toBe('continuous');
    expect(r.zip).toBe('categorical');
    expect(r.category).toBe('categorical');
    expect(r.unix_time).toBe('continuous');
    expect(r.lat).toBe('continuous');
    expect(columnByName(schema, 'trans_date_trans_time')!.datetimeFormat).toBe('M/D/YY H:mm');
    expect(columnByName(schema, 'dob')!.datetimeFormat).toBe('M/D/YY');
    expect(columnByName(schema, 'cc_num')!.reason).toContain('E-notation');
  });

  it('suggests is_fraud with positive label "1"', () => {
    expect(schema.target).toBe('is_fraud');
    expect(schema.positiveLabel).toBe('1');
  });

  it('parses dates to epoch ms UTC', () => {
    const typed = applySchema(loaded.table, schema);
    expect(new Date(typed.get('trans_date_trans_time', 0) as number).toISOString()).toBe('2019-01-01T00:00:00.000Z');
    expect(new Date(typed.get('dob', 0) as number).toISOString()).toBe('1988-03-09T00:00:00.000Z');
    expect(typed.get('amt', 0)).toBe(4.97);
    expect(typed.get('zip', 0)).toBe('28654');
    expect(typed.get('cc_num', 0)).toBe('2.70319E+15');
  });
});

describe('inferSchema on small tables', () => {
  it('counts "?" and NA as missing and still sees numbers', async () => {
    const r = await loadCsv(openFile(fixturePath('missing-markers.csv')));
    const schema = inferSchema(r.table);
    const age = columnByName(schema, 'age')!;
    expect(age.missing).toBe(1);
    expect(age.numeric).toBe(true);
    const work = columnByName(schema, 'workclass')!;
    expect(work.missing).toBe(1);
    expect(work.distinct).toBe(2);
    const score = columnByName(schema, 'score')!;
    expect(score.missing).toBe(1);
    expect(score.numeric).toBe(true);
    const typed = applySchema(r.table, { ...schema, columns: schema.columns.map((c) => ({ ...c, role: c.name === 'workclass' ? 'categorical' : 'continuous' })) });
    expect(typed.array('age')).toEqual([39, 50, null, 38]);
    expect(typed.array('score')).toEqual([1.5, 2, null, 300]);
    expect(typed.array('workclass')).toEqual(['State-gov', null, 'Private', 'Private']);
  });

  it('treats every missing marker case-insensitively', () => {
    const t = aq.table({ v: ['1', '?', 'NA', 'n/a', 'NaN', 'null', 'None', 'NONE', ' na ', null, '2'] });
    const c = inferSchema(t).columns[0];
    expect(c.missing).toBe(9);
    expect(c.distinct).toBe(2);
  });

  it('reads E-notation numbers and canonicalises numeric labels', () => {
    const t = aq.table({
      amount: ['1e+05', '2.5E3', '-3', '0.5', '12', '7', '8', '9', '10', '11', '13', '14', '15', '16', '17', '18', '19', '20', '21', '22', '23', '24'],
      code: ['1.0', '1', '2', '2.0', '3', '1', '2', '3', '1', '2', '3', '1', '2', '3', '1', '2', '3', '1', '2', '3', '1', '2'],
    });
    const schema = inferSchema(t);
    expect(columnByName(schema, 'amount')!.role).toBe('continuous');
    expect(columnByName(schema, 'code')!.role).toBe('categorical');
    expect(columnByName(schema, 'code')!.distinct).toBe(3);
    const typed = applySchema(t, schema);
    expect((typed.array('amount') as number[]).slice(0, 4)).toEqual([100000, 2500, -3, 0.5]);
    expect((typed.array('code') as string[]).slice(0, 4)).toEqual(['1', '1', '2', '2']);
  });

  it('keeps small-range codes categorical but wide-range few-valued amounts continuous', () => {
    const n = 60;
    const t = aq.table({
      grade: Array.from({ length: n }, (_, i) => String(i % 5)),
      limit: Array.from({ length: n }, (_, i) => String(((i % 10) + 1) * 10000)),
      rownum: Array.from({ length: n }, (_, i) => String(i + 1)),
      email: Array.from({ length: n }, (_, i) => `user${i}@example.com`),
      note: Array.from({ length: n }, (_, i) => `free text comment number ${i}`),
      token: Array.from({ length: n }, (_, i) => `AB${1000 + i}`),
    });
    const r = roles(inferSchema(t));
    expect(r).toEqual({
      grade: 'categorical',
      limit: 'continuous',
      rownum: 'identifier',
      email: 'text',
      note: 'text',
      token: 'identifier',
    });
  });

  it('suggests no target without a target-like binary column, and picks yes as positive', () => {
    const none = aq.table({ a: ['x', 'y', 'x'], b: ['1', '2', '3'] });
    expect(inferSchema(none).target).toBeNull();
    expect(inferSchema(none).positiveLabel).toBeNull();
    const yes = aq.table({ churned: ['no', 'yes', 'no', 'no'] });
    expect(inferSchema(yes)).toMatchObject({ target: 'churned', positiveLabel: 'yes' });
    const minority = aq.table({ class: ['good', 'good', 'poor', 'good'] });
    expect(inferSchema(minority)).toMatchObject({ target: 'class', positiveLabel: 'poor' });
  });

  it('marks an entirely empty column as text and types it as nulls', () => {
    const t = aq.table({ e: [null, null], v: ['a', 'b'] });
    const schema = inferSchema(t);
    expect(columnByName(schema, 'e')).toMatchObject({ role: 'text', missing: 2, distinct: 0 });
    expect(applySchema(t, schema).array('e')).toEqual([null, null]);
  });

  it('parses a column switched to datetime by hand (format detected, or epoch seconds)', () => {
    const t = aq.table({ when: ['2020-01-02', '2020-01-03'], unix: ['1325376018', '1325376044'] });
    const schema = inferSchema(t);
    const forced: DatasetSchema = { ...schema, columns: schema.columns.map((c) => ({ ...c, role: 'datetime' as const })) };
    const typed = applySchema(t, forced);
    expect(typed.array('when')).toEqual([Date.UTC(2020, 0, 2), Date.UTC(2020, 0, 3)]);
    expect(typed.array('unix')).toEqual([1325376018000, 1325376044000]);
  });
});
