import type { FeatureMatrix } from '../features/feature-matrix.ts';
import { solveSpd } from './dense-linear-algebra.ts';
import { checkBinaryTarget, resolveSampleWeights, type ClassWeight } from './sample-weights.ts';
import { runToEnd, runWithCheckpoints, type Stepwise } from '../../util/stepwise.ts';

/**
 * L2-regularised logistic regression with scikit-learn's convention:
 *   minimise  C · Σ_i s_i · logloss_i  +  ½ ‖w‖²   (intercept not penalised)
 * solved by Newton's method with a backtracking line search. Internally the objective is divided
 * by C (same minimiser), so C = Infinity is the unregularised maximum-likelihood fit.
 * Inputs are expected standardised (see the standard encoder); the penalty is scale-dependent.
 */

export interface LogisticRegressionOptions {
  /** inverse regularisation strength; default 1; Infinity = no penalty */
  C?: number;
  fitIntercept?: boolean;
  classWeight?: ClassWeight;
  sampleWeight?: ArrayLike<number>;
  /** stop when max |gradient| ≤ tol · max(1, Σ weights) (gradient of the C-scaled-down objective); default 1e-10 */
  tol?: number;
  /** Newton iterations; default 100 */
  maxIter?: number;
}

export interface LogisticRegressionModel {
  kind: 'logistic-regression';
  version: 1;
  featureNames: string[];
  /** w_j, one per input column */
  coefficients: number[];
  intercept: number;
  /** the C used; null = unregularised (JSON has no Infinity) */
  C: number | null;
  classWeight: ClassWeight;
  iterations: number;
  converged: boolean;
  /** max |gradient| of Σ s_i logloss_i + ‖w‖²/(2C) at the solution */
  gradientMaxAbs: number;
}

function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Rows of the gradient and Hessian sums between two pauses of the stepwise fit. */
const ROWS_PER_CHUNK = 4096;

export function fitLogisticRegression(
  x: FeatureMatrix,
  y: ArrayLike<number>,
  options: LogisticRegressionOptions = {},
): LogisticRegressionModel {
  return runToEnd(logisticRegressionSteps(x, y, options));
}

/** The same fit, pausing at `checkpoint` between chunks of work (which may throw to cancel). */
export function fitLogisticRegressionAsync(
  x: FeatureMatrix,
  y: ArrayLike<number>,
  options: LogisticRegressionOptions,
  checkpoint: () => Promise<void> | void,
): Promise<LogisticRegressionModel> {
  return runWithCheckpoints(logisticRegressionSteps(x, y, options), checkpoint);
}

/** The fit as a generator that yields between blocks of rows and between Newton steps. */
export function* logisticRegressionSteps(
  x: FeatureMatrix,
  y: ArrayLike<number>,
  options: LogisticRegressionOptions = {},
): Stepwise<LogisticRegressionModel> {
  const C = options.C ?? 1;
  if (!(C > 0)) throw new Error(`C must be > 0, got ${C}`);
  const fitIntercept = options.fitIntercept ?? true;
  const tol = options.tol ?? 1e-10;
  const maxIter = options.maxIter ?? 100;
  const { nRows: n, nCols: p, data } = x;
  checkBinaryTarget(y, n);
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) throw new Error('logistic regression needs finite inputs (use the standard encoder)');
  }
  const s = resolveSampleWeights(y, options.classWeight ?? null, options.sampleWeight);
  const lambda = Number.isFinite(C) ? 1 / C : 0;

  // β = [w_0 .. w_{p-1}, b]; the intercept is the last unknown (fixed at 0 without intercept)
  const m = p + 1;
  const beta = new Float64Array(m);
  let sw = 0;
  let swPos = 0;
  for (let i = 0; i < n; i++) {
    sw += s[i];
    swPos += s[i] * y[i];
  }
  if (fitIntercept && swPos > 0 && swPos < sw) beta[p] = Math.log(swPos / (sw - swPos));
  const gtol = tol * Math.max(1, sw);

  const z = new Float64Array(n);
  const scores = (b: Float64Array, out: Float64Array): void => {
    for (let i = 0; i < n; i++) {
      let acc = b[p];
      const o = i * p;
      for (let j = 0; j < p; j++) acc += b[j] * data[o + j];
      out[i] = acc;
    }
  };
  const objective = (b: Float64Array, zz: Float64Array): number => {
    let f = 0;
    for (let i = 0; i < n; i++) if (s[i] !== 0) f += s[i] * (softplus(zz[i]) - y[i] * zz[i]);
    let r = 0;
    for (let j = 0; j < p; j++) r += b[j] * b[j];
    return f + 0.5 * lambda * r;
  };

  const grad = new Float64Array(m);
  const hess = new Float64Array(m * m);
  const trial = new Float64Array(m);
  const zTrial = new Float64Array(n);
  const nonZero = new Int32Array(p);
  scores(beta, z);
  let f = objective(beta, z);
  let iterations = 0;
  let converged = false;
  let gmax = Infinity;

  for (;;) {
    grad.fill(0);
    hess.fill(0);
    for (let i = 0; i < n; i++) {
      if (i > 0 && i % ROWS_PER_CHUNK === 0) yield;
      const si = s[i];
      if (si === 0) continue;
      const pi = sigmoid(z[i]);
      const r = si * (pi - y[i]);
      const d = si * pi * (1 - pi);
      const o = i * p;
      // one-hot blocks are mostly zeros: accumulate over the row's non-zero pairs only
      let nz = 0;
      for (let j = 0; j < p; j++) if (data[o + j] !== 0) nonZero[nz++] = j;
      for (let a = 0; a < nz; a++) {
        const j = nonZero[a];
        const xj = data[o + j];
        grad[j] += r * xj;
        const dxj = d * xj;
        const row = j * m;
        for (let b = a; b < nz; b++) {
          const k = nonZero[b];
          hess[row + k] += dxj * data[o + k];
        }
        hess[row + p] += dxj;
      }
      grad[p] += r;
      hess[p * m + p] += d;
    }
    for (let j = 0; j < p; j++) {
      grad[j] += lambda * beta[j];
      hess[j * m + j] += lambda;
    }
    if (!fitIntercept) {
      grad[p] = 0;
      // decouple the fixed intercept from the solve
      for (let j = 0; j < p; j++) hess[j * m + p] = 0;
      hess[p * m + p] = 1;
    }
    gmax = 0;
    for (let j = 0; j < m; j++) gmax = Math.max(gmax, Math.abs(grad[j]));
    if (gmax <= gtol) {
      converged = true;
      break;
    }
    if (iterations >= maxIter) break;
    iterations++;
    yield;

    let step = solveSpd(hess, grad, m);
    // a singular Hessian (unregularised, collinear or separable data): add a growing ridge
    for (let jitter = 1e-10; step === null && jitter < 1e10; jitter *= 100) {
      const h2 = hess.slice();
      let scale = 0;
      for (let j = 0; j < m; j++) scale = Math.max(scale, h2[j * m + j]);
      for (let j = 0; j < m; j++) h2[j * m + j] += jitter * Math.max(1, scale);
      step = solveSpd(h2, grad, m);
    }
    if (step === null) break;
    let slope = 0;
    for (let j = 0; j < m; j++) slope += grad[j] * step[j];
    let t = 1;
    let accepted = false;
    for (let ls = 0; ls < 60; ls++) {
      for (let j = 0; j < m; j++) trial[j] = beta[j] - t * step[j];
      scores(trial, zTrial);
      const fTrial = objective(trial, zTrial);
      // Armijo, with a little slack for rounding once the decrease is at machine precision
      if (fTrial <= f - 1e-4 * t * slope + 1e-13 * Math.abs(f)) {
        beta.set(trial);
        z.set(zTrial);
        f = fTrial;
        accepted = true;
        break;
      }
      t *= 0.5;
      yield;
    }
    if (!accepted) break;
  }

  return {
    kind: 'logistic-regression',
    version: 1,
    featureNames: x.columnNames.slice(),
    coefficients: Array.from(beta.subarray(0, p)),
    intercept: fitIntercept ? beta[p] : 0,
    C: Number.isFinite(C) ? C : null,
    classWeight: options.classWeight ?? null,
    iterations,
    converged,
    gradientMaxAbs: gmax,
  };
}

function checkColumns(model: LogisticRegressionModel, x: FeatureMatrix): void {
  if (x.nCols !== model.coefficients.length) {
    throw new Error(`model expects ${model.coefficients.length} columns, matrix has ${x.nCols}`);
  }
}

/** Log-odds b + w·x per row. */
export function logisticDecisionFunction(model: LogisticRegressionModel, x: FeatureMatrix): Float64Array {
  checkColumns(model, x);
  const { nRows, nCols, data } = x;
  const w = Float64Array.from(model.coefficients);
  const out = new Float64Array(nRows);
  for (let i = 0; i < nRows; i++) {
    let acc = model.intercept;
    const o = i * nCols;
    for (let j = 0; j < nCols; j++) acc += w[j] * data[o + j];
    out[i] = acc;
  }
  return out;
}

/** P(y = 1) per row. */
export function logisticPredictProba(model: LogisticRegressionModel, x: FeatureMatrix): Float64Array {
  const z = logisticDecisionFunction(model, x);
  for (let i = 0; i < z.length; i++) z[i] = sigmoid(z[i]);
  return z;
}

/**
 * Exact additive explanation of one row's log-odds: contributions[j] = w_j · x_j, and
 * intercept + Σ contributions = the decision function.
 */
export function logisticContributions(
  model: LogisticRegressionModel,
  x: FeatureMatrix,
  row: number,
): { intercept: number; contributions: Float64Array } {
  checkColumns(model, x);
  const contributions = new Float64Array(x.nCols);
  const o = row * x.nCols;
  for (let j = 0; j < x.nCols; j++) contributions[j] = model.coefficients[j] * x.data[o + j];
  return { intercept: model.intercept, contributions };
}

/** Validates parsed JSON as a model (the model is plain data: JSON.stringify writes it). */
export function parseLogisticRegression(json: unknown): LogisticRegressionModel {
  const m = json as LogisticRegressionModel;
  if (
    !m ||
    m.kind !== 'logistic-regression' ||
    m.version !== 1 ||
    !Array.isArray(m.coefficients) ||
    !Array.isArray(m.featureNames) ||
    m.coefficients.length !== m.featureNames.length ||
    typeof m.intercept !== 'number'
  ) {
    throw new Error('not a logistic-regression model (version 1)');
  }
  return m;
}
