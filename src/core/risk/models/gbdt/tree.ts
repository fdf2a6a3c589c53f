import { MISSING_BIN } from './bin-mapper.ts';

/**
 * One regression tree in flat arrays (node 0 is the root). Internal nodes send a row left when
 * x[feature] ≤ threshold (raw value) or, equivalently, bin ≤ binThreshold; a missing value goes
 * the learned way (missingLeft). Every node keeps its value (the leaf value it would have had),
 * which path-based (Saabas) attributions need.
 */
export interface Tree {
  /** split feature; −1 at a leaf */
  feature: Int32Array;
  threshold: Float64Array;
  binThreshold: Uint8Array;
  missingLeft: Uint8Array;
  /** child node ids; −1 at a leaf */
  left: Int32Array;
  right: Int32Array;
  /** raw-score value (learning rate applied) */
  value: Float64Array;
  /** loss reduction of the split (0 at a leaf) */
  gain: Float64Array;
  /** training rows that reached the node */
  count: Int32Array;
  /** sum of hessians (weighted) that reached the node */
  cover: Float64Array;
}

/** Node arrays in plain JSON form. */
export interface TreeJson {
  feature: number[];
  threshold: number[];
  binThreshold: number[];
  missingLeft: number[];
  left: number[];
  right: number[];
  value: number[];
  gain: number[];
  count: number[];
  cover: number[];
}

export function treeToJson(t: Tree): TreeJson {
  return {
    feature: Array.from(t.feature),
    threshold: Array.from(t.threshold),
    binThreshold: Array.from(t.binThreshold),
    missingLeft: Array.from(t.missingLeft),
    left: Array.from(t.left),
    right: Array.from(t.right),
    value: Array.from(t.value),
    gain: Array.from(t.gain),
    count: Array.from(t.count),
    cover: Array.from(t.cover),
  };
}

export function treeFromJson(j: TreeJson): Tree {
  const n = j.feature.length;
  const keys = ['threshold', 'binThreshold', 'missingLeft', 'left', 'right', 'value', 'gain', 'count', 'cover'] as const;
  for (const k of keys) {
    if (!Array.isArray(j[k]) || j[k].length !== n) throw new Error(`tree JSON: '${k}' must have ${n} entries`);
  }
  return {
    feature: Int32Array.from(j.feature),
    threshold: Float64Array.from(j.threshold),
    binThreshold: Uint8Array.from(j.binThreshold),
    missingLeft: Uint8Array.from(j.missingLeft),
    left: Int32Array.from(j.left),
    right: Int32Array.from(j.right),
    value: Float64Array.from(j.value),
    gain: Float64Array.from(j.gain),
    count: Int32Array.from(j.count),
    cover: Float64Array.from(j.cover),
  };
}

/** Leaf reached by raw row values data[offset .. offset + nCols). */
export function leafOfRaw(t: Tree, data: Float64Array, offset: number): number {
  let node = 0;
  while (t.left[node] >= 0) {
    const v = data[offset + t.feature[node]];
    const goLeft = v !== v ? t.missingLeft[node] === 1 : v <= t.threshold[node];
    node = goLeft ? t.left[node] : t.right[node];
  }
  return node;
}

/** Leaf reached by binned row bins[offset .. offset + nCols). */
export function leafOfBinned(t: Tree, bins: Uint8Array, offset: number): number {
  let node = 0;
  while (t.left[node] >= 0) {
    const b = bins[offset + t.feature[node]];
    const goLeft = b === MISSING_BIN ? t.missingLeft[node] === 1 : b <= t.binThreshold[node];
    node = goLeft ? t.left[node] : t.right[node];
  }
  return node;
}
