import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import type { ColumnSchema } from '../schema.ts';
import type { JoinDatePartsStep } from '../clean/steps.ts';

/**
 * The user's own layout for a time that a joinDateParts step built from date parts (Year, Month,
 * Day, Time): the synthetic time is written back as those parts, in the input's places, and the
 * joined column leaves the output. Each part keeps its column's representation: numbers for
 * continuous columns, labels for categorical ones, a month name when the input wrote names,
 * seconds since midnight for a clock-time column (written `HH:MM` by the CSV writer; cut to whole
 * minutes when every real time was, so `13:45` is not written `13:45:10`), else the hour.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** How the input wrote month names: `Jan`, `JAN`, `jan`, or a full `January` (null: numbers). */
function monthStyle(sample: unknown): ((m: number) => string) | null {
  if (typeof sample !== 'string' || !/^[a-z]/i.test(sample.trim())) return null;
  const s = sample.trim();
  const full = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const long = s.length > 3;
  const base = (m: number) => (long ? full[m - 1] : MONTHS[m - 1]);
  if (s === s.toUpperCase()) return (m) => base(m).toUpperCase();
  if (s === s.toLowerCase()) return (m) => base(m).toLowerCase();
  return base;
}

/**
 * `table` with its `step.output` time column replaced by the step's parts, columns in `inputOrder`
 * (the input's columns; those the table lacks are left out). `parts` are the part columns' schemas
 * as loaded; `samples` one real value per part (for the month's style). Unchanged when the step
 * wrote its output over one of its parts.
 */
export function restoreDateParts(
  table: ColumnTable,
  step: JoinDatePartsStep,
  parts: readonly ColumnSchema[],
  samples: Record<string, unknown>,
  inputOrder: readonly string[],
  /** the clock time's resolution in seconds (60: whole minutes) */
  clockStep = 1,
): ColumnTable {
  const names = [step.year, step.month, step.day, step.time].filter((c): c is string => c !== null);
  if (names.includes(step.output) || !table.columnNames().includes(step.output)) return table;
  const t = table.array(step.output) as ArrayLike<number | null>;
  const schemaOf = new Map(parts.map((c) => [c.name, c]));
  const as = (name: string, v: number | string | null): number | string | null => {
    if (v === null) return null;
    const role = schemaOf.get(name)?.role ?? 'continuous';
    return role === 'continuous' ? Number(v) : String(v);
  };
  const column = (name: string, part: (d: Date) => number | string) =>
    Array.from({ length: t.length }, (_, i) => {
      const ms = t[i];
      return ms === null || !Number.isFinite(ms) ? null : as(name, part(new Date(ms)));
    });
  const out: Record<string, unknown[]> = {};
  out[step.year] = column(step.year, (d) => d.getUTCFullYear());
  const style = monthStyle(samples[step.month]);
  out[step.month] = column(step.month, (d) => (style ? style(d.getUTCMonth() + 1) : d.getUTCMonth() + 1));
  if (step.day) out[step.day] = column(step.day, (d) => d.getUTCDate());
  if (step.time) {
    const clock = schemaOf.get(step.time)?.timeOfDay === true;
    const seconds = (d: Date) => d.getUTCHours() * 3600 + d.getUTCMinutes() * 60 + d.getUTCSeconds();
    out[step.time] = column(step.time, (d) => (clock ? Math.floor(seconds(d) / clockStep) * clockStep : d.getUTCHours()));
  }
  const have = new Set(table.columnNames());
  const order = inputOrder.filter((c) => c in out || (have.has(c) && c !== step.output));
  // columns the input did not have (added by the recipe) keep their places at the end
  const extra = table.columnNames().filter((c) => c !== step.output && !order.includes(c));
  const cols = [...order, ...extra];
  return aq.table(Object.fromEntries(cols.map((c) => [c, c in out ? out[c] : Array.from(table.array(c) as ArrayLike<unknown>)])), cols);
}
