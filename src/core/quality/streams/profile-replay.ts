import type { ColumnTable } from 'arquero';

/**
 * Synthetic customers whose profile equals a real customer's in every given column (values
 * compared as text; null equals null): a copied profile. Must be 0.
 */
export function copiedProfiles(realCustomers: ColumnTable, syntheticCustomers: ColumnTable, columns: readonly string[]): number {
  const rowKey = (cols: ArrayLike<unknown>[], i: number) => cols.map((c) => String(c[i] ?? '\u0000')).join('\u001f');
  const rc = columns.map((c) => realCustomers.array(c) as ArrayLike<unknown>);
  const sc = columns.map((c) => syntheticCustomers.array(c) as ArrayLike<unknown>);
  const real = new Set<string>();
  for (let i = 0; i < realCustomers.numRows(); i++) real.add(rowKey(rc, i));
  let k = 0;
  for (let i = 0; i < syntheticCustomers.numRows(); i++) if (real.has(rowKey(sc, i))) k++;
  return k;
}
