/**
 * Files the app had never seen (issue 14): money, clock times, zero-padded counts, two-digit
 * birth years, flags named like personal data, constants, sentinel codes, and targets that a
 * name alone does not reveal. Each case is a small CSV built here and read like a user's file.
 */
import { describe, expect, it } from 'vitest';
import { loadCsv } from '../load/index.ts';
import { applySchema, inferSchema } from './index.ts';
import { columnByName, type DatasetSchema } from '../schema.ts';
import { openText } from '../__fixtures__/streams.ts';
import { parseNumber, readFormattedNumber } from './number.ts';
import { parseClockTime, formatClockTime } from './clock-time.ts';
import { suggestEventClass } from './event-class.ts';
import type { ColumnTable } from 'arquero';
import { valueText } from '../export/value-format.ts';

async function read(csv: string, now?: number): Promise<{ schema: DatasetSchema; typed: ColumnTable }> {
  const { table } = await loadCsv(openText(csv));
  const schema = inferSchema(table, { now });
  return { schema, typed: applySchema(table, schema) };
}

const lines = (header: string, rows: string[]) => [header, ...rows].join('\n') + '\n';

describe('numbers as exports write them', () => {
  it('reads currency signs, thousands separators, percentages and parentheses', () => {
    expect(parseNumber('$134.09')).toBe(134.09);
    expect(parseNumber('$-99.00')).toBe(-99);
    expect(parseNumber('-$5')).toBe(-5);
    expect(parseNumber('1,234,567.5')).toBe(1234567.5);
    expect(parseNumber('$1,200')).toBe(1200);
    expect(parseNumber('12.5%')).toBe(12.5);
    expect(parseNumber('(42.00)')).toBe(-42);
    expect(parseNumber('($1,000.50)')).toBe(-1000.5);
    expect(parseNumber('5 €')).toBe(5);
    expect(readFormattedNumber('$-99.00')).toMatchObject({ value: -99, currency: '$' });
    // not numbers: a decimal comma, a bare sign, words, two signs
    for (const t of ['1,5', '$', '-', '%', 'abc', '$-', '--5', '$$5', '1,23', '(x)']) expect(parseNumber(t), t).toBeNull();
  });

  it('a $ amount column is continuous and typed as numbers, with the writing noted', async () => {
    const amounts = ['$134.09', '$-99.00', '$1,250.00', '-$5', '$20.50', '$7.25', '$0.99', '$310.00'];
    const { schema, typed } = await read(lines('id,amount', amounts.map((a, i) => `${i + 1},"${a}"`)));
    const c = columnByName(schema, 'amount')!;
    expect(c.role).toBe('continuous');
    expect(c.numberFormat).toEqual({ currency: '$', thousands: true });
    expect(c.reason).toMatch(/currency sign/);
    // downloads write the amounts back with their sign and cents
    expect(c.inputFormat).toMatchObject({ prefix: '$', decimals: 2 });
    expect(valueText(134.09, c)).toBe('$134.09');
    expect(valueText(7.5, c)).toBe('$7.50');
    expect(typed.array('amount')).toEqual([134.09, -99, 1250, -5, 20.5, 7.25, 0.99, 310]);
  });

  it('percentages stay the number written', async () => {
    const { schema, typed } = await read(lines('rate', ['12.5%', '3%', '100%', '0.5%', '7%']));
    expect(columnByName(schema, 'rate')).toMatchObject({ role: 'continuous', numberFormat: { percent: true } });
    expect(typed.array('rate')).toEqual([12.5, 3, 100, 0.5, 7]);
  });
});

describe('clock times', () => {
  it('parses HH:MM, HH:MM:SS and AM/PM into seconds since midnight', () => {
    expect(parseClockTime('00:00')).toBe(0);
    expect(parseClockTime('13:45')).toBe(13 * 3600 + 45 * 60);
    expect(parseClockTime('23:59:30')).toBe(86370);
    expect(parseClockTime('7:05 PM')).toBe(19 * 3600 + 300);
    expect(parseClockTime('12:00 AM')).toBe(0);
    for (const t of ['24:00', '12:60', '9', '12:5', '1:00:60', '13:00 PM']) expect(parseClockTime(t), t).toBeNull();
    expect(formatClockTime(49500)).toBe('13:45');
  });

  it('an HH:MM column is a time of day, typed as seconds since midnight', async () => {
    const { schema, typed } = await read(lines('time,amount', ['08:15,10', '13:45,20', '23:05,30', '00:30,40', '17:00,50']));
    expect(columnByName(schema, 'time')).toMatchObject({ role: 'continuous', timeOfDay: true });
    expect(typed.array('time')).toEqual([29700, 49500, 83100, 1800, 61200]);
    // and written back as clock times
    expect(valueText(49500, columnByName(schema, 'time'))).toBe('13:45');
  });
});

describe('leading zeros on measures', () => {
  it('zero-padded numbers with many values are a quantity, not 170 category codes', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => String(100 + i * 7).padStart(5, '0'));
    const { schema, typed } = await read(lines('balance', [...rows, ...rows.slice(0, 5)]));
    expect(columnByName(schema, 'balance')!.role).toBe('continuous');
    expect((typed.array('balance') as number[])[0]).toBe(100);
  });

  it('a count written sometimes with a leading zero (01 beside 12) is a number', async () => {
    const counts = ['01', '02', '3', '12', '25', '01', '40', '7', '33', '150', '02', '64'];
    const { schema, typed } = await read(lines('months', counts));
    expect(columnByName(schema, 'months')!.role).toBe('continuous');
    expect((typed.array('months') as number[]).slice(0, 3)).toEqual([1, 2, 3]);
  });

  it('fixed-width codes with few values stay codes, and unique ones are keys', async () => {
    const { schema } = await read(lines('branch,acct', ['01,0001', '02,0002', '03,0003', '01,0004', '02,0005']));
    expect(columnByName(schema, 'branch')!.role).toBe('categorical');
    expect(columnByName(schema, 'acct')!.role).toBe('identifier');
  });
});

describe('two-digit years', () => {
  const now = Date.UTC(2026, 11, 6);
  it('a birth date is never in the future: 27 is 1927, 05 is 2005', async () => {
    const { schema, typed } = await read(lines('dob,amount', ['3/9/88,1', '1/2/27,2', '5/6/05,3', '12/31/29,4', '7/7/26,5']), now);
    const c = columnByName(schema, 'dob')!;
    expect(c.role).toBe('datetime');
    expect(c.twoDigitYearPivot).toBe(26);
    const years = (typed.array('dob') as number[]).map((ms) => new Date(ms).getUTCFullYear());
    expect(years).toEqual([1988, 1927, 2005, 1929, 2026]);
    for (const ms of typed.array('dob') as number[]) expect(ms).toBeLessThanOrEqual(now);
  });

  it('other dates keep the spreadsheet rule, and the pivot can be set', async () => {
    const { table } = await loadCsv(openText(lines('opened', ['1/2/27', '3/9/88'])));
    const schema = inferSchema(table, { now });
    expect(columnByName(schema, 'opened')!.twoDigitYearPivot).toBeUndefined();
    expect((applySchema(table, schema).array('opened') as number[]).map((ms) => new Date(ms).getUTCFullYear())).toEqual([2027, 1988]);
    const set: DatasetSchema = { ...schema, columns: schema.columns.map((c) => ({ ...c, twoDigitYearPivot: 90 })) };
    expect((applySchema(table, set).array('opened') as number[]).map((ms) => new Date(ms).getUTCFullYear())).toEqual([2027, 2088]);
  });
});

describe('inference misses', () => {
  it('a two-valued "telephone" column is a categorical flag, not personal text', async () => {
    const { schema } = await read(lines('telephone,phone_number', ['A191,555-0101', 'A192,555-0102', 'A191,555-0103', 'A191,555-0104']));
    expect(columnByName(schema, 'telephone')!.role).toBe('categorical');
    expect(columnByName(schema, 'phone_number')!.role).toBe('text');
  });

  it('a constant column is called a constant, not a two-class label', async () => {
    const { schema } = await read(lines('k,t,v', ['1,a,3', '1,a,4', '1,a,5']));
    expect(columnByName(schema, 'k')!.reason).toMatch(/constant/);
    expect(columnByName(schema, 'k')!.reason).not.toMatch(/two-class/);
    expect(columnByName(schema, 't')!.reason).toMatch(/constant/);
  });

  it('sentinel codes 96 and 98 in a count are kept as their own values and named', async () => {
    const rows = ['0', '0', '1', '0', '2', '1', '0', '3', '96', '0', '98', '1', '0', '4', '0', '2'];
    const { schema, typed } = await read(lines('times_late', rows));
    const c = columnByName(schema, 'times_late')!;
    expect(c.sentinels).toEqual([96, 98]);
    expect(c.reason).toMatch(/96, 98/);
    expect(c.role).toBe('categorical');
    expect(new Set(typed.array('times_late') as string[])).toEqual(new Set(['0', '1', '2', '3', '4', '96', '98']));
  });
});

describe('target and event class', () => {
  it('suggests a 2-value column by its name ("classification", a delinquency flag)', async () => {
    const a = await read(lines('amount,classification', ['10,good', '20,bad', '30,good', '40,good']));
    expect(a.schema).toMatchObject({ target: 'classification', positiveLabel: 'bad' });
    const b = await read(lines('SeriousDlqin2yrs,age,income', ['0,30,100', '1,40,200', '0,50,300', '0,60,400', '0,35,150']));
    expect(b.schema).toMatchObject({ target: 'SeriousDlqin2yrs', positiveLabel: '1' });
  });

  it('suggests an anonymous last column with two values, and the minority class of +/-', async () => {
    const { schema } = await read(lines('A1,A2,A16', ['b,30.8,+', 'a,58.6,-', 'a,24.5,-', 'b,20.1,-', 'b,40.2,+', 'a,33.3,-']));
    expect(schema.target).toBe('A16');
    expect(schema.positiveLabel).toBe('+');
  });

  it('a 1 = good target: the event suggested is the minority class 0, with its share', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => `${i},${i < 7 ? 1 : 0}`);
    const { schema } = await read(lines('x,credit_risk', rows));
    expect(schema.target).toBe('credit_risk');
    expect(schema.positiveLabel).toBe('0');
    const s = suggestEventClass(new Map([['1', 7], ['0', 3]]));
    expect(s.suggested).toBe('0');
    expect(s.classes).toEqual([{ label: '1', count: 7, share: 0.7 }, { label: '0', count: 3, share: 0.3 }]);
    expect(s.reason).toMatch(/minority.*30\.0 %/);
  });

  it('a label naming the event wins over the share; a non-event label points at the other', () => {
    expect(suggestEventClass(new Map([['good', 2], ['bad', 8]])).suggested).toBe('bad');
    expect(suggestEventClass(new Map([['approved', 2], ['x', 8]])).suggested).toBe('x');
    expect(suggestEventClass(new Map([['no', 90], ['yes', 10]])).suggested).toBe('yes');
    expect(suggestEventClass(new Map([['0', 5], ['1', 5]])).suggested).toBe('1');
  });
});
