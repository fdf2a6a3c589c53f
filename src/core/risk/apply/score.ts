import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { encodeFor, predictMatrix, type FittedRiskModel } from '../workbench/fitted-model.ts';
import { decide } from './cutoff.ts';
import { explainRows, topReasons, type ExplanationMethod, type Reason } from './explain.ts';
import { pointsFromPd, type ScorecardScaling } from './scorecard.ts';

/**
 * Batch scoring of prepared rows (see replay.ts): PDs in chunks (with progress and a pause between
 * chunks, so a worker stays responsive), and for each row the top reasons that raise its risk.
 */
export interface ScoredBatch {
  pd: Float64Array;
  method: ExplanationMethod;
  /** per row, the (up to) k input columns that raise the risk most */
  reasons: Reason[][] | null;
}

export interface ScoreOptions {
  reasons?: number;
  reference?: ArrayLike<number> | null;
  chunkRows?: number;
  onProgress?: (done: number, total: number) => void | Promise<void>;
}

export async function scoreTable(fitted: FittedRiskModel, table: ColumnTable, options: ScoreOptions = {}): Promise<ScoredBatch> {
  const k = options.reasons ?? 3;
  const chunk = options.chunkRows ?? 5000;
  const x = encodeFor(fitted, table);
  const n = x.nRows;
  const pd = new Float64Array(n);
  const reasons: Reason[][] | null = k > 0 ? [] : null;
  let method: ExplanationMethod = fitted.kind === 'logistic' ? 'exact' : fitted.kind === 'gbdt' ? 'saabas' : 'occlusion';
  for (let start = 0; start < n || (start === 0 && n === 0); start += chunk) {
    const m = Math.min(chunk, n - start);
    if (m <= 0) break;
    const part = { data: x.data.subarray(start * x.nCols, (start + m) * x.nCols), nRows: m, nCols: x.nCols, columnNames: x.columnNames };
    pd.set(await predictMatrix(fitted, part), start);
    if (reasons) {
      const e = await explainRows(fitted, part, options.reference ?? null);
      method = e.method;
      for (const r of e.rows) reasons.push(topReasons(e.inputs, r.contributions, k, 'raises'));
    }
    await options.onProgress?.(start + m, n);
  }
  return { pd, method, reasons };
}

export interface OutputColumns {
  cutoff: number;
  scaling: ScorecardScaling;
  reasons?: number;
}

/**
 * The scored table for download: the file's own columns, then probability, decision, score
 * (points) and reason_1..k.
 */
export function scoredOutputTable(raw: ColumnTable, scored: ScoredBatch, opts: OutputColumns): ColumnTable {
  const n = scored.pd.length;
  const k = opts.reasons ?? 3;
  const add: Record<string, unknown[]> = {
    probability: Array.from(scored.pd),
    decision: Array.from(scored.pd, (p) => decide(p, opts.cutoff)),
    score_points: Array.from(scored.pd, (p) => Math.round(pointsFromPd(p, opts.scaling))),
  };
  for (let r = 0; r < k; r++) add[`reason_${r + 1}`] = Array.from({ length: n }, (_, i) => scored.reasons?.[i]?.[r]?.feature ?? null);
  // output names win over file columns of the same name
  const keep = raw.columnNames().filter((c) => !(c in add));
  const data: Record<string, unknown[]> = {};
  for (const c of keep) data[c] = Array.from(raw.array(c) as ArrayLike<unknown>);
  Object.assign(data, add);
  return aq.table(data, [...keep, ...Object.keys(add)]);
}
