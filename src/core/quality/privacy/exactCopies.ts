import { categoryKey } from '../categoryKey';
import { toNumeric } from '../numericColumn';
import type { ColumnData, QualityColumn } from '../types';

/** One string per row over the given columns: numbers as numbers, labels compared by value, null as missing. */
export function rowKeys(table: ColumnData, columns: QualityColumn[]): string[] {
  const first = columns[0] === undefined ? undefined : table[columns[0].name];
  const n = first === undefined ? 0 : first.length;
  const parts: string[][] = Array.from({ length: n }, () => []);
  for (const c of columns) {
    const values = table[c.name];
    if (values === undefined || values.length !== n) throw new Error(`column "${c.name}" is missing or has the wrong length`);
    if (c.kind === 'continuous') {
      const x = toNumeric(values);
      for (let i = 0; i < n; i++) parts[i].push(x[i] === x[i] ? String(x[i]) : '\u2205');
    } else {
      for (let i = 0; i < n; i++) {
        const k = categoryKey(values[i]);
        parts[i].push(k === null ? '\u2205' : JSON.stringify(k));
      }
    }
  }
  return parts.map((p) => p.join('\u0001'));
}

/**
 * Rows of `candidates` identical, in every given column, to some row of `source`. Exact (hashing of
 * the original values), over all rows: no subsample, unlike the distances.
 */
export function countExactCopies(source: ColumnData, candidates: ColumnData, columns: QualityColumn[]): { count: number; rows: number } {
  const known = new Set(rowKeys(source, columns));
  const keys = rowKeys(candidates, columns);
  let count = 0;
  for (const k of keys) if (known.has(k)) count++;
  return { count, rows: keys.length };
}

/** Rows occurring fewer than this many times in the training data are rare (the engines' copy guard uses the same k). */
export const RARE_ROW_MIN_COUNT = 5;

/**
 * Rows of `candidates` equal to a row of `source` that occurs fewer than `k` times there: the
 * copies that matter, since a row shared by k or more real rows points at none of them. Exact,
 * over all rows. `rareSourceRows` counts the distinct rare rows of `source`.
 */
export function countRareCopies(
  source: ColumnData,
  candidates: ColumnData,
  columns: QualityColumn[],
  k = RARE_ROW_MIN_COUNT,
): { count: number; rows: number; rareSourceRows: number; k: number } {
  const counts = new Map<string, number>();
  for (const key of rowKeys(source, columns)) counts.set(key, (counts.get(key) ?? 0) + 1);
  let rare = 0;
  for (const c of counts.values()) if (c < k) rare++;
  const keys = rowKeys(candidates, columns);
  let count = 0;
  for (const key of keys) {
    const c = counts.get(key);
    if (c !== undefined && c < k) count++;
  }
  return { count, rows: keys.length, rareSourceRows: rare, k };
}
