import type { FeatureMatrix } from '../../risk/features/feature-matrix.ts';
import { sortLabels } from '../../risk/features/column-values.ts';
import { encodeShared } from '../categoryKey.ts';
import { toNumeric } from '../numericColumn.ts';
import type { ColumnData, QualityColumn } from '../types.ts';

/**
 * Real and synthetic rows stacked into one tree-model matrix (real rows first). Continuous
 * columns pass through (NaN = missing); discrete columns become codes over one dictionary shared
 * by both tables, ordered as the tree encoder orders them (numeric labels by value), so the
 * same label always gets the same code whichever side it came from.
 */
export function stackedMatrix(
  real: ColumnData,
  synthetic: ColumnData,
  columns: QualityColumn[],
  realRows: ArrayLike<number>,
  synthRows: ArrayLike<number>,
): FeatureMatrix {
  const nCols = columns.length;
  const nReal = realRows.length;
  const nRows = nReal + synthRows.length;
  const data = new Float64Array(nRows * nCols);
  columns.forEach((c, j) => {
    const r = real[c.name];
    const s = synthetic[c.name];
    if (r === undefined) throw new Error(`detection: the real table has no column "${c.name}"`);
    if (s === undefined) throw new Error(`detection: the synthetic table has no column "${c.name}"`);
    let rv: Float64Array;
    let sv: Float64Array;
    if (c.kind === 'continuous') {
      rv = toNumeric(r);
      sv = toNumeric(s);
    } else {
      const { categories, codes } = encodeShared([r, s]);
      const order = sortLabels(categories);
      const rank = new Map(order.map((label, k) => [label, k]));
      const remap = Int32Array.from(categories, (label) => rank.get(label)!);
      const toCode = (codesOfSide: Int32Array): Float64Array =>
        Float64Array.from(codesOfSide, (k) => (k < 0 ? NaN : remap[k]));
      rv = toCode(codes[0]);
      sv = toCode(codes[1]);
    }
    for (let i = 0; i < nReal; i++) data[i * nCols + j] = rv[realRows[i]];
    for (let i = 0; i < synthRows.length; i++) data[(nReal + i) * nCols + j] = sv[synthRows[i]];
  });
  return { data, nRows, nCols, columnNames: columns.map((c) => c.name) };
}

export function rowCountOf(table: ColumnData, columns: QualityColumn[]): number {
  const first = columns[0] === undefined ? undefined : table[columns[0].name];
  return first === undefined ? 0 : first.length;
}
