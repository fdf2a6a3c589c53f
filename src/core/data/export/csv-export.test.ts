import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { toSafeCsv, safeCsvField, safeCsvParts, neutraliseFormula, isFormulaLike, csvLine } from './index.ts';
import { loadCsv } from '../load/index.ts';
import { inferSchema, applySchema } from '../infer/index.ts';
import { openText } from '../__fixtures__/streams.ts';

describe('toSafeCsv: RFC 4180', () => {
  it('writes a header and rows with CRLF, quoting delimiters, quotes and line breaks; null is empty', () => {
    const t = aq.table({
      id: [1, 2, 3],
      name: ['Ann', 'Smith, Jane', null],
      note: ['say "hi"', 'line 1\nline 2', ''],
    });
    expect(toSafeCsv(t)).toBe('id,name,note\r\n' + '1,Ann,"say ""hi"""\r\n' + '2,"Smith, Jane","line 1\nline 2"\r\n' + '3,,\r\n');
  });

  it("keeps the table's column order, and a header line for a table without rows", () => {
    const t = aq.table({ b: ['x'], a: ['y'], c: ['z'] }, ['c', 'a', 'b']);
    expect(toSafeCsv(t)).toBe('c,a,b\r\nz,y,x\r\n');
    expect(toSafeCsv(t.filter(() => false))).toBe('c,a,b\r\n');
    expect(toSafeCsv(aq.table({}))).toBe('');
  });

  it('writes semicolon and tab files, quoting any delimiter candidate so sniffing stays sure', () => {
    const t = aq.table({ city: ['Paris'], price: ['1,5'], note: ['x;y'] });
    expect(toSafeCsv(t, { delimiter: ';' })).toBe('city;price;note\r\nParis;"1,5";"x;y"\r\n');
    expect(toSafeCsv(t, { delimiter: '\t' })).toBe('city\tprice\tnote\r\nParis\t"1,5"\t"x;y"\r\n');
  });

  it('without a recorded format: numbers in shortest form, NaN and invalid dates empty, dates ISO 8601', () => {
    const t = aq.table({
      x: [0.1 + 0.2, 1e21, -0, NaN],
      when: [new Date(Date.UTC(2019, 0, 2, 3, 4, 5)), new Date(NaN), null, null],
      flag: [true, false, null, null],
    });
    expect(toSafeCsv(t)).toBe('x,when,flag\r\n0.30000000000000004,2019-01-02T03:04:05.000Z,true\r\n1e+21,,false\r\n0,,\r\n,,\r\n');
  });

  it('writes in parts of N rows, each ending with CRLF, that join to the whole file', () => {
    const t = aq.table({ a: [1, 2, 3, 4, 5] });
    const parts = safeCsvParts(t, {}, 2);
    expect(parts).toEqual(['a\r\n', '1\r\n2\r\n', '3\r\n4\r\n', '5\r\n']);
    expect(parts.join('')).toBe(toSafeCsv(t));
  });
});

describe('formula safety: only cells a spreadsheet would execute are escaped', () => {
  it('escapes = @ tab CR, and + or - followed by something that is not a plain number', () => {
    expect(safeCsvField('=1+1')).toBe("'=1+1");
    expect(safeCsvField('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(safeCsvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(safeCsvField('\t=1')).toBe('"\'\t=1"');
    expect(safeCsvField('\r=1')).toBe('"\'\r=1"');
    expect(safeCsvField('+cmd')).toBe("'+cmd");
    expect(safeCsvField('-1+2')).toBe("'-1+2");
    expect(safeCsvField('-x')).toBe("'-x");
    expect(safeCsvField('--')).toBe("'--");
    expect(safeCsvField('+ 1')).toBe("'+ 1");
  });

  it('leaves a lone + or - label, signed numbers and ordinary text unchanged', () => {
    expect(safeCsvField('+')).toBe('+');
    expect(safeCsvField('-')).toBe('-');
    expect(safeCsvField('-99.00')).toBe('-99.00');
    expect(safeCsvField('+5')).toBe('+5');
    expect(safeCsvField('-.5')).toBe('-.5');
    expect(safeCsvField('-1e5')).toBe('-1e5');
    expect(safeCsvField(-12.5)).toBe('-12.5');
    expect(safeCsvField('a=1')).toBe('a=1');
    expect(safeCsvField(" '=already")).toBe(" '=already");
    expect(neutraliseFormula('')).toBe('');
    expect(isFormulaLike('1'.repeat(200_000) + 'x')).toBe(false);
    expect(isFormulaLike('-' + '1'.repeat(200_000) + 'x')).toBe(true);
  });

  it('a +/- target column and header names: labels unchanged, a formula header escaped', () => {
    const t = aq.table({ '=cmd': ['+', '-', '-', '+'], class: ['+', '-', '+', '-'] });
    expect(toSafeCsv(t)).toBe("'=cmd,class\r\n+,+\r\n-,-\r\n-,+\r\n+,-\r\n");
  });

  it('a line of plain cells: numbers as numbers, CRLF', () => {
    expect(csvLine(['model', -0.25, null, NaN, 'a,b'])).toBe('model,-0.25,,,"a,b"\r\n');
  });
});

describe("values in the input's format", () => {
  it('2-decimal amounts with 2 decimals, whole numbers whole, a currency prefix kept', () => {
    const t = aq.table({ amt: [6.147973611747448, 5, -99, -0.001, 1234.5], n: [2.6, -3.2, 0, 7, 1e3], usd: [134.094, -99, 0, 1, 2] });
    const columns = [
      { name: 'amt', role: 'continuous' as const, inputFormat: { decimals: 2, fixedDecimals: true } },
      { name: 'n', role: 'continuous' as const, integer: true },
      { name: 'usd', role: 'continuous' as const, inputFormat: { decimals: 2, fixedDecimals: true, prefix: '$' } },
    ];
    expect(toSafeCsv(t, { columns })).toBe('amt,n,usd\r\n6.15,3,$134.09\r\n5.00,-3,$-99.00\r\n-99.00,0,$0.00\r\n0.00,7,$1.00\r\n1234.50,1000,$2.00\r\n');
  });

  it('varying decimals round to the most seen and drop trailing zeros', () => {
    const t = aq.table({ rate: [0.123456789, 1.5, 2] });
    expect(toSafeCsv(t, { columns: [{ name: 'rate', role: 'continuous', inputFormat: { decimals: 4, fixedDecimals: false } }] })).toBe('rate\r\n0.1235\r\n1.5\r\n2\r\n');
  });

  it('datetimes in the exact input pattern: date-only, timestamp, US and 12-hour forms', () => {
    const birth = Date.UTC(1959, 0, 8, 16, 23, 20); // generated values carry a clock time
    const t = aq.table({ a: [birth], b: [birth], c: [birth], d: [Date.UTC(2019, 0, 1, 0, 0, 18)], e: [birth], f: [Date.UTC(2020, 5, 7, 8, 9, 10, 120)] });
    const columns = [
      { name: 'a', role: 'datetime' as const, inputFormat: { datetime: 'YYYY-MM-DD' } },
      { name: 'b', role: 'datetime' as const, inputFormat: { datetime: 'MM/DD/YYYY' } },
      { name: 'c', role: 'datetime' as const, inputFormat: { datetime: 'M/D/YY h:mm A' } },
      { name: 'd', role: 'datetime' as const, inputFormat: { datetime: 'YYYY-MM-DD HH:mm:ss' } },
      { name: 'e', role: 'datetime' as const, inputFormat: { datetime: 'D.M.YYYY' } },
      { name: 'f', role: 'datetime' as const, inputFormat: { datetime: 'YYYY-MM-DD[T]HH:mm:ss.SSS[Z]' } },
    ];
    expect(toSafeCsv(t, { columns })).toBe('a,b,c,d,e,f\r\n1959-01-08,01/08/1959,1/8/59 4:23 PM,2019-01-01 00:00:18,8.1.1959,2020-06-07T08:09:10.120Z\r\n');
  });
});

describe('the round trip: load, infer (formats recorded), type, write', () => {
  it('writes a file back exactly as it was read: cents, integers, dates, timestamps, +/- labels', async () => {
    const csv =
      'id,trans_date_trans_time,dob,us_date,amt,count,class,comment\r\n' +
      '1,2019-01-01 00:00:18,1959-01-08,01/08/1959,4.97,3,+,=1+1\r\n' +
      '2,2019-01-01 00:00:44,1978-06-21,06/21/1978,107.23,12,-,plain\r\n' +
      '3,2019-01-01 00:00:51,1962-01-19,01/19/1962,-99.00,0,-,\r\n' +
      '4,2019-01-01 00:01:16,1967-01-12,01/12/1967,41.10,5,+,@SUM(A1)\r\n' +
      '5,2019-01-01 00:03:06,1986-03-28,03/28/1986,94.60,7,+,x\r\n';
    const loaded = await loadCsv(openText(csv));
    const schema = inferSchema(loaded.table);
    const byName = Object.fromEntries(schema.columns.map((c) => [c.name, c]));
    expect(byName.trans_date_trans_time.role).toBe('datetime');
    expect(byName.trans_date_trans_time.inputFormat).toEqual({ datetime: 'YYYY-MM-DD HH:mm:ss' });
    expect(byName.dob.inputFormat).toEqual({ datetime: 'YYYY-MM-DD' });
    expect(byName.us_date.inputFormat).toEqual({ datetime: 'MM/DD/YYYY' });
    expect(byName.amt.inputFormat).toEqual({ decimals: 2, fixedDecimals: true });
    expect(byName.count.inputFormat).toEqual({ decimals: 0, fixedDecimals: false });
    const typed = applySchema(loaded.table, schema);
    expect(typeof typed.array('amt')[0]).toBe('number');
    const out = toSafeCsv(typed, { columns: schema.columns });
    expect(out).toBe(csv.replace('=1+1', "'=1+1").replace('@SUM', "'@SUM"));
  });

  it('writes typed values and generated ones (off the input grid) in the same format', async () => {
    const csv = 'when,amount\n2/3/2019 7:05 PM,12.50\n12/30/2018 11:15 AM,3.00\n';
    const loaded = await loadCsv(openText(csv));
    const schema = inferSchema(loaded.table);
    expect(schema.columns[0].inputFormat).toEqual({ datetime: 'M/D/YYYY h:mm A' });
    const generated = aq.table({ when: [Date.UTC(2019, 6, 4, 0, 30, 59, 400)], amount: [7.2049] });
    expect(toSafeCsv(generated, { columns: schema.columns })).toBe('when,amount\r\n7/4/2019 12:30 AM,7.20\r\n');
  });
});
