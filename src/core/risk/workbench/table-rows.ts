import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';

/**
 * Small row operations on tables that every workbench step needs. Columns are copied as plain
 * arrays, so typed-array columns and label columns come out in the same typed-table convention.
 */

function columnValues(table: ColumnTable, name: string): ArrayLike<unknown> {
  return table.array(name) as ArrayLike<unknown>;
}

/** The given rows (any order, repeats allowed) of the named columns. */
export function takeTableRows(table: ColumnTable, rows: ArrayLike<number>, columns: string[] = table.columnNames()): ColumnTable {
  const data: Record<string, unknown[]> = {};
  for (const name of columns) {
    const src = columnValues(table, name);
    const out = new Array<unknown>(rows.length);
    for (let i = 0; i < rows.length; i++) out[i] = src[rows[i]];
    data[name] = out;
  }
  return aq.table(data, columns);
}

/** Rows of `a` then rows of `b`, keeping `columns` (both tables must have them). */
export function concatTables(a: ColumnTable, b: ColumnTable, columns: string[]): ColumnTable {
  const data: Record<string, unknown[]> = {};
  for (const name of columns) {
    const x = columnValues(a, name);
    const y = columnValues(b, name);
    const out = new Array<unknown>(x.length + y.length);
    for (let i = 0; i < x.length; i++) out[i] = x[i];
    for (let i = 0; i < y.length; i++) out[x.length + i] = y[i];
    data[name] = out;
  }
  return aq.table(data, columns);
}

export function missingColumns(table: ColumnTable, columns: string[]): string[] {
  const have = new Set(table.columnNames());
  return columns.filter((c) => !have.has(c));
}
