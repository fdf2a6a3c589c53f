/**
 * Distribution of one column with the target's positive rate per bin: the "does this column
 * separate defaulters?" chart of the explore step.
 */
import type { ColumnTable } from 'arquero';
import { assertColumns, labelColumn, readColumn } from './columns.ts';
import { quantileSorted, sortedFinite } from './quantile.ts';

export interface HistogramBin {
  label: string;
  /** numeric bins: [lo, hi) (the last bin includes hi) */
  lo?: number;
  hi?: number;
  count: number;
  /** rows in the bin whose target is not missing */
  targetKnown: number;
  positives: number;
  /** positives / targetKnown; null when no row in the bin has a known target */
  positiveRate: number | null;
}

export interface Histogram {
  column: string;
  kind: 'numeric' | 'categorical';
  bins: HistogramBin[];
  /** rows whose column value is missing, with their own target rate */
  missing: HistogramBin;
  /** numeric: the binned range; values outside it were counted in the first/last bin */
  range?: [number, number];
  /** numeric: rows folded into the first / last bin because the range was clipped */
  clippedLow: number;
  clippedHigh: number;
}

export interface HistogramOptions {
  /** equal-width bins for numeric columns (default 20) */
  bins?: number;
  /**
   * Quantiles bounding the binned range, e.g. [0.01, 0.99], so a heavy tail does not squash the
   * chart; values beyond are folded into the edge bins. Default [0, 1] (full range).
   */
  clipQuantiles?: [number, number];
  /** categorical: most frequent categories kept (default 30); the rest form one "(other)" bin */
  maxCategories?: number;
  /** force the treatment; by default a column whose non-missing values are all numbers is numeric */
  kind?: 'numeric' | 'categorical';
}

export interface TargetBalance {
  total: number;
  positives: number;
  negatives: number;
  missing: number;
  /** positives / (positives + negatives); null when none is known */
  positiveRate: number | null;
}

function emptyBin(label: string): HistogramBin {
  return { label, count: 0, targetKnown: 0, positives: 0, positiveRate: null };
}

function finishRates(bins: HistogramBin[]): void {
  for (const b of bins) b.positiveRate = b.targetKnown > 0 ? b.positives / b.targetKnown : null;
}

/** Target coded per row: 1 positive, 0 negative, −1 missing. */
function targetCodes(table: ColumnTable, target: string, positiveLabel: string): Int8Array {
  const labels = labelColumn(table, target);
  const out = new Int8Array(labels.length);
  for (let i = 0; i < labels.length; i++) out[i] = labels[i] === null ? -1 : labels[i] === positiveLabel ? 1 : 0;
  return out;
}

export function targetBalance(table: ColumnTable, target: string, positiveLabel: string): TargetBalance {
  assertColumns(table, [target], 'targetBalance');
  const codes = targetCodes(table, target, positiveLabel);
  let positives = 0;
  let missing = 0;
  for (let i = 0; i < codes.length; i++) {
    if (codes[i] === 1) positives++;
    else if (codes[i] === -1) missing++;
  }
  const known = codes.length - missing;
  return {
    total: codes.length,
    positives,
    negatives: known - positives,
    missing,
    positiveRate: known > 0 ? positives / known : null,
  };
}

function addRow(bin: HistogramBin, code: number): void {
  bin.count++;
  if (code >= 0) {
    bin.targetKnown++;
    bin.positives += code;
  }
}

function formatEdge(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
}

export function histogramWithTargetRate(
  table: ColumnTable,
  column: string,
  target: string,
  positiveLabel: string,
  opts: HistogramOptions = {},
): Histogram {
  assertColumns(table, [column, target], 'histogramWithTargetRate');
  const codes = targetCodes(table, target, positiveLabel);
  const raw = readColumn(table, column);
  const missing = emptyBin('(missing)');
  let allNumbers = true;
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i];
    if (v !== null && v !== undefined && typeof v !== 'number') {
      allNumbers = false;
      break;
    }
  }
  const kind = opts.kind ?? (allNumbers ? 'numeric' : 'categorical');

  if (kind === 'categorical') {
    const byLabel = new Map<string, HistogramBin>();
    for (let i = 0; i < raw.length; i++) {
      const v = raw[i];
      if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) {
        addRow(missing, codes[i]);
        continue;
      }
      const label = String(v);
      let bin = byLabel.get(label);
      if (!bin) byLabel.set(label, (bin = emptyBin(label)));
      addRow(bin, codes[i]);
    }
    const sorted = [...byLabel.values()].sort((a, b) => b.count - a.count);
    const keep = opts.maxCategories ?? 30;
    const bins = sorted.slice(0, keep);
    if (sorted.length > keep) {
      const other = emptyBin('(other)');
      for (const b of sorted.slice(keep)) {
        other.count += b.count;
        other.targetKnown += b.targetKnown;
        other.positives += b.positives;
      }
      bins.push(other);
    }
    finishRates(bins);
    finishRates([missing]);
    return { column, kind, bins, missing, clippedLow: 0, clippedHigh: 0 };
  }

  const values = new Float64Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const v = raw[i];
    values[i] = typeof v === 'number' && Number.isFinite(v) ? v : NaN;
  }
  const sorted = sortedFinite(values);
  const nBins = Math.max(1, Math.floor(opts.bins ?? 20));
  const [qLo, qHi] = opts.clipQuantiles ?? [0, 1];
  const lo = quantileSorted(sorted, qLo);
  const hi = quantileSorted(sorted, qHi);
  if (sorted.length === 0) {
    for (let i = 0; i < values.length; i++) addRow(missing, codes[i]);
    finishRates([missing]);
    return { column, kind, bins: [], missing, clippedLow: 0, clippedHigh: 0 };
  }
  const width = hi > lo ? (hi - lo) / nBins : 0;
  const count = width > 0 ? nBins : 1;
  const bins: HistogramBin[] = [];
  for (let b = 0; b < count; b++) {
    const bLo = lo + b * width;
    const bHi = b === count - 1 ? hi : lo + (b + 1) * width;
    const bin = emptyBin(`${formatEdge(bLo)}–${formatEdge(bHi)}`);
    bin.lo = bLo;
    bin.hi = bHi;
    bins.push(bin);
  }
  let clippedLow = 0;
  let clippedHigh = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) {
      addRow(missing, codes[i]);
      continue;
    }
    let b: number;
    if (v < lo) {
      clippedLow++;
      b = 0;
    } else if (v > hi) {
      clippedHigh++;
      b = count - 1;
    } else {
      b = width > 0 ? Math.min(count - 1, Math.floor((v - lo) / width)) : 0;
    }
    addRow(bins[b], codes[i]);
  }
  if (clippedLow > 0) bins[0].label = `≤ ${bins[0].label}`;
  if (clippedHigh > 0) bins[count - 1].label = `${bins[count - 1].label} +`;
  finishRates(bins);
  finishRates([missing]);
  return { column, kind, bins, missing, range: [lo, hi], clippedLow, clippedHigh };
}
