import type { EncodedRows } from './gowerEncoding';

/** Column order for early abandoning: the columns that differ most between random rows first. */
function columnOrder(ref: EncodedRows, dc: number, dk: number): { contOrder: number[]; catOrder: number[] } {
  const spread = new Float64Array(dc);
  for (let j = 0; j < dc; j++) {
    let n = 0;
    let s = 0;
    let ss = 0;
    for (let r = 0; r < ref.n; r++) {
      const v = ref.cont[r * dc + j];
      if (v !== v) continue;
      n++;
      s += v;
      ss += v * v;
    }
    spread[j] = n > 1 ? ss / n - (s / n) ** 2 : 0;
  }
  // chance that two random rows differ: 1 - sum of squared category shares
  const mismatch = new Float64Array(dk);
  for (let j = 0; j < dk; j++) {
    const counts = new Map<number, number>();
    for (let r = 0; r < ref.n; r++) {
      const c = ref.cat[r * dk + j];
      counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    let p2 = 0;
    for (const c of counts.values()) p2 += (c / ref.n) ** 2;
    mismatch[j] = 1 - p2;
  }
  const byDesc = (v: Float64Array) => Array.from(v.keys()).sort((a, b) => v[b] - v[a]);
  return { contOrder: byDesc(spread), catOrder: byDesc(mismatch) };
}

/**
 * Distance from every query row to its closest reference row (Gower-like, see gowerEncoding).
 *
 * Exact brute force, made cheaper two ways: (1) early abandoning: a candidate is dropped as soon as
 * its partial sum reaches the best so far, with the most discriminating columns summed first;
 * (2) a 1-D bound: reference rows are sorted on the widest continuous column k, and since the
 * distance sum includes |q_k - r_k|, the scan walks outward from the query's position and stops in
 * each direction once |q_k - r_k| reaches the best sum (rows with k missing are always scanned).
 * Worst case O(query x reference x columns). Measured in Node on the UCI data (24 columns): 6,000
 * held-out x 24,000 training rows in about 3 s (9 s without the two tricks).
 */
export function nearestDistances(query: EncodedRows, reference: EncodedRows): Float64Array {
  const out = new Float64Array(query.n);
  if (query.n === 0) return out;
  if (reference.n === 0) return out.fill(NaN);
  const dc = query.cont.length / query.n;
  const dk = query.cat.length / query.n;
  const dims = query.dims;
  const { contOrder, catOrder } = columnOrder(reference, dc, dk);

  // reference rows reordered: sorted by the key column (first in contOrder), missing keys last
  const keyCol = dc > 0 ? contOrder[0] : -1;
  const rows = Array.from({ length: reference.n }, (_, r) => r);
  const keyOf = (r: number) => (keyCol >= 0 ? reference.cont[r * dc + keyCol] : NaN);
  const present = rows.filter((r) => keyOf(r) === keyOf(r)).sort((a, b) => keyOf(a) - keyOf(b));
  const absent = rows.filter((r) => keyOf(r) !== keyOf(r));
  const ordered = present.concat(absent);
  const m = present.length;
  const n = reference.n;
  const rc = new Float64Array(n * dc);
  const rk = new Int32Array(n * dk);
  const keys = new Float64Array(m);
  ordered.forEach((r, i) => {
    for (let j = 0; j < dc; j++) rc[i * dc + j] = reference.cont[r * dc + contOrder[j]];
    for (let j = 0; j < dk; j++) rk[i * dk + j] = reference.cat[r * dk + catOrder[j]];
    if (i < m) keys[i] = rc[i * dc];
  });

  const qc = new Float64Array(dc);
  const qk = new Int32Array(dk);
  let best = Infinity;
  /** tries reference row i against the current query, lowering `best` */
  const visit = (i: number): void => {
    let s = 0;
    const kb = i * dk;
    for (let j = 0; j < dk; j++) {
      if (qk[j] !== rk[kb + j]) {
        s++;
        if (s >= best) return;
      }
    }
    const cb = i * dc;
    for (let j = 0; j < dc; j++) {
      const a = qc[j];
      const b = rc[cb + j];
      let d = a - b;
      if (d !== d) d = a !== a && b !== b ? 0 : 1;
      s += d < 0 ? -d : d;
      if (s >= best) return;
    }
    best = s;
  };

  for (let q = 0; q < query.n; q++) {
    for (let j = 0; j < dc; j++) qc[j] = query.cont[q * dc + contOrder[j]];
    for (let j = 0; j < dk; j++) qk[j] = query.cat[q * dk + catOrder[j]];
    best = Infinity;
    const key = dc > 0 ? qc[0] : NaN;
    if (key === key) {
      // walk outward from the query's position, nearer key first
      let lo = 0;
      let hi = m;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (keys[mid] < key) lo = mid + 1;
        else hi = mid;
      }
      let up = lo;
      let down = lo - 1;
      while (best > 0) {
        const gapUp = up < m ? keys[up] - key : Infinity;
        const gapDown = down >= 0 ? key - keys[down] : Infinity;
        if (gapUp <= gapDown) {
          if (gapUp >= best) break;
          visit(up++);
        } else {
          if (gapDown >= best) break;
          visit(down--);
        }
      }
    } else {
      for (let i = 0; i < m && best > 0; i++) visit(i);
    }
    for (let i = m; i < n && best > 0; i++) visit(i);
    out[q] = dims > 0 ? best / dims : 0;
  }
  return out;
}
