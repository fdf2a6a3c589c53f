/**
 * Vega-Lite spec of the Generate screen: a column's distribution, real vs synthetic. Data inline,
 * plain field expressions only (vega-interpreter, no eval under the CSP).
 */
import type { VisualizationSpec } from 'vega-embed';
import type { GenerateComparison } from '../../../worker/generate-api';

const REAL = '#64748b';
const SYNTHETIC = '#f97316';

export function realVsSyntheticSpec(c: GenerateComparison): VisualizationSpec {
  const values = c.bins.flatMap((b) => [
    { label: b.label, order: b.order, side: 'real', share: b.real },
    { label: b.label, order: b.order, side: 'synthetic', share: b.generated },
  ]);
  const x =
    c.kind === 'categorical'
      ? { field: 'label', type: 'nominal', sort: { field: 'order' }, title: c.column, axis: { labelAngle: 0 } }
      : { field: 'label', type: 'ordinal', sort: { field: 'order' }, title: `${c.column} (bin start)`, axis: { labelAngle: -45, labelOverlap: true } };
  return {
    width: 520,
    height: 200,
    title: { text: `${c.column}: real vs synthetic`, subtitle: `real: ${c.realLabel}` },
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x,
      xOffset: { field: 'side', type: 'nominal', sort: ['real', 'synthetic'] },
      y: { field: 'share', type: 'quantitative', title: 'share of rows', axis: { format: '.0%' } },
      color: { field: 'side', type: 'nominal', title: null, scale: { domain: ['real', 'synthetic'], range: [REAL, SYNTHETIC] } },
      tooltip: [{ field: 'label', title: c.column }, { field: 'side' }, { field: 'share', format: '.1%' }],
    },
    config: { view: { stroke: null }, axis: { labelFontSize: 11, titleFontSize: 12 }, legend: { labelFontSize: 11, orient: 'bottom' } },
  } as VisualizationSpec;
}
