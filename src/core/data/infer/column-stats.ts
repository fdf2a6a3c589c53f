import { isMissingCell } from './missing.ts';
import { hasLeadingZero, isENotation, readFormattedNumber } from './number.ts';

const PLAIN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** What inference needs to know about one raw (string) column. */
export interface ColumnStats {
  name: string;
  rows: number;
  missing: number;
  nonMissing: number;
  /** count per distinct trimmed non-missing text */
  counts: Map<string, number>;
  /** every non-missing value is a number */
  numeric: boolean;
  /** every numeric value is whole */
  integer: boolean;
  /** distinct numbers (`1` and `1.0` are one) when numeric, else distinct texts */
  distinct: number;
  min: number;
  max: number;
  /** numeric texts with leading zeros (`007`): codes, not quantities */
  leadingZeros: number;
  /** numeric texts in E-notation (`2.70319E+15`) */
  eNotation: number;
  /** numeric texts written with a currency sign, thousands separators, % or parentheses (distinct texts) */
  formatted: { currency: string | null; currencyTexts: number; thousands: number; percent: number; parentheses: number };
  /** width of the numeric texts when they all have one width (`00202`, `01500`: zero-padded), else 0 */
  zeroPaddedWidth: number;
  /** the distinct numbers (numeric columns only; empty otherwise) */
  values: number[];
  /** mean length of the distinct texts */
  meanLength: number;
  /** share of distinct texts containing a space */
  withSpaces: number;
}

/**
 * One pass over the cells to count distinct texts, then the per-value checks (numbers,
 * missing markers) run once per distinct text, which is what makes large files cheap:
 * repeated values are only looked at once.
 */
export function columnStats(name: string, cells: ArrayLike<unknown>): ColumnStats {
  const raw: Record<string, number> = Object.create(null);
  let nulls = 0;
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    if (v === null || v === undefined || v === '') {
      nulls++;
      continue;
    }
    const key = typeof v === 'string' ? v : String(v);
    raw[key] = (raw[key] ?? 0) + 1;
  }

  const counts = new Map<string, number>();
  let missing = nulls;
  for (const key in raw) {
    const n = raw[key];
    if (isMissingCell(key)) {
      missing += n;
      continue;
    }
    const t = key.trim();
    counts.set(t, (counts.get(t) ?? 0) + n);
  }

  let numeric = counts.size > 0;
  let integer = true;
  let min = Infinity;
  let max = -Infinity;
  let leadingZeros = 0;
  let eNotation = 0;
  let zeroWidth = -1;
  const formatted: ColumnStats['formatted'] = { currency: null, currencyTexts: 0, thousands: 0, percent: 0, parentheses: 0 };
  let length = 0;
  let spaces = 0;
  const numbers = new Set<number>();
  for (const t of counts.keys()) {
    length += t.length;
    if (t.includes(' ')) spaces++;
    if (!numeric) continue;
    let x: number | null = PLAIN.test(t) ? Number(t) : null;
    if (x === null || !Number.isFinite(x)) {
      const f = readFormattedNumber(t);
      if (f === null) {
        numeric = false;
        continue;
      }
      x = f.value;
      if (f.currency !== null) {
        formatted.currency ??= f.currency;
        formatted.currencyTexts++;
      }
      if (f.thousands) formatted.thousands++;
      if (f.percent) formatted.percent++;
      if (f.parentheses) formatted.parentheses++;
    }
    numbers.add(x);
    if (!Number.isInteger(x)) integer = false;
    if (x < min) min = x;
    if (x > max) max = x;
    if (hasLeadingZero(t)) leadingZeros++;
    zeroWidth = zeroWidth === -1 || zeroWidth === t.length ? t.length : 0;
    if (isENotation(t)) eNotation++;
  }
  const rows = cells.length;
  return {
    name,
    rows,
    missing,
    nonMissing: rows - missing,
    counts,
    numeric,
    integer: numeric && integer,
    distinct: numeric ? numbers.size : counts.size,
    min: numeric ? min : NaN,
    max: numeric ? max : NaN,
    leadingZeros: numeric ? leadingZeros : 0,
    eNotation: numeric ? eNotation : 0,
    formatted,
    zeroPaddedWidth: numeric && leadingZeros > 0 && zeroWidth > 0 ? zeroWidth : 0,
    values: numeric ? [...numbers] : [],
    meanLength: counts.size ? length / counts.size : 0,
    withSpaces: counts.size ? spaces / counts.size : 0,
  };
}
