import { shuffledIndices, type Rng } from '../../util/random.ts';

/**
 * Drawing `keep` rows of a weighted pool so that each row's chance of being kept is what its
 * weight asks for. Weighted draws without replacement (Efraimidis–Spirakis and the like) do not
 * do that: a row whose weight asks for more than certainty is kept once, and the mass it could
 * not take is spread over everybody else, so the kept rows drift back towards the unweighted
 * pool exactly where the weights bent most. Here the probabilities are made explicit, π = min(1,
 * c·w) with Σπ = keep, raked to the target bin shares under the bound π ≤ 1, and drawn by
 * systematic sampling in a random order (fixed size, P(row kept) = π exactly).
 */

/**
 * π_i = min(1, c·w_i), c chosen so that Σπ = keep (rows saturate at 1 one pass at a time); rows
 * marked in `sure` get π = 1 whatever their weight.
 */
export function inclusionProbabilities(w: ArrayLike<number>, keep: number, sure?: Uint8Array): Float64Array {
  const n = w.length;
  if (keep > n) throw new Error(`cannot keep ${keep} of ${n} rows`);
  const pi = new Float64Array(n);
  const saturated = new Uint8Array(n);
  let fixed = 0;
  if (sure) {
    for (let i = 0; i < n; i++) {
      if (sure[i] && fixed < keep) {
        saturated[i] = 1;
        pi[i] = 1;
        fixed++;
      }
    }
  }
  for (let pass = 0; pass < n; pass++) {
    let free = 0;
    for (let i = 0; i < n; i++) if (!saturated[i]) free += Math.max(0, w[i]);
    const c = free > 0 ? (keep - fixed) / free : 0;
    let newly = 0;
    for (let i = 0; i < n; i++) {
      if (saturated[i]) continue;
      const p = c * Math.max(0, w[i]);
      if (p >= 1) {
        saturated[i] = 1;
        pi[i] = 1;
        fixed++;
        newly++;
      } else pi[i] = p;
    }
    if (newly === 0) break;
  }
  return pi;
}

/** Bins of the pool rows of one column and the share of the target rows in each bin. */
export interface BinTarget {
  bin: Int32Array;
  share: Float64Array;
}

/**
 * Iterative proportional fitting of inclusion probabilities to `keep · share` rows per bin of
 * every column, each step clipped to π ≤ 1 and the total put back to `keep`. Bins the pool
 * cannot fill stay as full as they can be.
 */
export function rakeInclusion(pi: Float64Array, targets: BinTarget[], keep: number, sweeps: number, sure?: Uint8Array): Float64Array {
  let p = pi;
  for (let s = 0; s < sweeps; s++) {
    for (const { bin, share } of targets) {
      const have = new Float64Array(share.length);
      for (let i = 0; i < p.length; i++) have[bin[i]] += p[i];
      for (let i = 0; i < p.length; i++) {
        const b = bin[i];
        if (have[b] > 0 && share[b] > 0) p[i] *= (keep * share[b]) / have[b];
      }
      p = inclusionProbabilities(p, keep, sure);
    }
  }
  return p;
}

/**
 * Systematic sampling over the rows in a random order: row i is kept when an integer lies in
 * [u + cum_(i−1), u + cum_i). Σπ = keep (up to rounding) gives `keep` rows; each π ≤ 1 row at most once.
 */
export function systematicSample(pi: Float64Array, keep: number, rng: Rng): Int32Array {
  const n = pi.length;
  const order = shuffledIndices(n, rng);
  const u = rng.next();
  const out: number[] = [];
  let cum = 0;
  for (let q = 0; q < n && out.length < keep; q++) {
    const i = order[q];
    const before = Math.floor(cum + u);
    cum += pi[i];
    if (Math.floor(cum + u) > before) out.push(i);
  }
  // rounding may leave the last row out: fill with the largest π not yet kept
  if (out.length < keep) {
    const taken = new Uint8Array(n);
    for (const i of out) taken[i] = 1;
    const rest = Array.from({ length: n }, (_, i) => i)
      .filter((i) => !taken[i])
      .sort((a, b) => pi[b] - pi[a]);
    for (const i of rest) {
      if (out.length >= keep) break;
      out.push(i);
    }
  }
  return Int32Array.from(out).sort();
}
