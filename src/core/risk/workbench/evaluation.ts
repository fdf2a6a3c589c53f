import {
  averagePrecision,
  bootstrapAucInterval,
  brierScore,
  calibrationBins,
  ksStatistic,
  logLoss,
  prCurve,
  rocAuc,
  rocCurve,
  scoreWarnings,
  thresholdMetrics,
  type ScoreWarning,
  type CalibrationBin,
  type ConfusionMatrix,
} from '../metrics/index.ts';

/**
 * Every figure a risk model is judged by, computed from its scores on the real test split.
 * Plain arrays and numbers only, so an evaluation crosses the worker boundary and the charts read
 * it directly. Curves are thinned for drawing; the areas are computed on the full curves.
 */
export interface CurvePoint {
  x: number;
  y: number;
  threshold: number;
}

export interface ScoreBin {
  lower: number;
  upper: number;
  /** counts of test rows of each class whose score falls in the bin */
  negatives: number;
  positives: number;
}

export interface Evaluation {
  testRows: number;
  testPositives: number;
  threshold: number;
  confusion: ConfusionMatrix;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  rocAuc: number;
  /** percentile bootstrap interval of the ROC AUC (stratified resampling) */
  rocAucInterval: { lower: number; upper: number; level: number; replicates: number };
  /** average precision */
  prAuc: number;
  gini: number;
  ks: number;
  brier: number;
  logLoss: number;
  /** x = false positive rate, y = true positive rate */
  roc: CurvePoint[];
  /** x = recall, y = precision */
  pr: CurvePoint[];
  calibration: CalibrationBin[];
  scoreHistogram: ScoreBin[];
  /** the model learned nothing (constant scores) or the test set is too small to judge; absent in older saves */
  warnings?: ScoreWarning[];
}

export interface EvaluationOptions {
  threshold?: number;
  bootstrapReplicates?: number;
  seed?: number;
  /** at most this many points per drawn curve (roughly); default 200 */
  maxCurvePoints?: number;
  calibrationBins?: number;
  histogramBins?: number;
}

/**
 * Keeps the first and last points and every point at least `step` (Chebyshev distance in the unit
 * square) from the last kept one: monotone curves keep their shape with a few hundred points.
 */
export function thinCurve(points: CurvePoint[], maxPoints = 200): CurvePoint[] {
  if (points.length <= maxPoints) return points;
  const step = 1 / maxPoints;
  const out: CurvePoint[] = [points[0]];
  for (let k = 1; k < points.length - 1; k++) {
    const last = out[out.length - 1];
    if (Math.max(Math.abs(points[k].x - last.x), Math.abs(points[k].y - last.y)) >= step) out.push(points[k]);
  }
  out.push(points[points.length - 1]);
  return out;
}

export function scoreHistogram(y: ArrayLike<number>, scores: ArrayLike<number>, bins = 20): ScoreBin[] {
  const out: ScoreBin[] = Array.from({ length: bins }, (_, k) => ({ lower: k / bins, upper: (k + 1) / bins, negatives: 0, positives: 0 }));
  for (let i = 0; i < scores.length; i++) {
    const k = Math.min(bins - 1, Math.max(0, Math.floor(scores[i] * bins)));
    if (y[i] === 1) out[k].positives++;
    else out[k].negatives++;
  }
  return out;
}

const finite = (v: number): number => (Number.isFinite(v) ? v : 0);

export function evaluateScores(y: ArrayLike<number>, scores: ArrayLike<number>, options: EvaluationOptions = {}): Evaluation {
  const threshold = options.threshold ?? 0.5;
  const maxPoints = options.maxCurvePoints ?? 200;
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i];
  const t = thresholdMetrics(y, scores, threshold);
  const auc = rocAuc(y, scores);
  const interval = bootstrapAucInterval(y, scores, { replicates: options.bootstrapReplicates ?? 1000, seed: options.seed ?? 0 });
  const roc = rocCurve(y, scores);
  const rocPoints: CurvePoint[] = Array.from(roc.fpr, (fpr, k) => ({ x: finite(fpr), y: finite(roc.tpr[k]), threshold: Math.min(1, roc.thresholds[k]) }));
  const pr = prCurve(y, scores);
  // scikit-learn's extra end point (recall 0, precision 1) is for drawing only
  const prPoints: CurvePoint[] = [{ x: 0, y: 1, threshold: 1 }, ...Array.from(pr.recall, (r, k) => ({ x: r, y: pr.precision[k], threshold: pr.thresholds[k] }))];
  return {
    testRows: y.length,
    testPositives: positives,
    threshold,
    confusion: t.confusion,
    accuracy: t.accuracy,
    precision: t.precision,
    recall: t.recall,
    f1: t.f1,
    rocAuc: auc,
    rocAucInterval: { lower: interval.lower, upper: interval.upper, level: interval.level, replicates: interval.replicates },
    prAuc: averagePrecision(y, scores),
    gini: 2 * auc - 1,
    ks: ksStatistic(y, scores),
    brier: brierScore(y, scores),
    logLoss: logLoss(y, scores),
    roc: thinCurve(rocPoints, maxPoints),
    pr: thinCurve(prPoints, maxPoints),
    calibration: calibrationBins(y, scores, options.calibrationBins ?? 10).bins,
    scoreHistogram: scoreHistogram(y, scores, options.histogramBins ?? 20),
    warnings: scoreWarnings(y, scores),
  };
}
