import type { ColumnTable } from 'arquero';

/** The rows of one table grouped per customer, each group in time order. */
export interface CustomerStreams {
  /** the key of each customer as text (several key columns joined by a unit separator) */
  keys: string[];
  /** per customer: row indices in time order (ties keep the table's order) */
  rows: Int32Array[];
  /** per row: its customer's index */
  customerOf: Int32Array;
}

const SEPARATOR = '\u001f';

/** The text key of row i: the key columns' values joined; null when any is missing. */
export function keyOfRow(columns: ArrayLike<unknown>[], i: number): string | null {
  const parts: string[] = [];
  for (const c of columns) {
    const v = c[i];
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) return null;
    parts.push(String(v));
  }
  return parts.join(SEPARATOR);
}

/** Groups rows by key in order of first appearance; rows with a missing key or time are left out. */
export function groupStreams(table: ColumnTable, key: readonly string[], time: string): CustomerStreams {
  const keyCols = key.map((k) => table.array(k) as ArrayLike<unknown>);
  const t = table.array(time) as ArrayLike<number | null>;
  const index = new Map<string, number>();
  const lists: number[][] = [];
  const customerOf = new Int32Array(table.numRows()).fill(-1);
  for (let i = 0; i < table.numRows(); i++) {
    const k = keyOfRow(keyCols, i);
    const ti = t[i];
    if (k === null || ti === null || ti === undefined || !Number.isFinite(ti)) continue;
    let c = index.get(k);
    if (c === undefined) {
      c = lists.length;
      index.set(k, c);
      lists.push([]);
    }
    lists[c].push(i);
    customerOf[i] = c;
  }
  const rows = lists.map((l) => Int32Array.from(l).sort((a, b) => (t[a] as number) - (t[b] as number) || a - b));
  return { keys: [...index.keys()], rows, customerOf };
}
