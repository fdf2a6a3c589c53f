import type { ColumnTable } from 'arquero';
import { codeCount, encodeColumn } from '../column-coder.ts';
import type { CustomerStreams } from './customer-streams.ts';
import { profilePredictorCode } from './profile-predictors.ts';
import { EVENTS } from './profile-table.ts';
import { HabitTracker } from './habits.ts';
import {
  EPISODE_AFTER,
  EPISODE_BEFORE,
  EPISODE_INSIDE,
  EPISODE_NONE,
  MS_PER_DAY,
  layoutOffsets,
  paceCode,
  positionCode,
  weekdayOfDay,
  type StreamLayout,
} from './stream-layout.ts';

/**
 * The training events as one code array per position of the layout (stream-layout.ts), events
 * in stream order (customer by customer, each in time order), plus each event's position in its
 * stream (gap and time-of-day trees learn only from events that have a previous one).
 */
export interface EventTrainingCodes {
  codes: Uint16Array[];
  position: Int32Array;
  nEvents: number;
}

function variableValues(table: ColumnTable, v: StreamLayout['variables'][number]): (string | number | null)[] {
  const raw = table.array(v.name) as ArrayLike<string | number | null>;
  if (v.how === 'plain') return Array.from(raw);
  const anchor = table.array(v.anchor) as ArrayLike<number | null>;
  return Array.from(raw, (x, i) => (x === null || anchor[i] === null ? null : (x as number) - (anchor[i] as number)));
}

/**
 * `perCustomer`: profile attributes that are not columns of the table (the latent class), one
 * value per customer of `streams`; the number of events is always derived from the stream.
 */
export function eventTrainingCodes(
  table: ColumnTable,
  time: string,
  streams: CustomerStreams,
  layout: StreamLayout,
  targetColumn: string | null,
  perCustomer: Record<string, ArrayLike<string | number | null>> = {},
): EventTrainingCodes {
  const o = layoutOffsets(layout);
  const nEvents = streams.rows.reduce((s, r) => s + r.length, 0);
  const codes = Array.from({ length: o.length }, () => new Uint16Array(nEvents));
  const position = new Int32Array(nEvents);
  const t = table.array(time) as ArrayLike<number>;
  const varCodes = layout.variables.map((v) => encodeColumn(v.coder, variableValues(table, v)));
  const varNone = layout.variables.map((v) => codeCount(v.coder));
  const varValues = layout.variables.map((v) => variableValues(table, v));
  const habits = new HabitTracker(layout);
  const targetCodes = layout.target && targetColumn ? encodeColumn(layout.target.coder, table.array(targetColumn) as ArrayLike<unknown>) : null;
  // the number of events is a profile attribute of its own, not a column of the table
  const profileValues = layout.profile.map((p) => (p.name === EVENTS || p.name in perCustomer ? null : (table.array(p.name) as ArrayLike<string | number | null>)));
  // gaps in whole days and times of day in seconds, coded per row
  const gapDays = new Array<number>(nEvents);
  const tods = new Array<number>(nEvents);
  let e = 0;
  for (const r of streams.rows) {
    for (let p = 0; p < r.length; p++, e++) {
      const i = r[p];
      const day = Math.floor(t[i] / MS_PER_DAY);
      gapDays[e] = p === 0 ? 0 : day - Math.floor(t[r[p - 1]] / MS_PER_DAY);
      tods[e] = Math.floor((t[i] - day * MS_PER_DAY) / 1000);
    }
  }
  const gapCodes = encodeColumn(layout.gapCoder, gapDays);
  const todCodes = encodeColumn(layout.todCoder, tods);
  const noGap = codeCount(layout.gapCoder);
  e = 0;
  streams.rows.forEach((r, c) => {
    const first = r[0];
    const own = (name: string) => (name in perCustomer ? perCustomer[name][c] : r.length);
    const profile = layout.profile.map((pp, k) => profilePredictorCode(pp, profileValues[k] === null ? own(pp.name) : profileValues[k]![first]));
    let firstPos = -1;
    let lastPos = -1;
    if (targetCodes && layout.target) {
      for (let p = 0; p < r.length; p++) {
        if (targetCodes[r[p]] === layout.target.positive) {
          if (firstPos < 0) firstPos = p;
          lastPos = p;
        }
      }
    }
    for (let p = 0; p < r.length; p++, e++) {
      const i = r[p];
      const prev = p > 0 ? r[p - 1] : -1;
      position[e] = p;
      let k = 0;
      for (const c of profile) codes[k++][e] = c;
      codes[k++][e] = positionCode(p);
      codes[k++][e] = p === 0 ? 0 : paceCode(t[r[r.length - 1]] - t[prev], r.length - p);
      codes[k++][e] = p === 0 ? noGap : gapCodes[e - 1];
      codes[k++][e] = p === 0 ? 24 : Math.floor(tods[e - 1] / 3600);
      codes[k++][e] = p === 0 ? 7 : weekdayOfDay(Math.floor(t[prev] / MS_PER_DAY));
      codes[k++][e] = firstPos < 0 ? EPISODE_NONE : p < firstPos ? EPISODE_BEFORE : p <= lastPos ? EPISODE_INSIDE : EPISODE_AFTER;
      if (targetCodes && layout.target) codes[k++][e] = prev < 0 ? codeCount(layout.target.coder) : targetCodes[prev];
      layout.variables.forEach((_, v) => (codes[k++][e] = prev < 0 ? varNone[v] : varCodes[v][prev]));
      if (p === 0) habits.reset();
      else habits.update((v) => varCodes[v][prev], (v) => varValues[v][prev]);
      habits.write(codes, k, e);
      if (targetCodes) codes[o.target][e] = targetCodes[i];
      codes[o.gap][e] = gapCodes[e];
      codes[o.weekday][e] = weekdayOfDay(Math.floor(t[i] / MS_PER_DAY));
      codes[o.weekdayShift][e] = p === 0 ? 0 : (codes[o.weekday][e] - weekdayOfDay(Math.floor(t[prev] / MS_PER_DAY)) + 7) % 7;
      codes[o.tod][e] = todCodes[e];
      codes[o.hour][e] = Math.min(23, Math.floor(tods[e] / 3600));
      layout.variables.forEach((_, v) => (codes[o.firstVariable + v][e] = varCodes[v][i]));
    }
  });
  return { codes, position, nEvents };
}
