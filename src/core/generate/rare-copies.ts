import type { ColumnTable } from 'arquero';
import { RARE_ROW_K, rowValueKey } from '../engines/rare-row-guard';
import { takeRows } from '../data/eda/columns';

/**
 * The copy guard for generators that have none of their own (the GAN): drops generated rows equal,
 * in every given column, to a real training row that occurs fewer than k times (the engines'
 * guard, rare-row-guard.ts, applies the same rule while sampling). Common rows are kept.
 */
export function rareCopyFilter(
  train: ColumnTable,
  columns: readonly string[],
  k = RARE_ROW_K,
): (chunk: ColumnTable) => { table: ColumnTable; rejected: number } {
  const counts = new Map<string, number>();
  const real = columns.map((c) => train.array(c) as ArrayLike<string | number | null>);
  const row: (string | number | null)[] = new Array(columns.length);
  for (let i = 0; i < train.numRows(); i++) {
    for (let j = 0; j < real.length; j++) row[j] = real[j][i];
    const key = rowValueKey(row);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const rare = new Set<string>();
  for (const [key, c] of counts) if (c < k) rare.add(key);
  return (chunk) => {
    if (rare.size === 0) return { table: chunk, rejected: 0 };
    const cols = columns.map((c) => chunk.array(c) as ArrayLike<string | number | null>);
    const keep: number[] = [];
    for (let i = 0; i < chunk.numRows(); i++) {
      for (let j = 0; j < cols.length; j++) row[j] = cols[j][i];
      if (!rare.has(rowValueKey(row))) keep.push(i);
    }
    const rejected = chunk.numRows() - keep.length;
    if (rejected === 0) return { table: chunk, rejected };
    return { table: takeRows(chunk, keep), rejected };
  };
}
