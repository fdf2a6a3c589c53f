import { codeCount, type CategoricalCoder, type ColumnCoder, type NumericCoder } from '../column-coder.ts';
import type { EventColumnPlan } from './event-plan.ts';
import { habitCodeCounts, habitVariables } from './habits.ts';
import { profilePredictorCodes, type ProfilePredictor } from './profile-predictors.ts';

/**
 * The code vector every event is described by, in three parts:
 * - profile: the customer's coarse profile codes (profile-predictors.ts);
 * - history: what the stream looked like just before this event: position in the stream, the
 *   pace still to keep (hours per remaining event until the customer's last event), the
 *   previous gap in days, hour and weekday, the fraud-episode state (none planned, before, inside, after),
 *   the previous target value, the previous value of every modelled event column and the
 *   customer's habits so far (habits.ts; left out when latent classes carry the habits);
 * - current: what is decided for this event, in order: the target (from the episode plan), the
 *   weekday, its distance from the previous event's weekday (0–6), the gap in days (whose tree
 *   sees that distance, so the gap agrees with the weekday), the time of day, the hour, then each
 *   modelled event column. The weekday is drawn before the gap because shoppers keep weekday
 *   habits (more purchases at weekends) that a gap alone does not carry.
 * The tree of a current variable sees the profile, the history and the current variables before it.
 */
export interface StreamLayout {
  profile: ProfilePredictor[];
  /** modelled event columns other than the target and the time-derived ones, in model order */
  variables: Extract<EventColumnPlan, { how: 'plain' | 'anchored' }>[];
  target: { coder: CategoricalCoder; positive: number; negative: number } | null;
  gapCoder: NumericCoder;
  todCoder: NumericCoder;
  /**
   * false: no habit codes (latent classes carry the customer's habits instead; a habit learnt from
   * real streams drifts on synthetic ones, where it feeds on its own draws). Absent = kept.
   */
  habits?: boolean;
}

export const POSITION_CODES = 14;
export const PACE_CODES = 32;

/**
 * The pace a stream must keep to end on time: hours per event still to come, from the previous
 * event to the customer's last, in half-octave codes (0 = the first event, no pace yet).
 */
export function paceCode(remainingMs: number, remainingEvents: number): number {
  const hours = Math.max(remainingMs, 0) / 36e5 / Math.max(1, remainingEvents);
  const k = hours > 0 ? Math.round(2 * Math.log2(hours)) + 14 : 0;
  return 1 + Math.max(0, Math.min(PACE_CODES - 2, k));
}
export const EPISODE_NONE = 0;
export const EPISODE_BEFORE = 1;
export const EPISODE_INSIDE = 2;
export const EPISODE_AFTER = 3;
export const SECONDS_PER_DAY = 86_400;
export const MS_PER_DAY = 86_400_000;

export function positionCode(pos: number): number {
  return pos === 0 ? 0 : Math.min(POSITION_CODES - 1, 1 + Math.floor(Math.log2(pos)));
}

/** 0 = Sunday (1970-01-01, day 0, was a Thursday). */
export function weekdayOfDay(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

export interface LayoutOffsets {
  nProfile: number;
  nHistory: number;
  /** index of each current variable in the full vector */
  target: number;
  weekday: number;
  weekdayShift: number;
  gap: number;
  tod: number;
  hour: number;
  /** first modelled event column; variable v is at firstVariable + v */
  firstVariable: number;
  length: number;
}

export function layoutOffsets(l: StreamLayout): LayoutOffsets {
  const nProfile = l.profile.length;
  const nHistory = 6 + (l.target ? 1 : 0) + l.variables.length + habitVariables(l).length;
  let k = nProfile + nHistory;
  const target = l.target ? k++ : -1;
  const weekday = k++;
  const weekdayShift = k++;
  const gap = k++;
  const tod = k++;
  const hour = k++;
  return { nProfile, nHistory, target, weekday, weekdayShift, gap, tod, hour, firstVariable: k, length: k + l.variables.length };
}

function coderOf(v: StreamLayout['variables'][number]): ColumnCoder {
  return v.coder;
}

/** How many codes each position of the vector takes (history codes for "no previous event" included). */
export function layoutCodeCounts(l: StreamLayout): number[] {
  const out: number[] = l.profile.map(profilePredictorCodes);
  const nGap = codeCount(l.gapCoder);
  out.push(POSITION_CODES, PACE_CODES, nGap + 1, 25, 8, 4);
  if (l.target) out.push(codeCount(l.target.coder) + 1);
  for (const v of l.variables) out.push(codeCount(coderOf(v)) + 1);
  out.push(...habitCodeCounts(l));
  if (l.target) out.push(codeCount(l.target.coder));
  out.push(7, 7, nGap, codeCount(l.todCoder), 24);
  for (const v of l.variables) out.push(codeCount(coderOf(v)));
  return out;
}
