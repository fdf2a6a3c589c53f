/**
 * Vega-Lite specs of the validate step. Data are inline values with fixed field names (column
 * names are values, never field paths, so a name with dots or brackets cannot break a spec), and
 * expressions are plain formats that vega-interpreter evaluates without eval.
 */
import type { VisualizationSpec } from 'vega-embed';
import type { ColumnDistribution, CorrelationMatrix, PrivacySummary } from '../../../core/quality/report';

export const REAL_COLOR = '#2563eb';
export const SYNTH_COLOR = '#f97316';
const CONFIG = { view: { stroke: null }, axis: { labelFontSize: 11, titleFontSize: 12 }, legend: { labelFontSize: 11, titleFontSize: 11 } };
const SOURCE_SCALE = { domain: ['real', 'synthetic'], range: [REAL_COLOR, SYNTH_COLOR] };

function fmtTick(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `${Number((v / 1e6).toPrecision(3))}M`;
  if (a >= 1e3) return `${Number((v / 1e3).toPrecision(3))}k`;
  return String(Number(v.toPrecision(3)));
}

/** Real and synthetic shares per bin (continuous) or per category (categorical), overlaid. */
export function distributionSpec(d: ColumnDistribution, title?: string): VisualizationSpec {
  if (d.kind === 'continuous') {
    const values = d.bins.flatMap((b) => [
      { lo: b.lo, hi: b.hi, source: 'real', share: b.real, range: d.datetime ? '' : `${fmtTick(b.lo)} – ${fmtTick(b.hi)}` },
      { lo: b.lo, hi: b.hi, source: 'synthetic', share: b.synthetic, range: d.datetime ? '' : `${fmtTick(b.lo)} – ${fmtTick(b.hi)}` },
    ]);
    const t = d.datetime ? 'temporal' : 'quantitative';
    return {
      title: title ?? undefined,
      width: 460,
      height: 220,
      data: { values },
      // rect with an explicit baseline: a bar with x and x2 would turn horizontal and lose its height
      mark: { type: 'rect', opacity: 0.55 },
      encoding: {
        x: { field: 'lo', type: t, title: d.column, axis: d.datetime ? { labelOverlap: true } : { format: '~s', labelOverlap: true } },
        x2: { field: 'hi' },
        y: { field: 'share', type: 'quantitative', title: 'share of rows', axis: { format: '.0%' }, stack: null },
        y2: { datum: 0 },
        color: { field: 'source', type: 'nominal', title: null, scale: SOURCE_SCALE, legend: { orient: 'top' } },
        tooltip: [
          { field: 'source', title: 'table' },
          d.datetime ? { field: 'lo', type: 'temporal', title: 'from' } : { field: 'range', title: d.column },
          { field: 'share', title: 'share', format: '.2%' },
        ],
      },
      config: CONFIG,
    } as VisualizationSpec;
  }
  const values = d.categories.flatMap((c, i) => [
    { category: c.category, i, source: 'real', share: c.real },
    { category: c.category, i, source: 'synthetic', share: c.synthetic },
  ]);
  return {
    title: title ?? undefined,
    width: Math.max(220, Math.min(640, d.categories.length * 34)),
    height: 220,
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'category', type: 'nominal', sort: { field: 'i' }, title: d.column, axis: { labelAngle: d.categories.length > 8 ? -45 : 0, labelLimit: 120 } },
      xOffset: { field: 'source', type: 'nominal', scale: { domain: ['real', 'synthetic'] } },
      y: { field: 'share', type: 'quantitative', title: 'share of rows', axis: { format: '.0%' } },
      color: { field: 'source', type: 'nominal', title: null, scale: SOURCE_SCALE, legend: { orient: 'top' } },
      tooltip: [
        { field: 'category', title: d.column },
        { field: 'source', title: 'table' },
        { field: 'share', title: 'share', format: '.2%' },
      ],
    },
    config: CONFIG,
  } as VisualizationSpec;
}

/** One correlation matrix as a heatmap; the difference matrix gets a domain fitted to its spread. */
export function heatmapSpec(m: CorrelationMatrix, title: string, kind: 'correlation' | 'difference', maxAbs = 1): VisualizationSpec {
  const k = m.columns.length;
  const values: { a: string; b: string; i: number; j: number; v: number | null; label: string }[] = [];
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const v = m.values[i * k + j];
      const ok = Number.isFinite(v);
      values.push({ a: m.columns[i], b: m.columns[j], i, j, v: ok ? v : null, label: ok ? v.toFixed(2) : '–' });
    }
  }
  const domainMax = kind === 'correlation' ? 1 : Math.max(0.1, Math.ceil((Number.isFinite(maxAbs) ? maxAbs : 0) * 10) / 10);
  const cell = k > 16 ? 20 : 28;
  const showText = k <= 14;
  return {
    title,
    width: Math.max(120, k * cell),
    height: Math.max(120, k * cell),
    data: { values },
    encoding: {
      x: { field: 'b', type: 'nominal', sort: { field: 'j' }, title: null, axis: { labelAngle: -45, labelLimit: 110 } },
      y: { field: 'a', type: 'nominal', sort: { field: 'i' }, title: null, axis: { labelLimit: 110 } },
    },
    layer: [
      {
        mark: { type: 'rect' },
        encoding: {
          color: {
            field: 'v',
            type: 'quantitative',
            title: kind === 'correlation' ? 'Pearson r' : 'synthetic − real',
            scale: { scheme: 'redblue', domain: [-domainMax, domainMax], reverse: true },
            legend: { orient: 'right', gradientLength: Math.max(80, Math.min(200, k * cell - 20)) },
          },
          tooltip: [
            { field: 'a', title: 'row' },
            { field: 'b', title: 'column' },
            { field: 'label', title: kind === 'correlation' ? 'r' : 'difference' },
          ],
        },
      },
      ...(showText
        ? [
            {
              mark: { type: 'text', fontSize: 9 },
              encoding: {
                text: { field: 'label' },
                color: { condition: { test: `datum.v !== null && abs(datum.v) > ${(domainMax * 0.6).toFixed(3)}`, value: '#fff' }, value: '#0f172a' },
              },
            },
          ]
        : []),
    ],
    config: CONFIG,
  } as VisualizationSpec;
}

/** Distances to the closest training row: synthetic rows vs unseen real rows. */
export function dcrSpec(p: PrivacySummary): VisualizationSpec {
  const values = p.dcr.histogram.flatMap((b) => [
    { lo: b.lo, hi: b.hi, source: 'synthetic', share: b.synthetic },
    { lo: b.lo, hi: b.hi, source: 'held-out real', share: b.holdout },
  ]);
  return {
    width: 460,
    height: 200,
    data: { values },
    mark: { type: 'rect', opacity: 0.55 },
    encoding: {
      x: { field: 'lo', type: 'quantitative', title: 'distance to the closest training row', axis: { format: '.2~f', tickCount: 6, labelOverlap: true } },
      x2: { field: 'hi' },
      y: { field: 'share', type: 'quantitative', title: 'share of rows', axis: { format: '.0%' }, stack: null },
      y2: { datum: 0 },
      color: { field: 'source', type: 'nominal', title: null, scale: { domain: ['held-out real', 'synthetic'], range: [REAL_COLOR, SYNTH_COLOR] }, legend: { orient: 'top' } },
      tooltip: [
        { field: 'source', title: 'rows' },
        { field: 'lo', title: 'from', format: '.3f' },
        { field: 'share', title: 'share', format: '.2%' },
      ],
    },
    config: CONFIG,
  } as VisualizationSpec;
}
