/**
 * Per-column descriptive statistics for the explore step.
 *
 * Conventions (stated because tools disagree):
 * - `std` is the sample standard deviation (divisor n − 1), like pandas `std()`.
 * - `skew` is the adjusted Fisher-Pearson coefficient G1 = sqrt(n(n−1))/(n−2) · m3 / m2^1.5
 *   with biased central moments m2, m3, like pandas `skew()`; 0 for a constant column, NaN for n < 3.
 * - quantiles interpolate linearly (see quantile.ts).
 */
import type { ColumnTable } from 'arquero';
import type { ColumnRole, DatasetSchema } from '../schema.ts';
import { labelColumn, numericColumn } from './columns.ts';
import { quantileSorted, sortedFinite } from './quantile.ts';

export interface NumericSummary {
  kind: 'numeric';
  name: string;
  role: ColumnRole;
  count: number;
  missing: number;
  distinct: number;
  mean: number;
  std: number;
  min: number;
  p01: number;
  q1: number;
  median: number;
  q3: number;
  p99: number;
  max: number;
  skew: number;
  zeros: number;
  negatives: number;
}

export interface CategoryCount {
  value: string;
  count: number;
  /** share of non-missing rows */
  share: number;
}

export interface CategoricalSummary {
  kind: 'categorical';
  name: string;
  role: ColumnRole;
  count: number;
  missing: number;
  distinct: number;
  /** most frequent labels first (ties: label order), at most `topK` */
  top: CategoryCount[];
}

export type ColumnSummary = NumericSummary | CategoricalSummary;

export interface SummarizeOptions {
  /** how many top categories to keep (default 10) */
  topK?: number;
}

/** Moments of the finite values: n, mean, biased m2 and m3 (two passes, numerically stable enough). */
export function moments(values: Float64Array): { n: number; mean: number; m2: number; m3: number } {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isNaN(v)) {
      n++;
      sum += v;
    }
  }
  if (n === 0) return { n: 0, mean: NaN, m2: NaN, m3: NaN };
  const mean = sum / n;
  let s2 = 0;
  let s3 = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isNaN(v)) {
      const d = v - mean;
      s2 += d * d;
      s3 += d * d * d;
    }
  }
  return { n, mean, m2: s2 / n, m3: s3 / n };
}

/** Adjusted Fisher-Pearson skewness (pandas `skew()`). */
export function sampleSkew(values: Float64Array): number {
  const { n, m2, m3 } = moments(values);
  if (n < 3) return NaN;
  // relative threshold: float noise on a constant column must not read as skew
  if (m2 <= 1e-14 * Math.max(1, Math.abs(m3))) return 0;
  return (Math.sqrt(n * (n - 1)) / (n - 2)) * (m3 / Math.pow(m2, 1.5));
}

export function summarizeNumeric(values: Float64Array, name: string, role: ColumnRole): NumericSummary {
  const sorted = sortedFinite(values);
  const n = sorted.length;
  const { mean, m2 } = moments(sorted);
  let distinct = 0;
  let zeros = 0;
  let negatives = 0;
  for (let i = 0; i < n; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
    if (sorted[i] === 0) zeros++;
    else if (sorted[i] < 0) negatives++;
  }
  return {
    kind: 'numeric',
    name,
    role,
    count: n,
    missing: values.length - n,
    distinct,
    mean,
    std: n >= 2 ? Math.sqrt((m2 * n) / (n - 1)) : NaN,
    min: n > 0 ? sorted[0] : NaN,
    p01: quantileSorted(sorted, 0.01),
    q1: quantileSorted(sorted, 0.25),
    median: quantileSorted(sorted, 0.5),
    q3: quantileSorted(sorted, 0.75),
    p99: quantileSorted(sorted, 0.99),
    max: n > 0 ? sorted[n - 1] : NaN,
    skew: sampleSkew(sorted),
    zeros,
    negatives,
  };
}

/** Label counts, most frequent first; ties keep first-seen order so results are deterministic. */
export function countLabels(labels: ArrayLike<string | null>): { counts: Map<string, number>; missing: number } {
  const counts = new Map<string, number>();
  let missing = 0;
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i];
    if (v === null) missing++;
    else counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return { counts, missing };
}

export function summarizeCategorical(
  labels: (string | null)[],
  name: string,
  role: ColumnRole,
  topK = 10,
): CategoricalSummary {
  const { counts, missing } = countLabels(labels);
  const count = labels.length - missing;
  const top = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, topK)
    .map(([value, c]) => ({ value, count: c, share: count > 0 ? c / count : 0 }));
  return { kind: 'categorical', name, role, count, missing, distinct: counts.size, top };
}

/** Numeric roles get numeric statistics; every other role is summarised by its labels. */
export function isNumericRole(role: ColumnRole): boolean {
  return role === 'continuous' || role === 'datetime';
}

export function summarizeColumn(table: ColumnTable, schema: DatasetSchema, name: string, opts: SummarizeOptions = {}): ColumnSummary {
  const col = schema.columns.find((c) => c.name === name);
  if (!col) throw new Error(`summarize: column "${name}" is not in the schema`);
  return isNumericRole(col.role)
    ? summarizeNumeric(numericColumn(table, name), name, col.role)
    : summarizeCategorical(labelColumn(table, name), name, col.role, opts.topK ?? 10);
}

/** One summary per schema column present in the table, in schema order. */
export function summarize(table: ColumnTable, schema: DatasetSchema, opts: SummarizeOptions = {}): ColumnSummary[] {
  const have = new Set(table.columnNames());
  return schema.columns.filter((c) => have.has(c.name)).map((c) => summarizeColumn(table, schema, c.name, opts));
}
