/** The training screen's live view: real-vs-generated histograms and a scatter of one numeric pair. */
import { MISSING_LABEL } from '../core/transform/data-transformer';
import { numbers } from '../core/gan/probe-columns';
import type { ColumnComparison, HistogramBin, LiveView } from './gan-session-types';

/** points per side in the live scatter */
const LIVE_POINTS = 400;

/** Real-vs-generated histogram on the real side's bins (numeric: 0.5-99.5 % range, 24 bins). */
export function compareColumn(column: string, kind: 'continuous' | 'categorical', real: ArrayLike<unknown>, generated: ArrayLike<unknown>): ColumnComparison {
  if (kind === 'continuous') {
    const r = Array.from(numbers(real)).filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
    const g = Array.from(numbers(generated)).filter((v) => !Number.isNaN(v));
    if (r.length === 0) return { column, kind, bins: [] };
    const lo = r[Math.floor(0.005 * (r.length - 1))];
    const hi = r[Math.ceil(0.995 * (r.length - 1))];
    const nBins = hi > lo ? 24 : 1;
    const w = hi > lo ? (hi - lo) / nBins : 1;
    const count = (vals: number[]) => {
      const c = new Array<number>(nBins).fill(0);
      for (const v of vals) c[Math.max(0, Math.min(nBins - 1, Math.floor((v - lo) / w)))]++;
      return c.map((x) => (vals.length ? x / vals.length : 0));
    };
    const cr = count(r);
    const cg = count(g);
    return {
      column,
      kind,
      bins: cr.map((f, i) => ({ label: formatNumber(lo + i * w), order: lo + i * w, real: f, generated: cg[i] })),
    };
  }
  const label = (v: unknown) => (v === null || v === undefined ? MISSING_LABEL : String(v));
  const freq = (vals: ArrayLike<unknown>) => {
    const m = new Map<string, number>();
    for (let i = 0; i < vals.length; i++) m.set(label(vals[i]), (m.get(label(vals[i])) ?? 0) + 1);
    return m;
  };
  const fr = freq(real);
  const fg = freq(generated);
  const top = [...fr].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k]) => k);
  const allNumeric = top.every((k) => k.trim() !== '' && Number.isFinite(Number(k)));
  top.sort((a, b) => (allNumeric ? Number(a) - Number(b) : a.localeCompare(b)));
  const kept = new Set(top);
  const bins: HistogramBin[] = top.map((k, i) => ({ label: k, order: i, real: (fr.get(k) ?? 0) / real.length, generated: (fg.get(k) ?? 0) / Math.max(1, generated.length) }));
  const other = (m: Map<string, number>, n: number) => [...m].filter(([k]) => !kept.has(k)).reduce((s, [, c]) => s + c, 0) / Math.max(1, n);
  if (fr.size > top.length || [...fg.keys()].some((k) => !kept.has(k))) {
    bins.push({ label: '(other)', order: top.length, real: other(fr, real.length), generated: other(fg, generated.length) });
  }
  return { column, kind, bins };
}

function formatNumber(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `${(v / 1e6).toFixed(1)}M`;
  if (a >= 1e4) return `${(v / 1e3).toFixed(0)}k`;
  if (a >= 100) return v.toFixed(0);
  return Number(v.toPrecision(3)).toString();
}

/** The live scatter: up to LIVE_POINTS numeric (x, y) pairs of each side. */
export function liveScatter(pair: [string, string] | null, real: Record<string, unknown[]>, generated: Record<string, unknown[]>): LiveView['scatter'] {
  if (!pair) return null;
  const [x, y] = pair;
  const points: NonNullable<LiveView['scatter']>['points'] = [];
  const push = (xs: unknown[], ys: unknown[], source: 'real' | 'generated') => {
    let k = 0;
    for (let i = 0; i < xs.length && k < LIVE_POINTS; i++) {
      if (typeof xs[i] === 'number' && typeof ys[i] === 'number') {
        points.push({ x: xs[i] as number, y: ys[i] as number, source });
        k++;
      }
    }
  };
  push(real[x], real[y], 'real');
  push(generated[x], generated[y], 'generated');
  return { x, y, points };
}
