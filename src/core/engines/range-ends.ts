import type { Rng } from '../util/random.ts';
import type { ColumnCoder } from './column-coder.ts';

/**
 * A sample about as large as the training table should reach about as far, but the few training
 * values far out in a tail (a bill of 983,931 where the next ones are near 600,000) sit on the
 * last stretch of the tail bin's quantile function, which a sample rarely reaches: the synthetic
 * maxima fell short, and pair trends (which bin each table between its own minimum and maximum)
 * lost points for it. Here the most extreme sampled value of each numeric column, when it lies in
 * the column's outermost range bin, is redrawn in the outer half of that bin's last stretch
 * (between the last inner knot and the edge), strictly inside the edge: the edge is a real value
 * (the training minimum or maximum), which is never copied. One row per end and column changes,
 * inside its own bin, so every code and marginal share is kept; a change that would make the row
 * a copy of a rare training row is undone.
 */
export function stretchToRangeEnds(
  coders: readonly ColumnCoder[],
  values: (string | number | null)[][],
  isRareCopy: ((row: ArrayLike<string | number | null>) => boolean) | null,
  rng: Rng,
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
    const step = coder.column.integer ? (coder.step ?? 1) : 0;
    // a value in the outer half of [inner, edge), rounded as the column is, never the edge itself
    const redraw = (i: number, inner: number, edge: number) => {
      const was = col[i] as number;
      let v = inner + (0.5 + 0.5 * rng.next()) * (edge - inner);
      if (step > 0) v = Math.round(v / step) * step + 0;
      if (v === edge) v = step > 0 ? edge - Math.sign(edge - inner) * step : was;
      // only outward: a draw already further out stays
      if (edge > inner ? v <= was : v >= was) return;
      col[i] = v;
      if (isRareCopy?.(rowOf(i))) col[i] = was;
      else moved++;
    };
    const inBin = (i: number, knots: number[]) => i >= 0 && knots.length >= 2 && (col[i] as number) >= knots[0] && (col[i] as number) <= knots[knots.length - 1];
    if (inBin(iMax, high)) redraw(iMax, high[high.length - 2], high[high.length - 1]);
    if (inBin(iMin, low)) redraw(iMin, low[1], low[0]);
  });
  return moved;
}
