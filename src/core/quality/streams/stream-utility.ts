import type { ColumnTable } from 'arquero';
import { historyFeatures, type HistoryFeatureSpec } from '../../data/derive/history-features.ts';
import { createFeatureMatrix, type FeatureMatrix } from '../../risk/features/feature-matrix.ts';
import { fitGbdt, gbdtPredictProba } from '../../risk/models/gbdt/gbdt.ts';
import { rocAuc } from '../../risk/metrics/rocAuc.ts';

/**
 * The fraud model on streams: the app's GBDT on the history features (history-features.ts) with
 * the amount, hour, weekday and category of each transaction. Trained on synthetic streams and
 * tested on held-out real customers (TSTR), or trained on the real training customers (TRTR).
 */
export interface FraudModelSpec extends HistoryFeatureSpec {
  category: string | null;
  target: string;
  positive: string;
}

export function fraudFeatures(table: ColumnTable, spec: FraudModelSpec, categories: readonly string[]): { x: FeatureMatrix; y: Uint8Array } {
  const hist = historyFeatures(table, spec);
  const n = table.numRows();
  const names = [...Object.keys(hist), 'amount', 'hour', 'weekday', 'category'];
  const data = new Float64Array(n * names.length);
  const t = table.array(spec.time) as ArrayLike<number | null>;
  const amt = spec.amount ? (table.array(spec.amount) as ArrayLike<number | null>) : null;
  const cat = spec.category ? (table.array(spec.category) as ArrayLike<string | null>) : null;
  const catIndex = new Map(categories.map((c, k) => [c, k]));
  const y = new Uint8Array(n);
  const target = table.array(spec.target) as ArrayLike<unknown>;
  const cols = Object.values(hist);
  for (let i = 0; i < n; i++) {
    const row = i * names.length;
    let j = 0;
    for (const c of cols) data[row + j++] = c[i] ?? NaN;
    data[row + j++] = amt?.[i] ?? NaN;
    const ti = t[i];
    data[row + j++] = ti === null ? NaN : Math.floor((((ti % 864e5) + 864e5) % 864e5) / 36e5);
    data[row + j++] = ti === null ? NaN : (((Math.floor(ti / 864e5) + 4) % 7) + 7) % 7;
    data[row + j++] = cat ? (catIndex.get(cat[i] ?? '') ?? NaN) : NaN;
    y[i] = target[i] !== null && String(target[i]) === spec.positive ? 1 : 0;
  }
  return { x: createFeatureMatrix(data, n, names), y };
}

/** ROC AUC on `test` of the GBDT fitted on `train`. */
export function fraudAuc(train: ColumnTable, test: ColumnTable, spec: FraudModelSpec, categories: readonly string[], seed = 0): number {
  const a = fraudFeatures(train, spec, categories);
  const b = fraudFeatures(test, spec, categories);
  if (a.y.every((v) => v === a.y[0])) throw new Error('the training streams hold one class only: no fraud model can be fitted');
  const model = fitGbdt(a.x, a.y, { maxIter: 200, learningRate: 0.1, earlyStopping: true, seed });
  return rocAuc(b.y, gbdtPredictProba(model, b.x));
}
