/**
 * How the input file wrote a column (schema.ts InputFormat), read from its distinct texts at
 * load, so downloads can write values back the same way: the decimals of numbers (cents stay
 * cents, whole numbers stay whole) and the exact pattern of dates and timestamps.
 */
import type { InputFormat } from '../schema.ts';
import { detectDatetimePattern } from '../export/datetime-pattern.ts';
import { isENotation, parseNumber } from './number.ts';

/** More digits than this after the point are noise (float output), not a format. */
const MAX_DECIMALS = 12;

/**
 * The decimals of a numeric column's texts: the most digits after the point, and whether every
 * number was written with exactly that many (then downloads pad: `5.00`). E-notation texts say
 * nothing about decimals and are skipped; null when no text is a plain number.
 */
export function numberDecimals(counts: Iterable<[string, number]>): { decimals: number; fixedDecimals: boolean } | null {
  let decimals = 0;
  let numbers = 0;
  let withPoint = 0;
  const places = new Map<number, number>();
  for (const [text, n] of counts) {
    if (parseNumber(text) === null || isENotation(text)) continue;
    numbers += n;
    const point = text.indexOf('.');
    const d = point < 0 ? 0 : text.length - point - 1;
    if (point >= 0) withPoint += n;
    places.set(d, (places.get(d) ?? 0) + n);
    if (d > decimals) decimals = d;
  }
  if (numbers === 0) return null;
  decimals = Math.min(decimals, MAX_DECIMALS);
  // fixed: every text with a point has the same decimals, and most texts have a point
  const fixedDecimals = decimals > 0 && (places.get(decimals) ?? 0) === withPoint && withPoint * 2 >= numbers;
  return { decimals, fixedDecimals };
}

/** The input format of one raw column, from its distinct trimmed texts and their counts. */
export function detectInputFormat(counts: Map<string, number>, numeric: boolean, datetimeFormat?: string): InputFormat | undefined {
  if (datetimeFormat) {
    const datetime = detectDatetimePattern(counts, datetimeFormat);
    return datetime ? { datetime } : undefined;
  }
  if (!numeric) return undefined;
  const d = numberDecimals(counts);
  return d ? { decimals: d.decimals, fixedDecimals: d.fixedDecimals } : undefined;
}
