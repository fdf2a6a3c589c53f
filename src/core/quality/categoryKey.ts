import type { Cell } from './types';

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The identity of a category. SDMetrics compares categories by value equality, so the pandas
 * values 1 and 1.0 (an integer column read with empty cells becomes float) are one category; here
 * numeric labels are normalised to the shortest number string ("1.0" -> "1", "-2" stays "-2").
 * Anything else is its own label. null / undefined / NaN are missing.
 */
export function categoryKey(v: Cell): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isNaN(v) ? null : String(v === 0 ? 0 : v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (DECIMAL.test(v)) {
    const x = Number(v);
    if (Number.isFinite(x)) return String(x === 0 ? 0 : x);
  }
  return v;
}

/** Categorical column(s) as integer codes over one dictionary shared by all the given columns. */
export interface SharedCodes {
  /** category labels; code k is categories[k] */
  categories: string[];
  /** one Int32Array per input column; -1 = missing */
  codes: Int32Array[];
}

/**
 * Encodes columns with one shared dictionary, in order of first appearance (the first column's
 * categories first), so that equal labels in the real and synthetic table get the same code.
 */
export function encodeShared(columns: ArrayLike<Cell>[]): SharedCodes {
  const index = new Map<string, number>();
  const categories: string[] = [];
  // raw value -> key: columns repeat few labels, and the number test is the costly part
  const keyOf = new Map<Cell, string | null>();
  const codes = columns.map((col) => {
    const out = new Int32Array(col.length);
    for (let i = 0; i < col.length; i++) {
      const raw = col[i];
      let key = keyOf.get(raw);
      if (key === undefined) {
        key = categoryKey(raw);
        keyOf.set(raw, key);
      }
      if (key === null) {
        out[i] = -1;
        continue;
      }
      let code = index.get(key);
      if (code === undefined) {
        code = categories.length;
        index.set(key, code);
        categories.push(key);
      }
      out[i] = code;
    }
    return out;
  });
  return { categories, codes };
}
