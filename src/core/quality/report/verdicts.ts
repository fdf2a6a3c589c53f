import type { Verdict, VerdictLevel } from '../privacy/verdict';
import { MIN_TEST_ROWS_PER_CLASS } from '../../risk/metrics/score-warnings';

/**
 * Rules of thumb for the quality and utility scores, kept in one place so the screen, the HTML
 * report and the docs say the same thing. They are conventions, not statistical tests.
 */
export const VALIDATION_THRESHOLDS = {
  /** SDMetrics-style scores in [0, 1]: >= good is good, >= warning is fair, below is poor */
  quality: { good: 0.8, warning: 0.65 },
  /** TRTR AUC − TSTR AUC: <= good is good, <= warning is fair, above is poor */
  utilityGap: { good: 0.03, warning: 0.08 },
} as const;

export function qualityVerdict(score: number, what: string): Verdict {
  const t = VALIDATION_THRESHOLDS.quality;
  if (Number.isNaN(score)) return { level: 'unknown', message: `${what}: nothing to compare.` };
  const s = score.toFixed(3);
  if (score >= t.good) return { level: 'good', message: `${what} ${s}: the synthetic data follows the real data closely.` };
  if (score >= t.warning) return { level: 'warning', message: `${what} ${s}: fair; some distributions or relationships differ.` };
  return { level: 'risk', message: `${what} ${s}: poor; the synthetic data differs clearly from the real data.` };
}

/** What else is known about a utility comparison besides its two AUCs. */
export interface UtilityFacts {
  /** the synthetic-trained model gives every real test row the same score */
  tstrLearnedNothing?: boolean;
  trtrLearnedNothing?: boolean;
  /** rows of the rarer class in the real test set (see MIN_TEST_ROWS_PER_CLASS) */
  testMinorityRows?: number;
}

export function utilityVerdict(trtr: number, tstr: number, facts: UtilityFacts = {}): Verdict {
  const t = VALIDATION_THRESHOLDS.utilityGap;
  if (facts.tstrLearnedNothing) {
    return {
      level: 'risk',
      message: 'The model trained on synthetic rows learned nothing: it gives every real test row the same score (often the synthetic rows hold only one class of the target), so its ROC AUC of 0.500 is not a score.',
    };
  }
  if (facts.trtrLearnedNothing) return { level: 'unknown', message: 'The model trained on real rows learned nothing (the same score for every test row), so there is nothing to compare with.' };
  if (Number.isNaN(trtr) || Number.isNaN(tstr)) return { level: 'unknown', message: 'The model could not be trained on both tables.' };
  if (facts.testMinorityRows !== undefined && facts.testMinorityRows < MIN_TEST_ROWS_PER_CLASS) {
    return {
      level: 'unknown',
      message: `Only ${facts.testMinorityRows} test rows of the rarer class: too few to compare the models (ROC AUC ${tstr.toFixed(3)} trained on synthetic, ${trtr.toFixed(3)} on real rows). Use a larger test part.`,
    };
  }
  const gap = trtr - tstr;
  const what = `Trained on synthetic data, the model reaches ROC AUC ${tstr.toFixed(3)} on real test rows (real-trained: ${trtr.toFixed(3)})`;
  if (gap <= t.good) return { level: 'good', message: `${what}: as useful as the real data.` };
  if (gap <= t.warning) return { level: 'warning', message: `${what}: somewhat less useful than the real data.` };
  return { level: 'risk', message: `${what}: clearly less useful than the real data.` };
}

const RANK: Record<Exclude<VerdictLevel, 'unknown'>, number> = { good: 2, warning: 1, risk: 0 };
const WORD: Record<Exclude<VerdictLevel, 'unknown'>, string> = { good: 'good', warning: 'fair', risk: 'a problem' };

/**
 * The overall verdict: the column-shape and pair-trend quality, never better than the detection
 * and utility verdicts beside it. "Good: follows the real data closely" next to a classifier that
 * tells the rows apart, or a synthetic-trained model that is useless, would contradict itself. An
 * unknown detection or utility verdict (not computed) does not change it.
 */
export function overallVerdict(quality: Verdict, others: { label: string; verdict: Verdict }[]): Verdict {
  if (quality.level === 'unknown') return quality;
  let level: Exclude<VerdictLevel, 'unknown'> = quality.level;
  const worse: string[] = [];
  for (const o of others) {
    if (o.verdict.level === 'unknown') continue;
    if (RANK[o.verdict.level] < RANK[quality.level]) worse.push(`${o.label} is ${WORD[o.verdict.level]}`);
    if (RANK[o.verdict.level] < RANK[level]) level = o.verdict.level;
  }
  if (worse.length === 0) return quality;
  const head = quality.message.replace(/:.*$/, '');
  const tail = level === 'risk' ? 'do not rely on this synthetic data before that is fixed.' : 'use it with care.';
  return { level, message: `${head}: the columns and pairs look ${WORD[quality.level]}, but ${worse.join(' and ')}, so overall it is ${WORD[level]}; ${tail}` };
}

export function replayVerdict(cells: number, checkedColumns: number): Verdict {
  if (checkedColumns === 0) return { level: 'good', message: 'The data has no identifier or text columns, so there is nothing to replay.' };
  if (cells === 0) return { level: 'good', message: 'No real identifier or text value appears in the synthetic table.' };
  return { level: 'risk', message: `${cells} synthetic cells hold a real identifier or text value: remove those columns before sharing.` };
}
