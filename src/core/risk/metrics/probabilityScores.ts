import { checkBinaryInputs } from './labels';

/** Brier score = mean((score - y)^2); lower is better. */
export function brierScore(yTrue: ArrayLike<number>, yScore: ArrayLike<number>): number {
  checkBinaryInputs(yTrue, yScore);
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const d = yScore[i] - yTrue[i];
    s += d * d;
  }
  return s / yTrue.length;
}

/** float64 machine epsilon: scikit-learn 1.2.1 clips probabilities to [eps, 1 - eps] so log(0) cannot occur. */
const EPS = 2.220446049250313e-16;

/** Log loss = -mean(y ln p + (1 - y) ln(1 - p)), natural log, p clipped as in scikit-learn 1.2.1. */
export function logLoss(yTrue: ArrayLike<number>, yScore: ArrayLike<number>): number {
  checkBinaryInputs(yTrue, yScore);
  let s = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const p = Math.min(Math.max(yScore[i], EPS), 1 - EPS);
    s += yTrue[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return -s / yTrue.length;
}
