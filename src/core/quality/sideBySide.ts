import { categoryCoverage, type CategoryCoverage } from './categoryCoverage';
import { DEFAULT_QUANTILES, summarizeContinuous, type ContinuousSummary } from './continuousSummary';
import { outOfRange, type OutOfRange } from './outOfRange';
import type { ColumnData, QualityColumn } from './types';

export type ColumnComparison =
  | { column: string; kind: 'continuous'; real: ContinuousSummary; synthetic: ContinuousSummary; outOfRange: OutOfRange }
  | { column: string; kind: 'discrete'; coverage: CategoryCoverage };

/** Per-column real vs synthetic figures for the UI's side-by-side view. */
export function sideBySide(
  real: ColumnData,
  synthetic: ColumnData,
  columns: QualityColumn[],
  quantiles: readonly number[] = DEFAULT_QUANTILES,
): ColumnComparison[] {
  return columns.map((c) => {
    const r = real[c.name];
    const s = synthetic[c.name];
    if (r === undefined || s === undefined) throw new Error(`column "${c.name}" is missing from a table`);
    return c.kind === 'continuous'
      ? {
          column: c.name,
          kind: 'continuous',
          real: summarizeContinuous(r, quantiles),
          synthetic: summarizeContinuous(s, quantiles),
          outOfRange: outOfRange(r, s),
        }
      : { column: c.name, kind: 'discrete', coverage: categoryCoverage(r, s) };
  });
}
