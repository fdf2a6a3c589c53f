/**
 * Steps for values that real exports write in ways inference may miss: money, percentages and
 * clock times as text (parseNumbers), and a date spread over year / month / day / time columns
 * (joinDateParts).
 */
import type { ColumnTable } from 'arquero';
import type { ColumnSchema, DatasetSchema, NumberFormat } from '../schema.ts';
import { isMissing, readColumn } from '../eda/columns.ts';
import { parseClockTime } from '../infer/clock-time.ts';
import { isMissingCell } from '../infer/missing.ts';
import { expandTwoDigitYear } from '../infer/datetime.ts';
import { parseNumber, readFormattedNumber } from '../infer/number.ts';
import type { JoinDatePartsStep, ParseNumbersStep } from './steps.ts';
import { countChanged, refreshSchema, replaceColumn } from './table-ops.ts';

export interface ParseChange {
  table: ColumnTable;
  schema: DatasetSchema;
  cellsChanged: number;
  notes: string[];
  added?: string[];
  removed?: string[];
}

/** See ParseNumbersStep. */
export function applyParseNumbers(table: ColumnTable, schema: DatasetSchema, step: ParseNumbersStep): ParseChange {
  const old = Array.from(readColumn(table, step.column));
  const absent = (v: unknown) => isMissing(v) || (typeof v === 'string' && isMissingCell(v));
  const texts = old.filter((v): v is string => typeof v === 'string' && !absent(v));
  const clock = texts.length > 0 && texts.every((t) => parseClockTime(t) !== null);
  const format: NumberFormat = {};
  const next = old.map((v): number | null => {
    if (absent(v)) return null;
    if (typeof v === 'number') return Number.isFinite(v) ? v : null;
    const t = String(v);
    if (clock) return parseClockTime(t);
    const f = readFormattedNumber(t);
    if (f === null) return parseNumber(t);
    if (f.currency) format.currency = f.currency;
    if (f.thousands) format.thousands = true;
    if (f.parentheses) format.parentheses = true;
    if (f.percent) {
      format.percent = true;
      return step.percentAsFraction ? f.value / 100 : f.value;
    }
    return f.value;
  });
  const lost = old.filter((v, i) => !absent(v) && next[i] === null);
  const notes = [clock ? `"${step.column}" read as clock times (seconds since midnight)` : `"${step.column}" read as numbers`];
  if (lost.length > 0) notes.push(`${lost.length} value(s) are not numbers and are now missing (e.g. ${JSON.stringify(String(lost[0]))})`);
  const t = replaceColumn(table, step.column, next);
  const s: DatasetSchema = {
    ...schema,
    columns: schema.columns.map((c) => {
      if (c.name !== step.column) return c;
      const updated: ColumnSchema = { ...c, role: 'continuous' };
      delete updated.datetimeFormat;
      if (clock) updated.timeOfDay = true;
      else delete updated.timeOfDay;
      if (Object.keys(format).length > 0) updated.numberFormat = format;
      return updated;
    }),
  };
  if (s.target === step.column) {
    s.target = null;
    s.positiveLabel = null;
  }
  return { table: t, schema: refreshSchema(t, s, [step.column]), cellsChanged: countChanged(old, next), notes };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function wholeNumber(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? parseNumber(v) : null;
  return n !== null && Number.isInteger(n) ? n : null;
}

function monthOf(v: unknown): number | null {
  const n = wholeNumber(v);
  if (n !== null) return n;
  if (typeof v !== 'string') return null;
  const k = MONTHS.indexOf(v.trim().slice(0, 3).toLowerCase());
  return k >= 0 ? k + 1 : null;
}

/** Seconds since midnight from a clock text, a time-of-day number, or an hour 0-23. */
function secondsOf(v: unknown, timeOfDay: boolean): number | null {
  if (typeof v === 'string') {
    const clock = parseClockTime(v);
    if (clock !== null) return clock;
  }
  const n = typeof v === 'number' ? v : typeof v === 'string' ? parseNumber(v) : null;
  if (n === null || n < 0) return null;
  if (timeOfDay) return n < 86_400 ? n : null;
  return Number.isInteger(n) && n <= 23 ? n * 3600 : null;
}

/** See JoinDatePartsStep. */
export function applyJoinDateParts(table: ColumnTable, schema: DatasetSchema, step: JoinDatePartsStep, fail: (message: string) => never): ParseChange {
  if (table.columnNames().includes(step.output) && !(step.dropParts && [step.year, step.month, step.day, step.time].includes(step.output))) {
    fail(`a column "${step.output}" already exists`);
  }
  if (!step.output.trim()) fail('the new column needs a name');
  const col = (name: string | null) => (name === null ? null : readColumn(table, name));
  const [years, months, days, times] = [col(step.year), col(step.month), col(step.day), col(step.time)];
  const timeOfDay = step.time !== null && schema.columns.some((c) => c.name === step.time && c.timeOfDay === true);
  const out: (number | null)[] = [];
  let missing = 0;
  for (let i = 0; i < table.numRows(); i++) {
    const y0 = wholeNumber(years![i]);
    const mo = monthOf(months![i]);
    const d = days ? wholeNumber(days[i]) : 1;
    const sec = times ? secondsOf(times[i], timeOfDay) : 0;
    let ms: number | null = null;
    if (y0 !== null && mo !== null && d !== null && sec !== null && mo >= 1 && mo <= 12 && d >= 1 && y0 >= 0) {
      const y = y0 < 100 ? expandTwoDigitYear(y0) : y0;
      if (d <= new Date(Date.UTC(y, mo, 0)).getUTCDate()) ms = Date.UTC(y, mo - 1, d) + Math.round(sec * 1000);
    }
    if (ms === null) missing++;
    out.push(ms);
  }
  const parts = [step.year, step.month, step.day, step.time].filter((c): c is string => c !== null);
  let t = table.assign({ [step.output]: out });
  const removed = step.dropParts ? parts.filter((p) => p !== step.output) : [];
  if (removed.length > 0) t = t.select(t.columnNames().filter((n) => !removed.includes(n)));
  const added: ColumnSchema = {
    name: step.output,
    role: 'datetime',
    inferredRole: 'datetime',
    reason: `Joined from ${parts.map((p) => `"${p}"`).join(', ')}.`,
    numeric: true,
    integer: true,
    missing: 0,
    distinct: 0,
  };
  const kept = schema.columns.filter((c) => c.name !== step.output && !removed.includes(c.name));
  const targetGone = schema.target !== null && removed.includes(schema.target);
  const s: DatasetSchema = { ...schema, columns: [...kept, added], target: targetGone ? null : schema.target, positiveLabel: targetGone ? null : schema.positiveLabel };
  const notes = [`"${step.output}" joined from ${parts.join(' + ')}`];
  if (missing > 0) notes.push(`${missing} row(s) have a missing or impossible part and no date`);
  return { table: t, schema: refreshSchema(t, s, [step.output]), cellsChanged: 0, notes, added: [step.output], removed };
}
