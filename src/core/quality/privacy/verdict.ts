export type VerdictLevel = 'good' | 'warning' | 'risk' | 'unknown';

export interface Verdict {
  level: VerdictLevel;
  /** one plain sentence for the UI */
  message: string;
}

/**
 * Thresholds are rules of thumb, not statistical tests; they are here, in one place, so the UI and
 * the docs say the same thing.
 */
export const PRIVACY_THRESHOLDS = {
  /** median DCR(synthetic) / median DCR(held-out): >= good, >= warning, else risk */
  dcrRatio: { good: 0.9, warning: 0.6 },
  /** share of synthetic rows closer to training than the 5th percentile of held-out DCR (5 % expected) */
  closeShare: { good: 0.1, warning: 0.2 },
  /** membership-inference AUC (0.5 = the attacker guesses) */
  attackAuc: { good: 0.55, warning: 0.6 },
} as const;

export function dcrRatioVerdict(ratio: number): Verdict {
  const t = PRIVACY_THRESHOLDS.dcrRatio;
  if (Number.isNaN(ratio)) return { level: 'unknown', message: 'Held-out rows have median distance 0 to training rows, so the ratio is undefined.' };
  if (ratio >= t.good) return { level: 'good', message: 'Synthetic rows are no closer to the training rows than unseen real rows are.' };
  if (ratio >= t.warning) return { level: 'warning', message: 'Synthetic rows sit somewhat closer to the training rows than unseen real rows do.' };
  return { level: 'risk', message: 'Synthetic rows are much closer to the training rows than unseen real rows: the generator may be copying.' };
}

/** `holdoutP5` = 0 means real rows repeat themselves so often that "closer than" cannot be judged. */
export function closeShareVerdict(share: number, holdoutP5 = NaN): Verdict {
  const t = PRIVACY_THRESHOLDS.closeShare;
  const pct = `${(share * 100).toFixed(1)} %`;
  if (Number.isNaN(share)) return { level: 'unknown', message: 'No synthetic rows to compare.' };
  if (holdoutP5 === 0) {
    return { level: 'unknown', message: 'Over 5 % of unseen real rows duplicate a training row, so closeness cannot be judged; see exact copies.' };
  }
  if (share <= t.good) return { level: 'good', message: `${pct} of synthetic rows are unusually close to a training row (about 5 % is expected).` };
  if (share <= t.warning) return { level: 'warning', message: `${pct} of synthetic rows are unusually close to a training row (about 5 % is expected).` };
  return { level: 'risk', message: `${pct} of synthetic rows are unusually close to a training row, far above the 5 % expected.` };
}

export function exactCopiesVerdict(count: number, share: number, holdoutShare: number): Verdict {
  if (count === 0) return { level: 'good', message: 'No synthetic row is an exact copy of a training row.' };
  if (share <= holdoutShare) {
    return { level: 'warning', message: `${count} synthetic rows copy a training row exactly, no more often than unseen real rows repeat one.` };
  }
  return { level: 'risk', message: `${count} synthetic rows are exact copies of training rows.` };
}

/** Synthetic rows equal to a real row that fewer than k training rows share: should be 0. */
export function rareCopiesVerdict(count: number, k: number): Verdict {
  if (count === 0) return { level: 'good', message: `No synthetic row equals a real training row that fewer than ${k} training rows share.` };
  return { level: 'risk', message: `${count} synthetic rows equal a real training row that fewer than ${k} training rows share: each points at a few real people.` };
}

export function attackAucVerdict(auc: number): Verdict {
  const t = PRIVACY_THRESHOLDS.attackAuc;
  const a = auc.toFixed(3);
  if (Number.isNaN(auc)) return { level: 'unknown', message: 'Not enough rows for the membership-inference test.' };
  if (auc <= t.good) return { level: 'good', message: `An attacker cannot tell training rows from unseen rows (AUC ${a}, 0.5 = guessing).` };
  if (auc <= t.warning) return { level: 'warning', message: `An attacker tells training rows from unseen rows slightly better than guessing (AUC ${a}).` };
  return { level: 'risk', message: `An attacker can tell which rows were used for training (AUC ${a}).` };
}
