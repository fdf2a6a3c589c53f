/**
 * Per-row training weights from class weights and optional sample weights, shared by all
 * risk models so 'balanced' means the same thing everywhere (scikit-learn's definition).
 */

/** 'balanced': weight of class c = n / (2 · n_c); or explicit weights per class. */
export type ClassWeight = 'balanced' | { 0: number; 1: number } | null;

export function checkBinaryTarget(y: ArrayLike<number>, nRows: number): void {
  if (y.length !== nRows) throw new Error(`target has ${y.length} values for ${nRows} rows`);
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) throw new Error(`target must be 0/1; row ${i} holds ${y[i]}`);
  }
}

export function classWeightValues(y: ArrayLike<number>, classWeight: ClassWeight | undefined): [number, number] {
  if (!classWeight) return [1, 1];
  if (classWeight === 'balanced') {
    let n1 = 0;
    for (let i = 0; i < y.length; i++) n1 += y[i];
    const n0 = y.length - n1;
    // a class that is absent gets weight 0: it has no rows to weigh
    return [n0 > 0 ? y.length / (2 * n0) : 0, n1 > 0 ? y.length / (2 * n1) : 0];
  }
  return [classWeight[0], classWeight[1]];
}

export function resolveSampleWeights(
  y: ArrayLike<number>,
  classWeight?: ClassWeight,
  sampleWeight?: ArrayLike<number>,
): Float64Array {
  const [w0, w1] = classWeightValues(y, classWeight);
  const out = new Float64Array(y.length);
  if (sampleWeight && sampleWeight.length !== y.length) {
    throw new Error(`sample weights: ${sampleWeight.length} values for ${y.length} rows`);
  }
  for (let i = 0; i < y.length; i++) {
    const s = sampleWeight ? sampleWeight[i] : 1;
    if (!(s >= 0) || !Number.isFinite(s)) throw new Error(`sample weight at row ${i} is ${s}`);
    out[i] = (y[i] === 1 ? w1 : w0) * s;
  }
  return out;
}
