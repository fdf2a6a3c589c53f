import { describe, expect, it } from 'vitest';
import { detectDatetimeFormat, expandTwoDigitYear, parseDatetime } from './datetime.ts';

describe('parseDatetime', () => {
  it('reads the spreadsheet formats of the transactions sample', () => {
    expect(parseDatetime('1/1/19 0:00', 'M/D/YY H:mm')).toBe(Date.UTC(2019, 0, 1, 0, 0));
    expect(parseDatetime('1/20/19 23:59', 'M/D/YY H:mm')).toBe(Date.UTC(2019, 0, 20, 23, 59));
    expect(parseDatetime('3/9/88', 'M/D/YY')).toBe(Date.UTC(1988, 2, 9));
    expect(new Date(parseDatetime('3/9/88', 'M/D/YY')!).toISOString()).toBe('1988-03-09T00:00:00.000Z');
  });

  it('reads ISO dates and date-times as UTC, honouring an explicit offset', () => {
    expect(parseDatetime('2019-01-01', 'ISO')).toBe(Date.UTC(2019, 0, 1));
    expect(parseDatetime('2019-01-01 00:00:18', 'ISO')).toBe(Date.UTC(2019, 0, 1, 0, 0, 18));
    expect(parseDatetime('2019-01-01T13:45', 'ISO')).toBe(Date.UTC(2019, 0, 1, 13, 45));
    expect(parseDatetime('2019-01-01T13:45:00.250Z', 'ISO')).toBe(Date.UTC(2019, 0, 1, 13, 45, 0, 250));
    expect(parseDatetime('2019-01-01T13:45:00+02:00', 'ISO')).toBe(Date.UTC(2019, 0, 1, 11, 45));
  });

  it('reads day-first and four-digit-year formats, and 12-hour clocks', () => {
    expect(parseDatetime('31.12.2020', 'D.M.YYYY')).toBe(Date.UTC(2020, 11, 31));
    expect(parseDatetime('12/31/2020', 'M/D/YYYY')).toBe(Date.UTC(2020, 11, 31));
    expect(parseDatetime('31/12/2020 7:05', 'D/M/YYYY H:mm')).toBe(Date.UTC(2020, 11, 31, 7, 5));
    expect(parseDatetime('1/2/2020 12:30 AM', 'M/D/YYYY h:mm A')).toBe(Date.UTC(2020, 0, 2, 0, 30));
    expect(parseDatetime('1/2/2020 1:30 pm', 'M/D/YYYY h:mm A')).toBe(Date.UTC(2020, 0, 2, 13, 30));
  });

  it('rejects impossible dates and text in another format', () => {
    expect(parseDatetime('2/30/2019', 'M/D/YYYY')).toBeNull();
    expect(parseDatetime('2019-13-01', 'ISO')).toBeNull();
    expect(parseDatetime('1/1/19 24:00', 'M/D/YY H:mm')).toBeNull();
    expect(parseDatetime('2019-01-01', 'M/D/YYYY')).toBeNull();
    expect(parseDatetime('hello', 'ISO')).toBeNull();
    expect(parseDatetime('2/29/2020', 'M/D/YYYY')).toBe(Date.UTC(2020, 1, 29));
  });

  it('pivots two-digit years like a spreadsheet: 00-29 → 20xx, 30-99 → 19xx', () => {
    expect(expandTwoDigitYear(0)).toBe(2000);
    expect(expandTwoDigitYear(19)).toBe(2019);
    expect(expandTwoDigitYear(29)).toBe(2029);
    expect(expandTwoDigitYear(30)).toBe(1930);
    expect(expandTwoDigitYear(88)).toBe(1988);
  });
});

describe('detectDatetimeFormat', () => {
  it('finds the format of the transactions sample columns', () => {
    expect(detectDatetimeFormat(['1/1/19 0:00', '1/1/19 0:03', '12/31/19 23:59'])).toBe('M/D/YY H:mm');
    expect(detectDatetimeFormat(['3/9/88', '6/21/78', '1/19/62'])).toBe('M/D/YY');
    expect(detectDatetimeFormat(['2019-01-01 00:00:18', '2019-01-01 00:00:44'])).toBe('ISO');
    expect(detectDatetimeFormat(['1988-03-09', '1978-06-21'])).toBe('ISO');
  });

  it('prefers month-first, and switches to day-first when a first part exceeds 12', () => {
    expect(detectDatetimeFormat(['1/2/2020', '3/4/2020'])).toBe('M/D/YYYY');
    expect(detectDatetimeFormat(['1/2/2020', '13/4/2020'])).toBe('D/M/YYYY');
    expect(detectDatetimeFormat(['24.12.2020', '1.2.2021'])).toBe('D.M.YYYY');
  });

  it('returns null for numbers, words and mixed junk', () => {
    expect(detectDatetimeFormat(['1325376018', '1325376044'])).toBeNull();
    expect(detectDatetimeFormat(['20000', '120000'])).toBeNull();
    expect(detectDatetimeFormat(['misc_net', 'grocery_pos'])).toBeNull();
    expect(detectDatetimeFormat(['1/1/2020', 'x', 'y', 'z'])).toBeNull();
    expect(detectDatetimeFormat([])).toBeNull();
  });
});
