import type { FeatureMatrix } from '../features/feature-matrix.ts';
import { gbdtContributions } from '../models/gbdt/gbdt.ts';
import { predictMatrix, type FittedRiskModel } from '../workbench/fitted-model.ts';

/**
 * Reasons behind a score: each input column's share of the row's log-odds of default.
 * - logistic regression: exact, w_j · (x_j − x̄_j) against the training average (so a category
 *   held by most applicants is not a "reason" for everyone); base = log-odds of the average row;
 * - GBDT: Saabas path attributions (exact additive: bias + Σ = raw score);
 * - neural network: occlusion (the column set to its training average; approximate, not additive).
 * Encoded columns are summed back to the input column they came from (one-hot blocks, indicators).
 */
export type ExplanationMethod = 'exact' | 'saabas' | 'occlusion';

export interface RowExplanation {
  /** log-odds the contributions start from */
  base: number;
  /** one per input column, in `inputs` order */
  contributions: number[];
}

export interface BatchExplanation {
  method: ExplanationMethod;
  /** the input columns (sources of the encoded columns), in first-seen order */
  inputs: string[];
  /** whether base + Σ contributions equals the log-odds exactly */
  additive: boolean;
  rows: RowExplanation[];
}

export function explanationMethod(fitted: FittedRiskModel): ExplanationMethod {
  return fitted.kind === 'logistic' ? 'exact' : fitted.kind === 'gbdt' ? 'saabas' : 'occlusion';
}

function groups(sources: string[]): { inputs: string[]; of: Int32Array } {
  const inputs: string[] = [];
  const index = new Map<string, number>();
  const of = new Int32Array(sources.length);
  sources.forEach((s, j) => {
    let k = index.get(s);
    if (k === undefined) {
      k = inputs.length;
      index.set(s, k);
      inputs.push(s);
    }
    of[j] = k;
  });
  return { inputs, of };
}

const logit = (p: number): number => {
  const q = Math.min(1 - 1e-12, Math.max(1e-12, p));
  return Math.log(q / (1 - q));
};

/**
 * Explanations for the given rows of an encoded matrix. `reference` holds the training mean of each
 * encoded column (logistic centring, occlusion value); zeros when absent.
 */
export async function explainRows(
  fitted: FittedRiskModel,
  x: FeatureMatrix,
  reference: ArrayLike<number> | null,
  rows?: ArrayLike<number>,
): Promise<BatchExplanation> {
  const { inputs, of } = groups(fitted.encoder.outputSources);
  const which = rows ?? Int32Array.from({ length: x.nRows }, (_, i) => i);
  const ref = reference ?? new Float64Array(x.nCols);
  const out: RowExplanation[] = [];
  if (fitted.kind === 'logistic') {
    const w = fitted.model.coefficients;
    let base = fitted.model.intercept;
    for (let j = 0; j < x.nCols; j++) base += w[j] * ref[j];
    for (let r = 0; r < which.length; r++) {
      const o = which[r] * x.nCols;
      const c = new Array<number>(inputs.length).fill(0);
      for (let j = 0; j < x.nCols; j++) c[of[j]] += w[j] * (x.data[o + j] - ref[j]);
      out.push({ base, contributions: c });
    }
    return { method: 'exact', inputs, additive: true, rows: out };
  }
  if (fitted.kind === 'gbdt') {
    for (let r = 0; r < which.length; r++) {
      const { bias, contributions } = gbdtContributions(fitted.model, x, which[r]);
      const c = new Array<number>(inputs.length).fill(0);
      for (let j = 0; j < x.nCols; j++) c[of[j]] += contributions[j];
      out.push({ base: bias, contributions: c });
    }
    return { method: 'saabas', inputs, additive: true, rows: out };
  }
  // occlusion: one prediction pass per input column over the selected rows
  const nCols = x.nCols;
  const sub = new Float64Array(which.length * nCols);
  for (let r = 0; r < which.length; r++) sub.set(x.data.subarray(which[r] * nCols, (which[r] + 1) * nCols), r * nCols);
  const m: FeatureMatrix = { data: sub, nRows: which.length, nCols, columnNames: x.columnNames };
  const full = await predictMatrix(fitted, m);
  const contributions = Array.from({ length: which.length }, () => new Array<number>(inputs.length).fill(0));
  for (let k = 0; k < inputs.length; k++) {
    const data = sub.slice();
    for (let r = 0; r < which.length; r++) for (let j = 0; j < nCols; j++) if (of[j] === k) data[r * nCols + j] = ref[j];
    const p = await predictMatrix(fitted, { ...m, data });
    for (let r = 0; r < which.length; r++) contributions[r][k] = logit(full[r]) - logit(p[r]);
  }
  const allRef = new Float64Array(nCols);
  for (let j = 0; j < nCols; j++) allRef[j] = ref[j];
  const base = logit((await predictMatrix(fitted, { data: allRef, nRows: 1, nCols, columnNames: x.columnNames }))[0]);
  for (let r = 0; r < which.length; r++) out.push({ base, contributions: contributions[r] });
  return { method: 'occlusion', inputs, additive: false, rows: out };
}

export interface Reason {
  feature: string;
  /** share of the log-odds of default (> 0 raises risk) */
  contribution: number;
  direction: 'raises risk' | 'lowers risk';
}

/**
 * The k largest contributions. 'abs': by size, either direction (what moved this score most);
 * 'raises': only those that raise risk, largest first (the reasons for a decline).
 */
export function topReasons(inputs: readonly string[], contributions: ArrayLike<number>, k = 3, mode: 'abs' | 'raises' = 'abs'): Reason[] {
  const idx = Array.from({ length: inputs.length }, (_, i) => i).filter((i) => contributions[i] !== 0 && (mode === 'abs' || contributions[i] > 0));
  idx.sort((a, b) => (mode === 'abs' ? Math.abs(contributions[b]) - Math.abs(contributions[a]) : contributions[b] - contributions[a]) || a - b);
  return idx.slice(0, k).map((i) => ({
    feature: inputs[i],
    contribution: contributions[i],
    direction: contributions[i] > 0 ? 'raises risk' : 'lowers risk',
  }));
}

/** Column means of an encoded matrix (NaN cells skipped): the reference for centring and occlusion. */
export function encodedMeans(x: FeatureMatrix): number[] {
  const sum = new Float64Array(x.nCols);
  const n = new Float64Array(x.nCols);
  for (let i = 0; i < x.nRows; i++) {
    const o = i * x.nCols;
    for (let j = 0; j < x.nCols; j++) {
      const v = x.data[o + j];
      if (v === v) {
        sum[j] += v;
        n[j]++;
      }
    }
  }
  return Array.from(sum, (s, j) => (n[j] > 0 ? s / n[j] : 0));
}
