import type { ColumnTable } from 'arquero';
import type { FeatureSpec } from './feature-spec.ts';
import { DEFAULT_MAX_CATEGORIES } from './standard-encoder.ts';

export interface WideCategory {
  name: string;
  /** distinct labels in the table */
  labels: number;
}

/**
 * The categorical inputs with more labels than the linear models keep one-hot (so the page can say,
 * before training, that the rest will be grouped as "(other)"), with their label counts.
 */
export function wideCategories(table: ColumnTable, features: FeatureSpec[], cap = DEFAULT_MAX_CATEGORIES): WideCategory[] {
  const out: WideCategory[] = [];
  for (const f of features) {
    if (f.kind !== 'categorical') continue;
    const values = table.array(f.name) as ArrayLike<unknown>;
    const seen = new Set<string>();
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v !== null && v !== undefined) seen.add(String(v));
    }
    if (seen.size > cap) out.push({ name: f.name, labels: seen.size });
  }
  return out;
}
