import type { ColumnRole, ColumnSchema } from '../schema.ts';
import { convertColumn } from './apply-schema.ts';
import { parseClockTime } from './clock-time.ts';
import { detectDatetimeFormat } from './datetime.ts';
import { isMissingCell } from './missing.ts';

export interface RoleChange {
  /** the column as it would be under the new role (format, time of day worked out from the values) */
  column: ColumnSchema;
  /** cells with a value now that would become missing under the new role */
  lost: number;
  /** cells with a value now */
  present: number;
  /** a few of the texts that would be lost */
  examples: string[];
}

const SAMPLE = 200;

/**
 * What switching a column to `role` would do to its raw cells: the column's new settings and
 * how many values would turn into missing (text that is not a number, a date or a clock time).
 * The Load step refuses a change that loses every value and asks before one that loses some.
 */
export function previewRoleChange(cells: ArrayLike<unknown>, column: ColumnSchema, role: ColumnRole): RoleChange {
  const next: ColumnSchema = { ...column, role };
  const sample: string[] = [];
  for (let i = 0; i < cells.length && sample.length < SAMPLE; i++) {
    const v = cells[i];
    if (v !== null && v !== undefined && !isMissingCell(v)) sample.push(String(v));
  }
  if (role === 'datetime' && !next.datetimeFormat) {
    const format = detectDatetimeFormat(sample);
    if (format !== null) next.datetimeFormat = format;
  }
  if (role === 'continuous' && next.timeOfDay === undefined && sample.length > 0 && sample.every((t) => parseClockTime(t) !== null)) {
    next.timeOfDay = true;
  }
  if (role !== 'continuous') delete next.timeOfDay;
  const typed = convertColumn(cells, next);
  let lost = 0;
  let present = 0;
  const examples: string[] = [];
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    if (v === null || v === undefined || isMissingCell(v)) continue;
    present++;
    if (typed[i] === null) {
      lost++;
      const t = String(v);
      if (examples.length < 3 && !examples.includes(t)) examples.push(t);
    }
  }
  return { column: next, lost, present, examples };
}
