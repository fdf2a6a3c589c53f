/**
 * Node-only helpers for tests and the engine comparison script (never imported by app code):
 * the bundled UCI credit-card table as a typed table of CONVENTIONS.md, its schema, and the
 * 80/20 stratified split the measurements use.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { stratifiedSplit } from '../../data/split/split.ts';
import type { ColumnSchema, DatasetSchema } from '../../data/schema.ts';
import type { QualityColumn } from '../../quality/types.ts';
import { samplesDir } from '../../../test-support/paths.ts';

export const UCI_TARGET = 'default_payment_next_month';
export const UCI_CATEGORICAL = ['SEX', 'EDUCATION', 'MARRIAGE', 'PAY_0', 'PAY_2', 'PAY_3', 'PAY_4', 'PAY_5', 'PAY_6', UCI_TARGET];
export const PAY_AMT = ['PAY_AMT1', 'PAY_AMT2', 'PAY_AMT3', 'PAY_AMT4', 'PAY_AMT5', 'PAY_AMT6'];

/** Typed UCI table, ID dropped: categorical codes (target included) as canonical strings, the rest numbers. */
export function loadUci(): ColumnTable {
  const text = readFileSync(resolve(samplesDir, 'uci_credit_card_default.csv'), 'utf8');
  const parse: Record<string, (v: string) => unknown> = {};
  for (const c of UCI_CATEGORICAL) parse[c] = (v: string) => (v === '' ? null : String(Number(v)));
  return aq.fromCSV(text, { parse }).select(aq.not('ID'));
}

/** A hand-written schema for a typed table: the listed columns categorical, the rest continuous integers. */
export function schemaFor(table: ColumnTable, categorical: string[], target: string | null, positiveLabel: string | null = '1'): DatasetSchema {
  const columns: ColumnSchema[] = table.columnNames().map((name) => {
    const role = categorical.includes(name) ? 'categorical' : 'continuous';
    const values = table.array(name) as ArrayLike<unknown>;
    let integer = true;
    let numeric = true;
    let missing = 0;
    const distinct = new Set<unknown>();
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === null || v === undefined) {
        missing++;
        continue;
      }
      distinct.add(v);
      const x = typeof v === 'number' ? v : Number(v);
      if (!Number.isFinite(x)) numeric = false;
      else if (!Number.isInteger(x)) integer = false;
    }
    return {
      name,
      role,
      inferredRole: role,
      reason: 'set by hand',
      numeric,
      integer: numeric && integer,
      missing,
      distinct: distinct.size,
    };
  });
  return { columns, target, positiveLabel: target ? positiveLabel : null, rowCount: table.numRows() };
}

export function uciSchema(table: ColumnTable): DatasetSchema {
  return schemaFor(table, UCI_CATEGORICAL, UCI_TARGET);
}

export function qualityColumnsOf(schema: DatasetSchema): QualityColumn[] {
  return schema.columns
    .filter((c) => c.role === 'continuous' || c.role === 'categorical' || c.role === 'datetime')
    .map((c) => ({ name: c.name, kind: c.role === 'categorical' ? 'discrete' : 'continuous' }));
}

/** The measurement split: 80/20 stratified on the target, seed 0. */
export function uciSplit(table: ColumnTable, seed = 0): { train: ColumnTable; test: ColumnTable } {
  const labels = table.array(UCI_TARGET) as ArrayLike<string | null>;
  const { train, test } = stratifiedSplit(labels, { testFraction: 0.2, seed });
  return { train: table.reify(Array.from(train)), test: table.reify(Array.from(test)) };
}

/** Column arrays for the quality functions. */
export function columnData(table: ColumnTable): Record<string, ArrayLike<string | number | null>> {
  const out: Record<string, ArrayLike<string | number | null>> = {};
  for (const name of table.columnNames()) out[name] = table.array(name) as ArrayLike<string | number | null>;
  return out;
}
