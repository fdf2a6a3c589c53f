/**
 * What makes a model's test figures meaningless or unreliable, found from its scores on the test
 * rows. A model that gives every row the same score has learned nothing: its ROC AUC is exactly
 * 0.5 with a zero-width interval, which reads like a (bad) score but is no score at all (typically
 * it was trained on rows of one class, such as single-class synthetic rows). A test set with a
 * handful of rows of one class gives AUCs like 1.000 [1.000, 1.000] that mean little.
 */

/** fewer test rows of either class than this and the figures are flagged as too uncertain */
export const MIN_TEST_ROWS_PER_CLASS = 10;

export type ScoreWarningKind = 'learned-nothing' | 'small-test';

export interface ScoreWarning {
  kind: ScoreWarningKind;
  message: string;
}

/** true when every score is the same (up to rounding): the model cannot rank anyone. */
export function constantScores(scores: ArrayLike<number>): boolean {
  if (scores.length === 0) return false;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i];
    if (s < lo) lo = s;
    if (s > hi) hi = s;
  }
  return hi - lo <= 1e-12 * Math.max(1, Math.abs(hi));
}

export function scoreWarnings(y: ArrayLike<number>, scores: ArrayLike<number>, minPerClass = MIN_TEST_ROWS_PER_CLASS): ScoreWarning[] {
  const out: ScoreWarning[] = [];
  if (constantScores(scores)) {
    out.push({
      kind: 'learned-nothing',
      message: `This model learned nothing: it gives every test row the same score (${(scores[0] * 100).toFixed(1)} %), so its ROC AUC of 0.500 is not a score. Usually its training rows held (almost) only one class, e.g. synthetic rows of a single class.`,
    });
  }
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i] === 1 ? 1 : 0;
  const negatives = y.length - positives;
  const fewest = Math.min(positives, negatives);
  if (fewest < minPerClass) {
    const which = positives <= negatives ? 'positive' : 'negative';
    out.push({
      kind: 'small-test',
      message: `Only ${fewest} ${which} test row${fewest === 1 ? '' : 's'}: too few to judge the model (fewer than ${minPerClass}); an AUC near 1 or 0.5 can be luck. Use a larger test part or more data.`,
    });
  }
  return out;
}
