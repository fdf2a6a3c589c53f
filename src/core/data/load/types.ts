import type { ColumnTable } from 'arquero';

export type Delimiter = ',' | ';' | '\t';
export type TextEncodingName = 'utf-8' | 'windows-1252';

export interface LoadOptions {
  /** used to detect `.gz` and in messages */
  fileName?: string;
  /** size of what `open()` yields (compressed size for .gz), for progress */
  totalBytes?: number;
  /** called with the bytes read from `open()` so far (compressed bytes for .gz) */
  onProgress?: (bytesRead: number, totalBytes?: number) => void;
  /** skip rows whose field count differs from the header instead of failing */
  skipRaggedRows?: boolean;
  /** limit on decompressed bytes; default 1 GiB */
  maxBytes?: number;
  signal?: AbortSignal;
}

export interface SkippedRow {
  /** 1-based line in the file where the row starts */
  line: number;
  /** how many fields it had */
  fields: number;
}

export interface LoadResult {
  /** every cell a string, or null for an empty cell */
  table: ColumnTable;
  columns: string[];
  delimiter: Delimiter;
  encoding: TextEncodingName;
  compressed: boolean;
  /** bytes read from `open()` (compressed bytes for .gz) */
  bytesRead: number;
  rowCount: number;
  /** non-fatal problems that were fixed (renamed columns, re-decoding, skipped rows) */
  notices: string[];
  skippedRows: SkippedRow[];
}

export const DEFAULT_MAX_BYTES = 1024 ** 3;
