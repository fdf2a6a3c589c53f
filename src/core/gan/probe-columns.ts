/**
 * Which columns the training probe (quality-probe.ts) scores and the live view shows. One rule for
 * the app's worker and the benchmark, so a checkpoint is chosen the same way in both.
 */
import { isModelledRole, type ColumnRole, type DatasetSchema } from '../data/schema';
import { pearson } from '../quality';

/** the probe scores pairs among at most this many columns (live columns and the target first) */
export const PROBE_MAX_COLUMNS = 12;

/** Live-view columns shown first when the data has them (the UCI credit-card default file). */
const PREFERRED_LIVE = ['LIMIT_BAL', 'AGE', 'PAY_0'];
const PREFERRED_PAIR: [string, string] = ['BILL_AMT1', 'BILL_AMT2'];

export function isNumericRole(role: ColumnRole): boolean {
  return role === 'continuous' || role === 'datetime';
}

export function modelledColumns(schema: DatasetSchema) {
  return schema.columns.filter((c) => isModelledRole(c.role));
}

/** Numbers of a column, NaN for anything else (missing, text). */
export function numbers(values: ArrayLike<unknown>): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = typeof v === 'number' && Number.isFinite(v) ? v : NaN;
  }
  return out;
}

/** Three live-view columns: the preferred ones the data has, then the first modelled columns. */
export function defaultLiveColumns(modelled: readonly string[]): string[] {
  const have = new Set(modelled);
  const live = PREFERRED_LIVE.filter((n) => have.has(n));
  for (const c of modelled) if (live.length < 3 && !live.includes(c)) live.push(c);
  return live;
}

/** The scatter pair: the preferred pair, else the most correlated pair among the first 15 numeric columns. */
export function defaultScatterPair(schema: DatasetSchema, train: { numRows(): number; array(name: string): unknown }): [string, string] | null {
  const numeric = modelledColumns(schema).filter((c) => isNumericRole(c.role)).map((c) => c.name);
  if (PREFERRED_PAIR.every((n) => numeric.includes(n))) return PREFERRED_PAIR;
  if (numeric.length < 2) return null;
  const cand = numeric.slice(0, 15);
  const n = Math.min(train.numRows(), 2000);
  const cols = cand.map((name) => numbers(train.array(name) as ArrayLike<unknown>).subarray(0, n));
  let best: [string, string] = [cand[0], cand[1]];
  let bestR = -1;
  for (let i = 0; i < cand.length; i++) {
    for (let j = i + 1; j < cand.length; j++) {
      const r = Math.abs(pearson(cols[i], cols[j]));
      if (r > bestR) {
        bestR = r;
        best = [cand[i], cand[j]];
      }
    }
  }
  return best;
}

/**
 * The probe's columns: the live columns, the scatter pair and the target first, then the schema's
 * order, at most PROBE_MAX_COLUMNS (pair trends grow with the square of the count).
 */
export function probeColumns(schema: DatasetSchema, view: { liveColumns: readonly string[]; scatterPair: readonly [string, string] | null; target: string | null }): string[] {
  const known = new Set(schema.columns.map((c) => c.name));
  const names: string[] = [];
  const add = (n: string | null | undefined) => {
    if (n && known.has(n) && !names.includes(n) && names.length < PROBE_MAX_COLUMNS) names.push(n);
  };
  view.liveColumns.forEach(add);
  view.scatterPair?.forEach(add);
  add(view.target);
  schema.columns.forEach((c) => add(c.name));
  return names;
}
