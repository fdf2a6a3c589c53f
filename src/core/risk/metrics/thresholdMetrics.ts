import { checkBinaryInputs } from './labels';

export interface ConfusionMatrix {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

/** Counts at a threshold: predicted positive iff score >= threshold (so a score equal to it is positive). */
export function confusionMatrix(yTrue: ArrayLike<number>, yScore: ArrayLike<number>, threshold = 0.5): ConfusionMatrix {
  checkBinaryInputs(yTrue, yScore);
  const m: ConfusionMatrix = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < yTrue.length; i++) {
    const predicted = yScore[i] >= threshold;
    if (yTrue[i] === 1) {
      if (predicted) m.tp++;
      else m.fn++;
    } else if (predicted) m.fp++;
    else m.tn++;
  }
  return m;
}

export interface ThresholdMetrics {
  threshold: number;
  confusion: ConfusionMatrix;
  /** tp / (tp + fp), 0 when nothing is predicted positive (sklearn zero_division=0) */
  precision: number;
  /** tp / (tp + fn), 0 when there is no positive */
  recall: number;
  /** 2PR / (P + R), 0 when P + R = 0 */
  f1: number;
  accuracy: number;
}

const ratio = (a: number, b: number): number => (b === 0 ? 0 : a / b);

export function metricsFromConfusion(m: ConfusionMatrix, threshold: number): ThresholdMetrics {
  const precision = ratio(m.tp, m.tp + m.fp);
  const recall = ratio(m.tp, m.tp + m.fn);
  // 2tp / (2tp + fp + fn) is 2PR / (P + R) without the intermediate rounding (sklearn's fbeta form)
  const f1 = ratio(2 * m.tp, 2 * m.tp + m.fp + m.fn);
  const accuracy = ratio(m.tp + m.tn, m.tp + m.tn + m.fp + m.fn);
  return { threshold, confusion: m, precision, recall, f1, accuracy };
}

export function thresholdMetrics(yTrue: ArrayLike<number>, yScore: ArrayLike<number>, threshold = 0.5): ThresholdMetrics {
  return metricsFromConfusion(confusionMatrix(yTrue, yScore, threshold), threshold);
}

export const precisionAt = (yTrue: ArrayLike<number>, yScore: ArrayLike<number>, threshold = 0.5): number =>
  thresholdMetrics(yTrue, yScore, threshold).precision;
export const recallAt = (yTrue: ArrayLike<number>, yScore: ArrayLike<number>, threshold = 0.5): number =>
  thresholdMetrics(yTrue, yScore, threshold).recall;
export const f1At = (yTrue: ArrayLike<number>, yScore: ArrayLike<number>, threshold = 0.5): number =>
  thresholdMetrics(yTrue, yScore, threshold).f1;
export const accuracyAt = (yTrue: ArrayLike<number>, yScore: ArrayLike<number>, threshold = 0.5): number =>
  thresholdMetrics(yTrue, yScore, threshold).accuracy;
