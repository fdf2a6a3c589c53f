/**
 * The dataset the worker holds for the page: the raw table as read from the file, its
 * schema, and the typed table the later steps use. Heavy data stays here; the page asks
 * for what it shows (a summary, a page of rows).
 */
import type { ColumnTable } from 'arquero';
import { loadCsv, CsvLoadError, type LoadResult } from '../core/data/load';
import { inferSchema, applySchema, previewRoleChange } from '../core/data/infer';
import { datetimeInputFormat } from '../core/data/infer/input-format';
import type { ColumnRole, DatasetSchema } from '../core/data/schema';
import { countLabels, suggestEventClass, type EventClassSuggestion } from '../core/data/infer/event-class';

export interface DatasetSummary {
  name: string;
  rowCount: number;
  columns: string[];
  delimiter: string;
  encoding: string;
  compressed: boolean;
  bytesRead: number;
  notices: string[];
  skippedRows: { line: number; fields: number }[];
  schema: DatasetSchema;
  loadSeconds: number;
}

export interface LoadFailure {
  code: string;
  message: string;
  /** true when loading again with `skipRaggedRows` would succeed */
  canSkipRaggedRows: boolean;
}

export type LoadOutcome = { ok: true; summary: DatasetSummary } | { ok: false; error: LoadFailure };

export interface LoadRequest {
  name: string;
  totalBytes?: number;
  skipRaggedRows?: boolean;
  maxBytes?: number;
}

export class DatasetSession {
  private raw: ColumnTable | null = null;
  private typed: ColumnTable | null = null;
  private summary: DatasetSummary | null = null;

  async load(
    open: () => ReadableStream<Uint8Array>,
    request: LoadRequest,
    onProgress: (bytesRead: number, totalBytes?: number) => void,
    signal?: AbortSignal,
  ): Promise<LoadOutcome> {
    const started = performance.now();
    let result: LoadResult;
    try {
      result = await loadCsv(open, {
        fileName: request.name,
        totalBytes: request.totalBytes,
        onProgress,
        skipRaggedRows: request.skipRaggedRows,
        maxBytes: request.maxBytes,
        signal,
      });
    } catch (e) {
      return { ok: false, error: describeFailure(e) };
    }
    // A failed load keeps the previous dataset: nothing the user had is lost.
    const schema = inferSchema(result.table);
    this.raw = result.table;
    this.typed = applySchema(result.table, schema);
    this.summary = {
      name: request.name,
      rowCount: result.rowCount,
      columns: result.columns,
      delimiter: result.delimiter,
      encoding: result.encoding,
      compressed: result.compressed,
      bytesRead: result.bytesRead,
      notices: result.notices,
      skippedRows: result.skippedRows,
      schema,
      loadSeconds: (performance.now() - started) / 1000,
    };
    return { ok: true, summary: this.summary };
  }

  current(): DatasetSummary | null {
    return this.summary;
  }

  /** The raw table as read (persistence, project-api.ts); null before a load. */
  rawTable(): ColumnTable | null {
    return this.raw;
  }

  /** Put back a saved raw table and its summary, whose schema carries the role overrides and target (project-api.ts). */
  restore(raw: ColumnTable, summary: DatasetSummary): void {
    this.typed = applySchema(raw, summary.schema);
    this.raw = raw;
    this.summary = summary;
  }

  /** The table with every column typed by its role, for the later pipeline steps. */
  typedTable(): ColumnTable {
    if (!this.typed) throw new Error('No dataset is loaded');
    return this.typed;
  }

  /** A page of raw cells for the preview grid (as written in the file, null for empty). */
  rows(start: number, count: number): (string | null)[][] {
    const raw = this.raw;
    if (!raw) return [];
    const names = raw.columnNames();
    const cols = names.map((n) => raw.column(n)!);
    const end = Math.min(raw.numRows(), start + count);
    const out: (string | null)[][] = [];
    for (let r = Math.max(0, start); r < end; r++) {
      out.push(cols.map((c) => {
        const v = c.at(r);
        return v == null ? null : String(v);
      }));
    }
    return out;
  }

  /** What switching a column's role would lose: values that would become missing (asked before a change). */
  previewRole(column: string, role: ColumnRole): { lost: number; present: number; examples: string[] } {
    const summary = this.requireSummary();
    const current = summary.schema.columns.find((c) => c.name === column);
    if (!current) throw new Error(`Unknown column "${column}"`);
    const { lost, present, examples } = previewRoleChange(this.raw!.array(column) as ArrayLike<unknown>, current, role);
    return { lost, present, examples };
  }

  /**
   * Switch a column's role. A change that would turn every value into missing is refused; one that
   * would lose some values needs `allowLoss` (the page asks the user first, saying how many).
   */
  setRole(column: string, role: ColumnRole, opts: { allowLoss?: boolean } = {}): DatasetSchema {
    const schema = this.requireSummary().schema;
    const current = schema.columns.find((c) => c.name === column);
    if (!current) throw new Error(`Unknown column "${column}"`);
    const change = previewRoleChange(this.raw!.array(column) as ArrayLike<unknown>, current, role);
    if (change.lost > 0 && change.lost === change.present) {
      throw new Error(`Not changed: as ${role}, all ${change.present.toLocaleString('en-US')} values of "${column}" would become missing (e.g. ${change.examples.map((e) => JSON.stringify(e)).join(', ')}).`);
    }
    if (change.lost > 0 && !opts.allowLoss) {
      throw new Error(`Not changed: as ${role}, ${change.lost.toLocaleString('en-US')} of ${change.present.toLocaleString('en-US')} values of "${column}" would become missing; confirm to change anyway.`);
    }
    const next: DatasetSchema = {
      ...schema,
      columns: schema.columns.map((c) => {
        if (c.name !== column) return c;
        // a column switched to datetime by hand: its date pattern, so downloads write dates as the file did
        const dates = role === 'datetime' && !c.inputFormat?.datetime && this.raw ? datetimeInputFormat(this.raw.array(column) as ArrayLike<unknown>, c.datetimeFormat) : undefined;
        return dates ? { ...change.column, inputFormat: dates } : change.column;
      }),
    };
    if (next.target === column && role !== 'categorical') {
      next.target = null;
      next.positiveLabel = null;
    }
    return this.replaceSchema(next);
  }

  /** Set how two-digit years of a datetime column are read: 00..pivot are 20YY, later ones 19YY. */
  setTwoDigitYearPivot(column: string, pivot: number): DatasetSchema {
    if (!Number.isInteger(pivot) || pivot < 0 || pivot > 99) throw new Error('The pivot is a two-digit year, 0 to 99');
    const schema = this.requireSummary().schema;
    if (!schema.columns.some((c) => c.name === column)) throw new Error(`Unknown column "${column}"`);
    return this.replaceSchema({ ...schema, columns: schema.columns.map((c) => (c.name === column ? { ...c, twoDigitYearPivot: pivot } : c)) });
  }

  /**
   * Choose the target and its event class (the outcome the models predict). Without an event
   * class the suggestion is taken (a label naming the event, else the minority class; never "1"
   * by default, since files code 1 = good as often as 1 = bad).
   */
  setTarget(column: string | null, positiveLabel?: string): DatasetSchema {
    const summary = this.requireSummary();
    if (column !== null && !summary.columns.includes(column)) throw new Error(`Unknown column "${column}"`);
    const schema = summary.schema;
    const next: DatasetSchema = {
      ...schema,
      target: column,
      positiveLabel: null,
      columns: schema.columns.map((c) => (c.name === column ? { ...c, role: 'categorical' } : c)),
    };
    if (column === null) return this.replaceSchema(next);
    const typed = applySchema(this.raw!.select(column), next);
    const classes = suggestEventClass(countLabels(typed.array(column) as ArrayLike<unknown>));
    if (positiveLabel !== undefined && !classes.classes.some((c) => c.label === positiveLabel)) {
      throw new Error(`"${positiveLabel}" is not a value of ${column}`);
    }
    next.positiveLabel = positiveLabel ?? classes.suggested;
    return this.replaceSchema(next);
  }

  /** The target's classes with their shares and the suggested event class (for the choice at load). */
  targetClasses(column?: string): (EventClassSuggestion & { column: string; event: string | null }) | null {
    const summary = this.requireSummary();
    const name = column ?? summary.schema.target;
    if (name === null || !this.typed || !this.typed.columnNames().includes(name)) return null;
    const s = suggestEventClass(countLabels(this.typed.array(name) as ArrayLike<unknown>));
    return { ...s, column: name, event: name === summary.schema.target ? summary.schema.positiveLabel : null };
  }

  private replaceSchema(schema: DatasetSchema): DatasetSchema {
    const summary = this.requireSummary();
    this.typed = applySchema(this.raw!, schema);
    this.summary = { ...summary, schema };
    return schema;
  }

  private requireSummary(): DatasetSummary {
    if (!this.summary || !this.raw) throw new Error('No dataset is loaded');
    return this.summary;
  }
}

function describeFailure(e: unknown): LoadFailure {
  if (e instanceof CsvLoadError) {
    return { code: e.code, message: e.message, canSkipRaggedRows: e.code === 'ragged' };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'unexpected', message: `The file could not be read: ${message}`, canSkipRaggedRows: false };
}
