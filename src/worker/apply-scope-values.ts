/** Values read from a scored scope: known outcomes, exposures, segments, the columns offered for them. */
import type { ColumnTable } from 'arquero';
import { readLabelColumn, readNumericColumn } from '../core/risk/features/column-values';
import { quantileBinLabels } from '../core/risk/apply';
import type { Entry, ScopeData } from './apply-types';

/** Labels (0/1) for rows with a known outcome; null when any row has none. */
export function knownLabels(labels: Float64Array | null): Float64Array | null {
  return labels && labels.every((v) => v === 0 || v === 1) ? labels : null;
}

export function ead(s: ScopeData, column: string | null, fixed: number): Float64Array | number {
  if (!column) return fixed;
  if (!s.table.columnNames().includes(column)) throw new Error(`The rows have no column "${column}" for the exposure.`);
  return readNumericColumn(s.table, column);
}

export function segmentsOf(table: ColumnTable, column: string | null, bins: number): (string | null)[] | null {
  if (!column) return null;
  if (!table.columnNames().includes(column)) throw new Error(`The rows have no column "${column}" to segment by.`);
  const v = table.array(column) as ArrayLike<unknown>;
  let numeric = true;
  for (let i = 0; i < v.length && numeric; i++) if (v[i] !== null && typeof v[i] !== 'number') numeric = false;
  return numeric ? quantileBinLabels(readNumericColumn(table, column), bins) : readLabelColumn(table, column);
}

export function columnsOf(e: Entry, s: ScopeData | null): { eadColumns: string[]; segmentColumns: string[] } {
  const roles = new Map(e.loaded.file.schema.columns.map((c) => [c.name, c.role]));
  const names = s ? s.table.columnNames() : e.loaded.file.schema.columns.map((c) => c.name);
  const target = e.loaded.file.schema.target;
  const eadColumns = names.filter((n) => n !== target && (roles.get(n) === 'continuous' || (s && !roles.has(n) && typeof (s.table.array(n) as ArrayLike<unknown>)[0] === 'number')));
  const segmentColumns = names.filter((n) => n !== target && (roles.get(n) === 'continuous' || roles.get(n) === 'categorical' || !roles.has(n)));
  return { eadColumns, segmentColumns };
}
