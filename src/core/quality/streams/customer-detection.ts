import { createFeatureMatrix, selectRows, type FeatureMatrix } from '../../risk/features/feature-matrix.ts';
import { fitGbdt, gbdtPredictProba } from '../../risk/models/gbdt/gbdt.ts';
import { rocAuc } from '../../risk/metrics/rocAuc.ts';
import { createRng, shuffledIndices } from '../../util/random.ts';
import { foldRows, stratifiedFolds } from '../detection/folds.ts';

/**
 * Detection on per-customer summaries (customer-summary.ts): the app's GBDT learns to tell real
 * customers from synthetic ones with stratified k-fold cross-validation, on equal numbers of each
 * (the larger side subsampled, seeded). Score as SDMetrics: 1 − mean over folds of (2·max(AUC, ½) − 1).
 */
export function customerDetection(real: FeatureMatrix, synthetic: FeatureMatrix, folds = 3, seed = 0): { score: number; foldAucs: number[] } {
  const per = Math.min(real.nRows, synthetic.nRows);
  if (per < 2 * folds) throw new Error(`customer detection needs at least ${2 * folds} customers on each side`);
  const pick = (m: FeatureMatrix, s: number) => selectRows(m, m.nRows > per ? shuffledIndices(m.nRows, createRng(s)).slice(0, per) : Int32Array.from({ length: per }, (_, i) => i));
  const a = pick(real, seed ^ 0x1234567);
  const b = pick(synthetic, seed ^ 0x7654321);
  const data = new Float64Array(2 * per * real.nCols);
  data.set(a.data, 0);
  data.set(b.data, a.data.length);
  const x = createFeatureMatrix(data, 2 * per, real.columnNames);
  const y = new Uint8Array(2 * per);
  y.fill(1, per);
  const fold = stratifiedFolds(y, folds, seed);
  const foldAucs: number[] = [];
  for (let f = 0; f < folds; f++) {
    const { train, test } = foldRows(fold, f);
    const model = fitGbdt(selectRows(x, train), Uint8Array.from(train, (i) => y[i]), { maxIter: 100, learningRate: 0.1, earlyStopping: true, patience: 10, seed: seed + f });
    foldAucs.push(rocAuc(Uint8Array.from(test, (i) => y[i]), gbdtPredictProba(model, selectRows(x, test))));
  }
  return { score: 1 - foldAucs.reduce((s, auc) => s + (2 * Math.max(auc, 0.5) - 1), 0) / folds, foldAucs };
}
