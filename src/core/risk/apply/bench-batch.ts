import type { ColumnTable } from 'arquero';
import type { FittedRiskModel } from '../workbench/fitted-model.ts';
import { takeTableRows } from '../workbench/table-rows.ts';
import { scoreTable } from './score.ts';

/**
 * Benchmark `apply.batch_score.rows_per_s`: rows per second of the batch-scoring core (encode,
 * predict, top-3 reasons) on `rows` rows of `table` (cycled when the table is shorter), for a model
 * already fitted on that table's columns. The fastest of `repeats` runs counts (less noise).
 */
export async function benchBatchScore(
  fitted: FittedRiskModel,
  table: ColumnTable,
  options: { rows?: number; repeats?: number; reasons?: number; reference?: ArrayLike<number> | null } = {},
): Promise<number> {
  const n = options.rows ?? table.numRows();
  if (table.numRows() === 0 || n <= 0) throw new Error('benchBatchScore: no rows to score');
  const rows = Int32Array.from({ length: n }, (_, i) => i % table.numRows());
  const batch = n === table.numRows() ? table : takeTableRows(table, rows);
  let best = Infinity;
  for (let r = 0; r < (options.repeats ?? 3); r++) {
    const t0 = performance.now();
    await scoreTable(fitted, batch, { reasons: options.reasons ?? 3, reference: options.reference ?? null, chunkRows: Math.max(n, 1) });
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return n / Math.max(best, 1e-9);
}
