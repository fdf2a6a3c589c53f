import { checkBinaryInputs } from './labels';
import { countBelow, linspace } from './linspace';

export interface CalibrationBin {
  bin: number;
  lower: number;
  upper: number;
  count: number;
  /** mean score in the bin; null when the bin is empty */
  meanPredicted: number | null;
  /** share of positives in the bin; null when the bin is empty */
  observedRate: number | null;
}

export interface Calibration {
  /** numpy.linspace(0, 1, nBins + 1): edges[3] is 0.30000000000000004, not 0.3 */
  edges: Float64Array;
  bins: CalibrationBin[];
}

/**
 * Reliability diagram bins as scikit-learn's calibration_curve(strategy="uniform"): bin k holds
 * scores with edges[k] < score <= edges[k + 1] (bin 0 also holds 0), i.e. k = number of interior
 * edges strictly below the score. Math.floor(score * 10) would put 0.7 into bin 7; the
 * linspace edge 0.7000000000000001 keeps it in bin 6.
 */
export function calibrationBins(yTrue: ArrayLike<number>, yScore: ArrayLike<number>, nBins = 10): Calibration {
  checkBinaryInputs(yTrue, yScore);
  const edges = linspace(0, 1, nBins + 1);
  const interior = edges.subarray(1, nBins);
  const count = new Float64Array(nBins);
  const sumScore = new Float64Array(nBins);
  const sumTrue = new Float64Array(nBins);
  for (let i = 0; i < yScore.length; i++) {
    const s = yScore[i];
    if (s < 0 || s > 1) throw new Error(`y_score[${i}] = ${s} is outside [0, 1]`);
    const k = countBelow(interior, s);
    count[k]++;
    sumScore[k] += s;
    sumTrue[k] += yTrue[i];
  }
  const bins: CalibrationBin[] = [];
  for (let k = 0; k < nBins; k++) {
    bins.push({
      bin: k,
      lower: edges[k],
      upper: edges[k + 1],
      count: count[k],
      meanPredicted: count[k] > 0 ? sumScore[k] / count[k] : null,
      observedRate: count[k] > 0 ? sumTrue[k] / count[k] : null,
    });
  }
  return { edges, bins };
}
