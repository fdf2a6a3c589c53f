/**
 * Zero-concentrated differential privacy (zCDP, Bun & Steinke 2016) bookkeeping: every
 * measurement of the DP engine costs some rho, costs add up (composition), and the total rho is
 * converted to the (epsilon, delta) the user reads with the standard bound
 *   epsilon = rho + 2 sqrt(rho ln(1 / delta)),
 * which this file inverts exactly (a quadratic in sqrt(rho)) so the engine spends the user's
 * epsilon to the last digit.
 */

/** The epsilon that rho-zCDP implies at this delta (Bun & Steinke, Proposition 1.3). */
export function epsilonFromRho(rho: number, delta: number): number {
  checkDelta(delta);
  if (!(rho >= 0)) throw new Error(`rho must be >= 0, got ${rho}`);
  return rho + 2 * Math.sqrt(rho * Math.log(1 / delta));
}

/**
 * The largest rho whose (epsilon, delta) guarantee is the one asked for: with s = sqrt(rho) and
 * L = ln(1 / delta), s^2 + 2 s sqrt(L) - epsilon = 0, so s = sqrt(L + epsilon) - sqrt(L).
 */
export function rhoFromEpsilonDelta(epsilon: number, delta: number): number {
  checkDelta(delta);
  if (!(epsilon > 0) || !Number.isFinite(epsilon)) throw new Error(`epsilon must be a positive number, got ${epsilon}`);
  const L = Math.log(1 / delta);
  // sqrt(L + e) - sqrt(L) written as e / (sqrt(L + e) + sqrt(L)): no cancellation for small epsilon
  const s = epsilon / (Math.sqrt(L + epsilon) + Math.sqrt(L));
  return s * s;
}

/** Gaussian mechanism: noise N(0, sigma^2) on a query of L2 sensitivity Δ is Δ^2 / (2 sigma^2)-zCDP. */
export function gaussianSigma(rho: number, l2Sensitivity = 1): number {
  if (!(rho > 0)) throw new Error(`rho must be > 0, got ${rho}`);
  return l2Sensitivity / Math.sqrt(2 * rho);
}

/** The zCDP cost of the Gaussian mechanism with this sigma. */
export function gaussianRho(sigma: number, l2Sensitivity = 1): number {
  return (l2Sensitivity * l2Sensitivity) / (2 * sigma * sigma);
}

/**
 * Exponential mechanism: epsilon-DP (with the utility's sensitivity in its exponent) is
 * epsilon^2 / 8-zCDP (bounded range, Cesar & Rogers 2021), as MST accounts for it; so a rho buys
 * epsilon = sqrt(8 rho).
 */
export function exponentialEpsilon(rho: number): number {
  if (!(rho > 0)) throw new Error(`rho must be > 0, got ${rho}`);
  return Math.sqrt(8 * rho);
}

export function exponentialRho(epsilon: number): number {
  return (epsilon * epsilon) / 8;
}

/** Sequential composition under zCDP: the rhos add. */
export function composeRho(rhos: readonly number[]): number {
  let s = 0;
  for (const r of rhos) s += r;
  return s;
}

/**
 * The default delta: 1e-6, or one over the number of rows squared when that is smaller (delta
 * should be well below 1/n). The row count is treated as public (see docs/DIFFERENTIAL_PRIVACY.md).
 */
export function defaultDelta(nRows: number): number {
  return Math.min(1e-6, 1 / Math.max(1, nRows) ** 2);
}

function checkDelta(delta: number): void {
  if (!(delta > 0 && delta < 1)) throw new Error(`delta must lie strictly between 0 and 1, got ${delta}`);
}
