import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import type { ColumnSchema, DatasetSchema } from '../schema.ts';
import { detectDatetimeFormat, parseDatetime } from './datetime.ts';
import { parseClockTime } from './clock-time.ts';
import { isMissingCell } from './missing.ts';
import { hasLeadingZero, numberLabel, parseNumber } from './number.ts';

/** Converted values remembered per distinct text (bounded, so unique columns do not pay for it). */
const CACHE_LIMIT = 65536;

/**
 * The typed table of CONVENTIONS.md: continuous → number | null; datetime → epoch ms (UTC)
 * | null; categorical → canonical labels ("1.0" → "1"); identifier and text → the text.
 * Missing markers (empty, `?`, `NA`, ...) and values that do not convert become null.
 * Columns the schema does not list are kept as they are.
 */
export function applySchema(raw: ColumnTable, schema: DatasetSchema): ColumnTable {
  const names = raw.columnNames();
  const byName = new Map(schema.columns.map((c) => [c.name, c]));
  const data: Record<string, unknown[]> = {};
  for (const name of names) {
    const cells = raw.array(name) as ArrayLike<unknown>;
    const column = byName.get(name);
    data[name] = column ? convertColumn(cells, column) : Array.from(cells);
  }
  return aq.table(data, names);
}

export function convertColumn(cells: ArrayLike<unknown>, column: ColumnSchema): unknown[] {
  switch (column.role) {
    case 'continuous':
      return mapCells(cells, column.timeOfDay ? parseClockTime : parseNumber);
    case 'datetime':
      return mapCells(cells, datetimeParser(cells, column));
    case 'categorical':
      return mapCells(cells, categoricalLabel);
    case 'identifier':
    case 'text':
      return mapCells(cells, (t) => t);
  }
}

/** Convert each non-missing cell text with `convert`, once per distinct text while the cache has room. */
function mapCells<T>(cells: ArrayLike<unknown>, convert: (text: string) => T | null): (T | null)[] {
  const out: (T | null)[] = [];
  const cache: Record<string, T | null> = Object.create(null);
  let cached = 0;
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    if (v === null || v === undefined) {
      out.push(null);
      continue;
    }
    const text = typeof v === 'string' ? v : String(v);
    const hit = cache[text];
    if (hit !== undefined) {
      out.push(hit);
      continue;
    }
    const value = isMissingCell(text) ? null : convert(text);
    if (cached < CACHE_LIMIT) {
      cache[text] = value;
      cached++;
    }
    out.push(value);
  }
  return out;
}

/** `"1.0"` → `"1"`, `"1e+05"` → `"100000"`; codes with leading zeros and non-numbers are kept (trimmed). */
export function categoricalLabel(text: string): string {
  const t = text.trim();
  if (hasLeadingZero(t)) return t;
  const n = parseNumber(t);
  return n === null ? t : numberLabel(n);
}

/**
 * Datetime parser for a column: its recorded format, else one detected now (the user may
 * have switched the role by hand), else numbers as epoch seconds (or ms when that large).
 */
function datetimeParser(cells: ArrayLike<unknown>, column: ColumnSchema): (text: string) => number | null {
  let format = column.datetimeFormat ?? null;
  if (format === null) {
    const sample: string[] = [];
    for (let i = 0; i < cells.length && sample.length < 200; i++) {
      const v = cells[i];
      if (typeof v === 'string' && !isMissingCell(v)) sample.push(v);
    }
    format = detectDatetimeFormat(sample);
    if (format === null && column.numeric) {
      const large = sample.some((t) => Math.abs(parseNumber(t) ?? 0) >= 1e11);
      return (t) => {
        const n = parseNumber(t);
        return n === null ? null : large ? n : n * 1000;
      };
    }
  }
  if (format === null) return () => null;
  const f = format;
  const pivot = column.twoDigitYearPivot;
  return (t) => parseDatetime(t, f, pivot);
}
