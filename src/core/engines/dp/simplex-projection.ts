/**
 * Euclidean projection of noisy counts onto {x >= 0, sum x = total}: subtract one constant from
 * every cell and clip at zero (Duchi et al. 2008). Unlike clipping alone it does not inflate the
 * many empty cells a noisy table has, which is why MST-style estimators prefer it.
 */
export function projectToSimplex(y: ArrayLike<number>, total: number): Float64Array {
  const n = y.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  if (!(total > 0)) return out;
  const sorted = Float64Array.from(y).sort().reverse();
  let cumulative = 0;
  let tau = 0;
  for (let i = 0; i < n; i++) {
    cumulative += sorted[i];
    const t = (cumulative - total) / (i + 1);
    if (sorted[i] - t > 0) tau = t;
  }
  for (let i = 0; i < n; i++) out[i] = Math.max(0, y[i] - tau);
  return out;
}
