/**
 * Small dense solves for Newton steps (a few hundred unknowns at most), on flat row-major
 * Float64Arrays.
 */

/**
 * Solves A x = b for symmetric positive definite A (n x n, only the upper triangle is read)
 * by Cholesky. Returns null when A is not numerically positive definite.
 */
export function solveSpd(a: Float64Array, b: Float64Array, n: number): Float64Array | null {
  // L stored row-major in the lower triangle: A = L Lᵀ
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= l[j * n + k] * l[j * n + k];
    if (!(d > 0) || !Number.isFinite(d)) return null;
    const ljj = Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      // A[i][j] = A[j][i]: read the upper triangle
      let s = a[j * n + i];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = s / ljj;
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * n + k] * y[k];
    y[i] = s / l[i * n + i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= l[k * n + i] * x[k];
    x[i] = s / l[i * n + i];
  }
  return x;
}
