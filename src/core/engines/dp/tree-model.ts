import type { Rng } from '../../util/random.ts';
import { projectToSimplex } from './simplex-projection.ts';
import { indexAboveCumulative } from '../../util/cumulative-search.ts';

/**
 * A tree-shaped graphical model fitted to noisy marginals, and exact sampling from it, also
 * under fixed values (evidence). The model is what MST fits: its cliques are the measured pairs.
 * Because the pairs form a tree, a consistent model can be fitted in closed steps instead of
 * private-pgm's mirror descent:
 *  1. one total and one marginal per column, each the inverse-variance weighted mean of every
 *     noisy measurement that covers it (its one-way counts, the row or column sums of its pairs),
 *     projected onto non-negative counts of that total;
 *  2. each noisy pair table projected the same way, then scaled (iterative proportional fitting)
 *     until its margins are the column marginals of step 1;
 * so neighbouring tables agree on their shared column, and P(root) · Π P(child | parent) is one
 * distribution whose pair marginals are the fitted tables. Everything here is post-processing of
 * noisy measurements: it costs no privacy.
 */

export interface NoisyOneWay {
  /** noisy counts per group of the column */
  counts: Float64Array;
  /** noise variance of each cell */
  variance: Float64Array;
}

export interface NoisyTwoWay {
  a: number;
  b: number;
  /** noisy counts, row-major in a (ka × kb) */
  counts: Float64Array;
  /** noise variance of each cell */
  variance: number;
}

export interface TreeModelJson {
  sizes: number[];
  /** the fitted number of rows (the inverse-variance weighted mean of the measurements' sums) */
  total: number;
  /** BFS order from the root */
  order: number[];
  /** parent column of each column (-1 for the root) */
  parent: number[];
  /** per column: P(column | parent), row-major in the parent's value; P(column) for a root */
  conditional: number[][];
}

export function fitTreeModel(sizes: number[], oneWay: NoisyOneWay[], pairs: NoisyTwoWay[], ipfIterations = 50): TreeModelJson {
  const d = sizes.length;
  // 1. the total: every measurement's sum estimates it
  let wSum = 0;
  let tSum = 0;
  const addTotal = (sum: number, variance: number) => {
    wSum += 1 / variance;
    tSum += sum / variance;
  };
  for (const m of oneWay) addTotal(sumOf(m.counts), sumOf(m.variance));
  for (const p of pairs) addTotal(sumOf(p.counts), p.variance * p.counts.length);
  const total = Math.max(1, tSum / wSum);
  // ... and every column's marginal
  const marginals: Float64Array[] = [];
  for (let j = 0; j < d; j++) {
    const k = sizes[j];
    const num = new Float64Array(k);
    const den = new Float64Array(k);
    for (let v = 0; v < k; v++) {
      num[v] = oneWay[j].counts[v] / oneWay[j].variance[v];
      den[v] = 1 / oneWay[j].variance[v];
    }
    for (const p of pairs) {
      if (p.a !== j && p.b !== j) continue;
      const other = p.a === j ? sizes[p.b] : sizes[p.a];
      const sums = p.a === j ? rowSums(p.counts, k, other) : colSums(p.counts, other, k);
      for (let v = 0; v < k; v++) {
        num[v] += sums[v] / (p.variance * other);
        den[v] += 1 / (p.variance * other);
      }
    }
    const mean = Float64Array.from(num, (x, v) => x / den[v]);
    marginals.push(projectToSimplex(mean, total));
  }
  // 2. the pair tables, consistent with the marginals
  const tables = pairs.map((p) => consistentTable(p.counts, marginals[p.a], marginals[p.b], total, ipfIterations));
  // the tree from column 0, parents first
  const neighbours: { to: number; pair: number }[][] = Array.from({ length: d }, () => []);
  pairs.forEach((p, i) => {
    neighbours[p.a].push({ to: p.b, pair: i });
    neighbours[p.b].push({ to: p.a, pair: i });
  });
  const parent = new Array<number>(d).fill(-2);
  const conditional: number[][] = Array.from({ length: d }, () => []);
  const order: number[] = [];
  for (let start = 0; start < d; start++) {
    if (parent[start] !== -2) continue;
    // a forest when pairs do not connect every column: each component gets its own root
    parent[start] = -1;
    const queue = [start];
    while (queue.length > 0) {
      const u = queue.shift()!;
      order.push(u);
      for (const { to, pair } of neighbours[u]) {
        if (parent[to] !== -2) continue;
        parent[to] = u;
        const p = pairs[pair];
        const t = tables[pair];
        // rows: the parent's value; columns: the child's
        const ku = sizes[u];
        const kc = sizes[to];
        const cond = new Array<number>(ku * kc);
        for (let x = 0; x < ku; x++) {
          let s = 0;
          for (let y = 0; y < kc; y++) s += cond[x * kc + y] = p.a === u ? t[x * kc + y] : t[y * ku + x];
          for (let y = 0; y < kc; y++) cond[x * kc + y] = s > 0 ? cond[x * kc + y] / s : marginals[to][y] / total;
        }
        conditional[to] = cond;
        queue.push(to);
      }
    }
  }
  const rootMarginals = marginals.map((m) => Array.from(m, (x) => x / total));
  return {
    sizes: [...sizes],
    total,
    order,
    parent,
    conditional: conditional.map((c, j) => (parent[j] === -1 ? rootMarginals[j] : c)),
  };
}

function consistentTable(noisy: Float64Array, ma: Float64Array, mb: Float64Array, total: number, iterations: number): Float64Array {
  const ka = ma.length;
  const kb = mb.length;
  const t = projectToSimplex(noisy, total);
  // a whisper of the independent table, so a row the projection emptied can still take its margin
  for (let x = 0; x < ka; x++) for (let y = 0; y < kb; y++) t[x * kb + y] += (1e-6 * ma[x] * mb[y]) / total;
  for (let it = 0; it < iterations; it++) {
    const r = rowSums(t, ka, kb);
    for (let x = 0; x < ka; x++) {
      const f = r[x] > 0 ? ma[x] / r[x] : 0;
      for (let y = 0; y < kb; y++) t[x * kb + y] *= f;
    }
    const c = colSums(t, ka, kb);
    for (let y = 0; y < kb; y++) {
      const f = c[y] > 0 ? mb[y] / c[y] : 0;
      for (let x = 0; x < ka; x++) t[x * kb + y] *= f;
    }
  }
  return t;
}

function sumOf(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
}

function rowSums(t: ArrayLike<number>, ka: number, kb: number): Float64Array {
  const out = new Float64Array(ka);
  for (let x = 0; x < ka; x++) for (let y = 0; y < kb; y++) out[x] += t[x * kb + y];
  return out;
}

function colSums(t: ArrayLike<number>, ka: number, kb: number): Float64Array {
  const out = new Float64Array(kb);
  for (let x = 0; x < ka; x++) for (let y = 0; y < kb; y++) out[y] += t[x * kb + y];
  return out;
}

/**
 * A sampler for the tree under evidence: evidence[j][v] multiplies the probability of column j
 * taking value v (1 everywhere without evidence; an indicator, or weights, to fix a value).
 * Messages go from the leaves up (belief of a column = its evidence times its children's
 * messages), then values are drawn from the root down, each from P(value | parent) × belief:
 * exact conditioning on the evidence, with no rejection.
 */
export class TreeSampler {
  private readonly cumulative: Float64Array[];
  /** log P(evidence) under the model (-Infinity when impossible; then only with allowImpossible) */
  readonly logEvidence: number = 0;

  constructor(private readonly model: TreeModelJson, evidence: (Float64Array | null)[], allowImpossible = false) {
    let logEvidence = 0;
    const impossible = () => {
      if (!allowImpossible) throw new Error('the fixed values have probability 0 under this model');
      logEvidence = -Infinity;
    };
    const { sizes, order, parent, conditional } = model;
    const d = sizes.length;
    const belief = sizes.map((k, j) => (evidence[j] ? Float64Array.from(evidence[j]!) : new Float64Array(k).fill(1)));
    for (let i = order.length - 1; i >= 0; i--) {
      const j = order[i];
      const p = parent[j];
      if (p < 0) continue;
      const kp = sizes[p];
      const kj = sizes[j];
      const cond = conditional[j];
      // rescaled so long chains of small probabilities do not underflow
      let max = 0;
      const message = new Float64Array(kp);
      for (let x = 0; x < kp; x++) {
        let s = 0;
        for (let y = 0; y < kj; y++) s += cond[x * kj + y] * belief[j][y];
        message[x] = s;
        if (s > max) max = s;
      }
      if (!(max > 0)) {
        impossible();
        max = 1;
      }
      logEvidence += Math.log(max);
      for (let x = 0; x < kp; x++) belief[p][x] *= message[x] / max;
    }
    this.cumulative = new Array(d);
    for (const j of order) {
      const kj = sizes[j];
      const p = parent[j];
      const rows = p < 0 ? 1 : sizes[p];
      const cond = conditional[j];
      const cum = new Float64Array(rows * kj);
      for (let x = 0; x < rows; x++) {
        let acc = 0;
        for (let y = 0; y < kj; y++) cum[x * kj + y] = acc += cond[x * kj + y] * belief[j][y];
        // a parent value the evidence rules out is never drawn; its row stays empty
        if (acc > 0) for (let y = 0; y < kj; y++) cum[x * kj + y] /= acc;
        else if (p < 0) impossible();
        if (p < 0) logEvidence += Math.log(acc);
      }
      this.cumulative[j] = cum;
    }
    this.logEvidence = logEvidence;
  }

  /** One row of values (out[j] for column j). */
  draw(rng: Rng, out: Int32Array): void {
    const { sizes, order, parent } = this.model;
    for (const j of order) {
      const kj = sizes[j];
      const p = parent[j];
      const offset = p < 0 ? 0 : out[p] * kj;
      const cum = this.cumulative[j];
      out[j] = indexAboveCumulative(cum, rng.next(), offset, kj);
    }
  }
}
