import type { ColumnTable } from 'arquero';
import type { FeatureSpec } from './feature-spec.ts';
import type { FeatureMatrix } from './feature-matrix.ts';
import { readLabelColumn, readNumericColumn, requireColumns, sortLabels } from './column-values.ts';

/**
 * The raw numeric matrix for tree models. Trees are invariant to monotone rescaling, so
 * numeric columns pass through unchanged and missing stays NaN (the trees learn where it goes).
 * Categorical columns become integer codes (the index in the sorted training categories, so
 * numeric codes such as PAY_0 keep their order) or one-hot columns.
 */

export type TreeCategoricalEncoding = 'codes' | 'onehot';

export interface TreeEncoderOptions {
  /** default 'codes' */
  categorical?: TreeCategoricalEncoding;
}

export interface TreeNumericColumn {
  name: string;
  kind: 'numeric';
}

export interface TreeCategoricalColumn {
  name: string;
  kind: 'categorical';
  encoding: TreeCategoricalEncoding;
  categories: string[];
}

export type TreeEncodedColumn = TreeNumericColumn | TreeCategoricalColumn;

export interface TreeEncoderState {
  kind: 'tree-encoder';
  version: 1;
  columns: TreeEncodedColumn[];
  outputNames: string[];
  outputSources: string[];
}

export function fitTreeEncoder(table: ColumnTable, features: FeatureSpec[], options: TreeEncoderOptions = {}): TreeEncoderState {
  const encoding = options.categorical ?? 'codes';
  requireColumns(
    table,
    features.map((f) => f.name),
  );
  const columns: TreeEncodedColumn[] = features.map((f) => {
    if (f.kind === 'numeric') return { name: f.name, kind: 'numeric' };
    const labels = readLabelColumn(table, f.name).filter((l): l is string => l !== null);
    return { name: f.name, kind: 'categorical', encoding, categories: sortLabels(labels) };
  });
  const outputNames: string[] = [];
  const outputSources: string[] = [];
  for (const c of columns) {
    if (c.kind === 'categorical' && c.encoding === 'onehot') {
      for (const cat of c.categories) {
        outputNames.push(`${c.name}=${cat}`);
        outputSources.push(c.name);
      }
    } else {
      outputNames.push(c.name);
      outputSources.push(c.name);
    }
  }
  return { kind: 'tree-encoder', version: 1, columns, outputNames, outputSources };
}

/**
 * Applies a fitted tree encoder. Codes: a missing or unknown category → NaN (the learned
 * missing direction). One-hot: missing or unknown → all zeros.
 */
export function applyTreeEncoder(state: TreeEncoderState, table: ColumnTable): FeatureMatrix {
  requireColumns(
    table,
    state.columns.map((c) => c.name),
  );
  const nRows = table.numRows();
  const nCols = state.outputNames.length;
  const data = new Float64Array(nRows * nCols);
  let offset = 0;
  for (const c of state.columns) {
    if (c.kind === 'numeric') {
      const v = readNumericColumn(table, c.name);
      for (let i = 0; i < nRows; i++) data[i * nCols + offset] = v[i];
      offset += 1;
      continue;
    }
    const labels = readLabelColumn(table, c.name);
    const index = new Map<string, number>();
    c.categories.forEach((cat, k) => index.set(cat, k));
    if (c.encoding === 'codes') {
      for (let i = 0; i < nRows; i++) {
        const l = labels[i];
        const k = l === null ? undefined : index.get(l);
        data[i * nCols + offset] = k === undefined ? NaN : k;
      }
      offset += 1;
    } else {
      for (let i = 0; i < nRows; i++) {
        const l = labels[i];
        const k = l === null ? undefined : index.get(l);
        if (k !== undefined) data[i * nCols + offset + k] = 1;
      }
      offset += c.categories.length;
    }
  }
  return { data, nRows, nCols, columnNames: state.outputNames.slice() };
}
