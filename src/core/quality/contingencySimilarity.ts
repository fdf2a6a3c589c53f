import { codePairColumn, type CodedColumn } from './codedColumn';
import { jointCounts, type JointCounts } from './jointCounts';
import type { Cell, QualityKind } from './types';

export interface ContingencyOptions {
  /**
   * Reproduce the SDMetrics < 0.28 bug: a cell where both values are missing, present in both
   * tables, is counted twice (pandas' MultiIndex union keeps two (NaN, NaN) entries). Default false:
   * the corrected (0.28+) behaviour. The UCI reference has no such cell (the real sample has no
   * missing discrete value), so both settings reproduce it; the option exists for comparisons with
   * 0.17.1 reports on data with missing values in both columns of a discrete pair.
   */
  bothMissingDoubleCount?: boolean;
}

/**
 * ContingencySimilarity over coded columns (codes of a column must mean the same category in both
 * tables, except binned ids, which SDMetrics also compares as plain numbers).
 */
export function contingencySimilarityCoded(
  realA: CodedColumn,
  realB: CodedColumn,
  synthA: CodedColumn,
  synthB: CodedColumn,
  options: ContingencyOptions = {},
): number {
  if (realA.size !== synthA.size || realB.size !== synthB.size) throw new Error('real and synthetic codes differ in size');
  return contingencyFromCounts(jointCounts(realA, realB), jointCounts(synthA, synthB), realA, realB, options);
}

/** The same from joint counts already made (the report shares the real counts with Cramér's V). */
export function contingencyFromCounts(
  r: JointCounts,
  s: JointCounts,
  realA: CodedColumn,
  realB: CodedColumn,
  options: ContingencyOptions = {},
): number {
  if (r.total === 0 || s.total === 0) return NaN;
  const seen = new Set<number>();
  let tv = 0;
  for (const c of r.cells()) {
    seen.add(c);
    tv += Math.abs(r.get(c) / r.total - s.get(c) / s.total);
  }
  for (const c of s.cells()) if (!seen.has(c)) tv += s.get(c) / s.total;
  if (options.bothMissingDoubleCount && realA.missingCode >= 0 && realB.missingCode >= 0) {
    const both = realA.missingCode * realB.size + realB.missingCode;
    if (r.get(both) > 0 && s.get(both) > 0) tv += Math.abs(r.get(both) / r.total - s.get(both) / s.total);
  }
  return 1 - 0.5 * tv;
}

/**
 * SDMetrics ContingencySimilarity = 1 - 0.5 * sum over cells (a, b) of |p_real(a, b) - p_synth(a, b)|,
 * p = joint share over all rows. Discrete columns: categories by value, missing is a category of
 * its own. Continuous columns: binned per table with that table's own numpy.histogram_bin_edges
 * (10 equal-width bins) and numpy.digitize (maximum and missing both id 11).
 */
export function contingencySimilarity(
  real: [ArrayLike<Cell>, ArrayLike<Cell>],
  synthetic: [ArrayLike<Cell>, ArrayLike<Cell>],
  kinds: [QualityKind, QualityKind] = ['discrete', 'discrete'],
  options: ContingencyOptions = {},
): number {
  const a = codePairColumn(real[0], synthetic[0], kinds[0]);
  const b = codePairColumn(real[1], synthetic[1], kinds[1]);
  return contingencySimilarityCoded(a.real, b.real, a.synthetic, b.synthetic, options);
}
