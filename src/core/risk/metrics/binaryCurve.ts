import { checkBinaryInputs } from './labels';

/**
 * scikit-learn's `_binary_clf_curve`: one point per distinct score, high to low, with the cumulative
 * true/false positive counts of "predict positive iff score >= threshold". Tied scores are a single
 * threshold, which is what makes AUC count a tie as one half.
 */
export interface BinaryCurve {
  /** distinct scores, descending */
  thresholds: Float64Array;
  /** positives with score >= thresholds[k] */
  tps: Float64Array;
  /** negatives with score >= thresholds[k] */
  fps: Float64Array;
  positives: number;
  negatives: number;
}

/** Indices 0..n-1 ordered by score, highest first. */
export function descendingOrder(yScore: ArrayLike<number>): Uint32Array {
  const n = yScore.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => yScore[b] - yScore[a]);
  return order;
}

export function binaryCurve(yTrue: ArrayLike<number>, yScore: ArrayLike<number>): BinaryCurve {
  checkBinaryInputs(yTrue, yScore);
  const n = yScore.length;
  const order = descendingOrder(yScore);
  const thresholds: number[] = [];
  const tps: number[] = [];
  const fps: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    if (yTrue[i] === 1) tp++;
    else fp++;
    const last = k === n - 1 || yScore[order[k + 1]] !== yScore[i];
    if (last) {
      thresholds.push(yScore[i]);
      tps.push(tp);
      fps.push(fp);
    }
  }
  return {
    thresholds: Float64Array.from(thresholds),
    tps: Float64Array.from(tps),
    fps: Float64Array.from(fps),
    positives: tp,
    negatives: fp,
  };
}
