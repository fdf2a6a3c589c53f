/**
 * What the DP engine spent and where: carried by the fitted model, its JSON file, the Train
 * screen and the report, so the guarantee travels with the data it covers.
 */
export interface DpMeasurement {
  step: 'bins' | 'copula' | 'one-way' | 'select' | 'two-way';
  /** the column(s) measured (for 'select', every column) */
  columns: string[];
  mechanism: 'gaussian' | 'exponential';
  /** zCDP cost of this measurement (all its cells / quantiles / tree steps together) */
  rho: number;
  /** Gaussian mechanism: noise standard deviation per cell, in rows */
  sigma?: number;
  /** exponential mechanism: epsilon of each use */
  epsilonEach?: number;
  /** exponential mechanism: how many uses (quantiles, tree steps) */
  uses?: number;
  /** Gaussian mechanism: cells measured (for 'bins': histogram levels) */
  cells?: number;
}

export interface DpGuarantee {
  kind: 'differential-privacy';
  mechanism: string;
  accounting: 'zCDP';
  epsilon: number;
  delta: number;
  /** the zCDP budget that epsilon and delta allow (exact inverse of epsilon = rho + 2 sqrt(rho ln(1/delta))) */
  rho: number;
  /** the sum of the measurements' rho: equal to rho (the whole budget is spent) */
  rhoSpent: number;
  neighbouring: string;
  measurements: DpMeasurement[];
  /** what the guarantee does not cover, in plain words */
  unprotected: string;
}

export const DP_NEIGHBOURING = 'datasets that differ by adding or removing one row (one customer)';

export const DP_UNPROTECTED =
  'Not protected by the guarantee: the schema (column names, roles, the set of category labels, ' +
  'which columns have missing cells), the number of training rows, and any bin ranges you declared ' +
  'yourself. These are read from the data or from you without noise. Everything learned from the ' +
  'values of the rows (bin cut points, marginals, the choice of pairs) is covered.';
