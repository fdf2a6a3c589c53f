import type { ColumnTable } from 'arquero';
import type { ColumnSchema, DatasetSchema } from '../schema.ts';
import { columnStats, type ColumnStats } from './column-stats.ts';
import { guessRole } from './roles.ts';
import { suggestTarget } from './target.ts';
import { detectInputFormat } from './input-format.ts';

export interface InferOptions {
  /** infer from the first `sampleRows` rows only (counts then describe that sample); default all */
  sampleRows?: number;
}

/**
 * Propose a schema for a raw table of strings (as `loadCsv` returns it): each column's role
 * with the reason, its missing and distinct counts, and a suggested binary target.
 */
export function inferSchema(raw: ColumnTable, options: InferOptions = {}): DatasetSchema {
  const names = raw.columnNames();
  const limit = options.sampleRows ?? Infinity;
  const stats: ColumnStats[] = [];
  const columns: ColumnSchema[] = names.map((name) => {
    let cells = raw.array(name) as ArrayLike<unknown>;
    if (cells.length > limit) cells = Array.prototype.slice.call(cells, 0, limit);
    const s = columnStats(name, cells);
    const guess = guessRole(s);
    stats.push(s);
    const column: ColumnSchema = {
      name,
      role: guess.role,
      inferredRole: guess.role,
      reason: guess.reason,
      numeric: s.numeric,
      integer: s.integer,
      missing: s.missing,
      distinct: s.distinct,
    };
    if (guess.datetimeFormat) column.datetimeFormat = guess.datetimeFormat;
    const inputFormat = detectInputFormat(s.counts, s.numeric, guess.datetimeFormat);
    if (inputFormat) column.inputFormat = inputFormat;
    return column;
  });
  // the per-value counts are large; only the target needs them, and only now
  const { target, positiveLabel } = suggestTarget(columns, stats);
  return { columns, target, positiveLabel, rowCount: raw.numRows() };
}
