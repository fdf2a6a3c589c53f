/**
 * Vega-Lite specs of the streams panel. Inline values with fixed field names (labels are values,
 * never field paths) and no expression beyond plain formats, as the validate step's specs.
 */
import type { VisualizationSpec } from 'vega-embed';
import type { TransitionMatrices } from '../../../core/quality/streams';

const CONFIG = { view: { stroke: null }, axis: { labelFontSize: 11, titleFontSize: 12 }, legend: { labelFontSize: 11, titleFontSize: 11 } };

/** The real and the synthetic category transition matrices side by side: share of next categories per category. */
export function transitionSpec(m: TransitionMatrices, category: string): VisualizationSpec {
  const values: { side: string; from: string; to: string; i: number; j: number; v: number | null; label: string }[] = [];
  for (const [side, matrix] of [
    ['real', m.real],
    ['synthetic', m.synthetic],
  ] as const) {
    m.categories.forEach((from, i) =>
      m.categories.forEach((to, j) => {
        const v = matrix[i][j];
        const ok = Number.isFinite(v);
        values.push({ side, from, to, i, j, v: ok ? v : null, label: ok ? `${Math.round(v * 100)}` : '–' });
      }),
    );
  }
  const k = m.categories.length;
  const cell = k > 10 ? 22 : 28;
  return {
    data: { values },
    facet: { column: { field: 'side', type: 'nominal', title: null, sort: ['real', 'synthetic'] } },
    spec: {
      width: k * cell,
      height: k * cell,
      encoding: {
        x: { field: 'to', type: 'nominal', sort: { field: 'j' }, title: `next ${category}`, axis: { labelAngle: -45, labelLimit: 100 } },
        y: { field: 'from', type: 'nominal', sort: { field: 'i' }, title: `${category}`, axis: { labelLimit: 100 } },
      },
      layer: [
        {
          mark: { type: 'rect' },
          encoding: {
            color: { field: 'v', type: 'quantitative', title: 'share of next', scale: { scheme: 'blues', domain: [0, 1] }, legend: { format: '.0%' } },
            tooltip: [
              { field: 'side', title: 'table' },
              { field: 'from', title: 'from' },
              { field: 'to', title: 'to' },
              { field: 'v', title: 'share', format: '.1%' },
            ],
          },
        },
        ...(k <= 12 ? [{ mark: { type: 'text', fontSize: 9 }, encoding: { text: { field: 'label' }, color: { value: '#0f172a' } } }] : []),
      ],
    },
    resolve: { scale: { color: 'shared' } },
    config: CONFIG,
  } as VisualizationSpec;
}
