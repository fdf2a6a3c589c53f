import { createRng } from '../../util/random';
import { descendingOrder } from './binaryCurve';
import { checkBinaryInputs } from './labels';
import { quantileSorted } from '../../data/eda/quantile.ts';
import { rocAuc } from './rocAuc';

export interface BootstrapOptions {
  /** number of resamples (default 1000) */
  replicates?: number;
  /** coverage of the interval (default 0.95) */
  level?: number;
  seed?: number;
}

export interface AucInterval {
  auc: number;
  lower: number;
  upper: number;
  level: number;
  replicates: number;
  seed: number;
}

/**
 * Percentile bootstrap interval for ROC AUC. Resampling is stratified (positives and negatives are
 * drawn with replacement separately, keeping the class counts), so no replicate lacks a class.
 * The scores are sorted once; a replicate only re-weights the distinct-score groups, so each costs
 * O(n) and 1000 replicates over 300,000 rows stay in the seconds.
 */
export function bootstrapAucInterval(
  yTrue: ArrayLike<number>,
  yScore: ArrayLike<number>,
  options: BootstrapOptions = {},
): AucInterval {
  const replicates = options.replicates ?? 1000;
  const level = options.level ?? 0.95;
  const seed = options.seed ?? 0;
  checkBinaryInputs(yTrue, yScore);
  const auc = rocAuc(yTrue, yScore);
  const n = yScore.length;
  const order = descendingOrder(yScore);
  // group id of each row: rank of its distinct score, highest first
  const group = new Int32Array(n);
  let groups = 0;
  for (let k = 0; k < n; k++) {
    if (k > 0 && yScore[order[k]] !== yScore[order[k - 1]]) groups++;
    group[order[k]] = groups;
  }
  groups = n > 0 ? groups + 1 : 0;
  const pos: number[] = [];
  const neg: number[] = [];
  for (let i = 0; i < n; i++) (yTrue[i] === 1 ? pos : neg).push(group[i]);
  if (pos.length === 0 || neg.length === 0) {
    return { auc: NaN, lower: NaN, upper: NaN, level, replicates, seed };
  }
  const rng = createRng(seed);
  const wPos = new Float64Array(groups);
  const wNeg = new Float64Array(groups);
  const values = new Float64Array(replicates);
  const P = pos.length;
  const N = neg.length;
  for (let b = 0; b < replicates; b++) {
    wPos.fill(0);
    wNeg.fill(0);
    for (let i = 0; i < P; i++) wPos[pos[rng.int(P)]]++;
    for (let i = 0; i < N; i++) wNeg[neg[rng.int(N)]]++;
    // each negative scores against the positives above it, plus one half of those tied with it
    let above = 0;
    let s = 0;
    for (let g = 0; g < groups; g++) {
      s += wNeg[g] * (above + wPos[g] / 2);
      above += wPos[g];
    }
    values[b] = s / (P * N);
  }
  values.sort();
  const alpha = (1 - level) / 2;
  return {
    auc,
    lower: quantileSorted(values, alpha),
    upper: quantileSorted(values, 1 - alpha),
    level,
    replicates,
    seed,
  };
}
