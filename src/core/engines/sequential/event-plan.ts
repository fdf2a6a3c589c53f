import type { ColumnTable } from 'arquero';
import { columnByName, type DatasetSchema } from '../../data/schema.ts';
import { fitCategoricalCoder, fitNumericCoder, type ColumnCoder } from '../column-coder.ts';
import type { CustomerStreams } from './customer-streams.ts';

/**
 * What each modelled event column becomes:
 * - `time`: a number that equals the event time in seconds or milliseconds (Unix time written
 *   beside the date), recomputed from the synthetic time rather than modelled;
 * - `anchored`: a number that stays near a profile number (a merchant's latitude near the
 *   customer's home latitude), modelled as the difference so every customer keeps the relation;
 * - `plain`: modelled as it is.
 */
export type EventColumnPlan =
  | { name: string; how: 'time'; scale: number; integer: boolean }
  | { name: string; how: 'anchored'; anchor: string; coder: ColumnCoder }
  | { name: string; how: 'plain'; coder: ColumnCoder };

/** share of rows that must agree before a column counts as the time in other units */
const TIME_AGREEMENT = 0.99;
/** a difference whose spread is below this share of the column's own spread is worth modelling */
const ANCHOR_SPREAD_SHARE = 0.3;

function spread(xs: ArrayLike<number | null>): number {
  let n = 0;
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (x === null || !Number.isFinite(x)) continue;
    n++;
    s += x;
    s2 += x * x;
  }
  return n > 1 ? Math.sqrt(Math.max(0, s2 / n - (s / n) ** 2)) : 0;
}

function timeScale(values: ArrayLike<number | null>, time: ArrayLike<number>, rows: ArrayLike<number>): number | null {
  for (const scale of [1 / 1000, 1]) {
    let agree = 0;
    let seen = 0;
    for (let k = 0; k < rows.length; k++) {
      const v = values[rows[k]];
      if (v === null) continue;
      seen++;
      if (Math.abs(v - time[rows[k]] * scale) <= 1) agree++;
    }
    if (seen > 0 && agree >= TIME_AGREEMENT * seen) return scale;
  }
  return null;
}

export function planEventColumns(
  table: ColumnTable,
  schema: DatasetSchema,
  event: readonly string[],
  profileNumbers: readonly string[],
  time: string,
  streams: CustomerStreams,
  options: { rangeBins: number },
): EventColumnPlan[] {
  const t = table.array(time) as ArrayLike<number>;
  const used: number[] = [];
  streams.rows.forEach((r) => r.forEach((i) => used.push(i)));
  const plans: EventColumnPlan[] = [];
  for (const name of event) {
    const c = columnByName(schema, name);
    if (!c || (c.role !== 'continuous' && c.role !== 'categorical' && c.role !== 'datetime')) continue;
    const all = table.array(name) as ArrayLike<string | number | null>;
    const values = used.map((i) => all[i]);
    const column = { name, role: c.role, integer: c.role === 'datetime' ? true : c.role === 'continuous' ? c.integer : false };
    if (c.role === 'categorical') {
      plans.push({ name, how: 'plain', coder: fitCategoricalCoder(column, values) });
      continue;
    }
    const nums = all as ArrayLike<number | null>;
    const scale = timeScale(nums, t, used);
    if (scale !== null) {
      plans.push({ name, how: 'time', scale, integer: column.integer });
      continue;
    }
    let best: { anchor: string; spread: number; diffs: (number | null)[] } | null = null;
    const own = spread(values as (number | null)[]);
    for (const p of profileNumbers) {
      const pv = table.array(p) as ArrayLike<number | null>;
      const diffs = used.map((i) => (nums[i] === null || pv[i] === null ? null : (nums[i] as number) - (pv[i] as number)));
      const s = spread(diffs);
      if (own > 0 && s < ANCHOR_SPREAD_SHARE * own && (!best || s < best.spread)) best = { anchor: p, spread: s, diffs };
    }
    if (best) {
      const coder = fitNumericCoder({ name, role: 'continuous', integer: column.integer }, best.diffs, { rangeBins: options.rangeBins });
      plans.push({ name, how: 'anchored', anchor: best.anchor, coder });
    } else {
      plans.push({ name, how: 'plain', coder: fitNumericCoder(column, values, { rangeBins: options.rangeBins }) });
    }
  }
  return plans;
}
