import type { Rng } from '../../util/random.ts';
import { withinBinPosition, type ColumnCoder } from '../column-coder.ts';
import type { WithinBinCopula } from '../within-bin-copula.ts';
import { gaussianSigma } from './accounting.ts';

/**
 * Where a number sits inside its bin is not in the marginals: drawn independently per column,
 * two amounts that move together (one month's bill and the next) lose most of their Pearson
 * correlation, which the wide top bins dominate (measured on a validation part of UCI: adjacent
 * bills at r 0.95 came out near 0.6). The other engines fit a within-bin Gaussian copula from the
 * rows; here its correlation matrix is measured with the Gaussian mechanism.
 *
 * Per row and numeric column, s = (within-bin position - 1/2) in [-1/2, 1/2] when the value sits
 * in a range bin, else 0 (points, missing cells). The measured vector is, over the rows, the sums
 * of s_a s_b for every pair a < b and of s_a² for every column: one row changes each entry by at
 * most 1/4, so the L2 sensitivity is sqrt(pairs + columns) / 4. The noisy sums give Spearman-type
 * correlations r = S_ab / sqrt(V_a V_b) (post-processing), turned into the copula's normal
 * correlation 2 sin(pi r / 6) and shrunk toward the identity until the matrix is valid.
 * The bins (and so the positions) come from earlier private steps, so this composes adaptively.
 */
export interface PrivateCopula {
  copula: WithinBinCopula;
  sigma: number;
  cells: number;
  sensitivity: number;
}

/** L2 sensitivity of the measured vector for d numeric columns. */
export function copulaSensitivity(d: number): number {
  return Math.sqrt((d * (d - 1)) / 2 + d) / 4;
}

export function privateWithinBinCopula(coders: readonly ColumnCoder[], codes: readonly Uint16Array[], values: readonly ArrayLike<unknown>[], rho: number, rng: Rng): PrivateCopula | null {
  const columns = coders.map((c, j) => (c.kind === 'numeric' ? j : -1)).filter((j) => j >= 0);
  const d = columns.length;
  if (d < 2) return null;
  const n = codes[0].length;
  const s = columns.map((j) => {
    const coder = coders[j];
    const out = new Float64Array(n);
    if (coder.kind !== 'numeric') return out;
    const v = values[j];
    for (let i = 0; i < n; i++) {
      const x = v[i];
      const p = typeof x === 'number' && Number.isFinite(x) ? withinBinPosition(coder, codes[j][i], x) : NaN;
      out[i] = p === p ? Math.min(1, Math.max(0, p)) - 0.5 : 0;
    }
    return out;
  });
  const sensitivity = copulaSensitivity(d);
  const sigma = sensitivity * gaussianSigma(rho);
  const sum = (a: Float64Array, b: Float64Array) => {
    let t = 0;
    for (let i = 0; i < n; i++) t += a[i] * b[i];
    return t + sigma * rng.normal();
  };
  const v = s.map((x) => sum(x, x));
  const r = new Float64Array(d * d);
  for (let a = 0; a < d; a++) {
    r[a * d + a] = 1;
    for (let b = 0; b < a; b++) {
      const cov = sum(s[a], s[b]);
      // a column whose noisy variance is not clearly positive gets no within-bin dependence
      const spearman = v[a] > sigma && v[b] > sigma ? Math.max(-1, Math.min(1, cov / Math.sqrt(v[a] * v[b]))) : 0;
      const normal = 2 * Math.sin((Math.PI * spearman) / 6);
      r[a * d + b] = normal;
      r[b * d + a] = normal;
    }
  }
  for (let shrink = 0; ; shrink = shrink === 0 ? 0.02 : Math.min(1, shrink * 2)) {
    const l = choleskyShrunk(r, d, shrink);
    if (l) return { copula: { columns, cholesky: Array.from(l) }, sigma, cells: (d * (d + 1)) / 2, sensitivity };
    if (shrink >= 1) return null;
  }
}

/** Cholesky factor of (1 - shrink) R + shrink I, or null when it is not positive definite. */
export function choleskyShrunk(r: Float64Array, d: number, shrink: number): Float64Array | null {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let t = i === j ? 1 : (1 - shrink) * r[i * d + j];
      for (let k = 0; k < j; k++) t -= l[i * d + k] * l[j * d + k];
      if (i === j) {
        if (!(t > 1e-10)) return null;
        l[i * d + i] = Math.sqrt(t);
      } else l[i * d + j] = t / l[j * d + j];
    }
  }
  return l;
}
