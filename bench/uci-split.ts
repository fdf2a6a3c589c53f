/**
 * The benchmark's UCI training split, built the way the app builds it: load, infer the
 * schema (ID becomes an identifier and is not modelled), stratified 80/20 split, seed 0.
 * Environment-agnostic: the caller supplies the byte stream (Node file or browser fetch).
 */
import type { ColumnTable } from 'arquero';
import { loadCsv } from '../src/core/data/load';
import { inferSchema, applySchema } from '../src/core/data/infer';
import { stratifiedSplit } from '../src/core/data/split';
import { takeRows } from '../src/core/data/eda/columns';
import { isModelledRole, type DatasetSchema } from '../src/core/data/schema';

export interface UciSplit {
  train: ColumnTable;
  test: ColumnTable;
  schema: DatasetSchema;
}

export async function uciSplit(open: () => ReadableStream<Uint8Array>, seed = 0): Promise<UciSplit> {
  const loaded = await loadCsv(open, { fileName: 'uci_credit_card_default.csv' });
  const inferred = inferSchema(loaded.table);
  const typed = applySchema(loaded.table, inferred);
  const modelled = inferred.columns.filter((c) => isModelledRole(c.role)).map((c) => c.name);
  const table = typed.select(modelled);
  const schema: DatasetSchema = { ...inferred, columns: inferred.columns.filter((c) => modelled.includes(c.name)) };
  const labels = table.array(schema.target!) as ArrayLike<string | null>;
  const { train, test } = stratifiedSplit(labels, { testFraction: 0.2, seed });
  return { train: takeRows(table, train), test: takeRows(table, test), schema };
}
