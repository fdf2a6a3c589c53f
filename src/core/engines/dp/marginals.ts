/** Count histograms of coded columns: one-way (k cells) and two-way (ka × kb cells, row-major a). */
export function oneWayCounts(codes: Uint16Array, k: number, groupOf?: ArrayLike<number>): Float64Array {
  const out = new Float64Array(groupOf ? groupCount(groupOf) : k);
  for (let i = 0; i < codes.length; i++) out[groupOf ? groupOf[codes[i]] : codes[i]]++;
  return out;
}

export function twoWayCounts(a: Uint16Array, groupOfA: ArrayLike<number>, ka: number, b: Uint16Array, groupOfB: ArrayLike<number>, kb: number): Float64Array {
  const out = new Float64Array(ka * kb);
  for (let i = 0; i < a.length; i++) out[groupOfA[a[i]] * kb + groupOfB[b[i]]]++;
  return out;
}

export function groupCount(groupOf: ArrayLike<number>): number {
  let m = -1;
  for (let i = 0; i < groupOf.length; i++) if (groupOf[i] > m) m = groupOf[i];
  return m + 1;
}
