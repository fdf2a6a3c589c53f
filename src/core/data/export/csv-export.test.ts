import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { toSafeCsv, safeCsvField, neutraliseFormula, isNumericColumn } from './index.ts';
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
    expect(toSafeCsv(t)).toBe(
      'id,name,note\r\n' +
        '1,Ann,"say ""hi"""\r\n' +
        '2,"Smith, Jane","line 1\nline 2"\r\n' +
        '3,,\r\n',
    );
  });

  it('keeps the table\'s column order, and a header line for a table without rows', () => {
    const t = aq.table({ b: ['x'], a: ['y'], c: ['z'] }, ['c', 'a', 'b']);
    expect(toSafeCsv(t)).toBe('c,a,b\r\nz,y,x\r\n');
    expect(toSafeCsv(t.filter(() => false))).toBe('c,a,b\r\n');
    expect(toSafeCsv(aq.table({}))).toBe('');
  });

  it('writes semicolon and tab files, quoting any delimiter candidate so sniffing stays sure', () => {
    const t = aq.table({ city: ['Paris'], price: ['1,5'], note: ['x;y'] });
    expect(toSafeCsv(t, { delimiter: ';', eol: '\n' })).toBe('city;price;note\nParis;"1,5";"x;y"\n');
    expect(toSafeCsv(t, { delimiter: '\t', eol: '\n' })).toBe('city\tprice\tnote\nParis\t"1,5"\t"x;y"\n');
  });

  it('writes numbers in shortest form, NaN and invalid dates as empty, dates as ISO 8601', () => {
    const t = aq.table({
      x: [0.1 + 0.2, 1e21, -0, NaN],
      when: [new Date(Date.UTC(2019, 0, 2, 3, 4, 5)), new Date(NaN), null, null],
      flag: [true, false, null, null],
    });
    expect(toSafeCsv(t, { eol: '\n' })).toBe(
      'x,when,flag\n0.30000000000000004,2019-01-02T03:04:05.000Z,true\n1e+21,,false\n0,,\n,,\n',
    );
  });
});

describe('toSafeCsv: formula cells are neutralised (OWASP CSV injection)', () => {
  it('prefixes = + - @ tab and CR with a single quote, in values and header names', () => {
    const t = aq.table({
      '=cmd': ['=HYPERLINK("http://x","y")', '+1', '-1+2', '@SUM(A1)', '\t=1', '\r=1', 'plain', " '=already"],
    });
    expect(toSafeCsv(t, { eol: '\n' })).toBe(
      "'=cmd\n" +
        '"\'=HYPERLINK(""http://x"",""y"")"\n' +
        "'+1\n" +
        "'-1+2\n" +
        "'@SUM(A1)\n" +
        '"\'\t=1"\n' +
        '"\'\r=1"\n' +
        'plain\n' +
        " '=already\n",
    );
  });

  it('leaves plain negative numbers in numeric columns as numbers (what analysts expect), not elsewhere', () => {
    const t = aq.table({
      amount: [-12.5, 3, null, -1e-7], // typed continuous column
      code: ['-2', '0', '-1', null], // categorical codes: plain-number texts
      mixed: ['-12.5', 'abc', '-3', null], // text column: a leading minus is neutralised
      sum: ['-1', '-1+2', '+1', '-.5'], // not all plain numbers
      inf: [-Infinity, 1, null, null], // -Infinity is not a plain number
    });
    expect(toSafeCsv(t, { eol: '\n' })).toBe(
      'amount,code,mixed,sum,inf\n' +
        "-12.5,-2,'-12.5,'-1,'-Infinity\n" +
        "3,0,abc,'-1+2,1\n" +
        ",-1,'-3,'+1,\n" +
        "-1e-7,,,'-.5,\n",
    );
  });

  it('decides per column: numbers, or plain-number texts, or neither', () => {
    expect(isNumericColumn([1, -2, null, NaN])).toBe(true);
    expect(isNumericColumn(new Float64Array([1, -2.5]))).toBe(true);
    expect(isNumericColumn(['-1', '2.5', '', null, '.5', '-1e5'])).toBe(true);
    expect(isNumericColumn(['-1', 2])).toBe(false); // numbers and texts mixed
    expect(isNumericColumn(['+1'])).toBe(false);
    expect(isNumericColumn(['-1+2'])).toBe(false);
    expect(isNumericColumn(['1,5'])).toBe(false);
    expect(safeCsvField(-12.5, true)).toBe('-12.5');
    expect(safeCsvField(-12.5, false)).toBe("'-12.5");
    expect(safeCsvField('=1', true)).toBe("'=1");
    expect(neutraliseFormula('a=1')).toBe('a=1');
    expect(neutraliseFormula('')).toBe('');
  });

  it('checks a long digit run in linear time (the plain-number test cannot backtrack)', () => {
    const started = performance.now();
    expect(isNumericColumn(['1'.repeat(200_000) + 'x'])).toBe(false);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('toSafeCsv: reads back through loadCsv', () => {
  it('gives the same cells (formulas with their quote prefix) after load, infer and apply', async () => {
    const csv = 'id,amount,code,comment\n1,-12.5,-2,"=HYPERLINK(""http://x"",""y"")"\n2,3.25,1,"Smith, ""J"""\n3,,-2,@SUM(A1)\n4,-0.5,1,\n';
    const loaded = await loadCsv(openText(csv));
    const schema = inferSchema(loaded.table);
    const typed = applySchema(loaded.table, schema);
    expect(schema.columns.map((c) => c.role)).toEqual(['identifier', 'continuous', 'categorical', 'categorical']);

    const out = toSafeCsv(typed);
    expect(out).toBe(
      'id,amount,code,comment\r\n' +
        '1,-12.5,-2,"\'=HYPERLINK(""http://x"",""y"")"\r\n' +
        '2,3.25,1,"Smith, ""J"""\r\n' +
        "3,,-2,'@SUM(A1)\r\n" +
        '4,-0.5,1,\r\n',
    );
    const again = await loadCsv(openText(out, 7));
    expect(again.columns).toEqual(loaded.columns);
    expect(again.table.array('amount')).toEqual(['-12.5', '3.25', null, '-0.5']);
    expect(again.table.array('comment')).toEqual(['\'=HYPERLINK("http://x","y")', 'Smith, "J"', "'@SUM(A1)", null]);
  });
});
