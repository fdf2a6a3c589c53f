/**
 * Charts cannot draw 300,000 points; statistics are computed on all rows and only the drawing uses
 * a seeded uniform sample (rows keep their original order so the sample is stable to read).
 */
import type { ColumnTable } from 'arquero';
import { createRng } from '../../util/random.ts';
import { takeRows } from './columns.ts';

/** `k` distinct indices from 0..n−1 (partial Fisher-Yates), ascending; all of them when k ≥ n. */
export function sampleIndices(n: number, k: number, seed: number): Int32Array {
  if (k >= n) return Int32Array.from({ length: n }, (_, i) => i);
  const rng = createRng(seed);
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  for (let i = 0; i < k; i++) {
    const j = i + rng.int(n - i);
    const t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
  return idx.slice(0, Math.max(0, k)).sort();
}

/** At most `maxRows` rows, drawn uniformly without replacement; the table itself when it is small enough. */
export function sampleRowsForDrawing(table: ColumnTable, maxRows: number, seed: number): ColumnTable {
  const n = table.numRows();
  if (n <= maxRows) return table;
  return takeRows(table, sampleIndices(n, maxRows, seed));
}
