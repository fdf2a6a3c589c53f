/**
 * Column access shared by the statistics, cleaning and split code. Arquero's `array()` already
 * respects filters and ordering; these helpers add the typed views the numeric loops want.
 */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';

/**
 * Read-only view of a column in row order. For a table without filter or ordering this is the
 * table's own storage (no copy: `array()` copies, which costs ~25 ms per 300,000-row column);
 * callers must never write to it.
 */
export function readColumn(table: ColumnTable, name: string): ArrayLike<unknown> {
  if (!table.isFiltered() && !table.isOrdered()) {
    const col = table.column(name) as unknown;
    if (Array.isArray(col) || (ArrayBuffer.isView(col) && !(col instanceof DataView))) return col as ArrayLike<unknown>;
  }
  return table.array(name) as ArrayLike<unknown>;
}

/** Values of one column in row order (a fresh array: safe to keep, never the table's own storage). */
export function columnValues(table: ColumnTable, name: string): unknown[] {
  return Array.from(readColumn(table, name));
}

/** Numbers as a Float64Array; null, non-numbers and non-finite values become NaN (= missing). */
export function numericColumn(table: ColumnTable, name: string): Float64Array {
  const src = readColumn(table, name);
  const out = new Float64Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const v = src[i];
    out[i] = typeof v === 'number' && Number.isFinite(v) ? v : NaN;
  }
  return out;
}

/** Labels as strings; null/undefined stay null, numbers are written in canonical form. */
export function labelColumn(table: ColumnTable, name: string): (string | null)[] {
  const src = readColumn(table, name);
  const out = new Array<string | null>(src.length);
  for (let i = 0; i < src.length; i++) {
    const v = src[i];
    out[i] = v === null || v === undefined ? null : String(v);
  }
  return out;
}

/** Throws one error naming every column the table lacks. */
export function assertColumns(table: ColumnTable, names: readonly string[], context: string): void {
  const have = new Set(table.columnNames());
  const missing = names.filter((n) => !have.has(n));
  if (missing.length > 0) {
    throw new Error(`${context}: missing column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}`);
  }
}

/** True for null, undefined and NaN: the missing markers a typed table may hold. */
export function isMissing(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
}

/** A new table holding the given rows (in the given order) of every column. */
export function takeRows(table: ColumnTable, indices: ArrayLike<number>): ColumnTable {
  const data: Record<string, unknown[]> = {};
  for (const name of table.columnNames()) {
    const src = readColumn(table, name);
    const out = new Array<unknown>(indices.length);
    for (let i = 0; i < indices.length; i++) out[i] = src[indices[i]];
    data[name] = out;
  }
  return aq.table(data, table.columnNames());
}
