import type { ColumnTable } from 'arquero';
import { createRng, type Rng } from '../../util/random.ts';
import type { CustomerStreams } from './customer-streams.ts';
import { MS_PER_DAY, weekdayOfDay } from './stream-layout.ts';

/**
 * Latent customer classes: real customers grouped (k-means on standardised summaries of their own
 * streams) into a few classes of similar habits: the mix of categories, the share of weekend and
 * night events, the usual amount and its spread, the pace and regularity of their gaps. The class
 * becomes a profile attribute that the tabular engine synthesizes with the other profile columns,
 * and every event tree may split on it, so a synthetic customer keeps one class's habits over
 * the whole stream instead of the average customer's (what a per-customer detector sees first).
 */
export const MAX_CLASSES = 12;
/** a class holds at least this many real customers: a class of one would replay that customer */
export const MIN_CLASS_SIZE = 3;

export interface HabitColumns {
  /** categorical event columns whose label shares describe a customer (few labels) */
  categorical: string[];
  /** numeric event columns whose log mean and spread describe a customer */
  numeric: string[];
}

/** One row per customer: its habit summary as plain numbers (NaN where undefined). */
export function habitSummaries(table: ColumnTable, time: string, streams: CustomerStreams, cols: HabitColumns): number[][] {
  const t = table.array(time) as ArrayLike<number>;
  const cats = cols.categorical.map((c) => {
    const v = table.array(c) as ArrayLike<string | null>;
    const labels = [...new Set(Array.from(v).filter((x): x is string => x !== null).map(String))].sort();
    return { v, index: new Map(labels.map((l, k) => [l, k])), n: labels.length };
  });
  const nums = cols.numeric.map((c) => table.array(c) as ArrayLike<number | null>);
  return streams.rows.map((r) => {
    const n = r.length;
    const out: number[] = [Math.log(n), (t[r[n - 1]] - t[r[0]]) / MS_PER_DAY];
    for (const c of cats) {
      const shares = new Array<number>(c.n).fill(0);
      for (const i of r) {
        const k = c.index.get(String(c.v[i]));
        if (k !== undefined) shares[k] += 1 / n;
      }
      out.push(...shares);
    }
    let weekend = 0;
    let night = 0;
    for (const i of r) {
      const day = Math.floor(t[i] / MS_PER_DAY);
      const wd = weekdayOfDay(day);
      if (wd === 0 || wd === 6) weekend += 1 / n;
      const h = Math.floor((t[i] - day * MS_PER_DAY) / 36e5);
      if (h >= 22 || h < 4) night += 1 / n;
    }
    out.push(weekend, night);
    const gaps: number[] = [];
    for (let p = 1; p < n; p++) gaps.push(Math.log1p(Math.max(0, (t[r[p]] - t[r[p - 1]]) / 1000)));
    out.push(...meanSd(gaps));
    for (const v of nums) {
      const xs: number[] = [];
      for (const i of r) {
        const x = v[i];
        if (x !== null && Number.isFinite(x)) xs.push(Math.sign(x) * Math.log1p(Math.abs(x)));
      }
      out.push(...meanSd(xs));
    }
    return out;
  });
}

function meanSd(xs: number[]): [number, number] {
  if (xs.length === 0) return [NaN, NaN];
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  return [m, xs.length > 1 ? Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1)) : NaN];
}

/** Each column to mean 0 and spread 1 (missing values at the mean; constant columns at 0). */
export function standardise(rows: number[][]): number[][] {
  if (rows.length === 0) return [];
  const d = rows[0].length;
  const out = rows.map(() => new Array<number>(d).fill(0));
  for (let j = 0; j < d; j++) {
    const xs = rows.map((r) => r[j]).filter(Number.isFinite);
    if (xs.length < 2) continue;
    const m = xs.reduce((s, x) => s + x, 0) / xs.length;
    const s = Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / xs.length);
    rows.forEach((r, i) => (out[i][j] = s > 0 && Number.isFinite(r[j]) ? (r[j] - m) / s : 0));
  }
  return out;
}

function dist2(a: number[], b: number[]): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += (a[j] - b[j]) ** 2;
  return s;
}

function kMeansOnce(x: number[][], k: number, rng: Rng, iterations: number): { labels: Int32Array; cost: number } {
  const n = x.length;
  // k-means++ seeding
  const centres: number[][] = [x[Math.floor(rng.next() * n)].slice()];
  const near = x.map((p) => dist2(p, centres[0]));
  while (centres.length < k) {
    const total = near.reduce((s, d) => s + d, 0);
    let u = rng.next() * total;
    let pick = n - 1;
    for (let i = 0; i < n; i++) {
      u -= near[i];
      if (u < 0) {
        pick = i;
        break;
      }
    }
    centres.push(x[pick].slice());
    x.forEach((p, i) => (near[i] = Math.min(near[i], dist2(p, centres[centres.length - 1]))));
  }
  const labels = new Int32Array(n);
  for (let it = 0; it < iterations; it++) {
    let moved = false;
    x.forEach((p, i) => {
      let best = 0;
      for (let c = 1; c < k; c++) if (dist2(p, centres[c]) < dist2(p, centres[best])) best = c;
      if (best !== labels[i]) moved = true;
      labels[i] = best;
    });
    for (let c = 0; c < k; c++) {
      const members = x.filter((_, i) => labels[i] === c);
      if (members.length === 0) continue;
      centres[c] = members[0].map((_, j) => members.reduce((s, m) => s + m[j], 0) / members.length);
    }
    if (!moved && it > 0) break;
  }
  const cost = x.reduce((s, p, i) => s + dist2(p, centres[labels[i]]), 0);
  return { labels, cost };
}

/**
 * k-means classes (best of a few seeded k-means++ starts), then members of classes smaller than
 * minSize moved to the nearest class centre with enough members; classes renumbered 0.. by size.
 */
export function kMeansClasses(x: number[][], k: number, seed: number, minSize = MIN_CLASS_SIZE, starts = 8): Int32Array {
  const n = x.length;
  const kk = Math.max(1, Math.min(k, Math.floor(n / Math.max(1, minSize))));
  if (kk <= 1 || n === 0) return new Int32Array(n);
  const rng = createRng(seed);
  let best = kMeansOnce(x, kk, rng, 50);
  for (let s = 1; s < starts; s++) {
    const r = kMeansOnce(x, kk, rng, 50);
    if (r.cost < best.cost) best = r;
  }
  const labels = best.labels;
  for (;;) {
    const sizes = new Array<number>(kk).fill(0);
    labels.forEach((c) => sizes[c]++);
    const small = sizes.findIndex((s) => s > 0 && s < minSize && sizes.filter((z) => z >= minSize).length > 0);
    if (small < 0) break;
    const centre = (c: number) => {
      const m = x.filter((_, i) => labels[i] === c);
      return m[0].map((_, j) => m.reduce((s, p) => s + p[j], 0) / m.length);
    };
    const big = sizes.map((s, c) => (s >= minSize ? c : -1)).filter((c) => c >= 0);
    const centres = new Map(big.map((c) => [c, centre(c)]));
    labels.forEach((c, i) => {
      if (c !== small) return;
      let to = big[0];
      for (const b of big) if (dist2(x[i], centres.get(b)!) < dist2(x[i], centres.get(to)!)) to = b;
      labels[i] = to;
    });
  }
  const sizes = new Map<number, number>();
  labels.forEach((c) => sizes.set(c, (sizes.get(c) ?? 0) + 1));
  const order = [...sizes.keys()].sort((a, b) => sizes.get(b)! - sizes.get(a)! || a - b);
  const renumber = new Map(order.map((c, k2) => [c, k2]));
  return Int32Array.from(labels, (c) => renumber.get(c)!);
}

/** How many classes for n customers: about sqrt(n / 2), at most MAX_CLASSES. */
export function classCount(n: number): number {
  return Math.max(1, Math.min(MAX_CLASSES, Math.round(Math.sqrt(n / 2))));
}

export const classLabel = (c: number): string => `class ${c + 1}`;
