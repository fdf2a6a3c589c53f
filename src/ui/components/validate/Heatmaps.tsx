import { useMemo } from 'react';
import type { CorrelationMatrices } from '../../../core/quality/report';
import { VegaChart } from '../VegaChart';
import { fmtNum } from '../explore/format';
import { heatmapSpec } from './specs';

/** Real, synthetic and difference correlation heatmaps (Pearson, numeric columns). */
export function Heatmaps({ m }: { m: CorrelationMatrices }) {
  const specs = useMemo(
    () => [
      { id: 'real', title: 'Real (training split)', spec: heatmapSpec(m.real, 'Real', 'correlation') },
      { id: 'synthetic', title: 'Synthetic', spec: heatmapSpec(m.synthetic, 'Synthetic', 'correlation') },
      { id: 'difference', title: 'Difference (synthetic − real)', spec: heatmapSpec(m.difference, 'Synthetic − real', 'difference', m.maxAbsDifference) },
    ],
    [m],
  );
  if (m.columns.length < 2) return <p className="muted">Fewer than two numeric columns: no correlation matrix to draw.</p>;
  return (
    <>
      <p className="muted">
        Pearson correlation between the {m.columns.length} numeric columns. The largest difference between a real and a synthetic correlation is{' '}
        <strong data-testid="max-correlation-difference">{fmtNum(m.maxAbsDifference)}</strong>.
      </p>
      <div className="heatmaps">
        {specs.map((s) => (
          <figure key={s.id} className="chart-card">
            <VegaChart spec={s.spec} label={`Correlation heatmap: ${s.title}`} testId={`heatmap-${s.id}`} />
          </figure>
        ))}
      </div>
    </>
  );
}
