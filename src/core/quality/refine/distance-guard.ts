import { quantileSorted } from '../../data/eda/quantile.ts';
import { createRng, shuffledIndices, type Rng } from '../../util/random.ts';
import { encodeRows, fitGowerEncoding, type EncodedRows, type GowerEncoding } from '../privacy/gowerEncoding.ts';
import { nearestDistances } from '../privacy/nearestDistance.ts';
import type { ColumnData, QualityColumn } from '../types.ts';

/**
 * A privacy guard for refined rows. Refinement keeps the candidates a detector finds most like
 * the training rows, and those lie nearer to training rows than unseen real people do (the DCR
 * ratio, median synthetic / median held-out distance to the closest training row, drops below
 * 1). The guard measures what "as near as an unseen person" means on the training rows alone (a
 * seeded part of them against the rest, the same Gower distance as the privacy report) and swaps
 * only what the two constraints strictly need:
 *
 *  1. close rows: at most a share `closeShare` of the kept rows may lie nearer than the
 *     reference's 2 % quantile; the excess (at random among them) is swapped;
 *  2. the median: the kept rows' median distance must reach `medianMargin` × the reference
 *     median; just enough rows below it (at random among them) are swapped.
 *
 * A swapped row is replaced by a spare candidate of the pool (drawn weighted by inclusion
 * probability) that is far enough, and with `replacement: 'matched'` the one of those nearest
 * to the row it replaces: swapping rows for random far ones (unusual rows, in sparse regions)
 * drains the dense regions and hands a detector a set of outliers, while a near neighbour a
 * little farther from every training row leaves the kept rows' distribution as it was.
 */

export interface DistanceGuardOptions {
  /** training rows set aside as the "unseen" reference (default min(2,000, a fifth)) */
  referenceRows?: number;
  /** share of kept rows allowed below the reference's 2 % quantile (default 0.015: the bar is 2 %) */
  closeShare?: number;
  /** the kept rows' median distance must reach this multiple of the reference median (default 1.01) */
  medianMargin?: number;
  /** 'matched' (default): the far-enough spare nearest to the swapped row; 'random': the next far-enough spare */
  replacement?: 'matched' | 'random';
  /** far-enough spares searched per swapped row with 'matched' (default 8, at least 2,000 in all) */
  candidatesPerSwap?: number;
  seed?: number;
}

export interface DistanceGuardResult {
  kept: Int32Array;
  /** kept rows replaced */
  replaced: number;
  /** of which for the close-row share */
  replacedClose: number;
  referenceMedian: number;
  /** the reference's 2 % quantile */
  referenceQ02: number;
  /** median distance of the kept rows to the training rows, before and after */
  medianBefore: number;
  medianAfter: number;
  /** share of kept rows below the reference's 2 % quantile, before and after */
  closeBefore: number;
  closeAfter: number;
}

function median(d: ArrayLike<number>): number {
  return quantileSorted(Float64Array.from(d).sort(), 0.5);
}

/** Gower distance (sum of column terms, not divided by the column count) between two encoded rows. */
function rowDistance(a: EncodedRows, i: number, b: EncodedRows, j: number, dc: number, dk: number, bound: number): number {
  let s = 0;
  for (let c = 0; c < dk; c++) if (a.cat[i * dk + c] !== b.cat[j * dk + c]) s++;
  if (s >= bound) return s;
  for (let c = 0; c < dc; c++) {
    const x = a.cont[i * dc + c];
    const y = b.cont[j * dc + c];
    let d = x - y;
    if (d !== d) d = x !== x && y !== y ? 0 : 1;
    s += d < 0 ? -d : d;
    if (s >= bound) return s;
  }
  return s;
}

interface Spare {
  row: number;
  d: number;
  used: boolean;
}

/** The pool rows not kept, in a random order weighted by inclusion probability, their distances computed in batches. */
class SpareStream {
  private readonly order: number[];
  private next = 0;
  readonly seen: Spare[] = [];
  constructor(
    kept: Int32Array,
    inclusion: Float64Array,
    rng: Rng,
    private readonly distances: (rows: number[]) => Float64Array,
  ) {
    const isKept = new Uint8Array(inclusion.length);
    for (const i of kept) isKept[i] = 1;
    const spare: number[] = [];
    const keys: number[] = [];
    for (let i = 0; i < inclusion.length; i++) {
      if (isKept[i] || !(inclusion[i] > 0)) continue;
      spare.push(i);
      keys.push(Math.log(Math.max(1e-300, rng.next())) / inclusion[i]);
    }
    this.order = spare.map((_, k) => k).sort((a, b) => keys[b] - keys[a]).map((k) => spare[k]);
  }
  /** unused spares at distance ≥ t, fetching batches until `count` of them are known or the pool runs out */
  atLeast(t: number, count: number): Spare[] {
    let found = this.seen.filter((s) => !s.used && s.d >= t);
    while (found.length < count && this.next < this.order.length) {
      const take = this.order.slice(this.next, this.next + 2000);
      this.next += take.length;
      const dd = this.distances(take);
      take.forEach((row, q) => {
        const s = { row, d: dd[q], used: false };
        this.seen.push(s);
        if (s.d >= t) found.push(s);
      });
    }
    found = found.slice(0, count);
    return found;
  }
}

export function distanceGuard(
  train: ColumnData,
  pool: ColumnData,
  columns: QualityColumn[],
  kept: Int32Array,
  inclusion: Float64Array,
  options: DistanceGuardOptions = {},
): DistanceGuardResult {
  const rng = createRng((options.seed ?? 0) ^ 0x9a4d);
  const nTrain = (train[columns[0].name] as ArrayLike<unknown>).length;
  const m = Math.min(options.referenceRows ?? 2000, Math.floor(nTrain / 5));
  if (m < 10) throw new Error('distance guard: too few training rows');
  const enc: GowerEncoding = fitGowerEncoding(train, columns);
  const order = shuffledIndices(nTrain, rng);
  const dRef = nearestDistances(encodeRows(train, enc, order.subarray(0, m)), encodeRows(train, enc, order.subarray(m))).sort();
  const refMedian = quantileSorted(dRef, 0.5);
  const refQ02 = quantileSorted(dRef, 0.02);
  const trainEnc = encodeRows(train, enc);
  const rows = Array.from(kept);
  const n = rows.length;
  const d = Array.from(nearestDistances(encodeRows(pool, enc, kept), trainEnc));
  const medianBefore = median(d);
  const closeBefore = d.filter((v) => v < refQ02).length / n;
  const spares = new SpareStream(kept, inclusion, rng, (take) => nearestDistances(encodeRows(pool, enc, take), trainEnc));
  const matched = (options.replacement ?? 'matched') === 'matched';
  const perSwap = options.candidatesPerSwap ?? 8;
  const dc = enc.continuous.length;
  const dk = enc.discrete.length;

  /** swaps the kept rows at positions `swap` for spares at distance ≥ t; how many were swapped */
  const swapFor = (swap: number[], t: number): number => {
    if (swap.length === 0) return 0;
    const cands = spares.atLeast(t, matched ? Math.max(perSwap * swap.length, 2000) : swap.length);
    if (!matched) {
      let k = 0;
      for (; k < swap.length && k < cands.length; k++) {
        cands[k].used = true;
        rows[swap[k]] = cands[k].row;
        d[swap[k]] = cands[k].d;
      }
      return k;
    }
    const candEnc = encodeRows(pool, enc, cands.map((c) => c.row));
    const swapEnc = encodeRows(pool, enc, swap.map((k) => rows[k]));
    let done = 0;
    for (let s = 0; s < swap.length; s++) {
      let best = -1;
      let bestD = Infinity;
      for (let c = 0; c < cands.length; c++) {
        if (cands[c].used) continue;
        const dist = rowDistance(swapEnc, s, candEnc, c, dc, dk, bestD);
        if (dist < bestD) {
          bestD = dist;
          best = c;
        }
      }
      if (best < 0) break;
      cands[best].used = true;
      rows[swap[s]] = cands[best].row;
      d[swap[s]] = cands[best].d;
      done++;
    }
    return done;
  };
  const randomPick = (positions: number[], count: number): number[] =>
    Array.from(shuffledIndices(positions.length, rng).subarray(0, Math.max(0, count)), (p) => positions[p]);

  // 1. close rows over the allowed share. Unseen real rows also fall below the reference's 2 %
  // quantile, 2 % of them (rows of common patterns, all-zero bills, sit at distance 0 from
  // someone): only the excess is swapped, rows chosen at random, so the kept rows keep such patterns.
  const close: number[] = [];
  for (let k = 0; k < n; k++) if (d[k] < refQ02) close.push(k);
  const replacedClose = swapFor(randomPick(close, close.length - Math.floor((options.closeShare ?? 0.015) * n)), refQ02);

  // 2. the median: the sorted distances' middle must reach t, so fewer than half of the rows may lie below it
  const t = refMedian * (options.medianMargin ?? 1.01);
  const below: number[] = [];
  for (let k = 0; k < n; k++) if (d[k] < t) below.push(k);
  const replacedMedian = swapFor(randomPick(below, below.length - (Math.ceil(n / 2) - 1)), t);

  return {
    kept: Int32Array.from(rows).sort(),
    replaced: replacedClose + replacedMedian,
    replacedClose,
    referenceMedian: refMedian,
    referenceQ02: refQ02,
    medianBefore,
    medianAfter: median(d),
    closeBefore,
    closeAfter: d.filter((v) => v < refQ02).length / n,
  };
}
