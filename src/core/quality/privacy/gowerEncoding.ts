import { categoryKey } from '../categoryKey';
import { toNumeric } from '../numericColumn';
import type { ColumnData, QualityColumn } from '../types';

/**
 * Shared encoding for record distances (a Gower-like distance):
 *
 *   d(x, y) = (sum over continuous c of |x_c - y_c| / range_c  +  sum over discrete c of [x_c != y_c]) / columns
 *
 * range_c = max - min of the real *training* column (1 when the column is constant), so every
 * column weighs about the same whatever its unit, and the same scale is used for every table.
 * Values outside the training range are not clipped (a far-out synthetic value stays far).
 * Missing: missing vs missing is 0, missing vs a value is 1 (the largest in-range difference).
 * d is 0 only for rows equal in every column and at most about 1 for in-range rows.
 */
export interface GowerEncoding {
  columns: QualityColumn[];
  continuous: { name: string; min: number; range: number }[];
  /** one dictionary per discrete column; grows when a table brings a label training lacks */
  discrete: { name: string; codes: Map<string, number> }[];
}

export interface EncodedRows {
  n: number;
  /** n x continuous.length, row-major, min-max scaled; NaN = missing */
  cont: Float32Array;
  /** n x discrete.length, row-major; -1 = missing */
  cat: Int32Array;
  /** number of columns (the Gower denominator) */
  dims: number;
}

export function fitGowerEncoding(train: ColumnData, columns: QualityColumn[]): GowerEncoding {
  const continuous: GowerEncoding['continuous'] = [];
  const discrete: GowerEncoding['discrete'] = [];
  for (const c of columns) {
    const values = train[c.name];
    if (values === undefined) throw new Error(`the training table has no column "${c.name}"`);
    if (c.kind === 'continuous') {
      const x = toNumeric(values);
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < x.length; i++) {
        if (x[i] < min) min = x[i];
        if (x[i] > max) max = x[i];
      }
      if (!(min <= max)) {
        min = 0;
        max = 1;
      }
      continuous.push({ name: c.name, min, range: max > min ? max - min : 1 });
    } else {
      const codes = new Map<string, number>();
      for (let i = 0; i < values.length; i++) {
        const k = categoryKey(values[i]);
        if (k !== null && !codes.has(k)) codes.set(k, codes.size);
      }
      discrete.push({ name: c.name, codes });
    }
  }
  return { columns, continuous, discrete };
}

function tableRows(table: ColumnData, enc: GowerEncoding): number {
  const first = enc.columns[0];
  if (first === undefined) return 0;
  const col = table[first.name];
  if (col === undefined) throw new Error(`a table has no column "${first.name}"`);
  return col.length;
}

/** Encodes a table's rows, or only the rows listed in `rows` (for subsamples). */
export function encodeRows(table: ColumnData, enc: GowerEncoding, rows?: ArrayLike<number>): EncodedRows {
  const total = tableRows(table, enc);
  const n = rows ? rows.length : total;
  const dc = enc.continuous.length;
  const dk = enc.discrete.length;
  const cont = new Float32Array(n * dc);
  const cat = new Int32Array(n * dk);
  enc.continuous.forEach((c, j) => {
    const values = table[c.name];
    if (values === undefined || values.length !== total) throw new Error(`column "${c.name}" is missing or has the wrong length`);
    const x = toNumeric(values);
    for (let r = 0; r < n; r++) cont[r * dc + j] = (x[rows ? rows[r] : r] - c.min) / c.range;
  });
  enc.discrete.forEach((c, j) => {
    const values = table[c.name];
    if (values === undefined || values.length !== total) throw new Error(`column "${c.name}" is missing or has the wrong length`);
    for (let r = 0; r < n; r++) {
      const k = categoryKey(values[rows ? rows[r] : r]);
      let code = -1;
      if (k !== null) {
        code = c.codes.get(k) ?? -1;
        if (code < 0) {
          code = c.codes.size;
          c.codes.set(k, code);
        }
      }
      cat[r * dk + j] = code;
    }
  });
  return { n, cont, cat, dims: dc + dk };
}
