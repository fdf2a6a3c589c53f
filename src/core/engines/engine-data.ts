import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { isModelledRole, type DatasetSchema } from '../data/schema.ts';
import {
  codeCount,
  encodeColumn,
  fitCategoricalCoder,
  fitNumericCoder,
  type ColumnCoder,
  type CoderOptions,
} from './column-coder.ts';
import type { EngineColumn } from './types.ts';
import { fitWithinBinCopula, type WithinBinCopula } from './within-bin-copula.ts';
import type { DonorOffsets } from './donor-offsets.ts';
import { fitRareRowGuard, RARE_ROW_K, type RareRowGuard } from './rare-row-guard.ts';

/** The modelled columns of a schema (continuous, categorical, datetime), in schema order. */
export function modelledColumns(schema: DatasetSchema): EngineColumn[] {
  return schema.columns
    .filter((c) => isModelledRole(c.role))
    .map((c) => ({
      name: c.name,
      role: c.role as EngineColumn['role'],
      // datetimes are epoch milliseconds: whole numbers whatever the text looked like
      integer: c.role === 'datetime' ? true : c.role === 'continuous' ? c.integer : false,
    }));
}

/**
 * What every engine here shares for turning codes back into rows: the column coders, the
 * within-bin copula, and the copy guard (rare-row-guard.ts): a sampled row equal to a training
 * row that occurs fewer than k times is rejected.
 */
export interface Codec {
  columns: EngineColumn[];
  coders: ColumnCoder[];
  copula: WithinBinCopula | null;
  /**
   * the guard of models saved before the rare-row guard: hashes of the codes of training rows
   * with at most one ranged number. Empty in every model fitted now; kept so old files still load
   * with the guard they were saved with.
   */
  copyGuard: number[];
  /** the copy guard (absent only in models saved before it existed) */
  rareRows?: RareRowGuard;
  /** equal and near amounts kept as such (donor-offsets.ts; ar-cart only, absent in older models) */
  offsets?: DonorOffsets;
}

/** The training table as one code array per modelled column. */
export interface CodedTable {
  codec: Codec;
  codes: Uint16Array[];
  nCodes: number[];
  nRows: number;
}

export interface CodecOptions extends CoderOptions {
  /** model the within-bin positions jointly (default true) */
  withinBinCopula?: boolean;
  /** a training row occurring fewer than this many times may not be sampled (default RARE_ROW_K = 5) */
  rareRowK?: number;
}

export function codeTable(train: ColumnTable, schema: DatasetSchema, options: CodecOptions = {}): CodedTable {
  const columns = modelledColumns(schema);
  if (columns.length === 0) throw new Error('the schema has no modelled column (continuous, categorical or datetime)');
  const present = new Set(train.columnNames());
  const absent = columns.filter((c) => !present.has(c.name)).map((c) => c.name);
  if (absent.length > 0) throw new Error(`the training table lacks column(s): ${absent.join(', ')}`);
  const nRows = train.numRows();
  if (nRows < 2) throw new Error('an engine needs at least 2 training rows');
  const values = columns.map((c) => train.array(c.name) as ArrayLike<unknown>);
  const coders = columns.map((c, j) =>
    c.role === 'categorical' ? fitCategoricalCoder(c, values[j]) : fitNumericCoder(c, values[j], options),
  );
  const codes = coders.map((coder, j) => encodeColumn(coder, values[j]));
  const nCodes = coders.map(codeCount);
  if (nCodes.some((k) => k > 65535)) throw new Error('a column has more than 65,535 categories');
  const copula = options.withinBinCopula === false ? null : fitWithinBinCopula(coders, codes, values);
  const rareRows = fitRareRowGuard(coders, values, nRows, options.rareRowK ?? RARE_ROW_K);
  return { codec: { columns, coders, copula, copyGuard: [], rareRows }, codes, nCodes, nRows };
}

/** True when a code fixes the value exactly: a category, a point mass, or missing. */
export function isExactCode(coder: ColumnCoder, code: number): boolean {
  return coder.kind === 'categorical' || code === coder.missingCode || coder.bins[code]?.type === 'point';
}

/** Legacy guard (models saved before the rare-row guard): rows with at most this many ranged numbers. */
export const GUARD_MAX_RANGED = 1;

/** Whether a row's codes (row[j] for column j) fall under the copy guard. */
export function isGuardedRow(coders: readonly ColumnCoder[], row: ArrayLike<number>): boolean {
  let ranged = 0;
  for (let j = 0; j < coders.length; j++) if (!isExactCode(coders[j], row[j]) && ++ranged > GUARD_MAX_RANGED) return false;
  return true;
}

/** A 52-bit hash of a row's codes (two 32-bit FNV-1a streams). */
export function hashCodes(codes: ArrayLike<number>): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let j = 0; j < codes.length; j++) {
    const c = codes[j];
    a = Math.imul(a ^ (c & 0xff), 0x01000193);
    a = Math.imul(a ^ (c >>> 8), 0x01000193);
    b = Math.imul(b ^ ((c + j) & 0xffff), 0x01000193);
  }
  return (a >>> 0) * 0x100000 + ((b >>> 0) & 0xfffff);
}

/** A typed table (CONVENTIONS.md) from decoded column values. */
export function typedTable(columns: readonly EngineColumn[], values: (string | number | null)[][]): ColumnTable {
  const data: Record<string, (string | number | null)[]> = {};
  columns.forEach((c, j) => (data[c.name] = values[j]));
  return aq.table(data, columns.map((c) => c.name));
}

export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
