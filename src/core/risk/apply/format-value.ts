import type { ColumnSchema } from '../../data/schema.ts';
import { formatClockTime } from '../../data/infer/clock-time.ts';

const DAY_MS = 86_400_000;

/** A number with the decimals a reader needs: whole numbers as they are, 2 decimals from 100, 3 significant digits below 1. */
export function readableNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 100) return String(Number(x.toFixed(2)));
  if (a >= 1) return String(Number(x.toFixed(3)));
  return String(Number(x.toPrecision(3)));
}

/** An epoch-ms datetime as a date (`1988-03-09`), with `HH:MM` when it has a time of day. */
export function readableDatetime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return ms % DAY_MS === 0 ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/**
 * A typed value as a screening reason shows it: dates as dates (not epoch milliseconds), clock
 * times as `HH:MM`, numbers with sensible decimals (not 15), labels as they are.
 */
export function readableValue(v: unknown, column?: Pick<ColumnSchema, 'role' | 'timeOfDay'>): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return null;
    if (column?.role === 'datetime') return readableDatetime(v);
    if (column?.timeOfDay) return formatClockTime(v);
    return readableNumber(v);
  }
  return String(v);
}
