/**
 * numpy.linspace(start, stop, num) with numpy's exact arithmetic: edge i is `i * step + start`
 * and the last edge is `stop` itself. So linspace(0, 1, 11)[3] is 0.30000000000000004, not 0.3;
 * bin assignment must compare against these values to agree with numpy/scikit-learn/SDMetrics.
 */
export function linspace(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num);
  if (num === 1) {
    out[0] = start;
    return out;
  }
  const div = num - 1;
  const delta = stop - start;
  const step = delta / div;
  for (let i = 0; i < num; i++) out[i] = step === 0 ? ((i / div) * delta) + start : i * step + start;
  out[num - 1] = stop;
  return out;
}

/** Number of `sorted` entries strictly below x (numpy.searchsorted side='left'). */
export function countBelow(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Number of `sorted` entries at or below x (numpy.searchsorted side='right'; numpy.digitize for increasing bins). */
export function countAtOrBelow(sorted: ArrayLike<number>, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
