import type { ColumnSchema } from '../schema.ts';
import type { ColumnStats } from './column-stats.ts';
import { suggestEventClass } from './event-class.ts';
import { targetNameScore } from './names.ts';
import { numberLabel, parseNumber } from './number.ts';
import { hasLeadingZero } from './number.ts';

export interface TargetGuess {
  target: string | null;
  /** the suggested event class (the outcome the models predict) */
  positiveLabel: string | null;
}

/** Label pairs that read like an outcome even under an uninformative column name. */
const OUTCOME_LABELS = new Set([
  'yes', 'no', 'y', 'n', 'true', 'false', 'good', 'bad', '+', '-', 'default', 'fraud', 'approved', 'rejected',
  'accepted', 'declined', 'denied', 'paid', 'positive', 'negative',
]);

/**
 * The binary (two-value) categorical column most likely to be the target:
 * 1. the strongest target-like name (default, fraud, target, class, label, bad, delinquency, y),
 *    then the later column;
 * 2. else a column whose two labels read like an outcome (good/bad, yes/no, +/-), the later first;
 * 3. else the last column when it has two values (headerless and anonymised files put the label last).
 * The event class is then suggested from the labels (see event-class.ts), never assumed to be "1".
 */
export function suggestTarget(columns: ColumnSchema[], stats: ColumnStats[]): TargetGuess {
  const binary = (i: number) => columns[i].distinct === 2 && columns[i].role === 'categorical';
  let best: { index: number; score: number } | null = null;
  columns.forEach((c, i) => {
    if (!binary(i)) return;
    const score = targetNameScore(c.name);
    if (score > 0 && (!best || score >= best.score)) best = { index: i, score };
  });
  let index: number | null = best === null ? null : (best as { index: number }).index;
  if (index === null) {
    for (let i = columns.length - 1; i >= 0 && index === null; i--) {
      if (binary(i) && [...labelCounts(stats[i]).keys()].every((l) => OUTCOME_LABELS.has(l.trim().toLowerCase()))) index = i;
    }
  }
  if (index === null && columns.length > 1 && binary(columns.length - 1)) index = columns.length - 1;
  if (index === null) return { target: null, positiveLabel: null };
  return { target: columns[index].name, positiveLabel: suggestEventClass(labelCounts(stats[index])).suggested };
}

/** Counts per canonical label (as the typed table will hold them: "1.0" and "1" are one). */
function labelCounts(s: ColumnStats): Map<string, number> {
  const labels = new Map<string, number>();
  for (const [t, n] of s.counts) {
    const x = s.numeric && !hasLeadingZero(t) ? parseNumber(t) : null;
    const label = x === null ? t : numberLabel(x);
    labels.set(label, (labels.get(label) ?? 0) + n);
  }
  return labels;
}
