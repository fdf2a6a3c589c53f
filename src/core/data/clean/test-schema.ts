/** Test helper: hand-written schemas for small typed tables (no inference involved). */
import type { ColumnRole, ColumnSchema, DatasetSchema } from '../schema.ts';

export function col(name: string, role: ColumnRole, extra: Partial<ColumnSchema> = {}): ColumnSchema {
  const numeric = role === 'continuous' || role === 'datetime';
  return { name, role, inferredRole: role, reason: 'hand-written test schema', numeric, integer: numeric, missing: 0, distinct: 0, ...extra };
}

/** Schema from `name → role`; target/positive label optional. */
export function schemaOf(
  roles: Record<string, ColumnRole>,
  rowCount: number,
  target: string | null = null,
  positiveLabel: string | null = null,
): DatasetSchema {
  return { columns: Object.entries(roles).map(([n, r]) => col(n, r)), target, positiveLabel, rowCount };
}
