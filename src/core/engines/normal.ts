/**
 * A number per code of an ordered column for the variance split criterion: the standard normal
 * quantile of the code's mid cumulative share. Ranks, not raw amounts, so a few huge bills do not
 * decide every split; normal rather than uniform so the extremes still weigh a little more.
 */
export function normalScores(codes: Uint16Array, nCodes: number): Float64Array {
  const count = new Float64Array(nCodes);
  for (let i = 0; i < codes.length; i++) count[codes[i]]++;
  const out = new Float64Array(nCodes);
  let below = 0;
  for (let c = 0; c < nCodes; c++) {
    const mid = (below + count[c] / 2) / Math.max(1, codes.length);
    out[c] = inverseNormal(Math.min(1 - 1e-9, Math.max(1e-9, mid)));
    below += count[c];
  }
  return out;
}

/** Acklam's rational approximation of the standard normal quantile (relative error < 1.2e-9). */
export function inverseNormal(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const pl = 0.02425;
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - pl) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** Standard normal CDF (Zelen & Severo 26.2.17 via erfc; absolute error < 7.5e-8). */
export function normalCdf(z: number): number {
  const t = 1 / (1 + 0.2316419 * Math.abs(z));
  const d = 0.3989422804014327 * Math.exp(-0.5 * z * z);
  const p = d * t * (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return z >= 0 ? 1 - p : p;
}
