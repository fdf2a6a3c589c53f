/** Plain, signed, decimal and E-notation numbers: `-2`, `10.5`, `.5`, `2.70319E+15`, `1e+05`. */
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** The number a cell text stands for, or null when it is not a number. */
export function parseNumber(text: string): number | null {
  const t = isTrimmed(text) ? text : text.trim();
  if (!NUMBER.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
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
