/**
 * One-dimensional Gaussian mixture for CTGAN's mode-specific normalisation.
 *
 * Method: maximum-likelihood EM with component pruning and backward model selection by BIC.
 *   1. seeded k-means++ + Lloyd on the (sub)sample gives up to `maxModes` initial modes;
 *   2. EM, dropping any mode whose weight falls below `weightThreshold` (CTGAN's 0.005);
 *   3. repeatedly remove the mode whose removal costs the least log-likelihood, re-run EM from
 *      there, and keep the mixture with the lowest BIC over all mode counts visited.
 * Why not sklearn's variational Dirichlet-process mixture that CTGAN uses: from a k-means start its
 * weak prior (concentration 0.001) hardly ever merges modes within 100 iterations, so a plain normal
 * column keeps all 10 modes (checked: weights 0.03..0.15 on N(100, 15^2)); BIC recovers 1.
 *
 * Spikes (e.g. many exact zeros in PAY_AMT) would make a mode's variance collapse and the likelihood
 * unbounded; every std is floored at max(minStdFraction x range, 0.3 x the smallest gap between
 * distinct values), i.e. at the data's own resolution, so a spike becomes a narrow but finite mode.
 *
 * Values are standardised for the fit (datetime columns are ~1e12) and repeated values are collapsed
 * into (value, count) pairs, which is exact and makes integer-valued columns nearly free.
 */
import { createRng, type Rng } from '../util/random';

export interface MixtureMode {
  /** mixture weight (the retained modes' weights sum to 1); treat a fitted mixture as immutable */
  weight: number;
  /** in the column's original units */
  mean: number;
  /** standard deviation in original units (floored, never 0) */
  std: number;
}

export interface GaussianMixture1D {
  /** retained modes (weight >= threshold), sorted by mean */
  modes: MixtureMode[];
}

export interface GaussianMixtureFitInfo {
  /** EM iterations over all stages */
  iterations: number;
  /** number of (value, count) pairs the fit ran on */
  distinctFitted: number;
  /** number of points the fit ran on (after subsampling) */
  pointsFitted: number;
  /** BIC of the chosen mixture, on the fitted points */
  bic: number;
}

export interface GaussianMixtureOptions {
  /** upper bound on the number of modes (CTGAN: 10) */
  maxModes?: number;
  /** modes whose weight falls below this are dropped (CTGAN: 0.005) */
  weightThreshold?: number;
  /** EM iterations per stage */
  maxIterations?: number;
  /** EM stops when the mean log-likelihood per point improves by less than this */
  tolerance?: number;
  /** fit on a random subsample of at most this many points (speed on 300k-row tables) */
  maxFitSamples?: number;
  /**
   * choose the number of modes on a random subsample of at most this many of the fitted points,
   * then polish the chosen mixture by EM on all of them (the selection is the costly part)
   */
  maxSelectionSamples?: number;
  /** floor on every mode's std, as a fraction of the column range */
  minStdFraction?: number;
  seed?: number;
}

const DEFAULTS: Required<GaussianMixtureOptions> = {
  maxModes: 10,
  weightThreshold: 0.005,
  maxIterations: 100,
  tolerance: 1e-5,
  maxFitSamples: 20_000,
  maxSelectionSamples: 5_000,
  minStdFraction: 1e-4,
  seed: 0,
};

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
/** exp(-40) is below double rounding relative to the best mode: skip the exp */
const NEGLIGIBLE = -40;

interface Params {
  w: Float64Array;
  mu: Float64Array;
  v: Float64Array;
}

/**
 * Fit the mixture on the finite values of `values` (non-finite entries are ignored).
 * Deterministic for a given seed.
 */
export function fitGaussianMixture(
  values: ArrayLike<number>,
  options: GaussianMixtureOptions = {},
): { mixture: GaussianMixture1D; info: GaussianMixtureFitInfo } {
  const o = { ...DEFAULTS, ...options };
  const rng = createRng(o.seed);

  let finite: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) finite.push(v);
  }
  let lo = Infinity, hi = -Infinity;
  for (const v of finite) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (finite.length === 0 || hi === lo) {
    // nothing to fit, or a constant column: one mode of any positive width (values encode as 0)
    return {
      mixture: { modes: [{ weight: 1, mean: finite.length ? lo : 0, std: 1 }] },
      info: { iterations: 0, distinctFitted: finite.length ? 1 : 0, pointsFitted: finite.length, bic: 0 },
    };
  }
  const range = hi - lo;
  if (finite.length > o.maxFitSamples) finite = subsample(finite, o.maxFitSamples, rng);
  const n = finite.length;

  let center = 0;
  for (const v of finite) center += v;
  center /= n;
  let ss = 0;
  for (const v of finite) ss += (v - center) * (v - center);
  const scale = Math.sqrt(ss / n) || range;

  const full = collapse(finite, center, scale);
  const minStd = Math.max(range * o.minStdFraction, 0.3 * full.minGap * scale);
  const minVar = (minStd / scale) ** 2;

  let iterations = 0;
  const em = (data: Collapsed, start: Params): Fitted => {
    const r = runEM(data, start, minVar, o.weightThreshold, o.maxIterations, o.tolerance);
    iterations += r.iterations;
    return r;
  };

  // model selection on a smaller sample: EM from k-means, then backward elimination by BIC
  const sel = n > o.maxSelectionSamples ? collapse(subsample(finite, o.maxSelectionSamples, rng), center, scale) : full;
  let fitted = em(sel, initFromKMeans(sel, Math.min(o.maxModes, sel.x.length), minVar, rng));
  const bicOf = (f: Fitted): number => -2 * f.ll + (3 * f.params.w.length - 1) * Math.log(sel.n);
  let best = fitted;
  let bestBic = bicOf(fitted);
  while (fitted.params.w.length > 1) {
    fitted = em(sel, withoutCheapestMode(sel, fitted.params));
    const bic = bicOf(fitted);
    if (bic < bestBic) {
      best = fitted;
      bestBic = bic;
    }
  }
  if (sel !== full) best = em(full, best.params);

  const modes: MixtureMode[] = [];
  for (let k = 0; k < best.params.w.length; k++) {
    modes.push({
      weight: best.params.w[k],
      mean: best.params.mu[k] * scale + center,
      std: Math.max(Math.sqrt(best.params.v[k]) * scale, minStd),
    });
  }
  modes.sort((a, b) => a.mean - b.mean);
  return {
    mixture: { modes },
    info: { iterations, distinctFitted: full.x.length, pointsFitted: n, bic: bestBic },
  };
}

/** Standardised distinct values with their counts (repeats collapsed: exact for EM, and fast). */
interface Collapsed {
  x: Float64Array;
  c: Float64Array;
  /** total count */
  n: number;
  /** smallest gap between distinct values, standardised (Infinity for a single value) */
  minGap: number;
}

interface Fitted {
  params: Params;
  ll: number;
}

function collapse(values: number[], center: number, scale: number): Collapsed {
  const sorted = Float64Array.from(values).sort();
  const xs: number[] = [];
  const cs: number[] = [];
  let minGap = Infinity;
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i];
    if (i > 0 && v === sorted[i - 1]) {
      cs[cs.length - 1] += 1;
      continue;
    }
    if (i > 0) minGap = Math.min(minGap, v - sorted[i - 1]);
    xs.push((v - center) / scale);
    cs.push(1);
  }
  return { x: Float64Array.from(xs), c: Float64Array.from(cs), n: sorted.length, minGap: minGap / scale };
}

/** k-means++ seeding and Lloyd iterations, then each cluster's weight, mean and variance. */
function initFromKMeans({ x, c }: Collapsed, K: number, minVar: number, rng: Rng): Params {
  const labels = kMeans1D(x, c, K, rng);
  const nk = new Float64Array(K), s1 = new Float64Array(K), s2 = new Float64Array(K);
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    const k = labels[i];
    nk[k] += c[i];
    s1[k] += c[i] * x[i];
    total += c[i];
  }
  for (let k = 0; k < K; k++) if (nk[k] > 0) s1[k] /= nk[k];
  for (let i = 0; i < x.length; i++) {
    const k = labels[i];
    s2[k] += c[i] * (x[i] - s1[k]) ** 2;
  }
  const w: number[] = [], mu: number[] = [], v: number[] = [];
  for (let k = 0; k < K; k++) {
    if (nk[k] === 0) continue;
    w.push(nk[k] / total);
    mu.push(s1[k]);
    v.push(Math.max(s2[k] / nk[k], minVar));
  }
  return { w: Float64Array.from(w), mu: Float64Array.from(mu), v: Float64Array.from(v) };
}

/**
 * EM from `start`. One pass per iteration computes responsibilities and the sufficient statistics
 * (shifted around the current means for accuracy), so no n x K matrix is kept. A mode whose weight
 * drops below `threshold` is removed (the lightest first) and the rest renormalised.
 */
function runEM(
  { x, c, n }: Collapsed,
  start: Params,
  minVar: number,
  threshold: number,
  maxIterations: number,
  tolerance: number,
): { params: Params; ll: number; iterations: number } {
  let w: Float64Array = start.w.slice();
  let mu: Float64Array = start.mu.slice();
  let v: Float64Array = start.v.slice();
  let K = w.length;
  let prevLL = -Infinity;
  let ll = -Infinity;
  let it = 0;
  const score = new Float64Array(K);
  const base = new Float64Array(K);
  const half = new Float64Array(K);
  const nk = new Float64Array(K), s1 = new Float64Array(K), s2 = new Float64Array(K);
  for (;;) {
    // E-step + statistics; `ll` is the log-likelihood of the current parameters
    for (let k = 0; k < K; k++) {
      base[k] = Math.log(w[k]) - 0.5 * Math.log(v[k]) - LOG_SQRT_2PI;
      half[k] = 0.5 / v[k];
      nk[k] = 0;
      s1[k] = 0;
      s2[k] = 0;
    }
    ll = 0;
    for (let i = 0; i < x.length; i++) {
      const xi = x[i];
      let max = -Infinity;
      for (let k = 0; k < K; k++) {
        const d = xi - mu[k];
        const s = base[k] - half[k] * d * d;
        score[k] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let k = 0; k < K; k++) {
        const t = score[k] - max;
        const e = t < NEGLIGIBLE ? 0 : Math.exp(t);
        score[k] = e;
        sum += e;
      }
      const ci = c[i];
      ll += ci * (max + Math.log(sum));
      const scaleR = ci / sum;
      for (let k = 0; k < K; k++) {
        const r = score[k] * scaleR;
        if (r === 0) continue;
        const d = xi - mu[k];
        nk[k] += r;
        s1[k] += r * d;
        s2[k] += r * d * d;
      }
    }
    it++;
    if (it > 1 && (ll - prevLL) / n < tolerance) break;
    if (it > maxIterations) break;
    prevLL = ll;
    // M-step
    let lightest = -1;
    for (let k = 0; k < K; k++) {
      w[k] = nk[k] / n;
      if (nk[k] > 0) {
        const shift = s1[k] / nk[k];
        mu[k] += shift;
        v[k] = Math.max(s2[k] / nk[k] - shift * shift, minVar);
      }
      if (w[k] < threshold && K > 1 && (lightest < 0 || w[k] < w[lightest])) lightest = k;
    }
    if (lightest >= 0) {
      ({ w, mu, v } = dropMode({ w, mu, v }, lightest));
      K = w.length;
      prevLL = -Infinity;
    }
  }
  // the loop drops one light mode per iteration; an early stop may leave another below threshold
  let params: Params = { w, mu, v };
  for (;;) {
    let lightest = -1;
    for (let k = 0; k < params.w.length; k++) {
      if (params.w[k] < threshold && (lightest < 0 || params.w[k] < params.w[lightest])) lightest = k;
    }
    if (lightest < 0 || params.w.length === 1) break;
    params = dropMode(params, lightest);
  }
  return { params, ll, iterations: it };
}

function dropMode(p: Params, drop: number): Params {
  const keep = (a: Float64Array): Float64Array => Float64Array.from(Array.from(a).filter((_, k) => k !== drop));
  const w = keep(p.w);
  const total = w.reduce((s, q) => s + q, 0);
  for (let k = 0; k < w.length; k++) w[k] /= total;
  return { w, mu: keep(p.mu), v: keep(p.v) };
}

/** The mixture minus the mode whose removal (weights renormalised) keeps the highest log-likelihood. */
function withoutCheapestMode({ x, c }: Collapsed, p: Params): Params {
  const K = p.w.length;
  const dens = new Float64Array(K);
  const lls = new Float64Array(K);
  for (let i = 0; i < x.length; i++) {
    let total = 0;
    for (let k = 0; k < K; k++) {
      const d = x[i] - p.mu[k];
      dens[k] = p.w[k] * Math.exp(-0.5 * (d * d) / p.v[k]) / Math.sqrt(p.v[k]);
      total += dens[k];
    }
    for (let k = 0; k < K; k++) {
      const rest = (total - dens[k]) / (1 - p.w[k]);
      lls[k] += c[i] * Math.log(Math.max(rest, 1e-300));
    }
  }
  let best = 0;
  for (let k = 1; k < K; k++) if (lls[k] > lls[best]) best = k;
  return dropMode(p, best);
}

/** log(weight / std) and 1 / std per mode, computed once per mixture object (transform is per value). */
const compiled = new WeakMap<GaussianMixture1D, { logc: Float64Array; invStd: Float64Array; mean: Float64Array }>();
function compile(mixture: GaussianMixture1D): { logc: Float64Array; invStd: Float64Array; mean: Float64Array } {
  let c = compiled.get(mixture);
  if (!c) {
    const ms = mixture.modes;
    c = {
      logc: Float64Array.from(ms, (m) => Math.log(m.weight) - Math.log(m.std)),
      invStd: Float64Array.from(ms, (m) => 1 / m.std),
      mean: Float64Array.from(ms, (m) => m.mean),
    };
    compiled.set(mixture, c);
  }
  return c;
}

/** Posterior probability of each mode for value v, written into `out` (length >= modes). */
export function modePosterior(mixture: GaussianMixture1D, v: number, out: Float64Array): void {
  const { logc, invStd, mean } = compile(mixture);
  const K = logc.length;
  let max = -Infinity;
  for (let k = 0; k < K; k++) {
    const z = (v - mean[k]) * invStd[k];
    const s = logc[k] - 0.5 * z * z;
    out[k] = s;
    if (s > max) max = s;
  }
  let total = 0;
  for (let k = 0; k < K; k++) {
    const t = out[k] - max;
    const e = t < NEGLIGIBLE ? 0 : Math.exp(t);
    out[k] = e;
    total += e;
  }
  for (let k = 0; k < K; k++) out[k] /= total;
}

/**
 * Draw a mode for v from its posterior (CTGAN samples rather than taking the argmax, so values
 * between two modes are split between them and the generator sees both).
 * `scratch` must have length >= modes.
 */
export function sampleMode(mixture: GaussianMixture1D, v: number, rng: Rng, scratch: Float64Array): number {
  const K = mixture.modes.length;
  if (K === 1) return 0;
  modePosterior(mixture, v, scratch);
  const r = rng.next();
  let acc = 0;
  for (let k = 0; k < K - 1; k++) {
    acc += scratch[k];
    if (r < acc) return k;
  }
  return K - 1;
}

/** Random subset of size m without replacement (partial Fisher-Yates). */
function subsample(values: number[], m: number, rng: Rng): number[] {
  const a = values.slice();
  for (let i = 0; i < m; i++) {
    const j = i + rng.int(a.length - i);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a.slice(0, m);
}

/**
 * Weighted 1-D k-means with k-means++ seeding on sorted distinct values `x` with counts `w`.
 * Returns a cluster label per distinct value.
 */
function kMeans1D(x: Float64Array, w: Float64Array, K: number, rng: Rng): Int32Array {
  const u = x.length;
  const centers = new Float64Array(K);
  const d2 = new Float64Array(u);
  let totalW = 0;
  for (let i = 0; i < u; i++) totalW += w[i];
  centers[0] = x[pickWeighted(w, totalW, rng)];
  for (let i = 0; i < u; i++) d2[i] = (x[i] - centers[0]) ** 2;
  const score = new Float64Array(u);
  for (let c = 1; c < K; c++) {
    let total = 0;
    for (let i = 0; i < u; i++) {
      score[i] = w[i] * d2[i];
      total += score[i];
    }
    centers[c] = total > 0 ? x[pickWeighted(score, total, rng)] : x[rng.int(u)];
    for (let i = 0; i < u; i++) d2[i] = Math.min(d2[i], (x[i] - centers[c]) ** 2);
  }
  const labels = new Int32Array(u);
  const sum = new Float64Array(K);
  const cnt = new Float64Array(K);
  for (let iter = 0; iter < 50; iter++) {
    let moved = false;
    for (let i = 0; i < u; i++) {
      let best = 0, bestD = Infinity;
      for (let c = 0; c < K; c++) {
        const d = Math.abs(x[i] - centers[c]);
        if (d < bestD) {
          bestD = d;
          best = c;
        }
      }
      if (labels[i] !== best || iter === 0) moved = true;
      labels[i] = best;
    }
    if (!moved) break;
    sum.fill(0);
    cnt.fill(0);
    for (let i = 0; i < u; i++) {
      sum[labels[i]] += w[i] * x[i];
      cnt[labels[i]] += w[i];
    }
    for (let c = 0; c < K; c++) if (cnt[c] > 0) centers[c] = sum[c] / cnt[c];
  }
  return labels;
}

function pickWeighted(weights: Float64Array, total: number, rng: Rng): number {
  const r = rng.next() * total;
  let acc = 0;
  for (let i = 0; i < weights.length; i++) {
    acc += weights[i];
    if (r < acc) return i;
  }
  return weights.length - 1;
}
