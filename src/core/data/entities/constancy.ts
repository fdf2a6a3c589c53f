import type { ColumnTable } from 'arquero';
import { keyOfRow } from '../../engines/sequential/customer-streams.ts';

/**
 * Whether a column holds one value per key: measured, not guessed from its name. For each key
 * with at least one row, the column is constant when every non-missing value of that key is the
 * same (compared as text).
 */
export interface Constancy {
  column: string;
  keys: number;
  /** keys whose rows hold two or more different values */
  varyingKeys: number;
}

/** Key text per row (null where any key cell is missing). */
export function rowKeys(table: ColumnTable, key: readonly string[]): (string | null)[] {
  const cols = key.map((k) => table.array(k) as ArrayLike<unknown>);
  return Array.from({ length: table.numRows() }, (_, i) => keyOfRow(cols, i));
}

export function constancyWithinKey(table: ColumnTable, keys: readonly (string | null)[], column: string): Constancy {
  const v = table.array(column) as ArrayLike<unknown>;
  const first = new Map<string, string>();
  const varying = new Set<string>();
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const x = v[i];
    if (k === null || x === null || x === undefined) continue;
    const s = String(x);
    const f = first.get(k);
    if (f === undefined) first.set(k, s);
    else if (f !== s) varying.add(k);
  }
  return { column, keys: first.size, varyingKeys: varying.size };
}
