/**
 * The privacy / utility trade-off on the user's own data (issue 19): the DP engine fitted at a
 * few epsilons on the train split, each sample scored against the held-out test split (TSTR ROC
 * AUC with logistic regression, the quick model of the Validate screen) and for pair trends
 * against real training rows. Runs in the worker with progress and cancel.
 *
 * The sweep reads the real data outside the privacy budget: its figures are for the analyst's
 * choice of epsilon and are not covered by the guarantee; only the model trained afterwards (and
 * its synthetic rows) are. The Train screen says so.
 */
import type { ColumnTable } from 'arquero';
import type { DatasetSchema } from '../core/data/schema';
import { takeRows } from '../core/data/eda/columns';
import { dpMstEngine, EngineStoppedError } from '../core/engines';
import { qualityReport } from '../core/quality/qualityReport';
import { utilityReport } from '../core/quality/report/utility';
import type { QualityColumn } from '../core/quality/types';
import { createRng, shuffledIndices } from '../core/util/random';

export interface DpSweepRequest {
  epsilons: number[];
  /** delta for every fit; null: min(1e-6, 1 / rows²) */
  delta?: number | null;
  seed?: number;
  /** synthetic rows per epsilon (and real rows for pair trends); default 5,000 */
  rows?: number;
}

export interface DpSweepPoint {
  epsilon: number;
  /** TSTR ROC AUC, logistic regression, on the real test split (NaN without a target) */
  tstrAuc: number;
  /** TRTR of the same model, the ceiling */
  trtrAuc: number;
  pairTrends: number;
  fitSeconds: number;
}

export interface DpSweepHooks {
  onProgress?(fraction: number, message: string, done: DpSweepPoint[]): void;
  shouldStop?(): boolean;
}

function subsample(t: ColumnTable, n: number, seed: number): ColumnTable {
  if (t.numRows() <= n) return t;
  return takeRows(t, shuffledIndices(t.numRows(), createRng(seed)).subarray(0, n));
}

export async function dpUtilitySweep(train: ColumnTable, test: ColumnTable, schema: DatasetSchema, request: DpSweepRequest, hooks: DpSweepHooks = {}): Promise<DpSweepPoint[]> {
  const epsilons = [...request.epsilons].filter((e) => e > 0 && Number.isFinite(e)).sort((a, b) => a - b);
  if (epsilons.length === 0) throw new Error('Give at least one epsilon above 0.');
  const rows = request.rows ?? 5000;
  const seed = request.seed ?? 1;
  const columns: QualityColumn[] = schema.columns.map((c) => ({ name: c.name, kind: c.role === 'categorical' ? 'discrete' : 'continuous' }));
  const real = subsample(train, rows, seed + 17);
  const columnsOf = (t: ColumnTable) => Object.fromEntries(columns.map((c) => [c.name, t.array(c.name) as ArrayLike<string | number | null>]));
  const points: DpSweepPoint[] = [];
  for (let k = 0; k < epsilons.length; k++) {
    const epsilon = epsilons[k];
    const base = k / epsilons.length;
    const share = 1 / epsilons.length;
    const t0 = performance.now();
    const fitted = await dpMstEngine.fit(train, schema, { epsilon, delta: request.delta ?? null, seed: seed + k, secureNoise: true }, {
      shouldStop: hooks.shouldStop,
      onProgress: (f, m) => hooks.onProgress?.(base + 0.7 * share * f, `epsilon ${epsilon}: ${m}`, points),
    });
    const fitSeconds = (performance.now() - t0) / 1000;
    if (hooks.shouldStop?.()) throw new EngineStoppedError();
    hooks.onProgress?.(base + 0.75 * share, `epsilon ${epsilon}: scoring`, points);
    const synthetic = await fitted.sample(rows, {}, seed + 100 + k);
    const q = qualityReport(columnsOf(real), columnsOf(synthetic), columns);
    const u = utilityReport(train, test, synthetic, schema, { models: ['logistic-regression'], seed });
    const m = u.models[0];
    points.push({ epsilon, tstrAuc: m?.tstr ?? NaN, trtrAuc: m?.trtr ?? NaN, pairTrends: q.columnPairTrends, fitSeconds });
    hooks.onProgress?.((k + 1) / epsilons.length, `epsilon ${epsilon} done`, points);
  }
  return points;
}
