import { describe, expect, it } from 'vitest';
import { detectDatetimePattern, formatDatetime } from './datetime-pattern.ts';
import { detectDatetimeFormat, parseDatetime } from '../infer/datetime.ts';
import { datetimeInputFormat, numberDecimals } from '../infer/input-format.ts';

const once = (texts: string[]) => texts.map((t) => [t, 1] as [string, number]);

describe('the exact pattern of a datetime column', () => {
  it.each([
    [['2019-01-01 00:00:18', '2019-06-21 13:05:44'], 'YYYY-MM-DD HH:mm:ss'],
    [['1959-01-08', '1978-06-21'], 'YYYY-MM-DD'],
    [['2019-01-01T00:00:18Z', '2019-06-21T13:05:44Z'], 'YYYY-MM-DD[T]HH:mm:ss[Z]'],
    [['2019-01-01T00:00:18.250', '2019-06-21T13:05:44.125'], 'YYYY-MM-DD[T]HH:mm:ss.SSS'],
    [['2019-01-01 07:05', '2019-06-21 13:05'], 'YYYY-MM-DD HH:mm'],
    [['01/08/1959', '12/24/1960'], 'MM/DD/YYYY'],
    [['1/8/1959', '12/24/1960'], 'M/D/YYYY'],
    [['1/8/59 4:23 PM', '12/24/60 11:05 AM'], 'M/D/YY h:mm A'],
    [['24.12.1960', '08.01.1959'], 'DD.MM.YYYY'],
  ])('%j is %s, and every text reads back through it unchanged', (texts, pattern) => {
    const format = detectDatetimeFormat(texts)!;
    expect(format).not.toBeNull();
    expect(detectDatetimePattern(once(texts), format)).toBe(pattern);
    for (const t of texts) expect(formatDatetime(parseDatetime(t, format)!, pattern)).toBe(t);
  });

  it('a raw column switched to datetime by hand gets its pattern (missing markers skipped)', () => {
    expect(datetimeInputFormat(['1/8/1959', null, 'NA', ' 12/24/1960 ', ''])).toEqual({ datetime: 'M/D/YYYY' });
    expect(datetimeInputFormat(['07/08/1959'], 'D/M/YYYY')).toEqual({ datetime: 'DD/MM/YYYY' });
    expect(datetimeInputFormat(['abc', 'def'])).toBeUndefined();
  });

  it('the most common shape wins, weighed by counts', () => {
    const counts: [string, number][] = [['2019-01-01', 10], ['2019-01-02 10:00:00', 1]];
    expect(detectDatetimePattern(counts, 'ISO')).toBe('YYYY-MM-DD');
  });

  it('writes 12-hour clocks, midnight and noon, and a two-digit year', () => {
    expect(formatDatetime(Date.UTC(2001, 1, 3, 0, 7), 'M/D/YY h:mm A')).toBe('2/3/01 12:07 AM');
    expect(formatDatetime(Date.UTC(2001, 1, 3, 12, 7), 'M/D/YY hh:mm a')).toBe('2/3/01 12:07 pm');
  });
});

describe('the decimals of a numeric column', () => {
  it('cents are fixed 2 decimals; whole numbers 0; varying decimals round to the most; E-notation says nothing', () => {
    expect(numberDecimals(once(['4.97', '107.23', '-99.00', '41.10']))).toEqual({ decimals: 2, fixedDecimals: true });
    expect(numberDecimals(once(['3', '12', '-4']))).toEqual({ decimals: 0, fixedDecimals: false });
    expect(numberDecimals(once(['0.5', '1.25', '2']))).toEqual({ decimals: 2, fixedDecimals: false });
    expect(numberDecimals(once(['2.29E+15', '4.1E+15']))).toBeNull();
    expect(numberDecimals(once(['abc']))).toBeNull();
  });
});
