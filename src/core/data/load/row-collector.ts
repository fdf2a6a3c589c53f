import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { CsvLoadError } from './errors.ts';
import { fixColumnNames } from './header.ts';
import type { Delimiter, SkippedRow } from './types.ts';

/** Ragged rows listed in an error message. */
const RAGGED_IN_MESSAGE = 5;
/** Ragged rows remembered (in `skippedRows`, or before giving up when not skipping). */
const RAGGED_KEPT = 1000;
/**
 * Distinct values per column shared as one string instance: repeated values (codes, amounts,
 * dates) then cost one pointer per cell instead of one string each, which halves the heap of
 * a large file. Columns with more distinct values stop sharing. A null-prototype object is
 * used as the dictionary: on a 100 MB file it was about 1.5x faster than a Map here.
 */
const INTERN_LIMIT = 65536;

export interface CollectedRows {
  table: ColumnTable;
  columns: string[];
  rowCount: number;
  notices: string[];
  skippedRows: SkippedRow[];
}

/**
 * Receives the rows of Arquero's CSV tokenizer and builds the string columns: takes the
 * first non-blank row as header, drops blank lines, checks every row has the header's
 * field count, and tracks the file line where each row starts (quoted fields can span lines).
 */
export class RowCollector {
  private names: string[] | null = null;
  private headerNotices: string[] = [];
  private values: (string | null)[][] = [];
  private interners: (Record<string, string> | null)[] = [];
  private internSizes: number[] = [];
  private filled: number[] = [];
  private rowCount = 0;
  /** line where the next row starts */
  private line = 1;
  private pendingBlank = 0;
  private interiorBlank = 0;
  private ragged: SkippedRow[] = [];
  private raggedTotal = 0;
  private raggedMultiline = false;

  constructor(
    private readonly delimiter: Delimiter,
    private readonly skipRagged: boolean,
    private readonly fileLabel: string,
  ) {}

  /** `quotesSeen`: whether any quote char occurred so far (only then can a field hold a newline). */
  add(rows: string[][], quotesSeen: boolean): void {
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      const start = this.line;
      this.line += quotesSeen ? 1 + newlinesIn(row) : 1;
      const blank = row.length === 1 && row[0] === '';
      if (this.names === null) {
        if (!blank) this.setHeader(row);
        continue;
      }
      if (blank) {
        this.pendingBlank++;
        continue;
      }
      const n = this.names.length;
      if (this.pendingBlank > 0) {
        // a blank line is an empty cell only in a one-column file
        if (n === 1) for (; this.pendingBlank > 0; this.pendingBlank--) this.push(['']);
        this.interiorBlank += this.pendingBlank;
        this.pendingBlank = 0;
      }
      if (row.length !== n) {
        this.addRagged(start, row);
        continue;
      }
      if (this.raggedTotal > 0 && !this.skipRagged) continue; // failing anyway: stop storing
      this.push(row);
    }
  }

  /** line where the next row starts */
  nextLine(): number {
    return this.line;
  }

  finish(): CollectedRows {
    const names = this.names;
    if (names === null) {
      throw new CsvLoadError(
        'empty',
        `${this.fileLabel} is empty: it has no header line and no data. Choose the CSV file that holds your data.`,
      );
    }
    if (this.raggedTotal > 0 && !this.skipRagged) throw this.raggedError();
    if (this.rowCount === 0) {
      const shown = names.slice(0, 8).map((s) => `"${clip(s)}"`).join(', ') + (names.length > 8 ? ', ...' : '');
      const skipped = this.raggedTotal > 0 ? ` (${this.raggedTotal} rows were skipped for having the wrong number of fields)` : '';
      throw new CsvLoadError(
        'header-only',
        `${this.fileLabel} has a header (${names.length} column${names.length === 1 ? '' : 's'}: ${shown}) but no data rows${skipped}. ` +
          'Choose a file with at least one row of data below the header.',
      );
    }
    const notices = [...this.headerNotices];
    if (this.interiorBlank > 0) {
      notices.push(`${this.interiorBlank} blank line${this.interiorBlank === 1 ? ' was' : 's were'} skipped.`);
    }
    if (this.raggedTotal > 0) {
      const listed = this.raggedTotal > this.ragged.length ? ` (the first ${this.ragged.length} are listed)` : '';
      notices.push(
        `${this.raggedTotal} row${this.raggedTotal === 1 ? '' : 's'} without the header's ${names.length} fields ` +
          `${this.raggedTotal === 1 ? 'was' : 'were'} skipped${listed}: ${describeRagged(this.ragged)}.`,
      );
    }
    const columns: Record<string, (string | null)[]> = {};
    names.forEach((name, i) => {
      columns[name] = this.values[i];
      if (this.filled[i] === 0) notices.push(`Column "${clip(name)}" is empty in every row; it is kept.`);
    });
    return {
      table: aq.table(columns, names),
      columns: names,
      rowCount: this.rowCount,
      notices,
      skippedRows: this.skipRagged ? this.ragged : [],
    };
  }

  private setHeader(row: string[]): void {
    const { names, notices } = fixColumnNames(row);
    this.names = names;
    this.headerNotices = notices;
    this.values = names.map(() => []);
    this.interners = names.map(() => Object.create(null) as Record<string, string>);
    this.internSizes = names.map(() => 0);
    this.filled = names.map(() => 0);
  }

  private push(row: string[]): void {
    for (let i = 0; i < row.length; i++) {
      const v = row[i];
      const col = this.values[i];
      if (v === '') {
        col.push(null);
        continue;
      }
      this.filled[i]++;
      const shared = this.interners[i];
      if (shared === null) {
        col.push(v);
        continue;
      }
      const hit = shared[v];
      if (hit !== undefined) {
        col.push(hit);
      } else {
        if (++this.internSizes[i] > INTERN_LIMIT) this.interners[i] = null;
        else shared[v] = v;
        col.push(v);
      }
    }
    this.rowCount++;
  }

  private addRagged(line: number, row: string[]): void {
    this.raggedTotal++;
    if (this.ragged.length < RAGGED_KEPT) this.ragged.push({ line, fields: row.length });
    if (!this.raggedMultiline && row.some((f) => f.includes('\n'))) this.raggedMultiline = true;
    if (!this.skipRagged && this.raggedTotal >= RAGGED_KEPT) throw this.raggedError();
  }

  private raggedError(): CsvLoadError {
    const n = this.names!.length;
    const total = this.raggedTotal >= RAGGED_KEPT ? `at least ${RAGGED_KEPT} such rows (reading stopped there)` : `${this.raggedTotal} such row${this.raggedTotal === 1 ? '' : 's'} in all`;
    const quoteHint = this.raggedMultiline
      ? ' A field spanning several lines suggests an unmatched double quote (") that makes the reader run on to the next lines.'
      : '';
    const delim = this.delimiter === '\t' ? 'tab' : `"${this.delimiter}"`;
    return new CsvLoadError(
      'ragged',
      `${this.fileLabel}: some rows do not have the ${n} fields of the header (fields separated by ${delim}): ` +
        `${describeRagged(this.ragged.slice(0, RAGGED_IN_MESSAGE))}; ${total}.${quoteHint} ` +
        'Fix those lines (a missing or extra separator, or a stray quote), or load the file again with ' +
        '"skip ragged rows" (skipRaggedRows) to leave such rows out.',
    );
  }
}

function describeRagged(rows: SkippedRow[]): string {
  return rows.map((r) => `line ${r.line} has ${r.fields} field${r.fields === 1 ? '' : 's'}`).join(', ');
}

/** A name as quoted in a message: long ones cut (a stray quote can make a 1 MB header name). */
function clip(name: string, max = 60): string {
  return name.length > max ? `${name.slice(0, max - 1)}…` : name;
}

function newlinesIn(row: string[]): number {
  let count = 0;
  for (let i = 0; i < row.length; i++) {
    const f = row[i];
    let at = f.indexOf('\n');
    while (at >= 0) {
      count++;
      at = f.indexOf('\n', at + 1);
    }
  }
  return count;
}
