import type { ColumnTable } from 'arquero';
import { quantileSorted } from '../../data/eda/quantile.ts';
import { sortLabels } from '../features/column-values.ts';

/**
 * Portfolio expected loss: EL = Σ PD × LGD × EAD, with EAD from a column (missing or negative
 * exposure counts as 0) and one LGD for everyone. Segments are the labels of a categorical column,
 * or quantile bins of a numeric one.
 */
export interface SegmentLoss {
  segment: string;
  count: number;
  meanPd: number;
  ead: number;
  el: number;
  /** EL / total EL */
  share: number;
}

export interface PortfolioLoss {
  count: number;
  ead: number;
  el: number;
  /** EL / EAD */
  lossRate: number;
  meanPd: number;
  segments: SegmentLoss[];
}

function cleanEad(v: number): number {
  return Number.isFinite(v) && v > 0 ? v : 0;
}

export function expectedLoss(pd: ArrayLike<number>, ead: ArrayLike<number> | number, lgd: number): number {
  if (!(lgd >= 0 && lgd <= 1)) throw new Error(`LGD must be in [0, 1], got ${lgd}`);
  let el = 0;
  for (let i = 0; i < pd.length; i++) el += pd[i] * lgd * cleanEad(typeof ead === 'number' ? ead : ead[i]);
  return el;
}

export function portfolioLoss(pd: ArrayLike<number>, ead: ArrayLike<number> | number, lgd: number, segments: (string | null)[] | null = null): PortfolioLoss {
  const n = pd.length;
  const total = expectedLoss(pd, ead, lgd);
  let eadSum = 0;
  let pdSum = 0;
  const acc = new Map<string, { count: number; pd: number; ead: number; el: number }>();
  for (let i = 0; i < n; i++) {
    const e = cleanEad(typeof ead === 'number' ? ead : ead[i]);
    eadSum += e;
    pdSum += pd[i];
    if (segments) {
      const key = segments[i] ?? '(missing)';
      let s = acc.get(key);
      if (!s) acc.set(key, (s = { count: 0, pd: 0, ead: 0, el: 0 }));
      s.count++;
      s.pd += pd[i];
      s.ead += e;
      s.el += pd[i] * lgd * e;
    }
  }
  const order = segments ? segmentOrder([...acc.keys()]) : [];
  return {
    count: n,
    ead: eadSum,
    el: total,
    lossRate: eadSum > 0 ? total / eadSum : 0,
    meanPd: n ? pdSum / n : 0,
    segments: order.map((segment) => {
      const s = acc.get(segment)!;
      return { segment, count: s.count, meanPd: s.pd / s.count, ead: s.ead, el: s.el, share: total > 0 ? s.el / total : 0 };
    }),
  };
}

/** Bins keep their numeric order ("[a, b)" labels carry a sortable lower bound); labels sort like model categories. */
function segmentOrder(keys: string[]): string[] {
  const bins = keys.filter((k) => k.startsWith('['));
  if (bins.length === keys.filter((k) => k !== '(missing)').length && bins.length > 0) {
    const lower = (k: string) => Number(k.slice(1, k.indexOf(',')));
    return [...bins.sort((a, b) => lower(a) - lower(b)), ...keys.filter((k) => k === '(missing)')];
  }
  const rest = sortLabels(keys.filter((k) => k !== '(missing)'));
  return keys.includes('(missing)') ? [...rest, '(missing)'] : rest;
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(4)));
}

/** Quantile bins of a numeric column: "[a, b)" labels (the last one closed), null for missing. */
export function quantileBinLabels(values: ArrayLike<number>, bins = 5): (string | null)[] {
  const finite = Float64Array.from(Array.from(values).filter((v) => Number.isFinite(v))).sort();
  if (finite.length === 0) return Array.from(values, () => null);
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const e = quantileSorted(finite, k / bins);
    if (edges.length === 0 || e > edges[edges.length - 1]) edges.push(e);
  }
  const lo = finite[0];
  const hi = finite[finite.length - 1];
  const bounds = [lo, ...edges.filter((e) => e > lo && e < hi), hi];
  const labels: string[] = [];
  for (let k = 0; k < bounds.length - 1; k++) labels.push(`[${fmt(bounds[k])}, ${fmt(bounds[k + 1])}${k === bounds.length - 2 ? ']' : ')'}`);
  if (labels.length === 0) labels.push(`[${fmt(lo)}, ${fmt(hi)}]`);
  return Array.from(values, (v) => {
    if (!Number.isFinite(v)) return null;
    let k = 0;
    while (k < bounds.length - 2 && v >= bounds[k + 1]) k++;
    return labels[k];
  });
}

export interface PdBin {
  lower: number;
  upper: number;
  count: number;
}

/** Histogram of PDs over [0, 1] in equal bins. */
export function pdHistogram(pd: ArrayLike<number>, bins = 20): PdBin[] {
  const out = Array.from({ length: bins }, (_, k) => ({ lower: k / bins, upper: (k + 1) / bins, count: 0 }));
  for (let i = 0; i < pd.length; i++) out[Math.min(bins - 1, Math.max(0, Math.floor(pd[i] * bins)))].count++;
  return out;
}

/**
 * A stress shift applied to one column for everyone:
 * - add: numbers + delta; for numeric category codes (PAY_0 months late) the shifted code is
 *   clamped to the observed codes' range and snapped to the nearest observed code;
 * - multiply: numbers × factor (e.g. income −20 % → 0.8);
 * - set: every row gets one label / number.
 */
export type StressShift = { kind: 'add'; delta: number } | { kind: 'multiply'; factor: number } | { kind: 'set'; value: string | number };

export function shiftColumn(table: ColumnTable, column: string, shift: StressShift, categories: readonly string[] | null = null): ColumnTable {
  if (!table.columnNames().includes(column)) throw new Error(`stress: the table has no column "${column}"`);
  const src = table.array(column) as ArrayLike<unknown>;
  const out = new Array<unknown>(src.length);
  if (categories) {
    const codes = categories.map(Number).filter((v, k) => categories[k].trim() !== '' && Number.isFinite(v));
    const codeLabels = categories.filter((c) => c.trim() !== '' && Number.isFinite(Number(c)));
    for (let i = 0; i < src.length; i++) {
      const v = src[i];
      if (v === null || v === undefined) {
        out[i] = null;
        continue;
      }
      if (shift.kind === 'set') {
        out[i] = String(shift.value);
        continue;
      }
      const x = Number(v);
      if (!Number.isFinite(x) || codes.length === 0) {
        out[i] = String(v);
        continue;
      }
      const moved = shift.kind === 'add' ? x + shift.delta : x * shift.factor;
      let best = 0;
      for (let k = 1; k < codes.length; k++) if (Math.abs(codes[k] - moved) < Math.abs(codes[best] - moved)) best = k;
      out[i] = codeLabels[best];
    }
  } else {
    for (let i = 0; i < src.length; i++) {
      const v = src[i];
      if (shift.kind === 'set') out[i] = typeof shift.value === 'number' ? shift.value : Number(shift.value);
      else if (typeof v !== 'number' || !Number.isFinite(v)) out[i] = v ?? null;
      else out[i] = shift.kind === 'add' ? v + shift.delta : v * shift.factor;
    }
  }
  return table.assign({ [column]: out });
}
