import type { ColumnCoder } from './column-coder.ts';

/**
 * The copy guard of every engine: a sampled row whose values equal, in every modelled column, a
 * real training row that occurs fewer than k times is rejected. Such a row is a fingerprint of
 * few people; a row that many real rows share (an inactive account with every amount 0 in a
 * common category) says nothing about any one of them, so it is left alone and its share kept.
 *
 * The guard compares decoded values, not codes, so it sees what the user sees: integer columns
 * are rounded back onto real values (ages, credit limits in 10,000s) and categorical columns only
 * hold real labels, so those are where copies come from. It is always on: no share of guarded
 * rows switches it off (mostly categorical data, where copies are likeliest, is where it matters).
 */

/** Rows occurring fewer than this many times in training are rare (default k). */
export const RARE_ROW_K = 5;

export interface RareRowGuard {
  k: number;
  /** 52-bit hashes of the value keys of the rare training rows a sample can reproduce, ascending */
  hashes: number[];
}

/** One string per row of values: numbers by value, labels quoted, null as ∅ (the same for real and decoded rows). */
export function rowValueKey(values: ArrayLike<string | number | null | undefined>): string {
  let key = '';
  for (let j = 0; j < values.length; j++) {
    const v = values[j];
    if (j > 0) key += '\u0001';
    key += v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? '\u2205' : typeof v === 'number' ? String(v + 0) : JSON.stringify(v);
  }
  return key;
}

/** A 52-bit hash of a string (two 32-bit FNV-1a streams). */
export function hashKey(s: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ ((c + i) & 0xffff), 0x01000193);
  }
  return (a >>> 0) * 0x100000 + ((b >>> 0) & 0xfffff);
}

/** A training value as a sample can hold it (categorical labels are strings, numbers finite or null). */
function typedValue(coder: ColumnCoder, v: unknown): string | number | null {
  if (v === null || v === undefined) return null;
  if (coder.kind === 'categorical') return String(v);
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * Values a sample of a non-integer numeric column can take exactly: its point masses and the
 * knots of its range bins (a draw lands on a knot when the within-bin position is 0 or 1).
 * Every other real value is met with probability 0, so rows holding one need no guard.
 */
function exactValues(coder: ColumnCoder): Set<number> | null {
  if (coder.kind !== 'numeric' || coder.column.integer) return null;
  const out = new Set<number>();
  for (const b of coder.bins) {
    if (b.type === 'point') out.add(b.value);
    else for (const k of b.knots) out.add(k);
  }
  return out;
}

/** The guard for a training table given as one value array per modelled column. */
export function fitRareRowGuard(coders: readonly ColumnCoder[], values: readonly ArrayLike<unknown>[], nRows: number, k = RARE_ROW_K): RareRowGuard {
  if (!(Number.isInteger(k) && k >= 1)) throw new Error(`the copy guard's k must be a whole number >= 1, got ${k}`);
  const reachable = coders.map(exactValues);
  const counts = new Map<string, number>();
  const row: (string | number | null)[] = new Array(coders.length);
  for (let i = 0; i < nRows; i++) {
    let possible = true;
    for (let j = 0; j < coders.length; j++) {
      const v = typedValue(coders[j], values[j][i]);
      const exact = reachable[j];
      if (exact && typeof v === 'number' && !exact.has(v)) {
        possible = false;
        break;
      }
      row[j] = v;
    }
    // a row no sample can equal still counts towards nothing: it is unique by value anyway
    if (!possible) continue;
    const key = rowValueKey(row);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const hashes = new Set<number>();
  for (const [key, count] of counts) if (count < k) hashes.add(hashKey(key));
  return { k, hashes: [...hashes].sort((x, y) => x - y) };
}

/** A test for decoded rows: true when the row equals a rare training row. */
export function rareRowTest(guard: RareRowGuard | undefined): ((row: ArrayLike<string | number | null>) => boolean) | null {
  if (!guard || guard.hashes.length === 0) return null;
  const set = new Set(guard.hashes);
  return (row) => set.has(hashKey(rowValueKey(row)));
}
