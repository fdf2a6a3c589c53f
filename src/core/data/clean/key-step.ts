/**
 * A customer key built from columns that together name one customer, for files whose own key a
 * spreadsheet destroyed (card numbers written as `2.29E+15` lose their last digits, so different
 * cards share one value): rows with the same values in every chosen column (first and last name,
 * street, birth date) get the same key. The key is a short code hashed from those values, not a
 * running number, so the same customer gets the same key in another file of the same source (a
 * separate test file) and the key does not depend on the row order. A row with any of the chosen
 * columns missing gets no key: nothing says whose it is.
 */
import type { ColumnTable } from 'arquero';
import type { ColumnSchema, DatasetSchema } from '../schema.ts';
import { isMissing, readColumn } from '../eda/columns.ts';
import type { BuildKeyStep } from './steps.ts';
import { refreshSchema } from './table-ops.ts';
import type { ParseChange } from './parse-steps.ts';

/** Two 32-bit FNV-1a hashes (different offsets) of the text: 64 bits, 16 hex digits. */
function hash64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** The key of one row's values (null when any is missing). */
export function customerKeyOf(values: readonly unknown[]): string | null {
  if (values.some((v) => isMissing(v))) return null;
  return `K${hash64(JSON.stringify(values))}`;
}

/** See BuildKeyStep. */
export function applyBuildKey(table: ColumnTable, schema: DatasetSchema, step: BuildKeyStep, fail: (message: string) => never): ParseChange {
  if (!step.output.trim()) fail('the key column needs a name');
  if (step.columns.length === 0) fail('choose at least one column to build the key from');
  if (table.columnNames().includes(step.output)) fail(`a column "${step.output}" already exists`);
  const cols = step.columns.map((c) => readColumn(table, c));
  const out: (string | null)[] = [];
  const distinct = new Set<string>();
  let missing = 0;
  for (let i = 0; i < table.numRows(); i++) {
    const k = customerKeyOf(cols.map((c) => c[i]));
    if (k === null) missing++;
    else distinct.add(k);
    out.push(k);
  }
  const t = table.assign({ [step.output]: out });
  const added: ColumnSchema = {
    name: step.output,
    role: 'identifier',
    inferredRole: 'identifier',
    reason: `Customer key built from ${step.columns.map((c) => `"${c}"`).join(', ')}.`,
    numeric: false,
    integer: false,
    missing: 0,
    distinct: 0,
  };
  const s: DatasetSchema = { ...schema, columns: [...schema.columns, added] };
  const notes = [`"${step.output}" names ${distinct.size} customer(s) by ${step.columns.join(' + ')}`];
  if (missing > 0) notes.push(`${missing} row(s) have one of those columns missing and no key`);
  return { table: t, schema: refreshSchema(t, s, [step.output]), cellsChanged: 0, notes, added: [step.output] };
}
