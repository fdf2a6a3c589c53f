import { MISSING_BIN } from './bin-mapper.ts';
import type { Tree } from './tree.ts';

/**
 * Best-first (leaf-wise) growth of one regression tree on binned rows, from per-row
 * gradients and hessians. Histograms hold (Σg, Σh, count) per (feature, bin); a child's
 * histogram is built only for the smaller child, the sibling is parent − child.
 */

export interface GrowParams {
  maxLeafNodes: number;
  /** null: no depth limit (root has depth 0) */
  maxDepth: number | null;
  minSamplesLeaf: number;
  minHessianLeaf: number;
  l2Regularization: number;
  learningRate: number;
  /** a split must reduce the loss by more than this */
  minGainToSplit: number;
}

/** What growTree needs about the training part; built once per fit and reused every round. */
export interface GrowContext {
  bins: Uint8Array;
  nFeatures: number;
  /** non-missing bins per feature (thresholds + 1) */
  nBins: Int32Array;
  /** raw split points per feature, to store raw thresholds in the tree */
  thresholds: Float64Array[];
  grad: Float64Array;
  hess: Float64Array;
  /** row ids of this round's sample; growTree partitions it in place, leaf by leaf */
  rows: Int32Array;
  nSampleRows: number;
  scratch: Int32Array;
  histPool: Float64Array[];
}

const STRIDE = 256 * 3;

export function createGrowContext(
  bins: Uint8Array,
  nRows: number,
  nFeatures: number,
  thresholds: Float64Array[],
): GrowContext {
  return {
    bins,
    nFeatures,
    nBins: Int32Array.from(thresholds, (t) => t.length + 1),
    thresholds,
    grad: new Float64Array(nRows),
    hess: new Float64Array(nRows),
    rows: new Int32Array(nRows),
    nSampleRows: nRows,
    scratch: new Int32Array(nRows),
    histPool: [],
  };
}

interface Split {
  feature: number;
  bin: number;
  missingLeft: boolean;
  gain: number;
  gl: number;
  hl: number;
  cl: number;
}

interface Leaf {
  node: number;
  start: number;
  end: number;
  depth: number;
  g: number;
  h: number;
  c: number;
  hist: Float64Array | null;
  split: Split | null;
}

/** Grown tree plus the row range of each leaf in ctx.rows (to update training scores fast). */
export interface GrownTree {
  tree: Tree;
  leafNodes: number[];
  leafStarts: number[];
  leafEnds: number[];
}

function takeHist(ctx: GrowContext): Float64Array {
  const h = ctx.histPool.pop();
  if (h) {
    h.fill(0);
    return h;
  }
  return new Float64Array(ctx.nFeatures * STRIDE);
}

function buildHist(ctx: GrowContext, start: number, end: number, hist: Float64Array): void {
  const { rows, bins, grad, hess, nFeatures: F } = ctx;
  for (let r = start; r < end; r++) {
    const row = rows[r];
    const g = grad[row];
    const h = hess[row];
    const base = row * F;
    for (let f = 0, o = 0; f < F; f++, o += STRIDE) {
      const k = o + bins[base + f] * 3;
      hist[k] += g;
      hist[k + 1] += h;
      hist[k + 2] += 1;
    }
  }
}

function findBestSplit(ctx: GrowContext, leaf: Leaf, p: GrowParams): Split | null {
  const hist = leaf.hist!;
  const { g: G, h: H, c: C } = leaf;
  const lambda = p.l2Regularization;
  const minC = p.minSamplesLeaf;
  const minH = p.minHessianLeaf;
  const parent = (G * G) / (H + lambda);
  let best: Split | null = null;
  let bestGain = p.minGainToSplit;
  for (let f = 0; f < ctx.nFeatures; f++) {
    const nb = ctx.nBins[f];
    const o = f * STRIDE;
    const m = o + MISSING_BIN * 3;
    const gm = hist[m];
    const hm = hist[m + 1];
    const cm = hist[m + 2];
    let gl = 0;
    let hl = 0;
    let cl = 0;
    // b = nb − 1 puts every non-missing value left: only useful when missing rows are here
    const lastBin = cm > 0 ? nb - 1 : nb - 2;
    for (let b = 0; b <= lastBin; b++) {
      const k = o + b * 3;
      gl += hist[k];
      hl += hist[k + 1];
      cl += hist[k + 2];
      // missing rows go right
      const cr = C - cl;
      if (cl >= minC && cr >= minC && hl >= minH && H - hl >= minH) {
        const gr = G - gl;
        const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (H - hl + lambda) - parent;
        if (gain > bestGain) {
          bestGain = gain;
          // with no missing rows here, missing values later follow the bigger child
          best = { feature: f, bin: b, missingLeft: cm > 0 ? false : cl >= cr, gain, gl, hl, cl };
        }
      }
      // missing rows go left
      if (cm > 0 && b < nb - 1) {
        const gl2 = gl + gm;
        const hl2 = hl + hm;
        const cl2 = cl + cm;
        const cr2 = C - cl2;
        if (cl2 >= minC && cr2 >= minC && hl2 >= minH && H - hl2 >= minH) {
          const gr2 = G - gl2;
          const gain = (gl2 * gl2) / (hl2 + lambda) + (gr2 * gr2) / (H - hl2 + lambda) - parent;
          if (gain > bestGain) {
            bestGain = gain;
            best = { feature: f, bin: b, missingLeft: true, gain, gl: gl2, hl: hl2, cl: cl2 };
          }
        }
      }
    }
  }
  return best;
}

function canSplit(leaf: Leaf, p: GrowParams): boolean {
  return leaf.c >= 2 * p.minSamplesLeaf && (p.maxDepth === null || leaf.depth < p.maxDepth);
}

/** Stable in-place partition of rows[start, end) by the split; returns the first right index. */
function partition(ctx: GrowContext, start: number, end: number, s: Split): number {
  const { rows, bins, scratch, nFeatures: F } = ctx;
  const f = s.feature;
  const thr = s.bin;
  const missLeft = s.missingLeft;
  let w = start;
  let nr = 0;
  for (let r = start; r < end; r++) {
    const row = rows[r];
    const b = bins[row * F + f];
    const goLeft = b === MISSING_BIN ? missLeft : b <= thr;
    if (goLeft) rows[w++] = row;
    else scratch[nr++] = row;
  }
  rows.set(scratch.subarray(0, nr), w);
  return w;
}

export function growTree(ctx: GrowContext, p: GrowParams): GrownTree {
  const lambda = p.l2Regularization;
  const lr = p.learningRate;
  const feature: number[] = [];
  const threshold: number[] = [];
  const binThreshold: number[] = [];
  const missingLeft: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const value: number[] = [];
  const gain: number[] = [];
  const count: number[] = [];
  const cover: number[] = [];
  const addNode = (g: number, h: number, c: number): number => {
    feature.push(-1);
    threshold.push(0);
    binThreshold.push(0);
    missingLeft.push(0);
    left.push(-1);
    right.push(-1);
    value.push(h + lambda > 0 ? (-g / (h + lambda)) * lr : 0);
    gain.push(0);
    count.push(c);
    cover.push(h);
    return feature.length - 1;
  };

  const n = ctx.nSampleRows;
  let G = 0;
  let H = 0;
  for (let r = 0; r < n; r++) {
    const row = ctx.rows[r];
    G += ctx.grad[row];
    H += ctx.hess[row];
  }
  const root: Leaf = { node: addNode(G, H, n), start: 0, end: n, depth: 0, g: G, h: H, c: n, hist: null, split: null };
  if (canSplit(root, p)) {
    root.hist = takeHist(ctx);
    buildHist(ctx, 0, n, root.hist);
    root.split = findBestSplit(ctx, root, p);
  }
  const leaves: Leaf[] = [root];

  while (leaves.length < p.maxLeafNodes) {
    let bi = -1;
    for (let i = 0; i < leaves.length; i++) {
      const s = leaves[i].split;
      if (s && (bi < 0 || s.gain > leaves[bi].split!.gain)) bi = i;
    }
    if (bi < 0) break;
    const leaf = leaves[bi];
    const s = leaf.split!;
    const mid = partition(ctx, leaf.start, leaf.end, s);
    const gr = leaf.g - s.gl;
    const hr = leaf.h - s.hl;
    const cr = leaf.c - s.cl;
    const node = leaf.node;
    feature[node] = s.feature;
    binThreshold[node] = s.bin;
    const thr = ctx.thresholds[s.feature];
    // bin nb − 1 (all non-missing values left): a threshold above every finite value
    threshold[node] = s.bin < thr.length ? thr[s.bin] : Number.MAX_VALUE;
    missingLeft[node] = s.missingLeft ? 1 : 0;
    gain[node] = s.gain / 2;
    const l: Leaf = { node: addNode(s.gl, s.hl, s.cl), start: leaf.start, end: mid, depth: leaf.depth + 1, g: s.gl, h: s.hl, c: s.cl, hist: null, split: null };
    const r: Leaf = { node: addNode(gr, hr, cr), start: mid, end: leaf.end, depth: leaf.depth + 1, g: gr, h: hr, c: cr, hist: null, split: null };
    left[node] = l.node;
    right[node] = r.node;

    const parentHist = leaf.hist!;
    leaf.hist = null;
    if (canSplit(l, p) || canSplit(r, p)) {
      const [small, large] = l.c <= r.c ? [l, r] : [r, l];
      small.hist = takeHist(ctx);
      buildHist(ctx, small.start, small.end, small.hist);
      const sh = small.hist;
      for (let k = 0; k < parentHist.length; k++) parentHist[k] -= sh[k];
      large.hist = parentHist;
      for (const child of [l, r]) {
        if (canSplit(child, p)) child.split = findBestSplit(ctx, child, p);
        if (!child.split && child.hist) {
          ctx.histPool.push(child.hist);
          child.hist = null;
        }
      }
    } else {
      ctx.histPool.push(parentHist);
    }
    leaves[bi] = l;
    leaves.push(r);
  }
  for (const leaf of leaves) {
    if (leaf.hist) ctx.histPool.push(leaf.hist);
    leaf.hist = null;
  }

  const tree: Tree = {
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    binThreshold: Uint8Array.from(binThreshold),
    missingLeft: Uint8Array.from(missingLeft),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    value: Float64Array.from(value),
    gain: Float64Array.from(gain),
    count: Int32Array.from(count),
    cover: Float64Array.from(cover),
  };
  return {
    tree,
    leafNodes: leaves.map((x) => x.node),
    leafStarts: leaves.map((x) => x.start),
    leafEnds: leaves.map((x) => x.end),
  };
}
