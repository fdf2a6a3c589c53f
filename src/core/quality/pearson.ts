/**
 * Pearson correlation over the rows where both values are present (NaN = missing), computed as
 * scipy.stats.pearsonr does (centre, then normalise): NaN when fewer than 2 rows remain or either
 * column is constant on them (scipy's ConstantInputWarning case).
 */
export function pearson(x: Float64Array, y: Float64Array): number {
  const n = x.length;
  let m = 0;
  let sx = 0;
  let sy = 0;
  let x0 = NaN;
  let y0 = NaN;
  let xConst = true;
  let yConst = true;
  for (let i = 0; i < n; i++) {
    const a = x[i];
    const b = y[i];
    if (a !== a || b !== b) continue;
    if (m === 0) {
      x0 = a;
      y0 = b;
    } else {
      if (a !== x0) xConst = false;
      if (b !== y0) yConst = false;
    }
    m++;
    sx += a;
    sy += b;
  }
  if (m < 2 || xConst || yConst) return NaN;
  const mx = sx / m;
  const my = sy / m;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const a = x[i];
    const b = y[i];
    if (a !== a || b !== b) continue;
    const dx = a - mx;
    const dy = b - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  const r = sxy / (Math.sqrt(sxx) * Math.sqrt(syy));
  return Math.max(-1, Math.min(1, r));
}
