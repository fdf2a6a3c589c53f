/**
 * Inverse-CDF draws: the index of the first cumulative probability above u within
 * cum[offset, offset + length). With u uniform in [0, 1) and the last value 1 this draws index i
 * with probability cum[i] − cum[i − 1]; a zero-probability index (a repeated value) is never chosen.
 * The answer is relative to offset, so one array can hold many distributions side by side.
 */
export function indexAboveCumulative(cum: ArrayLike<number>, u: number, offset = 0, length = cum.length - offset): number {
  let lo = 0;
  let hi = length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[offset + mid] > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
