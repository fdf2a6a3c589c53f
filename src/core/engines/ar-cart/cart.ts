/**
 * A classification tree over integer codes, grown best-first, that stores the class counts of
 * each leaf: the conditional distribution one autoregressive step samples from (synthpop's CART
 * synthesis). Predictors are code arrays split as ordinals ("code <= t" goes left). A categorical
 * target is split by Gini impurity; an ordered target (a binned number) by the variance of a
 * normal score of its codes, which is what a regression tree on the value would do, robust to
 * heavy tails.
 */

import { indexAboveCumulative } from '../../util/cumulative-search.ts';

export interface CartOptions {
  /** rows in a leaf at least */
  minLeaf: number;
  maxLeaves: number;
  /** a split must lower the impurity by this share of the root's impurity */
  minGainShare: number;
}

export interface CartTree {
  /** per node: predictor index, or -1 for a leaf */
  feature: Int32Array;
  threshold: Int32Array;
  left: Int32Array;
  right: Int32Array;
  /** per node: index into leaves, -1 for an inner node */
  leaf: Int32Array;
  /** per leaf: the codes seen and their cumulative probabilities */
  leafCodes: Uint16Array[];
  leafCum: Float64Array[];
}

export interface CartJson {
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  leaf: number[];
  /** per leaf: [code, cumulative probability, code, cumulative probability, ...] */
  leaves: number[][];
}

interface Split {
  gain: number;
  feature: number;
  threshold: number;
}

interface PendingLeaf {
  node: number;
  start: number;
  end: number;
  split: Split | null;
}

/**
 * Grows the tree on `rows` (their order is changed). `predictors[p][i]` is predictor p's code of
 * row i (< predictorCodes[p]); `target[i]` < nClasses. `score` (ordered targets) gives each class a
 * number whose variance is split; without it the split criterion is Gini.
 */
export function growCart(
  predictors: Uint16Array[],
  predictorCodes: number[],
  target: Uint16Array,
  nClasses: number,
  score: Float64Array | null,
  rows: Int32Array,
  o: CartOptions,
): CartTree {
  const nPred = predictors.length;
  const maxCodes = Math.max(1, ...predictorCodes);
  const cnt = new Float64Array(maxCodes);
  const cls = score ? new Float64Array(0) : new Float64Array(maxCodes * nClasses);
  const sum = new Float64Array(maxCodes);
  const leftCls = new Float64Array(nClasses);
  const totalCls = new Float64Array(nClasses);

  // impurity "mass" of a node: n − Σ c_k²/n (Gini) or Σ (y − ȳ)² (variance)
  const impurity = (start: number, end: number): number => {
    const n = end - start;
    if (score) {
      let s = 0;
      let s2 = 0;
      for (let r = start; r < end; r++) {
        const y = score[target[rows[r]]];
        s += y;
        s2 += y * y;
      }
      return s2 - (s * s) / n;
    }
    totalCls.fill(0);
    for (let r = start; r < end; r++) totalCls[target[rows[r]]]++;
    let sq = 0;
    for (let k = 0; k < nClasses; k++) sq += totalCls[k] * totalCls[k];
    return n - sq / n;
  };

  const findSplit = (start: number, end: number): Split | null => {
    const n = end - start;
    if (n < 2 * o.minLeaf) return null;
    let best: Split | null = null;
    // parent terms: Σ c_k² (Gini) or (Σ y)² / n (variance), constant over candidate splits
    let parentTerm = 0;
    let totalSum = 0;
    if (score) {
      for (let r = start; r < end; r++) totalSum += score[target[rows[r]]];
      parentTerm = (totalSum * totalSum) / n;
    } else {
      totalCls.fill(0);
      for (let r = start; r < end; r++) totalCls[target[rows[r]]]++;
      for (let k = 0; k < nClasses; k++) parentTerm += (totalCls[k] * totalCls[k]) / n;
    }
    for (let p = 0; p < nPred; p++) {
      const x = predictors[p];
      const m = predictorCodes[p];
      if (m < 2) continue;
      cnt.fill(0, 0, m);
      if (score) {
        sum.fill(0, 0, m);
        for (let r = start; r < end; r++) {
          const i = rows[r];
          cnt[x[i]]++;
          sum[x[i]] += score[target[i]];
        }
        let nL = 0;
        let sL = 0;
        for (let c = 0; c < m - 1; c++) {
          if (cnt[c] === 0) continue;
          nL += cnt[c];
          sL += sum[c];
          const nR = n - nL;
          if (nL < o.minLeaf) continue;
          if (nR < o.minLeaf) break;
          const sR = totalSum - sL;
          const gain = (sL * sL) / nL + (sR * sR) / nR - parentTerm;
          if (best === null || gain > best.gain) best = { gain, feature: p, threshold: c };
        }
      } else {
        cls.fill(0, 0, m * nClasses);
        for (let r = start; r < end; r++) {
          const i = rows[r];
          cnt[x[i]]++;
          cls[x[i] * nClasses + target[i]]++;
        }
        leftCls.fill(0);
        let nL = 0;
        let sqL = 0;
        let sqR = 0;
        for (let k = 0; k < nClasses; k++) sqR += totalCls[k] * totalCls[k];
        for (let c = 0; c < m - 1; c++) {
          if (cnt[c] === 0) continue;
          const base = c * nClasses;
          for (let k = 0; k < nClasses; k++) {
            const a = cls[base + k];
            if (a === 0) continue;
            const l = leftCls[k];
            const rr = totalCls[k] - l;
            sqL += 2 * a * l + a * a;
            sqR += -2 * a * rr + a * a;
            leftCls[k] = l + a;
          }
          nL += cnt[c];
          const nR = n - nL;
          if (nL < o.minLeaf) continue;
          if (nR < o.minLeaf) break;
          const gain = sqL / nL + sqR / nR - parentTerm;
          if (best === null || gain > best.gain) best = { gain, feature: p, threshold: c };
        }
      }
    }
    return best;
  };

  const feature: number[] = [-1];
  const threshold: number[] = [0];
  const left: number[] = [-1];
  const right: number[] = [-1];
  const rootImpurity = impurity(0, rows.length);
  const minGain = Math.max(1e-12, o.minGainShare * rootImpurity);
  const pending: PendingLeaf[] = [{ node: 0, start: 0, end: rows.length, split: findSplit(0, rows.length) }];
  const finished: PendingLeaf[] = [];
  let leaves = 1;
  while (pending.length > 0) {
    let bi = -1;
    for (let k = 0; k < pending.length; k++) {
      const s = pending[k].split;
      if (s && s.gain >= minGain && (bi < 0 || s.gain > pending[bi].split!.gain)) bi = k;
    }
    if (bi < 0 || leaves >= o.maxLeaves) break;
    const leaf = pending[bi];
    pending.splice(bi, 1);
    const { feature: f, threshold: t } = leaf.split!;
    const x = predictors[f];
    let a = leaf.start;
    let b = leaf.end - 1;
    while (a <= b) {
      if (x[rows[a]] <= t) a++;
      else {
        const tmp = rows[a];
        rows[a] = rows[b];
        rows[b] = tmp;
        b--;
      }
    }
    const l = feature.length;
    const r = l + 1;
    feature.push(-1, -1);
    threshold.push(0, 0);
    left.push(-1, -1);
    right.push(-1, -1);
    feature[leaf.node] = f;
    threshold[leaf.node] = t;
    left[leaf.node] = l;
    right[leaf.node] = r;
    pending.push({ node: l, start: leaf.start, end: a, split: findSplit(leaf.start, a) });
    pending.push({ node: r, start: a, end: leaf.end, split: findSplit(a, leaf.end) });
    leaves++;
  }
  finished.push(...pending);

  const leafOf = new Int32Array(feature.length).fill(-1);
  const leafCodes: Uint16Array[] = [];
  const leafCum: Float64Array[] = [];
  const counts = new Float64Array(nClasses);
  for (const lf of finished) {
    counts.fill(0);
    for (let r = lf.start; r < lf.end; r++) counts[target[rows[r]]]++;
    const codes: number[] = [];
    const cum: number[] = [];
    let acc = 0;
    for (let k = 0; k < nClasses; k++) {
      if (counts[k] === 0) continue;
      acc += counts[k];
      codes.push(k);
      cum.push(acc);
    }
    leafOf[lf.node] = leafCodes.length;
    leafCodes.push(Uint16Array.from(codes));
    leafCum.push(Float64Array.from(cum, (c) => c / acc));
  }
  return {
    feature: Int32Array.from(feature),
    threshold: Int32Array.from(threshold),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    leaf: leafOf,
    leafCodes,
    leafCum,
  };
}

/** The leaf a row reaches; `codeOf(p)` is the row's code of predictor p. */
export function cartLeaf(tree: CartTree, codeOf: (p: number) => number): number {
  let node = 0;
  while (tree.feature[node] >= 0) node = codeOf(tree.feature[node]) <= tree.threshold[node] ? tree.left[node] : tree.right[node];
  return tree.leaf[node];
}

/** A code drawn from a leaf's distribution, u uniform in [0, 1). */
export function drawFromLeaf(tree: CartTree, leaf: number, u: number): number {
  return tree.leafCodes[leaf][indexAboveCumulative(tree.leafCum[leaf], u)];
}

export function cartToJson(t: CartTree): CartJson {
  return {
    feature: Array.from(t.feature),
    threshold: Array.from(t.threshold),
    left: Array.from(t.left),
    right: Array.from(t.right),
    leaf: Array.from(t.leaf),
    leaves: t.leafCodes.map((codes, k) => {
      const cum = t.leafCum[k];
      const out: number[] = [];
      codes.forEach((c, i) => out.push(c, cum[i]));
      return out;
    }),
  };
}

export function cartFromJson(j: CartJson): CartTree {
  return {
    feature: Int32Array.from(j.feature),
    threshold: Int32Array.from(j.threshold),
    left: Int32Array.from(j.left),
    right: Int32Array.from(j.right),
    leaf: Int32Array.from(j.leaf),
    leafCodes: j.leaves.map((l) => Uint16Array.from(l.filter((_, i) => i % 2 === 0))),
    leafCum: j.leaves.map((l) => Float64Array.from(l.filter((_, i) => i % 2 === 1))),
  };
}
