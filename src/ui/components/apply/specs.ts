/**
 * Vega-Lite specs for the Apply step. Data is inlined, never fetched; drawn by VegaChart (AST
 * interpreter, SVG), so nothing needs eval and nothing leaves the page.
 */
import type { VisualizationSpec } from 'vega-embed';
import type { CutoffPoint, PdBin, SegmentLoss } from '../../../core/risk/apply';

const r4 = (v: number) => Math.round(v * 1e4) / 1e4;

/** Reasons as a diverging bar chart: red bars raise the risk, green ones lower it. */
export function reasonsSpec(reasons: { feature: string; contribution: number; value: string | null }[]): VisualizationSpec {
  const values = reasons.map((r) => ({
    feature: r.value === null ? `${r.feature} (missing)` : `${r.feature} = ${r.value.length > 14 ? r.value.slice(0, 13) + '…' : r.value}`,
    contribution: r4(r.contribution),
    effect: r.contribution > 0 ? 'raises risk' : 'lowers risk',
  }));
  return {
    width: 420,
    height: { step: 18 },
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'feature', type: 'nominal', sort: null, title: null, axis: { labelLimit: 220 } },
      x: { field: 'contribution', type: 'quantitative', title: 'Effect on the log-odds of the event' },
      color: {
        field: 'effect',
        type: 'nominal',
        scale: { domain: ['raises risk', 'lowers risk'], range: ['#dc2626', '#16a34a'] },
        legend: { orient: 'bottom', title: null },
      },
      tooltip: [
        { field: 'feature', title: 'input' },
        { field: 'contribution', title: 'log-odds' },
        { field: 'effect' },
      ],
    },
  };
}

export function pdHistogramSpec(bins: PdBin[], cutoff: number | null, stressed?: PdBin[]): VisualizationSpec {
  const values = bins.map((b) => ({ lower: b.lower, upper: b.upper, count: b.count, set: 'scored' }));
  if (stressed) values.push(...stressed.map((b) => ({ lower: b.lower, upper: b.upper, count: b.count, set: 'stressed' })));
  const layers: object[] = [
    {
      data: { values },
      mark: { type: 'bar', opacity: stressed ? 0.6 : 1 },
      encoding: {
        x: { field: 'lower', type: 'quantitative', bin: { binned: true, step: 0.05 }, title: 'Probability of the event', scale: { domain: [0, 1] } },
        x2: { field: 'upper' },
        y: { field: 'count', type: 'quantitative', title: 'Rows', stack: null },
        color: stressed ? { field: 'set', type: 'nominal', scale: { domain: ['scored', 'stressed'], range: ['#2563eb', '#ea580c'] }, title: null } : { value: '#2563eb' },
        tooltip: [{ field: 'lower', title: 'from' }, { field: 'upper', title: 'to' }, { field: 'count', title: 'rows' }],
      },
    },
  ];
  if (cutoff !== null) {
    layers.push({
      data: { values: [{ cutoff: r4(cutoff) }] },
      mark: { type: 'rule', color: '#0f172a', strokeDash: [4, 3] },
      encoding: { x: { field: 'cutoff', type: 'quantitative' }, tooltip: [{ field: 'cutoff', title: 'cut-off' }] },
    });
  }
  return { width: 420, height: 200, layer: layers } as VisualizationSpec;
}

/** Approval rate, bad rate and profit against the cut-off; the chosen cut-off as a rule. */
export function cutoffCurvesSpec(points: CutoffPoint[], cutoff: number): VisualizationSpec {
  const values = points.flatMap((p) => [
    { cutoff: r4(p.cutoff), measure: 'approval rate', value: r4(p.approvalRate) },
    { cutoff: r4(p.cutoff), measure: 'bad rate among approved', value: r4(p.badRate) },
  ]);
  const profit = points.map((p) => ({ cutoff: r4(p.cutoff), profit: Math.round(p.profit) }));
  const rule = {
    data: { values: [{ cutoff: r4(cutoff) }] },
    mark: { type: 'rule', color: '#0f172a', strokeDash: [4, 3] },
    encoding: { x: { field: 'cutoff', type: 'quantitative' } },
  };
  return {
    vconcat: [
      {
        width: 460,
        height: 180,
        layer: [
          {
            data: { values },
            mark: { type: 'line' },
            encoding: {
              x: { field: 'cutoff', type: 'quantitative', title: 'Cut-off (approve PD ≤ cut-off)', scale: { domain: [0, 1] } },
              y: { field: 'value', type: 'quantitative', title: 'Rate', scale: { domain: [0, 1] } },
              color: { field: 'measure', type: 'nominal', title: null, legend: { orient: 'bottom' } },
              tooltip: [{ field: 'cutoff' }, { field: 'measure' }, { field: 'value' }],
            },
          },
          rule,
        ],
      },
      {
        width: 460,
        height: 120,
        layer: [
          {
            data: { values: profit },
            mark: { type: 'line', color: '#7c3aed' },
            encoding: {
              x: { field: 'cutoff', type: 'quantitative', title: 'Cut-off', scale: { domain: [0, 1] } },
              y: { field: 'profit', type: 'quantitative', title: 'Profit' },
              tooltip: [{ field: 'cutoff' }, { field: 'profit' }],
            },
          },
          rule,
        ],
      },
    ],
  } as VisualizationSpec;
}

export function segmentSpec(base: SegmentLoss[], stressed?: SegmentLoss[]): VisualizationSpec {
  const values = base.map((s) => ({ segment: s.segment, el: Math.round(s.el), set: 'base', meanPd: r4(s.meanPd), count: s.count }));
  if (stressed) values.push(...stressed.map((s) => ({ segment: s.segment, el: Math.round(s.el), set: 'stressed', meanPd: r4(s.meanPd), count: s.count })));
  return {
    width: 420,
    height: { step: 16 },
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'segment', type: 'nominal', sort: null, title: 'Segment' },
      yOffset: { field: 'set' },
      x: { field: 'el', type: 'quantitative', title: 'Expected loss' },
      color: { field: 'set', type: 'nominal', scale: { domain: ['base', 'stressed'], range: ['#2563eb', '#ea580c'] }, title: null, legend: { orient: 'bottom' } },
      tooltip: [{ field: 'segment' }, { field: 'set' }, { field: 'el', title: 'EL' }, { field: 'meanPd', title: 'mean PD' }, { field: 'count', title: 'rows' }],
    },
  } as VisualizationSpec;
}
