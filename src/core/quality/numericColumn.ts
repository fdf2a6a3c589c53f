import type { Cell } from './types';

/**
 * A continuous column as a Float64Array with NaN for missing. Numeric strings are parsed (a reader
 * may hand over labels); anything else that is not a finite number is missing.
 */
export function toNumeric(values: ArrayLike<Cell>): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let x = NaN;
    if (typeof v === 'number') x = v;
    else if (typeof v === 'string' && v.trim() !== '') x = Number(v);
    else if (typeof v === 'boolean') x = v ? 1 : 0;
    out[i] = Number.isFinite(x) ? x : NaN;
  }
  return out;
}

/** Non-missing values, sorted ascending. */
export function sortedPresent(x: Float64Array): Float64Array {
  let n = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === x[i]) n++;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === x[i]) out[k++] = x[i];
  return out.sort();
}
