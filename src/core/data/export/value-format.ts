/**
 * A typed value as the text a download writes: numbers with the input's decimals (cents stay
 * cents, whole numbers stay whole, no `6.147973611747448` where the file had `6.15`), datetimes
 * (epoch milliseconds) in the input's exact pattern, labels as they are. Without a recorded
 * format, numbers are written in shortest round-trip form and datetimes as ISO 8601 (UTC).
 */
import type { ColumnRole, InputFormat } from '../schema.ts';
import { formatDatetime } from './datetime-pattern.ts';

export interface ValueColumn {
  role?: ColumnRole;
  integer?: boolean;
  inputFormat?: InputFormat;
}

/** A number with `decimals` digits after the point; padded (`5.00`) when `fixed`, else trailing zeros dropped. */
export function formatDecimals(v: number, decimals: number, fixed: boolean): string {
  let s = v.toFixed(decimals);
  if (!fixed && s.includes('.')) s = s.replace(/\.?0+$/, '');
  // -0.001 at 2 decimals is "-0.00": no sign on a zero
  if (s[0] === '-' && !/[1-9]/.test(s)) s = s.slice(1);
  return s;
}

function numberText(v: number, column: ValueColumn | undefined): string {
  if (!Number.isFinite(v)) return '';
  const f = column?.inputFormat;
  if (column?.role === 'datetime') return f?.datetime ? formatDatetime(v, f.datetime) : new Date(v).toISOString();
  let s: string;
  if (f?.decimals !== undefined && Math.abs(v) < 1e21) s = formatDecimals(v, f.decimals, f.fixedDecimals ?? false);
  else if (column?.integer && Math.abs(v) < 1e21) s = formatDecimals(v, 0, true);
  else s = Object.is(v, -0) ? '0' : String(v);
  return f?.prefix || f?.suffix ? `${f.prefix ?? ''}${s}${f.suffix ?? ''}` : s;
}

/** The text of one cell; '' for null, NaN and an invalid Date. */
export function valueText(value: unknown, column?: ValueColumn): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value, column);
  if (value instanceof Date) {
    const t = value.getTime();
    if (Number.isNaN(t)) return '';
    return column?.inputFormat?.datetime ? formatDatetime(t, column.inputFormat.datetime) : value.toISOString();
  }
  return String(value);
}
