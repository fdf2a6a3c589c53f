import { codeCount, decodeCategorical, drawNumeric, encodeColumn } from '../column-coder.ts';
import { cartLeaf, drawFromLeaf, type CartTree } from '../ar-cart/cart.ts';
import type { Rng } from '../../util/random.ts';
import { profilePredictorCode } from './profile-predictors.ts';
import { HabitTracker } from './habits.ts';
import { drawDays, type DaySkeleton } from './day-skeleton.ts';
import {
  EPISODE_AFTER,
  EPISODE_BEFORE,
  EPISODE_INSIDE,
  EPISODE_NONE,
  MS_PER_DAY,
  SECONDS_PER_DAY,
  layoutOffsets,
  paceCode,
  positionCode,
  weekdayOfDay,
  type StreamLayout,
} from './stream-layout.ts';

/** What the profile engine decided for one synthetic customer. */
export interface CustomerPlan {
  /** profile values by column name (modelled profile columns) */
  profile: Record<string, string | number | null>;
  events: number;
  firstTime: number;
  /** when the last event should happen (the stream's pace follows it) */
  lastTime: number;
  /** target events, placed as one episode starting at targetStart */
  targetEvents: number;
  targetStart: number;
}

export interface GeneratedEvent {
  time: number;
  /** target label, or null without a target */
  target: string | null;
  /** one value per layout variable */
  values: (string | number | null)[];
}

/** The time skeleton of ordinary events (day-skeleton.ts) and its time-of-day tree (profile only). */
export interface StreamSkeleton {
  days: DaySkeleton;
  todTree: CartTree;
  /** index in layout.profile of the predictor whose code picks the weekday weights (-1: one row) */
  group: number;
}

/** same-day times of day earlier than the previous event are drawn again this many times */
const SAME_DAY_TRIES = 8;

/**
 * One customer's events in time order: each current variable drawn from its tree given the
 * profile, the history and the variables already drawn for this event (stream-layout.ts).
 */
export function generateStream(
  plan: CustomerPlan,
  layout: StreamLayout,
  trees: (CartTree | null)[],
  targetTrees: (CartTree | null)[],
  rng: Rng,
  skeleton: StreamSkeleton | null = null,
): GeneratedEvent[] {
  const o = layoutOffsets(layout);
  const vec = new Uint16Array(o.length);
  const codeOf = (p: number): number => vec[p];
  layout.profile.forEach((pp, k) => (vec[k] = profilePredictorCode(pp, plan.profile[pp.name])));
  const n = Math.max(1, plan.events);
  const k = Math.max(0, Math.min(plan.targetEvents, n));
  const start = Math.max(0, Math.min(n - k, plan.targetStart));
  const noGap = codeCount(layout.gapCoder);
  const out: GeneratedEvent[] = [];
  const firstDay = Math.floor(plan.firstTime / MS_PER_DAY);
  let day = firstDay;
  let tod = Math.floor((plan.firstTime - firstDay * MS_PER_DAY) / 1000);
  let prevGapCode = noGap;
  let prevTod = -1;
  let prevWeekday = 7;
  let prevValues: (string | number | null)[] = [];
  const habits = new HabitTracker(layout);
  const lastDay = Math.floor(plan.lastTime / MS_PER_DAY);
  const planned = skeleton && n - k > 0 ? plannedTimes(skeleton, layout, vec, firstDay, lastDay, n - k, rng) : null;
  let ordinary = 0;
  const draw = (pos: number): number => {
    // target events draw from the trees grown on target events
    const tree = (layout.target && vec[o.target] === layout.target.positive ? targetTrees[pos] : null) ?? trees[pos]!;
    return drawFromLeaf(tree, cartLeaf(tree, codeOf), rng.next());
  };
  for (let p = 0; p < n; p++) {
    let h = o.nProfile;
    vec[h++] = positionCode(p);
    vec[h++] = p === 0 ? 0 : paceCode(plan.lastTime - (day * MS_PER_DAY + tod * 1000), n - p);
    vec[h++] = prevGapCode;
    vec[h++] = prevTod < 0 ? 24 : Math.floor(prevTod / 3600);
    vec[h++] = p === 0 ? 7 : prevWeekday;
    vec[h++] = k === 0 ? EPISODE_NONE : p < start ? EPISODE_BEFORE : p < start + k ? EPISODE_INSIDE : EPISODE_AFTER;
    if (layout.target) {
      vec[h++] = p === 0 ? codeCount(layout.target.coder) : vec[o.target];
      vec[o.target] = p >= start && p < start + k ? layout.target.positive : layout.target.negative;
    }
    // history of the modelled columns is the previous event's current codes, still in the vector
    for (let v = 0; v < layout.variables.length; v++) vec[h + v] = p === 0 ? codeCount(layout.variables[v].coder) : vec[o.firstVariable + v];
    if (p > 0) habits.update((v) => vec[o.firstVariable + v], (v) => prevValues[v]);
    habits.write(vec, h + layout.variables.length);
    const inEpisode = k > 0 && p >= start && p < start + k;
    if (planned && !inEpisode) {
      // ordinary events planned before the end of a target episode do not happen (the card is
      // blocked, or the episode took their place); when none is left the stream ends
      let overtaken = 0;
      while (p > 0 && ordinary < planned.days.length && (planned.days[ordinary] < day || (planned.days[ordinary] === day && planned.tods[ordinary] < prevTod))) {
        ordinary++;
        overtaken++;
      }
      // ... and are planned again on later days, so the customer keeps its number of events
      if (overtaken > 0 && day < lastDay) {
        const again = plannedTimes(skeleton!, layout, vec, day + 1, lastDay, overtaken, rng, false);
        const rest = planned.days.slice(ordinary).map((d, i) => [d, planned.tods[ordinary + i]] as const);
        again.days.forEach((d, i) => rest.push([d, again.tods[i]]));
        rest.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        planned.days = rest.map((r) => r[0]);
        planned.tods = rest.map((r) => r[1]);
        ordinary = 0;
      }
      if (ordinary >= planned.days.length) break;
      const j = ordinary++;
      const next = planned.days[j];
      const nextTod = planned.tods[j];
      const weekday = weekdayOfDay(next);
      vec[o.weekdayShift] = p === 0 ? 0 : (weekday - weekdayOfDay(day) + 7) % 7;
      vec[o.weekday] = weekday;
      vec[o.gap] = encodeColumn(layout.gapCoder, [p === 0 ? 0 : next - day])[0];
      day = next;
      tod = nextTod;
      vec[o.tod] = encodeColumn(layout.todCoder, [tod])[0];
    } else if (p === 0) {
      vec[o.gap] = encodeColumn(layout.gapCoder, [0])[0];
      vec[o.weekday] = weekdayOfDay(day);
      vec[o.tod] = encodeColumn(layout.todCoder, [tod])[0];
    } else {
      const weekday = draw(o.weekday);
      const shift = (weekday - weekdayOfDay(day) + 7) % 7;
      vec[o.weekday] = weekday;
      vec[o.weekdayShift] = shift;
      let gapCode = draw(o.gap);
      const drawn = Math.max(0, Math.round(drawNumeric(layout.gapCoder, gapCode, rng.next()) ?? 0));
      // the gap's tree knows the shift, so this rarely moves it: the next gap that lands on the weekday
      let gap = drawn + ((((shift - drawn) % 7) + 7) % 7);
      if (planned && p === start && ordinary < planned.days.length) {
        // a target episode starts on the day the next ordinary event was planned for
        gap = Math.max(0, planned.days[ordinary] - day);
        gapCode = encodeColumn(layout.gapCoder, [gap])[0];
        vec[o.weekday] = weekdayOfDay(day + gap);
        vec[o.weekdayShift] = gap % 7;
      }
      vec[o.gap] = gapCode;
      day += gap;
      let todCode = 0;
      let next = -1;
      for (let tries = 0; tries < SAME_DAY_TRIES; tries++) {
        todCode = draw(o.tod);
        next = Math.round(drawNumeric(layout.todCoder, todCode, rng.next()) ?? 0);
        if (gap > 0 || next >= prevTod) break;
      }
      // a time of day before the previous event's that keeps coming: the event is the next day's
      if (gap === 0 && next < prevTod) {
        day += 1;
        vec[o.weekday] = weekdayOfDay(day);
        vec[o.weekdayShift] = 1;
      }
      tod = Math.max(0, Math.min(SECONDS_PER_DAY - 1, next));
      vec[o.tod] = todCode;
    }
    vec[o.hour] = Math.min(23, Math.floor(tod / 3600));
    const values: (string | number | null)[] = [];
    layout.variables.forEach((v, j) => {
      const code = draw(o.firstVariable + j);
      vec[o.firstVariable + j] = code;
      if (v.coder.kind === 'categorical') {
        values.push(decodeCategorical(v.coder, code));
        return;
      }
      const x = drawNumeric(v.coder, code, rng.next());
      if (v.how === 'plain' || x === null) {
        values.push(x);
        return;
      }
      const a = plan.profile[v.anchor];
      values.push(typeof a === 'number' ? x + a : null);
    });
    out.push({
      time: day * MS_PER_DAY + tod * 1000,
      target: layout.target ? decodeCategorical(layout.target.coder, vec[o.target]) : null,
      values,
    });
    prevGapCode = vec[o.gap];
    prevTod = tod;
    prevWeekday = vec[o.weekday];
    prevValues = values.map((x, j) => (layout.variables[j].how === 'anchored' && typeof x === 'number' ? NaN : x));
  }
  return out;
}

/**
 * Days and times of day of a customer's ordinary events: days from the skeleton, times of day
 * drawn independently given the profile (vec holds its codes) and put in order within each day.
 */
function plannedTimes(skeleton: StreamSkeleton, layout: StreamLayout, vec: Uint16Array, firstDay: number, lastDay: number, n: number, rng: Rng, ends = true): { days: number[]; tods: number[] } {
  const group = skeleton.group >= 0 ? vec[skeleton.group] : 0;
  const days = drawDays(skeleton.days, group, firstDay, Math.max(firstDay, lastDay), n, rng, ends);
  const leaf = cartLeaf(skeleton.todTree, (q) => vec[q]);
  const draws = days.map(() => {
    const t = Math.round(drawNumeric(layout.todCoder, drawFromLeaf(skeleton.todTree, leaf, rng.next()), rng.next()) ?? 0);
    return Math.max(0, Math.min(SECONDS_PER_DAY - 1, t));
  });
  const order = days.map((_, i) => i).sort((a, b) => days[a] - days[b] || draws[a] - draws[b]);
  return { days: order.map((i) => days[i]), tods: order.map((i) => draws[i]) };
}
