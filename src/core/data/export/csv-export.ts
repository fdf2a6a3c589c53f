/**
 * The one CSV writer of the app: every download (synthetic rows, the scored batch file, the model
 * comparison table, the customers and transactions tables) goes through it, so they share one
 * line ending (CRLF, as RFC 4180 says), one quoting rule and one formula rule, and write values
 * in the input's own format (value-format.ts).
 *
 * Formula safety (OWASP "CSV injection"): a cell a spreadsheet would execute gets a leading `'`:
 * one starting with `=`, `@`, tab or carriage return, or with `+` / `-` followed by something
 * that is not a plain number (`-1+2`, `+cmd`, `-x`). A lone `+` or `-` label and a signed number
 * (`-99.00`, `+5`) are not executed and stay as they are: escaping them would corrupt data.
 */
import type { ColumnTable } from 'arquero';
import type { ColumnRole, InputFormat } from '../schema.ts';
import { valueText } from './value-format.ts';

export const CSV_EOL = '\r\n';

/** How one column is written: its role and the input's format (a schema column has both). */
export interface CsvColumnSpec {
  name: string;
  role?: ColumnRole;
  /** whole numbers: generated values are written rounded */
  integer?: boolean;
  inputFormat?: InputFormat;
}

export interface SafeCsvOptions {
  /** field separator; default ',' */
  delimiter?: ',' | ';' | '\t';
  /** how columns are written (e.g. a schema's columns); columns not listed are written as stored */
  columns?: readonly CsvColumnSpec[];
}

/** A signed or unsigned plain number: `-99.00`, `+5`, `.5`, `-1e5`. One way to match each text, so no backtracking. */
const SIGNED_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Quoted when holding a quote, a line break or any delimiter candidate (not just the one in
 * use): always legal in RFC 4180, and it keeps delimiter sniffing (ours, spreadsheets') sure.
 */
const NEEDS_QUOTES = /[",;\t\r\n]/;

/** Whether a spreadsheet would run the text as a formula (see the module comment). */
export function isFormulaLike(text: string): boolean {
  if (text === '') return false;
  const c = text[0];
  if (c === '=' || c === '@' || c === '\t' || c === '\r') return true;
  if (c === '+' || c === '-') return text.length > 1 && !SIGNED_NUMBER.test(text);
  return false;
}

/** `'` + text when a spreadsheet would read the text as a formula; the text otherwise. */
export function neutraliseFormula(text: string): string {
  return isFormulaLike(text) ? `'${text}` : text;
}

function quoteField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One cell as a CSV field: its text (in the column's format), formula-neutralised, quoted if needed. */
export function safeCsvField(value: unknown, column?: CsvColumnSpec): string {
  const text = valueText(value, column);
  return text === '' ? '' : quoteField(neutraliseFormula(text));
}

/** One CSV line of plain cells (numbers as numbers), with the line ending. */
export function csvLine(cells: readonly unknown[], delimiter = ','): string {
  return cells.map((v) => safeCsvField(v)).join(delimiter) + CSV_EOL;
}

/**
 * The table as CSV parts of `rowsPerPart` rows each (the header first), for a Blob: a million
 * rows never become one giant string. Columns in the table's order; null, NaN and invalid dates
 * as empty fields.
 */
export function safeCsvParts(table: ColumnTable, options: SafeCsvOptions = {}, rowsPerPart = 20_000): string[] {
  const delimiter = options.delimiter ?? ',';
  const names = table.columnNames();
  if (names.length === 0) return [];
  const specs = new Map((options.columns ?? []).map((c) => [c.name, c]));
  const columns = names.map((name) => ({ values: table.array(name) as ArrayLike<unknown>, spec: specs.get(name) ?? { name } }));
  const parts = [csvLine(names, delimiter)];
  const n = table.numRows();
  const fields = new Array<string>(names.length);
  for (let start = 0; start < n; start += rowsPerPart) {
    const end = Math.min(n, start + rowsPerPart);
    const lines = new Array<string>(end - start);
    for (let r = start; r < end; r++) {
      for (let c = 0; c < columns.length; c++) fields[c] = safeCsvField(columns[c].values[r], columns[c].spec);
      lines[r - start] = fields.join(delimiter);
    }
    parts.push(lines.join(CSV_EOL) + CSV_EOL);
  }
  return parts;
}

/** The table as one CSV text (see safeCsvParts). */
export function toSafeCsv(table: ColumnTable, options: SafeCsvOptions = {}): string {
  return safeCsvParts(table, options).join('');
}

/** The table as a CSV Blob for a download. */
export function safeCsvBlob(table: ColumnTable, options: SafeCsvOptions = {}): Blob {
  return new Blob(safeCsvParts(table, options), { type: 'text/csv;charset=utf-8' });
}
