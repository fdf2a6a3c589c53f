import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { columnByName, isModelledRole, type ColumnSchema, type DatasetSchema } from '../../data/schema.ts';
import type { CustomerStreams } from './customer-streams.ts';

/**
 * One row per customer for the tabular engine: the modelled profile columns (the value of the
 * customer's first event) and the attributes that shape the stream: how many events, when the
 * first happens, over how many days they spread, and, when the target is an event column, how many target events the customer
 * has and where in the stream (share of the events before the first) they start.
 */
export const EVENTS = '__events';
export const FIRST_TIME = '__first_time';
export const SPAN_DAYS = '__span_days';
export const TARGET_EVENTS = '__target_events';
export const TARGET_START = '__target_start';
/** the customer's latent class (customer-classes.ts) */
export const CLASS = '__class';

export interface TargetEpisodes {
  column: string;
  positive: string;
}

function syntheticColumn(name: string, role: 'continuous' | 'datetime', integer: boolean, why: string): ColumnSchema {
  return { name, role, inferredRole: role, reason: why, numeric: true, integer, missing: 0, distinct: 0 };
}

/** The profile columns the tabular engine models (identifier and text ones get placeholders instead). */
export function modelledProfileColumns(schema: DatasetSchema, profile: readonly string[]): ColumnSchema[] {
  return profile.map((n) => columnByName(schema, n)).filter((c): c is ColumnSchema => !!c && isModelledRole(c.role));
}

export function buildProfileTable(
  table: ColumnTable,
  schema: DatasetSchema,
  profile: readonly string[],
  time: string,
  streams: CustomerStreams,
  target: TargetEpisodes | null,
  classes: readonly string[] | null = null,
): { table: ColumnTable; schema: DatasetSchema } {
  const columns = modelledProfileColumns(schema, profile);
  const n = streams.rows.length;
  const data: Record<string, (string | number | null)[]> = {};
  for (const c of columns) {
    const v = table.array(c.name) as ArrayLike<string | number | null>;
    data[c.name] = streams.rows.map((r) => v[r[0]] ?? null);
  }
  const t = table.array(time) as ArrayLike<number>;
  data[EVENTS] = streams.rows.map((r) => r.length);
  data[FIRST_TIME] = streams.rows.map((r) => t[r[0]]);
  // whole days: customers active over the whole period share a span, which the coder keeps as a point
  data[SPAN_DAYS] = streams.rows.map((r) => Math.round((t[r[r.length - 1]] - t[r[0]]) / 864e5));
  const extra = [
    syntheticColumn(EVENTS, 'continuous', true, 'events per customer'),
    syntheticColumn(FIRST_TIME, 'datetime', true, 'time of the first event'),
    syntheticColumn(SPAN_DAYS, 'continuous', true, 'days from the first event to the last'),
  ];
  if (classes) {
    data[CLASS] = classes.slice();
    extra.push({ name: CLASS, role: 'categorical', inferredRole: 'categorical', reason: 'latent class of habits', numeric: false, integer: false, missing: 0, distinct: new Set(classes).size });
  }
  if (target) {
    const y = table.array(target.column) as ArrayLike<string | null>;
    const counts: number[] = [];
    const starts: number[] = [];
    for (const r of streams.rows) {
      let k = 0;
      let first = -1;
      for (let p = 0; p < r.length; p++) {
        if (y[r[p]] === target.positive) {
          k++;
          if (first < 0) first = p;
        }
      }
      counts.push(k);
      // a share, so that it fits any synthetic stream length; customers without target events get 0
      starts.push(first < 0 ? 0 : first / r.length);
    }
    data[TARGET_EVENTS] = counts;
    data[TARGET_START] = starts;
    extra.push(syntheticColumn(TARGET_EVENTS, 'continuous', true, 'target events per customer'));
    extra.push(syntheticColumn(TARGET_START, 'continuous', false, 'where the target events start in the stream'));
  }
  const all = [...columns.map((c) => ({ ...c })), ...extra];
  const out = aq.table(data, all.map((c) => c.name));
  return { table: out, schema: { columns: all, target: null, positiveLabel: null, rowCount: n } };
}
