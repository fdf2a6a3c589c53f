import type { ColumnTable } from 'arquero';
import type { ColumnSchema, DatasetSchema } from '../schema.ts';
import { columnStats, type ColumnStats } from './column-stats.ts';
import { guessRole } from './roles.ts';
import { suggestTarget } from './target.ts';
import { hasTwoDigitYear } from './datetime.ts';
import { looksLikeBirthDate } from './names.ts';
import { detectInputFormat } from './input-format.ts';

export interface InferOptions {
  /** infer from the first `sampleRows` rows only (counts then describe that sample); default all */
  sampleRows?: number;
  /** "today" in epoch ms (default: now): birth dates with two-digit years are never after it */
  now?: number;
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
    if (guess.datetimeFormat) {
      column.datetimeFormat = guess.datetimeFormat;
      if (hasTwoDigitYear(guess.datetimeFormat) && looksLikeBirthDate(name)) {
        // a birth date is never in the future: two-digit years up to this year's are 20YY, the rest 19YY
        column.twoDigitYearPivot = new Date(options.now ?? Date.now()).getUTCFullYear() % 100;
        column.reason += ` Two-digit years: 00-${String(column.twoDigitYearPivot).padStart(2, '0')} are read as 20YY and later ones as 19YY, so no birth date lies in the future.`;
      }
    }
    if (guess.timeOfDay) column.timeOfDay = true;
    if (guess.numberFormat) column.numberFormat = guess.numberFormat;
    if (guess.sentinels) column.sentinels = guess.sentinels;
    const inputFormat = detectInputFormat(s.counts, s.numeric, guess.datetimeFormat);
    if (inputFormat && guess.numberFormat) {
      // money and percentages are written back as they came ($134.09, 12.5%)
      if (guess.numberFormat.currency) inputFormat.prefix = guess.numberFormat.currency;
      if (guess.numberFormat.percent) inputFormat.suffix = '%';
    }
    if (inputFormat) column.inputFormat = inputFormat;
    return column;
  });
  // the per-value counts are large; only the target needs them, and only now
  const { target, positiveLabel } = suggestTarget(columns, stats);
  return { columns, target, positiveLabel, rowCount: raw.numRows() };
}
