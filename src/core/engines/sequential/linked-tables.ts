import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import type { DatasetSchema } from '../../data/schema.ts';
import { detectPlaceholderKind, makePlaceholders } from '../../generate/placeholders.ts';
import { toSafeCsv } from '../../data/export/csv-export.ts';
import { CUSTOMER, type SyntheticStreams } from './sequential-engine.ts';
import type { StreamSpec } from './stream-spec.ts';

/**
 * The synthetic output in the user's layout: a customers table (a fresh key, then the profile
 * columns), a transactions table (the key, the time, the event columns) and the joined flat table
 * with exactly the input's columns in the input's order. Key, identifier and text columns are
 * placeholders (placeholders.ts: never a real value; card numbers pass Luhn) drawn once per
 * customer for profile columns, so every transaction of a customer carries the same card number,
 * name and address.
 */
export interface LinkedTables {
  customers: ColumnTable;
  transactions: ColumnTable;
  joined: ColumnTable;
}

export function linkedTables(streams: SyntheticStreams, real: ColumnTable, schema: DatasetSchema, spec: StreamSpec, seed = 0): LinkedTables {
  const nc = streams.customers.numRows();
  const ne = streams.events.numRows();
  const customerOf = streams.events.array(CUSTOMER) as ArrayLike<number>;
  const perCustomer: Record<string, (string | number | null)[]> = {};
  let salt = 1;
  const values = (name: string) => real.array(name) as ArrayLike<unknown>;
  spec.key.forEach((k, j) => {
    perCustomer[k] = makePlaceholders(values(k), nc, detectPlaceholderKind(k, values(k)), { seed: seed + 7919 * salt++, unique: j === 0, nullRate: 0 });
  });
  const roleOf = new Map(schema.columns.map((c) => [c.name, c.role]));
  for (const p of spec.profile) {
    const role = roleOf.get(p);
    if (role === 'identifier' || role === 'text') perCustomer[p] = makePlaceholders(values(p), nc, detectPlaceholderKind(p, values(p)), { seed: seed + 7919 * salt++, unique: role === 'identifier' });
    else if (streams.customers.columnNames().includes(p)) perCustomer[p] = Array.from(streams.customers.array(p) as ArrayLike<string | number | null>);
    else perCustomer[p] = new Array(nc).fill(null);
  }
  const perEvent: Record<string, unknown[]> = {};
  for (const e of [spec.time, ...spec.event]) {
    const role = roleOf.get(e);
    if (role === 'identifier' || role === 'text') perEvent[e] = makePlaceholders(values(e), ne, detectPlaceholderKind(e, values(e)), { seed: seed + 7919 * salt++, unique: role === 'identifier' });
    else if (streams.events.columnNames().includes(e)) perEvent[e] = Array.from(streams.events.array(e) as ArrayLike<unknown>);
    else perEvent[e] = new Array(ne).fill(null);
  }
  const customerCols = [...spec.key, ...spec.profile];
  const customers = aq.table(Object.fromEntries(customerCols.map((c) => [c, perCustomer[c]])), customerCols);
  const eventCols = [...spec.key, spec.time, ...spec.event];
  const transactions = aq.table(
    Object.fromEntries(eventCols.map((c) => [c, spec.key.includes(c) ? Array.from({ length: ne }, (_, i) => perCustomer[c][customerOf[i]]) : perEvent[c]])),
    eventCols,
  );
  const inputOrder = real.columnNames().filter((c) => customerCols.includes(c) || eventCols.includes(c));
  const joined = aq.table(
    Object.fromEntries(inputOrder.map((c) => [c, c in perCustomer ? Array.from({ length: ne }, (_, i) => perCustomer[c][customerOf[i]]) : perEvent[c]])),
    inputOrder,
  );
  return { customers, transactions, joined };
}

/**
 * The three downloads as CSV text through the app's one writer (core/data/export): every column
 * keeps the input's format (decimals, whole numbers, the date pattern recorded at load).
 */
export function linkedTablesCsv(t: LinkedTables, schema: DatasetSchema): { customers: string; transactions: string; joined: string } {
  const columns = schema.columns;
  return { customers: toSafeCsv(t.customers, { columns }), transactions: toSafeCsv(t.transactions, { columns }), joined: toSafeCsv(t.joined, { columns }) };
}
