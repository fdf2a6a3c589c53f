/** Small table helpers for the cleaning steps (never mutating the input or its arrays). */
import type { ColumnTable } from 'arquero';
import type { ColumnSchema, DatasetSchema } from '../schema.ts';
import { isMissing, readColumn } from '../eda/columns.ts';

/** A table without filter or ordering, so row positions are plain indices. */
export function materialize(table: ColumnTable): ColumnTable {
  return table.isFiltered() || table.isOrdered() ? table.reify() : table;
}

/** Same table with one column's values replaced (column position kept). */
export function replaceColumn(table: ColumnTable, name: string, values: unknown[]): ColumnTable {
  return table.assign({ [name]: values });
}

/** Cells whose stored value differs (two missing markers count as equal). */
export function countChanged(before: ArrayLike<unknown>, after: ArrayLike<unknown>): number {
  let n = 0;
  for (let i = 0; i < before.length; i++) {
    const a = before[i];
    const b = after[i];
    if (a === b || (isMissing(a) && isMissing(b))) continue;
    n++;
  }
  return n;
}

/** Missing and distinct counts of a column, as the schema records them. */
export function columnStats(values: ArrayLike<unknown>): { missing: number; distinct: number; numeric: boolean; integer: boolean } {
  const seen = new Set<unknown>();
  let missing = 0;
  let numeric = true;
  let integer = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (isMissing(v)) {
      missing++;
      continue;
    }
    seen.add(v);
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (!Number.isFinite(n)) {
      numeric = false;
      integer = false;
    } else if (!Number.isInteger(n)) integer = false;
  }
  return { missing, distinct: seen.size, numeric, integer };
}

/** Schema with row count and the given columns' statistics refreshed from the table. */
export function refreshSchema(table: ColumnTable, schema: DatasetSchema, columns: 'all' | string[]): DatasetSchema {
  const touch = columns === 'all' ? null : new Set(columns);
  return {
    ...schema,
    rowCount: table.numRows(),
    columns: schema.columns.map((c): ColumnSchema => {
      if ((touch && !touch.has(c.name)) || !table.columnNames().includes(c.name)) return c;
      return { ...c, ...columnStats(readColumn(table, c.name)) };
    }),
  };
}

