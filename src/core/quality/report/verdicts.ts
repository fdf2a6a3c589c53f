import type { Verdict } from '../privacy/verdict';

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

export function utilityVerdict(trtr: number, tstr: number): Verdict {
  const t = VALIDATION_THRESHOLDS.utilityGap;
  if (Number.isNaN(trtr) || Number.isNaN(tstr)) return { level: 'unknown', message: 'The model could not be trained on both tables.' };
  const gap = trtr - tstr;
  const what = `Trained on synthetic data, the model reaches ROC AUC ${tstr.toFixed(3)} on real test rows (real-trained: ${trtr.toFixed(3)})`;
  if (gap <= t.good) return { level: 'good', message: `${what}: as useful as the real data.` };
  if (gap <= t.warning) return { level: 'warning', message: `${what}: somewhat less useful than the real data.` };
  return { level: 'risk', message: `${what}: clearly less useful than the real data.` };
}

export function replayVerdict(cells: number, checkedColumns: number): Verdict {
  if (checkedColumns === 0) return { level: 'good', message: 'The data has no identifier or text columns, so there is nothing to replay.' };
  if (cells === 0) return { level: 'good', message: 'No real identifier or text value appears in the synthetic table.' };
  return { level: 'risk', message: `${cells} synthetic cells hold a real identifier or text value: remove those columns before sharing.` };
}
