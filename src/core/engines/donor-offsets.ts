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
 * near. An offset that would leave the sampled bin is redrawn a few times, then the row keeps its
 * within-bin draw. No training row is copied: the anchor's value is itself a synthetic draw.
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
    for (let i = 0; i < n; i++) {
      const yi = y[i];
      const xi = x[i];
      if (typeof yi !== 'number' || typeof xi !== 'number' || !isRange(coder, codes[j][i])) continue;
      const key = codes[j][i] * nCodes[best] + codes[best][i];
      let list = byCell.get(key);
      if (!list) byCell.set(key, (list = []));
      list.push(yi - xi);
    }
    const cells: Record<string, number[]> = {};
    for (const [key, list] of byCell) {
      if (list.length < minCell) continue;
      // a seeded partial shuffle keeps a uniform subsample of a large cell
      const keep = Math.min(maxPerCell, list.length);
      for (let k = 0; k < keep; k++) {
        const r = k + Math.floor(rng.next() * (list.length - k));
        const t = list[k];
        list[k] = list[r];
        list[r] = t;
      }
      cells[key] = list.slice(0, keep);
    }
    links.push({ column: j, anchor: best, anchorCodes: nCodes[best], cells });
  });
  return { links };
}

/** Tries per row for an offset that keeps the value inside its sampled bin. */
const TRIES = 4;

/**
 * Rewrites the linked columns of one decoded row (row[j] for column j; codes[j][i] its codes) as
 * anchor + donor offset, where a cell has offsets and the result stays in the sampled bin.
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
    const list = link.cells[code * link.anchorCodes + codes[link.anchor][i]];
    if (!list) continue;
    const lo = bin.knots[0];
    const hi = bin.knots[bin.knots.length - 1];
    for (let t = 0; t < TRIES; t++) {
      const v = anchor + list[Math.floor(rng.next() * list.length)];
      if (v >= lo && v <= hi) {
        row[link.column] = v;
        break;
      }
    }
  }
}
