import type { Rng } from '../util/random.ts';
import type { ColumnCoder, NumericCoder } from './column-coder.ts';

/**
 * Amounts that follow one another (this month's bill and last month's, a payment and the bill it
 * pays) are often equal or nearly so in real rows: a card left idle repeats its bill, a bill paid
 * in full makes the payment equal to it. Bins and a within-bin copula keep the two amounts' bins
 * and their rank correlation, but not that tight diagonal, and a full-strength detector finds
 * the synthetic rows by it (issue 18: the top giveaways were the BILL_AMT columns and their pairs).
 *
 * Here a numeric column is linked to an "anchor", the earlier column (in the engine's visiting
 * order) that equals it most often in the training rows. When a sampled row has the column in a
 * range bin, its value becomes the anchor's sampled value plus the offset (value − anchor) of a
 * random training row with the same pair of codes, so equal amounts stay equal and near ones
 * near (applyDonorOffsets says how a donor is drawn). No training row is copied: the anchor's
 * value is itself a synthetic draw, and the rare-row guard still checks every decoded row. The
 * model keeps up to 256 offsets per cell of at least 5 training rows (differences, not amounts).
 *
 * Measured on the UCI validation split (bench/engine-diag.ts, refine bench --refine-validation):
 * detection of the engine's rows rose from 0.36 to about 0.43-0.46 and after refinement from 0.70
 * to about 0.85-0.89 (seed 0). Keying the cells also on whether the anchor equalled its own
 * anchor (runs of idle months) measured no better and was dropped.
 */
export interface DonorOffsetLink {
  column: number;
  anchor: number;
  /** code count of the anchor (cell key = code of column × anchorCodes + code of anchor) */
  anchorCodes: number;
  /** offsets (value − anchor value) of training rows per cell, for cells with enough rows */
  cells: Record<string, number[]>;
}

export interface DonorOffsets {
  /** in decoding order: an anchor is always decoded before the columns linked to it */
  links: DonorOffsetLink[];
}

export interface DonorOffsetOptions {
  /** a column is linked when at least this share of training rows have it equal to the anchor, nonzero, in a range bin (default 0.01) */
  minEqualShare?: number;
  /** a cell's offsets are used when it holds at least this many training rows (default 5) */
  minCell?: number;
  /** offsets kept per cell at most (seeded subsample; default 256) */
  maxPerCell?: number;
}

/** A uniform seeded subsample of at most `keep` offsets, sorted. */
function keptOffsets(list: number[], keep: number, rng: Rng): number[] {
  const m = Math.min(keep, list.length);
  for (let k = 0; k < m; k++) {
    const r = k + Math.floor(rng.next() * (list.length - k));
    const t = list[k];
    list[k] = list[r];
    list[r] = t;
  }
  return list.slice(0, m).sort((p, q) => p - q);
}

function isRange(coder: NumericCoder, code: number): boolean {
  return coder.bins[code]?.type === 'range';
}

/**
 * Links for the numeric columns of `order` (column indices in visiting order). `values[j]` is the
 * training column j, `codes[j]` its codes.
 */
export function fitDonorOffsets(
  coders: readonly ColumnCoder[],
  codes: Uint16Array[],
  nCodes: number[],
  values: ArrayLike<unknown>[],
  order: readonly number[],
  rng: Rng,
  options: DonorOffsetOptions = {},
): DonorOffsets {
  const minShare = options.minEqualShare ?? 0.01;
  const minCell = options.minCell ?? 5;
  const maxPerCell = options.maxPerCell ?? 256;
  const n = codes[0]?.length ?? 0;
  const links: DonorOffsetLink[] = [];
  const numeric = order.filter((j) => coders[j].kind === 'numeric');
  numeric.forEach((j, p) => {
    const coder = coders[j] as NumericCoder;
    const y = values[j];
    let best = -1;
    let bestEqual = 0;
    for (const a of numeric.slice(0, p)) {
      const x = values[a];
      let equal = 0;
      for (let i = 0; i < n; i++) if (typeof y[i] === 'number' && y[i] !== 0 && y[i] === x[i] && isRange(coder, codes[j][i])) equal++;
      if (equal > bestEqual) {
        bestEqual = equal;
        best = a;
      }
    }
    if (best < 0 || bestEqual < minShare * n) return;
    const x = values[best];
    const byCell = new Map<number, number[]>();
    const push = (m: Map<number, number[]>, key: number, d: number) => {
      let list = m.get(key);
      if (!list) m.set(key, (list = []));
      list.push(d);
    };
    for (let i = 0; i < n; i++) {
      const yi = y[i];
      const xi = x[i];
      if (typeof yi !== 'number' || typeof xi !== 'number' || !isRange(coder, codes[j][i])) continue;
      const key = codes[j][i] * nCodes[best] + codes[best][i];
      push(byCell, key, yi - xi);
    }
    const kept = (m: Map<number, number[]>): Record<string, number[]> => {
      const out: Record<string, number[]> = {};
      for (const [key, list] of m) if (list.length >= minCell) out[key] = keptOffsets(list, maxPerCell, rng);
      return out;
    };
    links.push({ column: j, anchor: best, anchorCodes: nCodes[best], cells: kept(byCell) });
  });
  return { links };
}

function lowerBound(a: readonly number[], v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The lower (side 0) or upper (side 1) edge of a bin; past either end, that end's bin. */
function edge(coder: NumericCoder, code: number, side: 0 | 1): number {
  const bin = coder.bins[Math.min(coder.bins.length - 1, Math.max(0, code))];
  return bin.type === 'point' ? bin.value : bin.knots[side === 0 ? 0 : bin.knots.length - 1];
}

/**
 * Rewrites the linked columns of one decoded row (row[j] for column j; codes[j][i] its codes). A
 * donor is drawn from the cell: one whose amounts were equal makes the value equal to the anchor
 * where the anchor lies in the sampled bin or one next to it (bins of two columns overlap only in
 * part, and requiring the bin itself loses more of the equal pairs; further out, the value would
 * leave the column's range or shift its marginal), else the row keeps its within-bin draw; any
 * other gives anchor + an offset drawn uniformly among the cell's nonzero offsets that keep the
 * value inside the sampled bin (the offsets are sorted, so those are at most two runs). A row
 * with none keeps its within-bin draw.
 */
export function applyDonorOffsets(
  offsets: DonorOffsets,
  coders: readonly ColumnCoder[],
  codes: Uint16Array[],
  i: number,
  row: (string | number | null)[],
  rng: Rng,
): void {
  for (const link of offsets.links) {
    const coder = coders[link.column] as NumericCoder;
    const code = codes[link.column][i];
    const bin = coder.bins[code];
    const anchor = row[link.anchor];
    if (bin?.type !== 'range' || typeof anchor !== 'number') continue;
    const key = code * link.anchorCodes + codes[link.anchor][i];
    const list = link.cells[key];
    if (!list) continue;
    if (list[Math.floor(rng.next() * list.length)] === 0) {
      if (anchor >= edge(coder, code - 1, 0) && anchor <= edge(coder, code + 1, 1)) row[link.column] = anchor;
      continue;
    }
    const a = lowerBound(list, bin.knots[0] - anchor);
    const b = lowerBound(list, bin.knots[bin.knots.length - 1] - anchor + 1e-9 * Math.abs(anchor) + 1e-12);
    // the zeros inside [a, b) are skipped
    const z0 = Math.min(b, Math.max(a, lowerBound(list, 0)));
    const z1 = Math.min(b, Math.max(a, lowerBound(list, Number.MIN_VALUE)));
    const m = b - a - (z1 - z0);
    if (m <= 0) continue;
    const k = a + Math.floor(rng.next() * m);
    row[link.column] = anchor + list[k < z0 ? k : k + (z1 - z0)];
  }
}
