/** Plain, signed, decimal and E-notation numbers: `-2`, `10.5`, `.5`, `2.70319E+15`, `1e+05`. */
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Comma-grouped thousands: `1,234`, `12,345,678.90` (groups of exactly three, so `1,5` is not one). */
const THOUSANDS = /^\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;
/** Currency signs written before or after an amount in exports (`$134.09`, `12,50 €`). */
const CURRENCY_SIGNS = '$€£¥₹₽₩';

/** How a number was written when it was not plain (what inference reports, what a cleaning step strips). */
export interface NumberWriting {
  value: number;
  currency: string | null;
  percent: boolean;
  thousands: boolean;
  parentheses: boolean;
}

/**
 * The number a cell text stands for, or null when it is not a number. Besides plain numbers it
 * reads what spreadsheet and bank exports write: a currency sign (`$134.09`, `$-99.00`, `-$5`,
 * `5 €`), comma thousands separators (`1,234.5`), a percentage (`12.5%` is 12.5: the number as
 * written, not 0.125) and accounting negatives in parentheses (`(42.00)` is -42).
 */
export function parseNumber(text: string): number | null {
  const t = isTrimmed(text) ? text : text.trim();
  if (NUMBER.test(t)) {
    const n = Number(t);
    return Number.isFinite(n) ? n : null;
  }
  return readFormattedNumber(t)?.value ?? null;
}

/** A number written with currency, thousands, percent or parentheses (null for plain numbers and non-numbers). */
export function readFormattedNumber(text: string): NumberWriting | null {
  let t = text.trim();
  if (t.length === 0 || t.length > 40) return null;
  const out: NumberWriting = { value: NaN, currency: null, percent: false, thousands: false, parentheses: false };
  let negative = false;
  if (t[0] === '(' && t[t.length - 1] === ')') {
    out.parentheses = true;
    negative = true;
    t = t.slice(1, -1).trim();
  }
  const sign = () => {
    if (t[0] === '-' || t[0] === '+') {
      if (t[0] === '-') negative = !negative;
      t = t.slice(1).trimStart();
      return true;
    }
    return false;
  };
  const hadSign = sign();
  if (CURRENCY_SIGNS.includes(t[0] ?? '')) {
    out.currency = t[0];
    t = t.slice(1).trimStart();
  } else if (CURRENCY_SIGNS.includes(t[t.length - 1] ?? '')) {
    out.currency = t[t.length - 1];
    t = t.slice(0, -1).trimEnd();
  }
  if (!hadSign && out.currency !== null) sign();
  if (t[t.length - 1] === '%') {
    out.percent = true;
    t = t.slice(0, -1).trimEnd();
  }
  if (THOUSANDS.test(t)) {
    out.thousands = true;
    t = t.replace(/,/g, '');
  }
  if (!(out.currency !== null || out.percent || out.thousands || out.parentheses)) return null;
  if (t[0] === '-' || t[0] === '+' || !NUMBER.test(t)) return null;
  const n = Number(t);
  if (!Number.isFinite(n)) return null;
  out.value = negative ? -n : n;
  return out;
}

/** Canonical label of a numeric code: `"1.0"` and `"1"` are both `"1"`, `-0` is `"0"`. */
export function numberLabel(n: number): string {
  return Object.is(n, -0) ? '0' : String(n);
}

/** `007` or `-01` (a code whose zeros matter), but not `0`, `0.5` or `0e1`. */
export function hasLeadingZero(text: string): boolean {
  const t = text.trim();
  const start = t[0] === '-' || t[0] === '+' ? 1 : 0;
  return t.length > start + 1 && t[start] === '0' && t[start + 1] >= '0' && t[start + 1] <= '9';
}

export function isENotation(text: string): boolean {
  return text.includes('e') || text.includes('E');
}

function isTrimmed(s: string): boolean {
  return s.length > 0 && s.charCodeAt(0) > 32 && s.charCodeAt(s.length - 1) > 32;
}
