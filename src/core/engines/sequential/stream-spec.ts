import type { ColumnTable } from 'arquero';
import { columnByName, type DatasetSchema } from '../../data/schema.ts';

/**
 * How a table of transactions is read as customers and their event streams: the key names a
 * customer (one column, or several such as user + card), the time orders a customer's events,
 * profile columns hold one value per customer and event columns one value per event.
 */
export interface StreamSpec {
  key: string[];
  /** a datetime column (epoch ms in the typed table) */
  time: string;
  profile: string[];
  event: string[];
}

/** Every problem that stops a spec from being used on this table, as sentences (empty = usable). */
export function streamSpecProblems(spec: StreamSpec, table: ColumnTable, schema: DatasetSchema): string[] {
  const problems: string[] = [];
  const present = new Set(table.columnNames());
  const all = [...spec.key, spec.time, ...spec.profile, ...spec.event];
  const missing = all.filter((n) => !present.has(n));
  if (missing.length > 0) problems.push(`the table has no column(s) ${missing.join(', ')}`);
  if (spec.key.length === 0) problems.push('choose at least one key column (card or customer)');
  const seen = new Set<string>();
  const twice = all.filter((n) => (seen.has(n) ? true : (seen.add(n), false)));
  if (twice.length > 0) problems.push(`column(s) ${[...new Set(twice)].join(', ')} are given two parts; each column is key, time, profile or event`);
  const time = columnByName(schema, spec.time);
  if (!time || time.role !== 'datetime') problems.push(`the time column ${spec.time} must be a datetime column`);
  return problems;
}
