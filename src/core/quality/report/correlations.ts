import { toNumeric } from '../numericColumn';
import { pearson } from '../pearson';
import type { ColumnData } from '../types';
import type { CorrelationMatrices, CorrelationMatrix } from './types';

function matrix(table: ColumnData, columns: string[]): CorrelationMatrix {
  const k = columns.length;
  const cols = columns.map((c) => toNumeric(table[c] ?? []));
  const values = new Array<number>(k * k).fill(NaN);
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      const r = i === j ? (Number.isNaN(pearson(cols[i], cols[i])) ? NaN : 1) : pearson(cols[i], cols[j]);
      values[i * k + j] = r;
      values[j * k + i] = r;
    }
  }
  return { columns: [...columns], values };
}

/** Pearson correlation matrices of the real and the synthetic table and their difference (synthetic − real). */
export function correlationMatrices(real: ColumnData, synthetic: ColumnData, columns: string[]): CorrelationMatrices {
  const r = matrix(real, columns);
  const s = matrix(synthetic, columns);
  const k = columns.length;
  const diff = r.values.map((v, i) => s.values[i] - v);
  let maxAbs = NaN;
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const d = Math.abs(diff[i * k + j]);
      if (!Number.isNaN(d) && !(d <= maxAbs)) maxAbs = d;
    }
  }
  return { columns: [...columns], real: r, synthetic: s, difference: { columns: [...columns], values: diff }, maxAbsDifference: maxAbs };
}
