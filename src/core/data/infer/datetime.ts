/**
 * Recognising and parsing dates written as text. Results are epoch milliseconds (UTC); a
 * value without a time zone is read as UTC, so the same text always gives the same number.
 *
 * Formats are strings of tokens: `YYYY` 4-digit year, `YY` 2-digit year, `M`/`MM` month,
 * `D`/`DD` day, `H`/`HH` hour 0-23, `h`/`hh` hour 1-12 with `A` (AM/PM), `mm` minutes,
 * `ss` seconds (a fraction allowed); anything else is literal. `'ISO'` covers `YYYY-MM-DD`,
 * optionally with ` HH:MM[:SS[.fff]]` (or `T`) and a `Z` / `+hh:mm` offset.
 *
 * Two-digit years follow the spreadsheet rule (Excel's default cutoff): 00-29 are 2000-2029,
 * 30-99 are 1930-1999. So `1/1/19` is 2019-01-01 and `3/9/88` is 1988-03-09.
 */

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

const DATE_PARTS = ['M/D/YYYY', 'M/D/YY', 'D/M/YYYY', 'D/M/YY', 'D.M.YYYY', 'D.M.YY', 'YYYY/M/D', 'D-M-YYYY'];
const TIME_PARTS = ['', ' H:mm', ' H:mm:ss', ' h:mm A', ' h:mm:ss A'];

/** Formats tried by `detectDatetimeFormat`, in order of preference (US month-first before day-first). */
export const DATETIME_FORMATS: readonly string[] = [
  'ISO',
  ...DATE_PARTS.flatMap((d) => TIME_PARTS.map((t) => d + t)),
];

/** Cheap pre-check: does the text start like a date at all? */
const DATE_LIKE = /^\s*\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/;

type Field = 'Y4' | 'Y2' | 'M' | 'D' | 'H' | 'h' | 'm' | 's' | 'A';

interface Compiled {
  regex: RegExp;
  fields: Field[];
}

const TOKENS: [string, string, Field][] = [
  ['YYYY', '(\\d{4})', 'Y4'],
  ['YY', '(\\d{2})', 'Y2'],
  ['MM', '(\\d{1,2})', 'M'],
  ['M', '(\\d{1,2})', 'M'],
  ['DD', '(\\d{1,2})', 'D'],
  ['D', '(\\d{1,2})', 'D'],
  ['HH', '(\\d{1,2})', 'H'],
  ['H', '(\\d{1,2})', 'H'],
  ['hh', '(\\d{1,2})', 'h'],
  ['h', '(\\d{1,2})', 'h'],
  ['mm', '(\\d{2})', 'm'],
  ['ss', '(\\d{2}(?:\\.\\d+)?)', 's'],
  ['A', '([AaPp][Mm])', 'A'],
];

const compiled = new Map<string, Compiled | null>();

function compile(format: string): Compiled | null {
  let hit = compiled.get(format);
  if (hit !== undefined) return hit;
  let source = '^';
  const fields: Field[] = [];
  let i = 0;
  while (i < format.length) {
    const token = TOKENS.find(([t]) => format.startsWith(t, i));
    if (token) {
      source += token[1];
      fields.push(token[2]);
      i += token[0].length;
    } else {
      const ch = format[i++];
      source += ch === ' ' ? '\\s+' : ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
    }
  }
  hit = fields.length > 0 ? { regex: new RegExp(source + '$'), fields } : null;
  compiled.set(format, hit);
  return hit;
}

/** The spreadsheet rule: two-digit years up to 29 are 20YY, later ones 19YY. */
export const DEFAULT_TWO_DIGIT_PIVOT = 29;

/** 2-digit year to a full year: 00..pivot → 2000s, later → 1900s (default pivot 29, the spreadsheet rule). */
export function expandTwoDigitYear(yy: number, pivot: number = DEFAULT_TWO_DIGIT_PIVOT): number {
  return yy <= pivot ? 2000 + yy : 1900 + yy;
}

/** Whether a format writes the year with two digits (so the century is a guess). */
export function hasTwoDigitYear(format: string): boolean {
  return format !== 'ISO' && format.includes('YY') && !format.includes('YYYY');
}

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number): number | null {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s >= 60) return null;
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > daysInMonth) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, 0) + Math.round(s * 1000);
  // Date.UTC maps years 0-99 to 1900-1999; set the year explicitly for those
  if (y < 100) {
    const date = new Date(ms);
    date.setUTCFullYear(y);
    return date.getTime();
  }
  return ms;
}

function parseIso(text: string): number | null {
  const m = ISO.exec(text);
  if (!m) return null;
  const frac = m[7] ? Number(`0.${m[7]}`) : 0;
  const t = utc(+m[1], +m[2], +m[3], m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, (m[6] ? +m[6] : 0) + frac);
  if (t === null) return null;
  const zone = m[8];
  if (!zone || zone === 'Z' || zone === 'z') return t;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offset = (+digits.slice(0, 2) * 60 + (digits.length > 2 ? +digits.slice(2) : 0)) * 60_000;
  return t - sign * offset;
}

/**
 * Parse `value` written in `format` (see the module comment) into epoch ms (UTC).
 * Returns null when it does not match the format or is not a real date (e.g. 2/30/2019).
 */
export function parseDatetime(value: string, format: string, twoDigitYearPivot: number = DEFAULT_TWO_DIGIT_PIVOT): number | null {
  const text = value.trim();
  if (format === 'ISO') return parseIso(text);
  const c = compile(format);
  if (!c) return null;
  const m = c.regex.exec(text);
  if (!m) return null;
  let y = 1970;
  let mo = 1;
  let d = 1;
  let h = 0;
  let mi = 0;
  let s = 0;
  let pm: boolean | null = null;
  for (let k = 0; k < c.fields.length; k++) {
    const v = m[k + 1];
    switch (c.fields[k]) {
      case 'Y4': y = +v; break;
      case 'Y2': y = expandTwoDigitYear(+v, twoDigitYearPivot); break;
      case 'M': mo = +v; break;
      case 'D': d = +v; break;
      case 'H': h = +v; break;
      case 'h': h = +v; if (h < 1 || h > 12) return null; break;
      case 'm': mi = +v; break;
      case 's': s = +v; break;
      case 'A': pm = v.toLowerCase() === 'pm'; break;
    }
  }
  if (pm !== null) h = (h % 12) + (pm ? 12 : 0);
  return utc(y, mo, d, h, mi, s);
}

/**
 * The format (from `DATETIME_FORMATS`) that reads the most of `values`, if it reads at least
 * 95 % of the non-empty ones; otherwise null. Month-first wins over day-first when both read
 * everything (e.g. only days <= 12 seen); a day above 12 in the first place selects day-first.
 */
export function detectDatetimeFormat(values: string[]): string | null {
  const texts = values.map((v) => v.trim()).filter((v) => v !== '');
  if (texts.length === 0) return null;
  const probe = texts.slice(0, 20);
  if (probe.filter((t) => DATE_LIKE.test(t)).length < probe.length * 0.5) return null;
  const needed = Math.ceil(texts.length * 0.95);
  let best: string | null = null;
  let bestCount = 0;
  for (const format of DATETIME_FORMATS) {
    let ok = 0;
    let bad = 0;
    for (const t of texts) {
      if (parseDatetime(t, format) !== null) ok++;
      else if (++bad > texts.length - needed) break;
    }
    if (ok >= needed && ok > bestCount) {
      best = format;
      bestCount = ok;
      if (ok === texts.length) break;
    }
  }
  return best;
}
