/**
 * A dense, row-major matrix of model inputs. Both encoders produce it and every risk model
 * reads it, so models never touch tables and can run on plain typed arrays in a worker.
 */
export interface FeatureMatrix {
  /** row-major values: cell (i, j) is data[i * nCols + j]; NaN marks a missing cell (tree path only) */
  data: Float64Array;
  nRows: number;
  nCols: number;
  /** one name per column, in column order */
  columnNames: string[];
}

export function createFeatureMatrix(data: Float64Array, nRows: number, columnNames: string[]): FeatureMatrix {
  const nCols = columnNames.length;
  if (data.length !== nRows * nCols) {
    throw new Error(`feature matrix: ${data.length} values do not fill ${nRows} x ${nCols}`);
  }
  return { data, nRows, nCols, columnNames };
}

/** Copies the given rows into a new matrix (used for train / validation parts). */
export function selectRows(x: FeatureMatrix, rows: ArrayLike<number>): FeatureMatrix {
  const { nCols } = x;
  const out = new Float64Array(rows.length * nCols);
  for (let r = 0; r < rows.length; r++) {
    const src = rows[r] * nCols;
    out.set(x.data.subarray(src, src + nCols), r * nCols);
  }
  return { data: out, nRows: rows.length, nCols, columnNames: x.columnNames.slice() };
}
