/**
 * Vega-Lite specs of the explore step. Data are passed inline (never a URL: nothing is fetched),
 * and every expression is a plain field access or format, which vega-interpreter evaluates
 * without eval.
 */
import type { VisualizationSpec } from 'vega-embed';
import type { Histogram, TargetBalance, AssociationMatrix, AssociationMeasure } from '../../../core/data/eda';
import type { PairView } from '../../../worker/prepared-data';
import { fmtDate } from './format';

const BAR = '#93c5fd';
const RATE = '#b91c1c';

export const MEASURE_LABELS: Record<AssociationMeasure, string> = {
  pearson: 'Pearson r',
  cramersV: 'Cramér’s V',
  correlationRatio: 'correlation ratio η',
};

const CONFIG = { view: { stroke: null }, axis: { labelFontSize: 11, titleFontSize: 12 }, legend: { labelFontSize: 11 } };

export function targetBalanceSpec(b: TargetBalance, target: string, positiveLabel: string): VisualizationSpec {
  const known = b.positives + b.negatives;
  const values = [
    { cls: `${positiveLabel} (event)`, count: b.positives, share: known > 0 ? b.positives / known : 0 },
    { cls: 'other (negative)', count: b.negatives, share: known > 0 ? b.negatives / known : 0 },
  ];
  if (b.missing > 0) values.push({ cls: '(missing)', count: b.missing, share: b.missing / b.total });
  return {
    width: 260,
    height: 30 * values.length + 20,
    data: { values },
    encoding: {
      y: { field: 'cls', type: 'nominal', sort: null, title: target },
      x: { field: 'count', type: 'quantitative', title: 'rows', axis: { format: '~s', tickCount: 4 } },
      tooltip: [
        { field: 'cls', title: 'class' },
        { field: 'count', title: 'rows', format: ',' },
        { field: 'share', title: 'share', format: '.1%' },
      ],
    },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          color: { field: 'cls', type: 'nominal', legend: null, scale: { range: [RATE, '#64748b', '#cbd5e1'] }, sort: null },
        },
      },
      { mark: { type: 'text', align: 'left', dx: 4 }, encoding: { text: { field: 'share', type: 'quantitative', format: '.1%' } } },
    ],
    config: CONFIG,
  } as VisualizationSpec;
}

export function histogramSpec(h: Histogram, opts: { datetime: boolean; target: string | null; positiveLabel: string | null }): VisualizationSpec {
  let ordered = h.bins;
  if (h.kind === 'categorical') {
    // numeric codes (PAY_0 −2…8) read best in code order; other labels keep the most-frequent-first order
    const coded = h.bins.filter((b) => b.label !== '(other)');
    if (coded.length > 0 && coded.every((b) => b.label.trim() !== '' && Number.isFinite(Number(b.label)))) {
      ordered = [...coded.sort((a, b) => Number(a.label) - Number(b.label)), ...h.bins.filter((b) => b.label === '(other)')];
    }
  }
  const bins = h.missing.count > 0 ? [...ordered, h.missing] : ordered;
  const dated = (b: (typeof bins)[number]) => opts.datetime && b.lo !== undefined && b.hi !== undefined;
  // date bins: the axis shows each bin's start, the tooltip its whole range
  const daySpan = h.range ? h.range[1] - h.range[0] > 3 * 86_400_000 : false;
  const values = bins.map((b, i) => ({
    i,
    label: dated(b) ? (daySpan ? fmtDate(b.lo!).slice(0, 10) : fmtDate(b.lo!)) : b.label,
    range: dated(b) ? `${fmtDate(b.lo!)} – ${fmtDate(b.hi!)}` : b.label,
    count: b.count,
    rate: b.positiveRate,
  }));
  const labels = values.map((v) => v.label);
  const tooltip = [
    { field: 'range', title: h.column },
    { field: 'count', title: 'rows', format: ',' },
    ...(opts.target ? [{ field: 'rate', title: 'positive rate', format: '.1%' }] : []),
  ];
  const bars = {
    mark: { type: 'bar', color: BAR },
    encoding: { y: { field: 'count', type: 'quantitative', title: 'rows', axis: { format: '~s', titleColor: '#1d4ed8' } }, tooltip },
  };
  const layers: unknown[] = [bars];
  if (opts.target) {
    layers.push({
      mark: { type: 'line', color: RATE, point: { color: RATE, size: 36 } },
      encoding: {
        y: {
          field: 'rate',
          type: 'quantitative',
          title: `rate of ${opts.target} = ${opts.positiveLabel}`,
          axis: { format: '.0%', orient: 'right', titleColor: RATE },
          scale: { zero: true },
        },
        tooltip,
      },
    });
  }
  return {
    width: Math.max(300, Math.min(520, values.length * 26)),
    height: 240,
    data: { values },
    encoding: {
      x: { field: 'label', type: 'ordinal', sort: labels, title: h.column, axis: { labelAngle: -40, labelLimit: 110 } },
    },
    layer: layers,
    resolve: { scale: { y: 'independent' } },
    config: CONFIG,
  } as VisualizationSpec;
}

export function heatmapSpec(m: AssociationMatrix): VisualizationSpec {
  const values: { a: string; b: string; value: number | null; abs: number | null; measure: string; n: number; label: string }[] = [];
  m.columns.forEach((a, i) =>
    m.columns.forEach((b, j) => {
      const c = m.cells[i][j];
      values.push({
        a,
        b,
        value: c.value,
        abs: c.value === null ? null : Math.abs(c.value),
        measure: MEASURE_LABELS[c.measure],
        n: c.n,
        label: c.value === null ? '' : c.value.toFixed(2).replace(/^(-?)0\./, '$1.'),
      });
    }),
  );
  const cell = Math.max(12, Math.min(32, Math.floor(440 / Math.max(1, m.columns.length))));
  const showText = m.columns.length <= 14;
  return {
    width: { step: cell },
    height: { step: cell },
    data: { values },
    encoding: {
      x: { field: 'b', type: 'nominal', sort: m.columns, title: null, axis: { labelAngle: -50, labelLimit: 110 } },
      y: { field: 'a', type: 'nominal', sort: m.columns, title: null, axis: { labelLimit: 130 } },
    },
    layer: [
      {
        mark: { type: 'rect', cursor: 'pointer' },
        encoding: {
          color: {
            field: 'value',
            type: 'quantitative',
            title: 'association',
            scale: { scheme: 'blueorange', domain: [-1, 1] },
            legend: { orient: 'bottom', direction: 'horizontal', gradientLength: 200 },
          },
          tooltip: [
            { field: 'a', title: 'row' },
            { field: 'b', title: 'column' },
            { field: 'measure', title: 'measure' },
            { field: 'value', title: 'value', format: '.3f' },
            { field: 'n', title: 'rows used', format: ',' },
          ],
        },
      },
      ...(showText
        ? [
            {
              mark: { type: 'text', fontSize: 9, cursor: 'pointer' },
              encoding: {
                text: { field: 'label' },
                color: { condition: { test: 'datum.abs > 0.6', value: '#fff' }, value: '#0f172a' },
              },
            },
          ]
        : []),
    ],
    config: CONFIG,
  } as VisualizationSpec;
}

export function pairSpec(p: PairView, target: string | null): VisualizationSpec {
  if (p.kind === 'scatter') {
    const hasTarget = target !== null && p.points.some((q) => q.target !== null);
    return {
      width: 420,
      height: 320,
      data: { values: p.points },
      mark: { type: 'point', filled: true, size: 14, opacity: 0.35 },
      encoding: {
        x: { field: 'x', type: p.xDatetime ? 'temporal' : 'quantitative', title: p.x, ...(p.xDatetime ? {} : { scale: { zero: false }, axis: { format: '~s' } }) },
        y: { field: 'y', type: p.yDatetime ? 'temporal' : 'quantitative', title: p.y, ...(p.yDatetime ? {} : { scale: { zero: false }, axis: { format: '~s' } }) },
        ...(hasTarget
          ? { color: { field: 'target', type: 'nominal', title: target, scale: { range: ['#64748b', RATE, '#f59e0b', '#10b981'] }, legend: { orient: 'bottom', titleLimit: 400 } } }
          : {}),
      },
      config: CONFIG,
    } as VisualizationSpec;
  }
  return {
    width: { step: Math.max(12, Math.min(32, Math.floor(420 / Math.max(1, p.xLabels.length)))) },
    height: { step: Math.max(12, Math.min(28, Math.floor(320 / Math.max(1, p.yLabels.length)))) },
    data: { values: p.cells },
    mark: { type: 'rect' },
    encoding: {
      x: { field: 'x', type: 'ordinal', sort: p.xLabels, title: p.x, axis: { labelAngle: -40, labelLimit: 100 } },
      y: { field: 'y', type: 'ordinal', sort: p.yLabels, title: p.y, axis: { labelLimit: 100 } },
      color: { field: 'count', type: 'quantitative', title: 'rows', scale: { scheme: 'blues', type: 'sqrt' } },
      tooltip: [
        { field: 'x', title: p.x },
        { field: 'y', title: p.y },
        { field: 'count', title: 'rows', format: ',' },
        ...(target ? [{ field: 'positiveRate', title: `rate of ${target}`, format: '.1%' }] : []),
      ],
    },
    config: CONFIG,
  } as VisualizationSpec;
}
