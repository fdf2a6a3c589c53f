import type { Rng } from '../util/random.ts';
import { withinBinPosition, type ColumnCoder } from './column-coder.ts';
import { inverseNormal, normalCdf } from './normal.ts';

/**
 * Binning keeps which bin each number falls in, but not where inside the bin: drawn
 * independently, two amounts that move together (one month's bill and the next) lose part of
 * their correlation, most of all in the wide tail bins that dominate Pearson's r. This Gaussian
 * copula keeps that residual dependence: the within-bin positions of the training rows, as normal
 * scores, have a correlation matrix (estimated over rows where both columns sit in a range bin);
 * samples draw their within-bin positions jointly from it. Point masses are unaffected.
 */
export interface WithinBinCopula {
  /** column indices of the numeric columns, in the order of the matrix */
  columns: number[];
  /** lower-triangular Cholesky factor, row-major, dimension columns.length */
  cholesky: number[];
}

export function fitWithinBinCopula(coders: readonly ColumnCoder[], codes: Uint16Array[], values: (ArrayLike<unknown> | null)[], minPairs = 30): WithinBinCopula {
  const columns = coders.map((c, j) => (c.kind === 'numeric' ? j : -1)).filter((j) => j >= 0);
  const d = columns.length;
  const n = codes[0]?.length ?? 0;
  const z = columns.map((j) => {
    const coder = coders[j];
    const v = values[j]!;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const x = v[i];
      const pos = coder.kind === 'numeric' && typeof x === 'number' ? withinBinPosition(coder, codes[j][i], x) : NaN;
      out[i] = pos === pos ? inverseNormal(Math.min(1 - 1e-6, Math.max(1e-6, pos))) : NaN;
    }
    return out;
  });
  const r = new Float64Array(d * d);
  for (let a = 0; a < d; a++) {
    r[a * d + a] = 1;
    for (let b = 0; b < a; b++) {
      let m = 0;
      let sa = 0;
      let sb = 0;
      let saa = 0;
      let sbb = 0;
      let sab = 0;
      const za = z[a];
      const zb = z[b];
      for (let i = 0; i < n; i++) {
        const x = za[i];
        const y = zb[i];
        if (x !== x || y !== y) continue;
        m++;
        sa += x;
        sb += y;
        saa += x * x;
        sbb += y * y;
        sab += x * y;
      }
      let rho = 0;
      if (m >= minPairs) {
        const cov = sab / m - (sa / m) * (sb / m);
        const va = saa / m - (sa / m) ** 2;
        const vb = sbb / m - (sb / m) ** 2;
        rho = va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : 0;
      }
      r[a * d + b] = rho;
      r[b * d + a] = rho;
    }
  }
  // pairwise estimates need not form a valid correlation matrix: shrink toward I until Cholesky works
  for (let shrink = 0.02; ; shrink = Math.min(1, shrink * 2)) {
    const l = cholesky(r, d, shrink);
    if (l) return { columns, cholesky: Array.from(l) };
    if (shrink >= 1) throw new Error('within-bin copula: no valid correlation matrix');
  }
}

function cholesky(r: Float64Array, d: number, shrink: number): Float64Array | null {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = (i === j ? 1 : (1 - shrink) * r[i * d + j]);
      for (let k = 0; k < j; k++) s -= l[i * d + k] * l[j * d + k];
      if (i === j) {
        if (!(s > 1e-10)) return null;
        l[i * d + i] = Math.sqrt(s);
      } else {
        l[i * d + j] = s / l[j * d + j];
      }
    }
  }
  return l;
}

/** Within-bin positions for one row, written into u (indexed by column index). */
export function drawWithinBinPositions(copula: WithinBinCopula, rng: Rng, u: Float64Array, scratch: Float64Array): void {
  const d = copula.columns.length;
  const l = copula.cholesky;
  for (let i = 0; i < d; i++) scratch[i] = rng.normal();
  for (let i = d - 1; i >= 0; i--) {
    let s = 0;
    for (let k = 0; k <= i; k++) s += l[i * d + k] * scratch[k];
    u[copula.columns[i]] = normalCdf(s);
  }
}
