import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { schemaOf } from './test-schema.ts';
import { columnQualitySummary, dataQualityReport } from './quality.ts';

describe('dataQualityReport on a small table', () => {
  const n = 200;
  const amount = Array.from({ length: n }, (_, i) => (i === 7 ? -50 : i === 9 ? 1_000_000 : 100 + (i % 10)));
  const age = Array.from({ length: n }, (_, i) => (i === 3 ? 150 : i === 4 ? 14 : i === 5 ? null : 30 + (i % 20)));
  const t = aq.table({
    id: Array.from({ length: n }, (_, i) => `r${i}`),
    amount,
    age,
    flag: Array.from({ length: n }, () => 'x'),
    colour: Array.from({ length: n }, (_, i) => (i === 0 ? 'teal' : i === 1 ? 'mauve' : i % 2 ? 'red' : 'blue')),
  });
  const schema = schemaOf({ id: 'identifier', amount: 'continuous', age: 'continuous', flag: 'categorical', colour: 'categorical' }, n);
  const f = new Map(dataQualityReport(t, schema).map((x) => [x.id, x]));

  it('finds missing values, impossible ages, few negatives, outliers, constants and rare labels', () => {
    expect(f.get('missing:age')).toMatchObject({ count: 1, severity: 'info', suggestedStep: { kind: 'impute', method: 'median', addIndicator: true } });
    expect(f.get('impossibleAge:age')).toMatchObject({
      count: 2,
      severity: 'error',
      suggestedStep: { kind: 'enforceRange', min: 16, max: 120, action: 'setMissing' },
    });
    expect(f.get('negativeValues:amount')).toMatchObject({ count: 1, suggestedStep: { kind: 'enforceRange', min: 0, max: null } });
    // amount: q1 = 102, q3 = 107 → fences [94.5, 114.5]: −50 and 1,000,000 are outside
    expect(f.get('outliers:amount')?.count).toBe(2);
    expect(f.get('outliers:amount')?.message).toMatch(/\[94\.5, 114\.5\]/);
    expect(f.get('constant:flag')).toMatchObject({ suggestedStep: { kind: 'dropColumns', columns: ['flag'] } });
    expect(f.get('rareCategories:colour')).toMatchObject({ count: 2, suggestedStep: { kind: 'mergeRareCategories', minShare: 0.01 } });
    expect(f.has('duplicateRows:*')).toBe(false);
  });

  it('summarises missing and distinct counts per column', () => {
    const q = columnQualitySummary(t, schema);
    expect(q.find((c) => c.name === 'age')).toMatchObject({ missing: 1, missingShare: 1 / n, distinct: 22 });
    expect(q.find((c) => c.name === 'colour')).toMatchObject({ missing: 0, distinct: 4 });
  });

  it('finds duplicate rows and mixed types', () => {
    const d = aq.table({ a: [1, 2, 1, 1], b: ['x', 'y', 'x', 'x'], c: [1, 'oops', 1, 4] });
    const ds = schemaOf({ a: 'continuous', b: 'categorical', c: 'continuous' }, 4);
    const g = new Map(dataQualityReport(d, ds).map((x) => [x.id, x]));
    expect(g.get('duplicateRows:*')).toMatchObject({ count: 1, suggestedStep: { kind: 'dropDuplicates', columns: null } });
    expect(g.get('mixedTypes:c')).toMatchObject({ count: 1, severity: 'error', suggestedStep: { kind: 'setRole', role: 'continuous' } });
  });

  it('checks the raw text for non-numeric leftovers when given', () => {
    const raw = aq.table({ v: ['1', '2', 'n/a', 'abc', '5', ''] });
    const typed = aq.table({ v: [1, 2, null, null, 5, null] });
    const g = dataQualityReport(typed, schemaOf({ v: 'continuous' }, 6), { raw });
    const mixed = g.find((x) => x.kind === 'mixedTypes')!;
    expect(mixed.count).toBe(1); // 'abc' (n/a and '' are missing markers)
    expect(mixed.message).toContain('"abc"');
  });
});

describe('dataQualityReport: sentinels and birth dates', () => {
  it('keeps sentinel codes (no merge into "other" or "7") and flags birth dates in the future', () => {
    const late = [...Array(500).fill('0'), ...Array(200).fill('1'), ...Array(90).fill('2'), ...Array(40).fill('3'), ...Array(15).fill('4'), ...Array(8).fill('5'), ...Array(4).fill('6'), '7', '7', ...Array(5).fill('96'), ...Array(9).fill('98')];
    const n = late.length;
    const now = Date.UTC(2026, 11, 6);
    const dob = Array.from({ length: n }, (_, i) => (i < 3 ? Date.UTC(2028, 0, 1) : Date.UTC(1980, 0, 1 + (i % 300))));
    const t = aq.table({ late, dob });
    const schema = schemaOf({ late: 'categorical', dob: 'datetime' }, n);
    const f = new Map(dataQualityReport(t, schema, { now }).map((x) => [x.id, x]));
    const rare = f.get('rareCodes:late')!;
    expect(rare.severity).toBe('info');
    expect(rare.suggestedStep).toBeUndefined();
    expect(rare.message).toMatch(/96 \(5 rows\), 98 \(9 rows\) look like special codes/);
    expect(f.get('futureBirthDates:dob')).toMatchObject({ count: 3, severity: 'error', suggestedStep: { kind: 'enforceRange', max: now, action: 'setMissing' } });
  });
});

describe('dataQualityReport: text in numeric columns of the file', () => {
  it('money and clock times are values, only text that typing cannot read is reported', () => {
    const raw = aq.table({ amount: ['$134.09', '$-99.00', 'oops', '1,250'], time: ['08:15', '13:45', '23:05', '00:30'] });
    const t = aq.table({ amount: [134.09, -99, null, 1250], time: [29700, 49500, 83100, 1800] });
    const schema = schemaOf({ amount: 'continuous', time: 'continuous' }, 4);
    schema.columns[1].timeOfDay = true;
    const f = new Map(dataQualityReport(t, schema, { raw }).map((x) => [x.id, x]));
    expect(f.get('mixedTypes:file:amount')).toMatchObject({ count: 1 });
    expect(f.get('mixedTypes:file:amount')!.message).toMatch(/"oops"; 3 are/);
    expect(f.has('mixedTypes:file:time')).toBe(false);
  });
});

describe('dataQualityReport: amounts left as labels', () => {
  it('suggests reading a label column of amounts with a few stray texts as numbers', () => {
    const amount = [...Array.from({ length: 60 }, (_, i) => `$${(i * 3.25).toFixed(2)}`), 'refund pending'];
    const t = aq.table({ amount });
    const f = new Map(dataQualityReport(t, schemaOf({ amount: 'categorical' }, amount.length)).map((x) => [x.id, x]));
    expect(f.get('numbersAsLabels:amount')).toMatchObject({ count: 1, suggestedStep: { kind: 'parseNumbers', column: 'amount' } });
    expect(f.get('numbersAsLabels:amount')!.message).toMatch(/"refund pending"/);
    // a short code column is not such a case
    const few = aq.table({ code: ['a', 'b', 'a'] });
    expect(dataQualityReport(few, schemaOf({ code: 'categorical' }, 3)).some((x) => x.kind === 'numbersAsLabels')).toBe(false);
  });
});
