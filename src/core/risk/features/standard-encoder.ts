import type { ColumnTable } from 'arquero';
import type { FeatureSpec } from './feature-spec.ts';
import type { FeatureMatrix } from './feature-matrix.ts';
import { readLabelColumn, readNumericColumn, requireColumns, sortLabels } from './column-values.ts';

/**
 * Encoder for linear models: numeric columns standardised with the training mean and
 * (population) standard deviation, categorical columns one-hot. Fitted once on the training
 * part and then applied unchanged to any table, so validation and test data never leak into
 * the scaling. The fitted state is plain JSON.
 */

export interface StandardEncoderOptions {
  /**
   * Add a 0/1 "is missing" column for every numeric column that had missing values in training,
   * and a "(missing)" category for categorical columns that had any. Default true.
   */
  missingIndicators?: boolean;
}

export interface StandardNumericColumn {
  name: string;
  kind: 'numeric';
  mean: number;
  /** population standard deviation; 1 when the training column is constant */
  std: number;
  /** whether a missing-indicator output column follows the value column */
  missingIndicator: boolean;
}

export interface StandardCategoricalColumn {
  name: string;
  kind: 'categorical';
  /** the training categories, one output column each, in this order */
  categories: string[];
  /** whether a "(missing)" output column follows the categories */
  missingIndicator: boolean;
}

export type StandardEncodedColumn = StandardNumericColumn | StandardCategoricalColumn;

export interface StandardEncoderState {
  kind: 'standard-encoder';
  version: 1;
  columns: StandardEncodedColumn[];
  /** output column names: `AGE`, `AGE (missing)`, `SEX=1`, `SEX (missing)` */
  outputNames: string[];
  /** for each output column, the source column it came from (to sum contributions per input) */
  outputSources: string[];
}

export const MISSING_SUFFIX = ' (missing)';

export function fitStandardEncoder(
  table: ColumnTable,
  features: FeatureSpec[],
  options: StandardEncoderOptions = {},
): StandardEncoderState {
  const indicators = options.missingIndicators ?? true;
  requireColumns(
    table,
    features.map((f) => f.name),
  );
  const columns: StandardEncodedColumn[] = features.map((f) => {
    if (f.kind === 'numeric') {
      const v = readNumericColumn(table, f.name);
      let n = 0;
      let sum = 0;
      for (let i = 0; i < v.length; i++) {
        if (v[i] === v[i]) {
          n++;
          sum += v[i];
        }
      }
      const mean = n > 0 ? sum / n : 0;
      let ss = 0;
      for (let i = 0; i < v.length; i++) if (v[i] === v[i]) ss += (v[i] - mean) * (v[i] - mean);
      const std = n > 0 ? Math.sqrt(ss / n) : 0;
      return {
        name: f.name,
        kind: 'numeric',
        mean,
        // a constant column carries no information; dividing by 1 keeps it at 0 instead of NaN
        std: std > 1e-12 * Math.max(1, Math.abs(mean)) ? std : 1,
        missingIndicator: indicators && n < v.length,
      };
    }
    const labels = readLabelColumn(table, f.name);
    const seen: string[] = [];
    let missing = 0;
    for (const l of labels) {
      if (l === null) missing++;
      else seen.push(l);
    }
    return { name: f.name, kind: 'categorical', categories: sortLabels(seen), missingIndicator: indicators && missing > 0 };
  });
  const outputNames: string[] = [];
  const outputSources: string[] = [];
  for (const c of columns) {
    if (c.kind === 'numeric') {
      outputNames.push(c.name);
      outputSources.push(c.name);
    } else {
      for (const cat of c.categories) {
        outputNames.push(`${c.name}=${cat}`);
        outputSources.push(c.name);
      }
    }
    if (c.missingIndicator) {
      outputNames.push(c.name + MISSING_SUFFIX);
      outputSources.push(c.name);
    }
  }
  return { kind: 'standard-encoder', version: 1, columns, outputNames, outputSources };
}

/**
 * Applies a fitted encoder. Missing numeric → the training mean (0 after scaling), plus its
 * indicator when one was fitted. An unknown category → all zeros in its block; a missing
 * category → the "(missing)" column when fitted, else all zeros.
 */
export function applyStandardEncoder(state: StandardEncoderState, table: ColumnTable): FeatureMatrix {
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
      const inv = 1 / c.std;
      for (let i = 0; i < nRows; i++) {
        const x = v[i];
        const row = i * nCols + offset;
        if (x === x) data[row] = (x - c.mean) * inv;
        else if (c.missingIndicator) data[row + 1] = 1;
      }
      offset += c.missingIndicator ? 2 : 1;
    } else {
      const labels = readLabelColumn(table, c.name);
      const index = new Map<string, number>();
      c.categories.forEach((cat, k) => index.set(cat, k));
      const width = c.categories.length;
      for (let i = 0; i < nRows; i++) {
        const l = labels[i];
        const row = i * nCols + offset;
        if (l === null) {
          if (c.missingIndicator) data[row + width] = 1;
        } else {
          const k = index.get(l);
          if (k !== undefined) data[row + k] = 1;
        }
      }
      offset += width + (c.missingIndicator ? 1 : 0);
    }
  }
  return { data, nRows, nCols, columnNames: state.outputNames.slice() };
}
