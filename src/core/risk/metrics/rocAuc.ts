import { binaryCurve, type BinaryCurve } from './binaryCurve';

export interface RocCurve {
  /** false positive rate per point, starting at 0 */
  fpr: Float64Array;
  /** true positive rate per point, starting at 0 */
  tpr: Float64Array;
  /**
   * score threshold per point (predict positive iff score >= threshold); the first point uses
   * max score + 1 as scikit-learn 1.2.1 does. All distinct thresholds are kept (sklearn's
   * drop_intermediate=False), so the curve can be plotted or searched for KS directly.
   */
  thresholds: Float64Array;
}

function rocFromCurve(c: BinaryCurve): RocCurve {
  const m = c.thresholds.length;
  const fpr = new Float64Array(m + 1);
  const tpr = new Float64Array(m + 1);
  const thresholds = new Float64Array(m + 1);
  thresholds[0] = m > 0 ? c.thresholds[0] + 1 : Infinity;
  for (let k = 0; k < m; k++) {
    // NaN when a class is absent, as in sklearn (which warns)
    fpr[k + 1] = c.fps[k] / c.negatives;
    tpr[k + 1] = c.tps[k] / c.positives;
    thresholds[k + 1] = c.thresholds[k];
  }
  return { fpr, tpr, thresholds };
}

export function rocCurve(yTrue: ArrayLike<number>, yScore: ArrayLike<number>): RocCurve {
  return rocFromCurve(binaryCurve(yTrue, yScore));
}

/** Trapezoidal area over the ROC points (numpy.trapz(tpr, fpr)); ties count one half. */
export function areaUnderRoc(roc: RocCurve): number {
  let area = 0;
  for (let k = 1; k < roc.fpr.length; k++) {
    area += ((roc.fpr[k] - roc.fpr[k - 1]) * (roc.tpr[k] + roc.tpr[k - 1])) / 2;
  }
  return area;
}

/** ROC AUC = P(score_pos > score_neg) + 0.5 P(tie). NaN when only one class is present. */
export function rocAuc(yTrue: ArrayLike<number>, yScore: ArrayLike<number>): number {
  const c = binaryCurve(yTrue, yScore);
  if (c.positives === 0 || c.negatives === 0) return NaN;
  return areaUnderRoc(rocFromCurve(c));
}

/** Gini (accuracy ratio) = 2 AUC - 1. */
export function gini(yTrue: ArrayLike<number>, yScore: ArrayLike<number>): number {
  return 2 * rocAuc(yTrue, yScore) - 1;
}

/**
 * Kolmogorov-Smirnov separation = max over ROC thresholds of |TPR - FPR|, the two-sample KS
 * statistic between the scores of positives and of negatives.
 */
export function ksStatistic(yTrue: ArrayLike<number>, yScore: ArrayLike<number>): number {
  const c = binaryCurve(yTrue, yScore);
  if (c.positives === 0 || c.negatives === 0) return NaN;
  const roc = rocFromCurve(c);
  let best = 0;
  for (let k = 0; k < roc.fpr.length; k++) best = Math.max(best, Math.abs(roc.tpr[k] - roc.fpr[k]));
  return best;
}
