import { codePairColumn, type CodedColumn } from './codedColumn';
import { jointCounts, type JointCounts } from './jointCounts';
import type { Cell, QualityKind } from './types';

/**
 * Cramér's V without bias correction (scipy.stats.contingency.association(method="cramer")):
 * sqrt(chi2 / (n * (min(rows, cols) - 1))) over the categories that occur. NaN when a column has a
 * single category (scipy's 0 / 0).
 */
export function cramersVCoded(a: CodedColumn, b: CodedColumn): number {
  return cramersVFromCounts(jointCounts(a, b), a.size, b.size);
}

/** Cramér's V from joint counts over codes in [0, sizeA) x [0, sizeB). */
export function cramersVFromCounts(counts: JointCounts, sizeA: number, sizeB: number): number {
  const n = counts.total;
  const rowSum = new Float64Array(sizeA);
  const colSum = new Float64Array(sizeB);
  for (const c of counts.cells()) {
    const v = counts.get(c);
    rowSum[Math.floor(c / sizeB)] += v;
    colSum[c % sizeB] += v;
  }
  const rows: number[] = [];
  const cols: number[] = [];
  for (let i = 0; i < sizeA; i++) if (rowSum[i] > 0) rows.push(i);
  for (let j = 0; j < sizeB; j++) if (colSum[j] > 0) cols.push(j);
  const k = Math.min(rows.length, cols.length);
  if (n === 0 || k < 2) return NaN;
  let chi2 = 0;
  for (const i of rows) {
    for (const j of cols) {
      const expected = (rowSum[i] * colSum[j]) / n;
      const d = counts.get(i * sizeB + j) - expected;
      chi2 += (d * d) / expected;
    }
  }
  return Math.sqrt(chi2 / (n * (k - 1)));
}

/**
 * Cramér's V of one table's pair of columns. A continuous column is binned as in Column Pair
 * Trends; a missing discrete value counts as a category of its own, as in ContingencySimilarity
 * (the reference real sample has none, so this choice is untested against SDMetrics).
 */
export function cramersV(a: ArrayLike<Cell>, b: ArrayLike<Cell>, kinds: [QualityKind, QualityKind] = ['discrete', 'discrete']): number {
  const ca = codePairColumn(a, [], kinds[0]).real;
  const cb = codePairColumn(b, [], kinds[1]).real;
  return cramersVCoded(ca, cb);
}
