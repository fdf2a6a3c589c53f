import type { ColumnTable } from 'arquero';
import type { ColumnSchema, DatasetSchema } from '../schema.ts';
import { historyFeatures, HISTORY_FEATURE_NAMES, type HistoryFeatureSpec } from './history-features.ts';

/**
 * Derived features for transaction data (issue 6.5), as pure functions that add new columns:
 * the hour and weekday of a datetime, and the customer–merchant distance. Each is declared as a
 * step (plain JSON) so the same derivation can be replayed on the train, test and synthetic
 * tables. They enter the cleaning recipe as a `deriveFeatures` step (a data-quality finding
 * proposes it); the risk step also applies the suggested ones itself when the recipe has not.
 */
export type DerivedFeatureStep =
  | { kind: 'datetime-parts'; column: string; hour: string; weekday: string }
  | { kind: 'haversine-km'; lat: string; long: string; otherLat: string; otherLong: string; output: string }
  /** the card-history features of history-features.ts (customers-and-transactions mode) */
  | ({ kind: 'history' } & HistoryFeatureSpec);

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in km between two points given in degrees (mean Earth radius). */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Hour of the day 0–23 of an epoch-millisecond datetime (the typed convention stores wall time as UTC). */
export function hourOfDay(epochMs: number): number {
  return new Date(epochMs).getUTCHours();
}

/** ISO weekday as a code: 0 = Monday … 6 = Sunday. */
export function weekdayIndex(epochMs: number): number {
  return (new Date(epochMs).getUTCDay() + 6) % 7;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function derivedColumn(name: string, role: 'continuous' | 'categorical', reason: string, values: unknown[], integer: boolean): ColumnSchema {
  let missing = 0;
  const distinct = new Set<unknown>();
  for (const v of values) {
    if (v === null) missing++;
    else distinct.add(v);
  }
  return { name, role, inferredRole: role, reason, numeric: role === 'continuous', integer, missing, distinct: distinct.size };
}

/** Applies the steps in order; the new columns join the schema as modelled columns. */
export function applyDerivedFeatures(table: ColumnTable, schema: DatasetSchema, steps: readonly DerivedFeatureStep[]): { table: ColumnTable; schema: DatasetSchema } {
  let t = table;
  const added: ColumnSchema[] = [];
  const need = (name: string) => {
    if (!t.columnNames().includes(name)) throw new Error(`derived feature: the table has no column "${name}"`);
    return t.array(name) as ArrayLike<unknown>;
  };
  for (const step of steps) {
    if (step.kind === 'datetime-parts') {
      const src = need(step.column);
      const hours: (number | null)[] = [];
      const days: (string | null)[] = [];
      for (let i = 0; i < src.length; i++) {
        const ms = num(src[i]);
        hours.push(ms === null ? null : hourOfDay(ms));
        days.push(ms === null ? null : String(weekdayIndex(ms)));
      }
      t = t.assign({ [step.hour]: hours, [step.weekday]: days });
      added.push(derivedColumn(step.hour, 'continuous', `Derived: hour of the day (0–23) of ${step.column}.`, hours, true));
      added.push(derivedColumn(step.weekday, 'categorical', `Derived: weekday of ${step.column} (0 = Monday … 6 = Sunday).`, days, true));
    } else if (step.kind === 'history') {
      [...step.key, step.time].forEach(need);
      const features = historyFeatures(t, step);
      t = t.assign(features);
      for (const [name, values] of Object.entries(features)) {
        added.push(derivedColumn(name, 'continuous', `Derived from each ${step.key.join(' + ')}'s earlier transactions (by ${step.time}).`, values, name.includes('count')));
      }
    } else {
      const [a, b, c, d] = [need(step.lat), need(step.long), need(step.otherLat), need(step.otherLong)];
      const km: (number | null)[] = [];
      for (let i = 0; i < a.length; i++) {
        const [p, q, r, s] = [num(a[i]), num(b[i]), num(c[i]), num(d[i])];
        km.push(p === null || q === null || r === null || s === null ? null : haversineKm(p, q, r, s));
      }
      t = t.assign({ [step.output]: km });
      added.push(derivedColumn(step.output, 'continuous', `Derived: great-circle distance in km from (${step.lat}, ${step.long}) to (${step.otherLat}, ${step.otherLong}).`, km, false));
    }
  }
  const addedNames = new Set(added.map((c) => c.name));
  return {
    table: t,
    schema: { ...schema, columns: [...schema.columns.filter((c) => !addedNames.has(c.name)), ...added] },
  };
}

/**
 * Whether a datetime column carries a time of day: some value is not at midnight. Date-only
 * columns (a date of birth written ISO `YYYY-MM-DD`) and empty columns have no hour to derive.
 */
export function hasTimeOfDay(values: ArrayLike<unknown>): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number' && Number.isFinite(v) && v % 86_400_000 !== 0) return true;
  }
  return false;
}

/**
 * The steps that fit a schema: hour and weekday of each datetime column that carries a time, and
 * the distance when the Sparkov columns lat/long/merch_lat/merch_long are there (matched
 * case-insensitively). With the typed `table`, a column's values decide whether it has a time
 * (an ISO format may be date-only; a hand-switched column has no format); without it, the format.
 */
export function suggestDerivedFeatures(schema: DatasetSchema, table?: ColumnTable): DerivedFeatureStep[] {
  const steps: DerivedFeatureStep[] = [];
  const names = new Set(schema.columns.map((c) => c.name));
  const free = (n: string) => !names.has(n);
  for (const c of schema.columns) {
    if (c.role !== 'datetime' || c.name === schema.target) continue;
    // dates of birth and the like have no useful hour; keep them to columns that carry a time
    if (c.datetimeFormat && !/[Hh]/.test(c.datetimeFormat) && c.datetimeFormat !== 'ISO') continue;
    if (table && table.columnNames().includes(c.name) && !hasTimeOfDay(table.array(c.name) as ArrayLike<unknown>)) continue;
    const hour = `${c.name}_hour`;
    const weekday = `${c.name}_weekday`;
    if (free(hour) && free(weekday)) steps.push({ kind: 'datetime-parts', column: c.name, hour, weekday });
  }
  const byLower = new Map(schema.columns.map((c) => [c.name.toLowerCase(), c]));
  const pick = (n: string) => {
    const c = byLower.get(n);
    return c && c.role === 'continuous' ? c.name : null;
  };
  const [lat, long, mlat, mlong] = [pick('lat'), pick('long'), pick('merch_lat'), pick('merch_long')];
  if (lat && long && mlat && mlong && free('distance_km')) {
    steps.push({ kind: 'haversine-km', lat, long, otherLat: mlat, otherLong: mlong, output: 'distance_km' });
  }
  return steps;
}

/** The columns a step reads. */
export function derivedStepSources(f: DerivedFeatureStep): string[] {
  if (f.kind === 'datetime-parts') return [f.column];
  if (f.kind === 'history') return [...f.key, f.time, ...[f.amount, f.merchantLat, f.merchantLong].filter((c): c is string => !!c)];
  return [f.lat, f.long, f.otherLat, f.otherLong];
}

/** The columns a step adds. */
export function derivedStepOutputs(f: DerivedFeatureStep): string[] {
  if (f.kind === 'datetime-parts') return [f.hour, f.weekday];
  if (f.kind === 'history') {
    const N = HISTORY_FEATURE_NAMES;
    return [N.sincePrevious, N.amountToMean, N.lastHour, N.lastDay, ...(f.merchantLat && f.merchantLong ? [N.kmFromPrevious] : [])];
  }
  return [f.output];
}

/** One line for the recipe list. */
export function describeDerivedStep(f: DerivedFeatureStep): string {
  if (f.kind === 'datetime-parts') return `hour and weekday of “${f.column}”`;
  if (f.kind === 'history') return `card history features per “${f.key.join(' + ')}” (time since previous, amount / running mean, count in last hour and day${f.merchantLat ? ', km from previous merchant' : ''})`;
  return `distance “${f.output}” from (${f.lat}, ${f.long}) to (${f.otherLat}, ${f.otherLong})`;
}
