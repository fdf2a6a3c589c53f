import { binaryCurve } from './binaryCurve';

export interface PrCurve {
  /** precision per distinct threshold, high to low threshold (scikit-learn reports it reversed) */
  precision: Float64Array;
  /** recall per distinct threshold */
  recall: Float64Array;
  thresholds: Float64Array;
}

/**
 * Precision-recall points, one per distinct score from high to low, stopping once full recall is
 * reached (as scikit-learn's precision_recall_curve does; its extra (recall 0, precision 1) end
 * point is left to the chart).
 */
export function prCurve(yTrue: ArrayLike<number>, yScore: ArrayLike<number>): PrCurve {
  const c = binaryCurve(yTrue, yScore);
  let m = c.thresholds.length;
  for (let k = 0; k < c.thresholds.length; k++) {
    if (c.tps[k] === c.positives) {
      m = k + 1;
      break;
    }
  }
  const precision = new Float64Array(m);
  const recall = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    precision[k] = c.tps[k] / (c.tps[k] + c.fps[k]);
    recall[k] = c.tps[k] / c.positives;
  }
  return { precision, recall, thresholds: c.thresholds.slice(0, m) };
}

/**
 * Average precision (PR AUC, scikit-learn): sum over distinct thresholds, high to low, of
 * (R_k - R_{k-1}) * P_k. A step function without interpolation; NaN when there is no positive.
 */
export function averagePrecision(yTrue: ArrayLike<number>, yScore: ArrayLike<number>): number {
  const pr = prCurve(yTrue, yScore);
  if (pr.recall.length === 0 || !(pr.recall[pr.recall.length - 1] > 0)) return NaN;
  let ap = 0;
  let prevRecall = 0;
  for (let k = 0; k < pr.recall.length; k++) {
    ap += (pr.recall[k] - prevRecall) * pr.precision[k];
    prevRecall = pr.recall[k];
  }
  return ap;
}
