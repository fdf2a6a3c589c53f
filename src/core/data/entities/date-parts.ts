import type { ColumnTable } from 'arquero';
import type { DatasetSchema } from '../schema.ts';
import { nameTokens } from '../infer/names.ts';
import { parseNumber } from '../infer/number.ts';
import { parseClockTime } from '../infer/clock-time.ts';
import type { JoinDatePartsStep } from '../clean/steps.ts';

/**
 * A transaction time spread over columns (Year, Month, Day and a Time such as `HH:MM`, as card
 * exports often write it): the joinDateParts step that builds one datetime from them, so entity
 * detection can propose it as the time when the file has no datetime column. A part is found by
 * its name (a year, month, day or time word) and confirmed by its values (years 1900-2100 or two
 * digits, months 1-12 or month names, days 1-31, clock times or hours 0-23 in nearly every row).
 * The parts are dropped by the step: kept beside the joined time, they would be modelled as
 * events of their own and could disagree with it.
 */

/** share of non-missing values that must fit a part */
const FIT_SHARE = 0.98;
const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function whole(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? parseNumber(v) : null;
  return n !== null && Number.isInteger(n) ? n : null;
}

function fits(values: ArrayLike<unknown>, ok: (v: unknown) => boolean): boolean {
  let n = 0;
  let good = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || v === '') continue;
    n++;
    if (ok(v)) good++;
  }
  return n > 0 && good >= FIT_SHARE * n;
}

const isYear = (v: unknown) => {
  const n = whole(v);
  return n !== null && ((n >= 1900 && n <= 2100) || (n >= 0 && n <= 99));
};
const isMonth = (v: unknown) => {
  const n = whole(v);
  if (n !== null) return n >= 1 && n <= 12;
  return typeof v === 'string' && MONTH_NAMES.includes(v.trim().slice(0, 3).toLowerCase());
};
const isDay = (v: unknown) => {
  const n = whole(v);
  return n !== null && n >= 1 && n <= 31;
};

function named(name: string, words: readonly string[], not: readonly string[] = []): boolean {
  const t = nameTokens(name);
  return t.some((w) => words.includes(w)) && !t.some((w) => not.includes(w));
}

/** The step that joins the table's date parts into `output`, or null when there is no year and month. */
export function proposeDateParts(table: ColumnTable, schema: DatasetSchema, output = 'time'): JoinDatePartsStep | null {
  const candidates = schema.columns.filter((c) => c.role === 'continuous' || c.role === 'categorical' || c.role === 'identifier' || c.role === 'text');
  const find = (words: readonly string[], ok: (v: unknown) => boolean, not: readonly string[] = []) =>
    candidates.find((c) => named(c.name, words, not) && fits(table.array(c.name) as ArrayLike<unknown>, ok))?.name ?? null;
  const year = find(['year', 'yr', 'yyyy'], isYear, ['birth', 'born', 'dob', 'since', 'open', 'expires', 'expiry', 'exp']);
  const month = find(['month', 'mon', 'mm'], isMonth, ['birth', 'born', 'dob', 'months', 'expires', 'expiry', 'exp']);
  if (!year || !month) return null;
  const day = find(['day', 'dd', 'dom'], isDay, ['week', 'weekday', 'dow', 'days', 'birth']);
  const clock = candidates.find((c) => c.timeOfDay === true && named(c.name, ['time', 'clock', 'hour', 'hh']))?.name;
  const time =
    clock ??
    find(['time', 'clock', 'hour', 'hh'], (v) => {
      if (typeof v === 'string' && parseClockTime(v) !== null) return true;
      const n = whole(v);
      return n !== null && n >= 0 && n <= 23;
    });
  const taken = new Set(table.columnNames());
  let name = output;
  for (let k = 2; taken.has(name) && ![year, month, day, time].includes(name); k++) name = `${output}_${k}`;
  return { id: `join-date-parts-${name}`, kind: 'joinDateParts', enabled: true, year, month, day, time, output: name, dropParts: true, note: 'the transaction time, spread over date parts' };
}
