import { encodeShared } from './categoryKey';
import type { Cell } from './types';

export interface CategoryFrequency {
  category: string;
  /** share among the non-missing values of each table */
  real: number;
  synthetic: number;
}

export interface CategoryCoverage {
  realCategories: number;
  syntheticCategories: number;
  /** share of the real categories that the synthetic column contains (1 when real has none) */
  coverage: number;
  /** real categories never generated */
  missingFromSynthetic: string[];
  /** categories generated that the real column lacks */
  syntheticOnly: string[];
  /** share of missing cells per table */
  missingShare: { real: number; synthetic: number };
  /** per category, real order of first appearance, then synthetic-only ones */
  frequencies: CategoryFrequency[];
}

/** Which real categories the generator reproduces, and at what frequency; labels compared by value. */
export function categoryCoverage(real: ArrayLike<Cell>, synthetic: ArrayLike<Cell>): CategoryCoverage {
  const { categories, codes } = encodeShared([real, synthetic]);
  const k = categories.length;
  const count = (c: Int32Array) => {
    const out = new Float64Array(k);
    let present = 0;
    for (let i = 0; i < c.length; i++) {
      if (c[i] >= 0) {
        out[c[i]]++;
        present++;
      }
    }
    return { out, present, missing: c.length - present };
  };
  const r = count(codes[0]);
  const s = count(codes[1]);
  const missingFromSynthetic: string[] = [];
  const syntheticOnly: string[] = [];
  let realCategories = 0;
  let syntheticCategories = 0;
  for (let c = 0; c < k; c++) {
    if (r.out[c] > 0) realCategories++;
    if (s.out[c] > 0) syntheticCategories++;
    if (r.out[c] > 0 && s.out[c] === 0) missingFromSynthetic.push(categories[c]);
    if (r.out[c] === 0 && s.out[c] > 0) syntheticOnly.push(categories[c]);
  }
  const share = (a: number, b: number) => (b > 0 ? a / b : 0);
  return {
    realCategories,
    syntheticCategories,
    coverage: realCategories > 0 ? (realCategories - missingFromSynthetic.length) / realCategories : 1,
    missingFromSynthetic,
    syntheticOnly,
    missingShare: { real: share(r.missing, codes[0].length), synthetic: share(s.missing, codes[1].length) },
    frequencies: categories.map((category, c) => ({
      category,
      real: share(r.out[c], r.present),
      synthetic: share(s.out[c], s.present),
    })),
  };
}
