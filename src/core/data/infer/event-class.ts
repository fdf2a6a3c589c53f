/**
 * The event class of a binary target: the outcome the risk models predict (default, bad, fraud,
 * rejected). Files code it either way round (German credit: 1 = good, 0 = bad; UCI default:
 * 1 = default), so "1" is never assumed: a label that says what it is wins, else the rarer class,
 * and the user confirms or changes it at load.
 */

/** Labels that name the event itself. */
const EVENT_WORDS = new Set([
  'yes', 'y', 'true', 't', 'positive', 'pos', 'bad', 'default', 'defaulted', 'fraud', 'fraudulent',
  'reject', 'rejected', 'declined', 'denied', 'delinquent', 'churn', 'churned', 'charged off', 'chargeoff',
  'charged-off', 'late', 'risky', 'high risk', 'poor',
]);
/** Labels that name the non-event, so the other label is the event. */
const NON_EVENT_WORDS = new Set([
  'no', 'n', 'false', 'f', 'negative', 'neg', 'good', 'ok', 'paid', 'fully paid', 'current', 'approved',
  'accepted', 'genuine', 'legit', 'legitimate', 'normal', 'non-default', 'nondefault', 'low risk',
]);

export interface TargetClass {
  label: string;
  count: number;
  /** count / rows with a known target */
  share: number;
}

export interface EventClassSuggestion {
  /** the labels with their counts, most frequent first */
  classes: TargetClass[];
  /** the suggested event class (null when the column has no label at all) */
  suggested: string | null;
  /** one sentence saying why, shown next to the choice */
  reason: string;
}

/** Counts of the labels of a target column (null/undefined cells are not counted). */
export function countLabels(values: ArrayLike<unknown>): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) continue;
    const label = String(v);
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return counts;
}

const norm = (label: string) => label.trim().toLowerCase();

/** The suggested event class of a target column given its label counts, with the reason. */
export function suggestEventClass(counts: ReadonlyMap<string, number>): EventClassSuggestion {
  const known = [...counts.values()].reduce((s, n) => s + n, 0);
  const classes = [...counts.entries()]
    .map(([label, count]) => ({ label, count, share: known > 0 ? count / known : 0 }))
    .sort((a, b) => b.count - a.count || (a.label < b.label ? -1 : 1));
  if (classes.length === 0) return { classes, suggested: null, reason: 'The column has no values.' };
  if (classes.length === 1) {
    return { classes, suggested: classes[0].label, reason: `Only one class ("${classes[0].label}") is present: a model cannot learn from it.` };
  }
  const share = (c: TargetClass) => `${(c.share * 100).toFixed(1)} %`;
  const named = classes.find((c) => EVENT_WORDS.has(norm(c.label)));
  if (named) return { classes, suggested: named.label, reason: `"${named.label}" (${share(named)} of rows) names the event.` };
  if (classes.length === 2) {
    const nonEvent = classes.findIndex((c) => NON_EVENT_WORDS.has(norm(c.label)));
    if (nonEvent >= 0) {
      const event = classes[1 - nonEvent];
      return { classes, suggested: event.label, reason: `"${event.label}" (${share(event)} of rows): the other label, "${classes[nonEvent].label}", names the non-event.` };
    }
  }
  const rarest = classes[classes.length - 1];
  const tied = classes.filter((c) => c.count === rarest.count);
  if (tied.length > 1) {
    const one = tied.find((c) => c.label === '1');
    const pick = one ?? tied[tied.length - 1];
    return { classes, suggested: pick.label, reason: `The classes are equally frequent; "${pick.label}" (${share(pick)}) is a guess: check which label is the event.` };
  }
  return {
    classes,
    suggested: rarest.label,
    reason: `"${rarest.label}" is the minority class (${share(rarest)} of rows); events such as default or fraud are usually the rarer outcome. Check the data dictionary: some files code 1 = good.`,
  };
}
