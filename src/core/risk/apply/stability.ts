import { quantileSorted } from '../../data/eda/quantile.ts';
import { sortLabels } from '../features/column-values.ts';

/**
 * Population stability: PSI = Σ (a_k − e_k) · ln(a_k / e_k) over bins, with e the training (expected)
 * shares and a the new (actual) ones; an empty bin's share is replaced by ε so the log stays finite.
 * Numeric bins are the deciles of the training values (equal edges merged); categorical bins are the
 * training labels, plus "(other)" for unseen labels; missing values are a bin of their own.
 * Bands (the usual rule of thumb): < 0.1 stable, 0.1–0.25 watch, > 0.25 shift.
 * On a model input the same index is called CSI (characteristic stability index).
 */
export const PSI_EPSILON = 1e-4;

export type StabilityBand = 'stable' | 'watch' | 'shift';

export function stabilityBand(psi: number): StabilityBand {
  return psi < 0.1 ? 'stable' : psi <= 0.25 ? 'watch' : 'shift';
}

export type StabilityReference =
  | { kind: 'numeric'; name: string; edges: number[]; shares: number[]; missingShare: number }
  | { kind: 'categorical'; name: string; categories: string[]; shares: number[]; otherShare: number; missingShare: number };

export interface StabilityBin {
  bin: string;
  expected: number;
  actual: number;
  /** (a − e) · ln(a / e) */
  term: number;
}

export interface StabilityResult {
  name: string;
  index: number;
  band: StabilityBand;
  bins: StabilityBin[];
}

/** PSI of two share vectors over the same bins. */
export function psiFromShares(expected: ArrayLike<number>, actual: ArrayLike<number>, epsilon = PSI_EPSILON): number {
  if (expected.length !== actual.length) throw new Error('PSI: the two distributions need the same bins');
  let psi = 0;
  for (let k = 0; k < expected.length; k++) {
    const e = Math.max(expected[k], epsilon);
    const a = Math.max(actual[k], epsilon);
    psi += (a - e) * Math.log(a / e);
  }
  return psi;
}

/** Bin k covers (edge[k−1], edge[k]]; the last bin is open above. */
function numericBin(edges: readonly number[], v: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v <= edges[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function numericReference(name: string, values: ArrayLike<number>, bins = 10): StabilityReference {
  const sorted = Float64Array.from(Array.from(values).filter((v) => Number.isFinite(v))).sort();
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const e = quantileSorted(sorted, k / bins);
    if (Number.isFinite(e) && (edges.length === 0 || e > edges[edges.length - 1])) edges.push(e);
  }
  const { shares, missingShare } = numericShares(edges, values);
  return { kind: 'numeric', name, edges, shares, missingShare };
}

function numericShares(edges: readonly number[], values: ArrayLike<number>): { shares: number[]; missingShare: number } {
  const counts = new Array<number>(edges.length + 1).fill(0);
  let missing = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) missing++;
    else counts[numericBin(edges, v)]++;
  }
  const n = values.length || 1;
  return { shares: counts.map((c) => c / n), missingShare: missing / n };
}

export function categoricalReference(name: string, labels: readonly (string | null)[]): StabilityReference {
  const counts = new Map<string, number>();
  let missing = 0;
  for (const l of labels) {
    if (l === null) missing++;
    else counts.set(l, (counts.get(l) ?? 0) + 1);
  }
  const categories = sortLabels(counts.keys());
  const n = labels.length || 1;
  return { kind: 'categorical', name, categories, shares: categories.map((c) => counts.get(c)! / n), otherShare: 0, missingShare: missing / n };
}

function fmt(v: number): string {
  return String(Number(v.toPrecision(4)));
}

/** The stability index of new values against a reference. */
export function stabilityIndex(ref: StabilityReference, values: ArrayLike<number> | readonly (string | null)[], epsilon = PSI_EPSILON): StabilityResult {
  let names: string[];
  let expected: number[];
  let actual: number[];
  if (ref.kind === 'numeric') {
    const v = values as ArrayLike<number>;
    const got = numericShares(ref.edges, v);
    names = ref.shares.map((_, k) =>
      k === 0 ? `≤ ${fmt(ref.edges[0] ?? Infinity)}` : k === ref.edges.length ? `> ${fmt(ref.edges[k - 1])}` : `(${fmt(ref.edges[k - 1])}, ${fmt(ref.edges[k])}]`,
    );
    if (ref.edges.length === 0) names = ['all values'];
    expected = [...ref.shares];
    actual = got.shares;
    if (ref.missingShare > 0 || got.missingShare > 0) {
      names.push('(missing)');
      expected.push(ref.missingShare);
      actual.push(got.missingShare);
    }
  } else {
    const labels = values as readonly (string | null)[];
    const index = new Map(ref.categories.map((c, k) => [c, k]));
    const counts = new Array<number>(ref.categories.length).fill(0);
    let other = 0;
    let missing = 0;
    for (const l of labels) {
      if (l === null) missing++;
      else {
        const k = index.get(l);
        if (k === undefined) other++;
        else counts[k]++;
      }
    }
    const n = labels.length || 1;
    names = [...ref.categories];
    expected = [...ref.shares];
    actual = counts.map((c) => c / n);
    if (ref.otherShare > 0 || other > 0) {
      names.push('(other)');
      expected.push(ref.otherShare);
      actual.push(other / n);
    }
    if (ref.missingShare > 0 || missing > 0) {
      names.push('(missing)');
      expected.push(ref.missingShare);
      actual.push(missing / n);
    }
  }
  const bins = names.map((bin, k) => {
    const e = Math.max(expected[k], epsilon);
    const a = Math.max(actual[k], epsilon);
    return { bin, expected: expected[k], actual: actual[k], term: (a - e) * Math.log(a / e) };
  });
  const index = bins.reduce((s, b) => s + b.term, 0);
  return { name: ref.name, index, band: stabilityBand(index), bins };
}
