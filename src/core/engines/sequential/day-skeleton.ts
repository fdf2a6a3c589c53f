import type { Rng } from '../../util/random.ts';
import { MS_PER_DAY, weekdayOfDay } from './stream-layout.ts';
import { indexAboveCumulative } from '../../util/cumulative-search.ts';

/**
 * The days of a customer's ordinary (non-target) events, decided for the whole stream before any
 * event is drawn: the first on the customer's first day, the last on its last day (so the active
 * span is the one the profile engine chose), the others drawn independently with a weight per
 * day: the weekday propensity of the customer's class times the season (month of the year). The
 * number of events and the span fix the customer's pace, so a quick customer's gaps stay short
 * and a slow one's long over the whole stream; the weekday weights keep each class's weekend habit.
 * Event-by-event gap draws cannot promise either: their small errors add up over thousands of events.
 */
export interface DaySkeleton {
  /** per class (code of the class's profile predictor; one row without classes): weights, Sunday first */
  weekday: number[][];
  /** weights of the months, January first */
  month: number[];
}

export const monthOfDay = (day: number): number => new Date(day * MS_PER_DAY).getUTCMonth();

/**
 * Weights from ordinary events: `days` the day number of each event, `group` its customer's class
 * code, `spans` each customer's [first day, last day] (the calendar days it could have used).
 * A weight is events per available day, relative to the mean, so a month that few spans cover
 * counts as much as one they all cover.
 */
export function fitDaySkeleton(days: ArrayLike<number>, group: ArrayLike<number>, nGroups: number, spans: [number, number][]): DaySkeleton {
  const available = { weekday: new Float64Array(7), month: new Float64Array(12) };
  for (const [a, b] of spans) {
    for (let d = a; d <= b; d++) {
      available.weekday[weekdayOfDay(d)]++;
      available.month[monthOfDay(d)]++;
    }
  }
  const byGroup = Array.from({ length: Math.max(1, nGroups) }, () => new Float64Array(7));
  const month = new Float64Array(12);
  for (let e = 0; e < days.length; e++) {
    byGroup[Math.min(byGroup.length - 1, group[e])][weekdayOfDay(days[e])]++;
    month[monthOfDay(days[e])]++;
  }
  const relative = (counts: ArrayLike<number>, avail: ArrayLike<number>): number[] => {
    const rate = Array.from(counts, (c, k) => (avail[k] > 0 ? c / avail[k] : 0));
    const seen = rate.filter((_, k) => avail[k] > 0);
    const mean = seen.reduce((s, r) => s + r, 0) / Math.max(1, seen.length);
    // a class or month without any event keeps the average weight (no information, not "never")
    return rate.map((r, k) => (mean > 0 && avail[k] > 0 ? r / mean : 1));
  };
  return {
    weekday: byGroup.map((g) => (g.reduce((s, x) => s + x, 0) > 0 ? relative(g, available.weekday) : new Array<number>(7).fill(1))),
    month: relative(month, available.month),
  };
}

/**
 * n day numbers in order within [first, last]: with `ends`, first and last are included when
 * n ≥ 2 and the others fall strictly between; without, all are drawn from the whole range.
 */
export function drawDays(s: DaySkeleton, group: number, first: number, last: number, n: number, rng: Rng, ends = true): number[] {
  if (n <= 0) return [];
  if (!ends) return drawDays(s, group, first - 1, last + 1, n + 2, rng).slice(1, n + 1).sort((a, b) => a - b);
  if (n === 1 || last <= first) return new Array<number>(n).fill(first);
  const w = s.weekday[Math.min(s.weekday.length - 1, Math.max(0, group))];
  const cum = new Float64Array(last - first - 1);
  let total = 0;
  for (let d = first + 1; d < last; d++) {
    total += Math.max(0, w[weekdayOfDay(d)] * s.month[monthOfDay(d)]);
    cum[d - first - 1] = total;
  }
  const out = [first, last];
  for (let k = 2; k < n; k++) {
    if (cum.length === 0 || total <= 0) {
      out.push(first + Math.floor(rng.next() * (last - first + 1)));
      continue;
    }
    out.push(first + 1 + indexAboveCumulative(cum, rng.next() * total));
  }
  return out.sort((a, b) => a - b);
}
