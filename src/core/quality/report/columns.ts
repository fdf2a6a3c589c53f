import type { ColumnTable } from 'arquero';
import type { DatasetSchema } from '../../data/schema';
import type { Cell, ColumnData, QualityColumn } from '../types';

export interface ColumnPlan {
  /** modelled columns present in all three tables, schema order */
  quality: QualityColumn[];
  /** continuous and datetime columns among them (correlation matrices) */
  numeric: string[];
  datetime: Set<string>;
  treatment: { name: string; role: DatasetSchema['columns'][number]['role']; treatedAs: 'continuous' | 'discrete' | 'skipped' }[];
  missingFromSynthetic: string[];
}

/**
 * How each schema column enters the report: continuous and datetime columns are compared as numbers
 * (SDMetrics numerical/datetime), categorical columns as labels; identifier and text columns are
 * never compared, only checked for replay. A modelled column the synthetic table lacks is listed and
 * left out rather than failing the whole report.
 */
export function planColumns(schema: DatasetSchema, train: ColumnTable, test: ColumnTable, synthetic: ColumnTable): ColumnPlan {
  const inAll = (name: string) => train.columnNames().includes(name) && test.columnNames().includes(name);
  const inSynth = new Set(synthetic.columnNames());
  const quality: QualityColumn[] = [];
  const numeric: string[] = [];
  const datetime = new Set<string>();
  const missingFromSynthetic: string[] = [];
  const treatment: ColumnPlan['treatment'] = [];
  for (const c of schema.columns) {
    const modelled = c.role === 'continuous' || c.role === 'datetime' || c.role === 'categorical';
    if (!modelled || !inAll(c.name)) {
      treatment.push({ name: c.name, role: c.role, treatedAs: 'skipped' });
      continue;
    }
    if (!inSynth.has(c.name)) {
      missingFromSynthetic.push(c.name);
      treatment.push({ name: c.name, role: c.role, treatedAs: 'skipped' });
      continue;
    }
    const kind = c.role === 'categorical' ? 'discrete' : 'continuous';
    quality.push({ name: c.name, kind });
    treatment.push({ name: c.name, role: c.role, treatedAs: kind });
    if (kind === 'continuous') numeric.push(c.name);
    if (c.role === 'datetime') datetime.add(c.name);
  }
  return { quality, numeric, datetime, treatment, missingFromSynthetic };
}

/** The named columns of a table as plain arrays (copies: safe to keep). */
export function columnData(table: ColumnTable, names: readonly string[]): ColumnData {
  const out: ColumnData = {};
  for (const n of names) out[n] = table.array(n) as ArrayLike<Cell>;
  return out;
}
