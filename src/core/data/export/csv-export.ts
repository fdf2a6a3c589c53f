import type { ColumnTable } from 'arquero';

export interface SafeCsvOptions {
  /** field separator; default ',' */
  delimiter?: ',' | ';' | '\t';
  /** line ending; default CRLF, as RFC 4180 says */
  eol?: '\r\n' | '\n';
}

/**
 * Cells a spreadsheet may evaluate as a formula (OWASP "CSV injection"): `=`, `+`, `-`, `@`,
 * tab and carriage return at the start. `=HYPERLINK(...)` or `@SUM(...)|cmd` from a hostile
 * upload would otherwise run when an analyst opens the download in Excel or LibreOffice.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A plain number, possibly negative: `-12.5`, `3`, `.5`, `-1e5`. Written so that no input can
 * make it backtrack (one way to match each text). No leading `+`: `+1` is always neutralised.
 */
const PLAIN_NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Quoted when holding a quote, a line break or any delimiter candidate (not just the one in
 * use): always legal in RFC 4180, and it keeps delimiter sniffing (ours, spreadsheets') sure.
 */
const NEEDS_QUOTES = /[",;\t\r\n]/;

/**
 * The table as RFC 4180 CSV that is safe to open in a spreadsheet: a header line, then one line
 * per row, columns in the table's order, null (and NaN, and an invalid Date) as an empty field.
 *
 * Any cell (header names included) that starts with `=`, `+`, `-`, `@`, tab or carriage return
 * is prefixed with a single quote `'`, so spreadsheets show it as text (OWASP guidance).
 * Exception: in a numeric column (every value a number, or every value a plain-number text),
 * a plain negative number such as `-12.5` is written as is, because analysts expect numbers to
 * stay numbers and a spreadsheet evaluates `-12.5` to itself. `-1+2` or `-12.5` in a text
 * column is still prefixed.
 *
 * Numbers are written with `String(n)` (shortest round-trip form); Dates as ISO 8601 (UTC).
 */
export function toSafeCsv(table: ColumnTable, options: SafeCsvOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const eol = options.eol ?? '\r\n';
  const names = table.columnNames();
  if (names.length === 0) return '';
  const columns = names.map((name) => table.array(name) as ArrayLike<unknown>);
  const numeric = columns.map(isNumericColumn);
  const rowCount = table.numRows();

  const lines: string[] = new Array(rowCount + 1);
  lines[0] = names.map((name) => quoteField(neutraliseFormula(name))).join(delimiter);
  const fields: string[] = new Array(names.length);
  for (let r = 0; r < rowCount; r++) {
    for (let c = 0; c < columns.length; c++) fields[c] = safeCsvField(columns[c][r], numeric[c]);
    lines[r + 1] = fields.join(delimiter);
  }
  return lines.join(eol) + eol;
}

/** One cell as a CSV field: text of the value, formula-neutralised (see `toSafeCsv`), quoted if needed. */
export function safeCsvField(value: unknown, numericColumn: boolean): string {
  const text = cellText(value);
  if (text === '') return '';
  if (numericColumn && PLAIN_NUMBER.test(text)) return text;
  return quoteField(neutraliseFormula(text));
}

/** `'` + text when a spreadsheet would read the text as a formula; the text otherwise. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Whether every non-missing value is a number, or every one is a plain-number text. */
export function isNumericColumn(cells: ArrayLike<unknown>): boolean {
  let numbers = 0;
  let texts = 0;
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    if (v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v))) continue;
    if (typeof v === 'number') numbers++;
    else if (typeof v === 'string' && PLAIN_NUMBER.test(v)) texts++;
    else return false;
    if (numbers > 0 && texts > 0) return false;
  }
  return true;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isNaN(value) ? '' : String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  return String(value);
}

function quoteField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
