/**
 * Duplicate-row detection without building a string per row (too slow at 300,000 × 25): each column
 * is dictionary-coded to integers, rows are hashed from their codes, and rows that share a hash are
 * compared code by code.
 */
import type { ColumnTable } from 'arquero';
import { readColumn } from '../eda/columns.ts';

/** Integer code per row: equal values (SameValueZero, so 1 and "1" differ) share a code; missing is 0. */
function dictionaryCodes(values: ArrayLike<unknown>): Int32Array {
  const dict = new Map<unknown, number>();
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) continue;
    let c = dict.get(v);
    if (c === undefined) dict.set(v, (c = dict.size + 1));
    out[i] = c;
  }
  return out;
}

/** 1 where a row repeats an earlier row in all of `columns`, else 0. */
export function duplicateRowMask(table: ColumnTable, columns: readonly string[]): Uint8Array {
  const n = table.numRows();
  const codes = columns.map((c) => dictionaryCodes(readColumn(table, c)));
  const mask = new Uint8Array(n);
  const buckets = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    let h1 = 0x811c9dc5;
    let h2 = 0x9747b28c;
    for (let c = 0; c < codes.length; c++) {
      const v = codes[c][i];
      h1 = Math.imul(h1 ^ v, 16777619);
      h2 = Math.imul(h2 ^ (v + 0x9e3779b9), 0x85ebca6b) ^ (h2 >>> 13);
    }
    // 53-bit key from two 32-bit hashes
    const key = (h1 >>> 0) * 2097152 + ((h2 >>> 0) & 0x1fffff);
    const rows = buckets.get(key);
    if (!rows) {
      buckets.set(key, [i]);
      continue;
    }
    let dup = false;
    for (const j of rows) {
      let same = true;
      for (let c = 0; c < codes.length && same; c++) same = codes[c][i] === codes[c][j];
      if (same) {
        dup = true;
        break;
      }
    }
    if (dup) mask[i] = 1;
    else rows.push(i);
  }
  return mask;
}

export function countDuplicateRows(table: ColumnTable, columns: readonly string[]): number {
  const mask = duplicateRowMask(table, columns);
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i];
  return n;
}
