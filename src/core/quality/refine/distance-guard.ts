import { quantileSorted } from '../../data/eda/quantile.ts';
import { createRng, shuffledIndices } from '../../util/random.ts';
import { encodeRows, fitGowerEncoding } from '../privacy/gowerEncoding.ts';
import { nearestDistances } from '../privacy/nearestDistance.ts';
import type { ColumnData, QualityColumn } from '../types.ts';

/**
 * A privacy guard for refined rows. Refinement keeps the candidates a detector finds most like
 * the training rows, and those lie nearer to training rows than unseen real people do (the DCR
 * ratio, median synthetic / median held-out distance to the closest training row, drops below
 * 1). The guard measures what "as near as an unseen person" means on the training rows alone (a
 * seeded part of them against the rest, the same Gower distance as the privacy report); while
 * more than a share q of the kept rows lie nearer than that reference's q-quantile, the excess
 * (at random among them) is replaced by the next candidates of the pool (in a random order
 * weighted by inclusion probability) that do not, q raised step by step until the kept rows'
 * median distance is no smaller than the reference median.
 */

export interface DistanceGuardOptions {
  /** training rows set aside as the "unseen" reference (default min(2,000, a fifth)) */
  referenceRows?: number;
  /** the quantiles tried in turn (default 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5) */
  quantiles?: number[];
  seed?: number;
}

export interface DistanceGuardResult {
  kept: Int32Array;
  /** kept rows replaced */
  replaced: number;
  /** the last quantile used (NaN when nothing had to be replaced) */
  quantile: number;
  referenceMedian: number;
  /** median distance of the kept rows to the training rows, before and after */
  medianBefore: number;
  medianAfter: number;
}

function median(d: ArrayLike<number>): number {
  return quantileSorted(Float64Array.from(d).sort(), 0.5);
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
  const enc = fitGowerEncoding(train, columns);
  const order = shuffledIndices(nTrain, rng);
  const refEnc = encodeRows(train, enc, order.subarray(0, m));
  const dRef = nearestDistances(refEnc, encodeRows(train, enc, order.subarray(m))).sort();
  const refMedian = quantileSorted(dRef, 0.5);
  const trainEnc = encodeRows(train, enc);
  const rows = Array.from(kept);
  const d = Array.from(nearestDistances(encodeRows(pool, enc, kept), trainEnc));
  const medianBefore = median(d);

  // spare candidates: the rows not kept, in a random order weighted by inclusion probability
  const isKept = new Uint8Array(inclusion.length);
  for (const i of kept) isKept[i] = 1;
  const spare: number[] = [];
  const keys: number[] = [];
  for (let i = 0; i < inclusion.length; i++) {
    if (isKept[i] || !(inclusion[i] > 0)) continue;
    spare.push(i);
    keys.push(Math.log(Math.max(1e-300, rng.next())) / inclusion[i]);
  }
  const spareOrder = spare.map((_, k) => k).sort((a, b) => keys[b] - keys[a]);
  let next = 0;
  const batch: { row: number; d: number }[] = [];
  const nextSpare = (): { row: number; d: number } | null => {
    if (batch.length === 0) {
      if (next >= spareOrder.length) return null;
      const take = spareOrder.slice(next, next + 1000).map((k) => spare[k]);
      next += take.length;
      const dd = nearestDistances(encodeRows(pool, enc, take), trainEnc);
      for (let q = take.length - 1; q >= 0; q--) batch.push({ row: take[q], d: dd[q] });
    }
    return batch.pop()!;
  };

  // Unseen real rows also fall below the reference's q-quantile, a share q of them (rows of
  // common patterns, all-zero bills, sit at distance 0 from someone): only the excess over q is
  // replaced, rows chosen at random among those below, so the kept rows keep such patterns.
  let replaced = 0;
  let used = NaN;
  for (const q of options.quantiles ?? [0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5]) {
    if (median(d) >= refMedian) break;
    const t = quantileSorted(dRef, q);
    const below: number[] = [];
    for (let k = 0; k < rows.length; k++) if (d[k] < t) below.push(k);
    const excess = below.length - Math.floor(q * rows.length);
    if (excess <= 0) continue;
    used = q;
    const pick = shuffledIndices(below.length, rng).subarray(0, excess);
    for (const p of pick) {
      const k = below[p];
      let s = nextSpare();
      while (s !== null && s.d < t) s = nextSpare();
      if (s === null) break;
      rows[k] = s.row;
      d[k] = s.d;
      replaced++;
    }
  }
  return {
    kept: Int32Array.from(rows).sort(),
    replaced,
    quantile: used,
    referenceMedian: refMedian,
    medianBefore,
    medianAfter: median(d),
  };
}
