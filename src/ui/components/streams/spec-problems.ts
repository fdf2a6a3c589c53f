import type { ColumnSchema } from '../../../core/data/schema';
import type { StreamSpec } from '../../../core/engines/sequential/stream-spec';

/** What stops the chosen parts from being trained, as sentences (empty = ready). The worker checks again. */
export function specProblems(spec: StreamSpec, columns: readonly ColumnSchema[]): string[] {
  const out: string[] = [];
  if (spec.key.length === 0) out.push('Choose at least one key column (the card or customer).');
  const time = columns.find((c) => c.name === spec.time);
  if (!time || time.role !== 'datetime') out.push('Choose a datetime column as the time.');
  if (spec.key.includes(spec.time)) out.push('The time cannot be part of the key.');
  if (spec.event.length === 0) out.push('Keep at least one event column (such as the amount).');
  return out;
}
