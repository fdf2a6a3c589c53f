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
  /**
   * Most one-hot columns per categorical column (default DEFAULT_MAX_CATEGORIES). A column with more
   * labels keeps its most frequent ones and groups the rest into one "(other)" column: a one-hot
   * block per label of a 10,000-label column makes a matrix of gigabytes and a Hessian the linear
   * model cannot solve (the worker hung for minutes), and rare labels carry almost no signal anyway.
   */
  maxCategories?: number;
}

export const DEFAULT_MAX_CATEGORIES = 30;
export const OTHER_LABEL = '(other)';

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
  /**
   * true when the column had more labels than the cap: an "(other)" output column follows the
   * categories and takes every label not kept (unknown labels included). Absent in older files.
   */
  other?: boolean;
  /** how many distinct labels the training column had (set when capped) */
  distinctLabels?: number;
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
  const cap = Math.max(1, Math.floor(options.maxCategories ?? DEFAULT_MAX_CATEGORIES));
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
    const counts = new Map<string, number>();
    let missing = 0;
    for (const l of labels) {
      if (l === null) missing++;
      else counts.set(l, (counts.get(l) ?? 0) + 1);
    }
    const missingIndicator = indicators && missing > 0;
    if (counts.size <= cap) return { name: f.name, kind: 'categorical', categories: sortLabels(counts.keys()), missingIndicator };
    return { name: f.name, kind: 'categorical', categories: mostFrequent(counts, cap), missingIndicator, other: true, distinctLabels: counts.size };
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
      if (c.other) {
        outputNames.push(`${c.name}=${OTHER_LABEL}`);
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

/** The `k` most frequent labels (ties: the label order), listed in the label order. */
function mostFrequent(counts: Map<string, number>, k: number): string[] {
  const order = sortLabels(counts.keys());
  const rank = new Map(order.map((l, i) => [l, i]));
  const kept = order.slice().sort((a, b) => counts.get(b)! - counts.get(a)! || rank.get(a)! - rank.get(b)!).slice(0, k);
  return kept.sort((a, b) => rank.get(a)! - rank.get(b)!);
}

/** One sentence per capped column, for the user: which column, how many labels, how many kept. */
export function cappedCategoryNotes(state: StandardEncoderState): string[] {
  const notes: string[] = [];
  for (const c of state.columns) {
    if (c.kind !== 'categorical' || !c.other) continue;
    notes.push(
      `"${c.name}" has ${(c.distinctLabels ?? 0).toLocaleString('en-US')} labels: the ${c.categories.length} most frequent are model inputs and the rest are grouped as "${OTHER_LABEL}" ` +
        '(one input per label would make the model too wide to fit). If it is really an amount or a count, make it continuous in step 1.',
    );
  }
  return notes;
}

/**
 * Applies a fitted encoder. Missing numeric → the training mean (0 after scaling), plus its
 * indicator when one was fitted. An unknown category → all zeros in its block (its "(other)"
 * column when the column was capped); a missing category → the "(missing)" column when fitted,
 * else all zeros.
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
      const other = c.other ? c.categories.length : -1;
      const width = c.categories.length + (c.other ? 1 : 0);
      for (let i = 0; i < nRows; i++) {
        const l = labels[i];
        const row = i * nCols + offset;
        if (l === null) {
          if (c.missingIndicator) data[row + width] = 1;
        } else {
          const k = index.get(l) ?? other;
          if (k >= 0) data[row + k] = 1;
        }
      }
      offset += width + (c.missingIndicator ? 1 : 0);
    }
  }
  return { data, nRows, nCols, columnNames: state.outputNames.slice() };
}
