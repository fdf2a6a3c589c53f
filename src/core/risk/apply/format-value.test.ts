import { describe, expect, it } from 'vitest';
import { readableNumber, readableValue } from './format-value.ts';

describe('screening reason values', () => {
  it('shows dates as dates and numbers with sensible decimals', () => {
    expect(readableValue(Date.UTC(1988, 2, 9), { role: 'datetime' })).toBe('1988-03-09');
    expect(readableValue(Date.UTC(2019, 0, 1, 22, 5), { role: 'datetime' })).toBe('2019-01-01 22:05');
    expect(readableValue(49500, { role: 'continuous', timeOfDay: true })).toBe('13:45');
    expect(readableValue(78.59767712345678)).toBe('78.598');
    expect(readableNumber(1234.5678901)).toBe('1234.57');
    expect(readableNumber(0.000123456)).toBe('0.000123');
    expect(readableNumber(20000)).toBe('20000');
    expect(readableValue('A14')).toBe('A14');
    expect(readableValue(null)).toBeNull();
  });
});

describe('screening form fields for dates', () => {
  it('a date-only column asks for a date, a timestamp keeps its hour, a clock time is a time input', async () => {
    const aq = await import('arquero');
    const { formFields } = await import('./model-file.ts');
    const col = (name: string, role: 'datetime' | 'continuous', extra = {}) => ({ name, role, inferredRole: role, reason: '', numeric: true, integer: false, missing: 0, distinct: 2, ...extra });
    const schema = { columns: [col('dob', 'datetime'), col('at', 'datetime'), col('time', 'continuous', { timeOfDay: true })], target: null, positiveLabel: null, rowCount: 2 };
    const table = aq.table({ dob: [Date.UTC(1988, 2, 9), Date.UTC(1990, 0, 1)], at: [Date.UTC(2019, 0, 1, 22, 5), Date.UTC(2019, 0, 2)], time: [29700, 49500] });
    const fields = formFields(schema, table);
    expect(fields.map((f) => [f.name, f.hasTime ?? null, f.timeOfDay ?? null])).toEqual([
      ['dob', false, null],
      ['at', true, null],
      ['time', null, true],
    ]);
  });
});
