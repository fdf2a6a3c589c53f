import type { ColumnCoder } from './column-coder.ts';

/**
 * A sample about as large as the training table should span the same range, but the few
 * training values far out in a tail (a bill of 983,931 where the next ones are near 600,000) sit
 * on the last stretch of the tail bin's quantile function, which a sample rarely reaches: the
 * synthetic maxima fell short, and pair trends (which bin each table between its own minimum and
 * maximum) lost points for it. Here the most extreme sampled value of each numeric column, when
 * it lies in the column's outermost range bin, is moved to the training minimum or maximum the
 * model already holds (the outer edges of those bins). One row per end and column
 * changes, inside its own bin, so every code and marginal share is kept; a change that would make
 * the row a copy of a rare training row is undone.
 */
export function stretchToRangeEnds(
  coders: readonly ColumnCoder[],
  values: (string | number | null)[][],
  isRareCopy: ((row: ArrayLike<string | number | null>) => boolean) | null,
): number {
  let moved = 0;
  const n = values[0]?.length ?? 0;
  const rowOf = (i: number) => values.map((c) => c[i]);
  coders.forEach((coder, j) => {
    if (coder.kind !== 'numeric') return;
    const ranges = coder.bins.filter((b) => b.type === 'range');
    if (ranges.length === 0) return;
    const low = ranges[0].knots;
    const high = ranges[ranges.length - 1].knots;
    const col = values[j];
    let iMin = -1;
    let iMax = -1;
    for (let i = 0; i < n; i++) {
      const v = col[i];
      if (typeof v !== 'number') continue;
      if (iMin < 0 || v < (col[iMin] as number)) iMin = i;
      if (iMax < 0 || v > (col[iMax] as number)) iMax = i;
    }
    const move = (i: number, inBin: boolean, to: number) => {
      if (i < 0 || !inBin || col[i] === to) return;
      const was = col[i];
      col[i] = to;
      if (isRareCopy?.(rowOf(i))) col[i] = was;
      else moved++;
    };
    move(iMax, iMax >= 0 && (col[iMax] as number) >= high[0], high[high.length - 1]);
    move(iMin, iMin >= 0 && (col[iMin] as number) <= low[low.length - 1], low[0]);
  });
  return moved;
}
