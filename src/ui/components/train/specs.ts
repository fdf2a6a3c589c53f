/**
 * Vega-Lite specs of the training screen. Data inline, plain field expressions only
 * (vega-interpreter, no eval under the CSP).
 */
import type { VisualizationSpec } from 'vega-embed';
import type { ColumnComparison, EpochPoint, LiveView, ProbePoint } from '../../../worker/gan-session';

const CONFIG = { view: { stroke: null }, axis: { labelFontSize: 11, titleFontSize: 12 }, legend: { labelFontSize: 11, orient: 'bottom' } };
const REAL = '#64748b';
const GENERATED = '#f97316';

export function lossSpec(epochs: EpochPoint[]): VisualizationSpec {
  const values = epochs.flatMap((e) => [
    { epoch: e.epoch, loss: e.lossG, network: 'Generator (G)' },
    { epoch: e.epoch, loss: e.lossD, network: 'Discriminator (D)' },
  ]);
  return {
    width: 340,
    height: 180,
    title: 'Losses per epoch',
    data: { values },
    mark: { type: 'line', point: epochs.length < 40 },
    encoding: {
      x: { field: 'epoch', type: 'quantitative', title: 'epoch', axis: { tickMinStep: 1 } },
      y: { field: 'loss', type: 'quantitative', title: 'loss', scale: { zero: false } },
      color: { field: 'network', type: 'nominal', title: null, scale: { domain: ['Generator (G)', 'Discriminator (D)'], range: ['#2563eb', '#dc2626'] } },
      tooltip: [
        { field: 'network' },
        { field: 'epoch' },
        { field: 'loss', format: '.3f' },
      ],
    },
    config: CONFIG,
  } as VisualizationSpec;
}

export function probeSpec(probes: ProbePoint[]): VisualizationSpec {
  const values = probes.flatMap((p) => [
    { epoch: p.epoch, score: p.columnShapes, measure: 'Column shapes' },
    { epoch: p.epoch, score: p.pairTrends, measure: 'Pair trends' },
    { epoch: p.epoch, score: p.score, measure: 'Probe score' },
  ]);
  return {
    width: 340,
    height: 180,
    title: 'Quality probe (1 = identical to real)',
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'epoch', type: 'quantitative', title: 'epoch', axis: { tickMinStep: 1 } },
      y: { field: 'score', type: 'quantitative', title: 'score', scale: { zero: false, domainMax: 1 } },
      color: { field: 'measure', type: 'nominal', title: null, scale: { domain: ['Column shapes', 'Pair trends', 'Probe score'], range: ['#16a34a', '#9333ea', '#0f172a'] } },
      strokeDash: { field: 'measure', type: 'nominal', legend: null, scale: { domain: ['Column shapes', 'Pair trends', 'Probe score'], range: [[4, 2], [4, 2], [1, 0]] } },
      tooltip: [{ field: 'measure' }, { field: 'epoch' }, { field: 'score', format: '.3f' }],
    },
    config: CONFIG,
  } as VisualizationSpec;
}

export function comparisonSpec(c: ColumnComparison): VisualizationSpec {
  const values = c.bins.flatMap((b) => [
    { label: b.label, order: b.order, side: 'real', share: b.real },
    { label: b.label, order: b.order, side: 'generated', share: b.generated },
  ]);
  const x =
    c.kind === 'categorical'
      ? { field: 'label', type: 'nominal', sort: { field: 'order' }, title: c.column, axis: { labelAngle: 0 } }
      : { field: 'label', type: 'ordinal', sort: { field: 'order' }, title: `${c.column} (bin start)`, axis: { labelAngle: -45, labelOverlap: true } };
  return {
    width: 260,
    height: 140,
    title: c.column,
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x,
      xOffset: { field: 'side', type: 'nominal', sort: ['real', 'generated'] },
      y: { field: 'share', type: 'quantitative', title: 'share of rows', axis: { format: '.0%' } },
      color: { field: 'side', type: 'nominal', title: null, scale: { domain: ['real', 'generated'], range: [REAL, GENERATED] } },
      tooltip: [{ field: 'label', title: c.column }, { field: 'side' }, { field: 'share', format: '.1%' }],
    },
    config: CONFIG,
  } as VisualizationSpec;
}

export function scatterSpec(s: NonNullable<LiveView['scatter']>): VisualizationSpec {
  return {
    width: 300,
    height: 220,
    title: `${s.x} vs ${s.y}`,
    data: { values: s.points },
    mark: { type: 'circle', size: 14, opacity: 0.45 },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: s.x, axis: { format: '~s' } },
      y: { field: 'y', type: 'quantitative', title: s.y, axis: { format: '~s' } },
      color: { field: 'source', type: 'nominal', title: null, scale: { domain: ['real', 'generated'], range: [REAL, GENERATED] } },
    },
    config: CONFIG,
  } as VisualizationSpec;
}
