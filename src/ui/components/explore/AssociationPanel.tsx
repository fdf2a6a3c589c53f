import { useId, useMemo, useState } from 'react';
import { worker } from '../../worker-client';
import { VegaChart } from '../VegaChart';
import type { DatasetSchema } from '../../../core/data/schema';
import { useWorkerQuery } from './useWorkerQuery';
import { Busy, ErrorBox } from './Busy';
import { heatmapSpec, pairSpec, MEASURE_LABELS } from './specs';
import { fmtInt } from './format';
import type { PairView } from '../../../worker/prepared-data';

/**
 * The datum under a click in a Vega SVG chart. Vega's SVG renderer binds each mark item to its
 * element as `__data__` (its own event handling reads it the same way); no expression is evaluated.
 */
function vegaDatum(target: EventTarget | null): Record<string, unknown> | null {
  let el = target as (Element & { __data__?: unknown }) | null;
  for (let hops = 0; el && hops < 3; hops++, el = el.parentElement as typeof el) {
    const raw = el.__data__;
    const item = (Array.isArray(raw) ? raw[0] : raw) as { datum?: unknown } | undefined;
    if (item && typeof item.datum === 'object' && item.datum !== null) return item.datum as Record<string, unknown>;
  }
  return null;
}

/**
 * Association of every pair of modelled columns (Pearson r, Cramér's V or the correlation ratio,
 * by the pair's types), and a chart of one chosen pair. The pair is picked from the list of the
 * strongest associations or with the two selects (keyboard-friendly, no canvas hit-testing).
 */
export function AssociationPanel({ schema, version }: { schema: DatasetSchema; version: number }) {
  const uid = useId();
  const matrix = useWorkerQuery(() => worker().associationMatrix(), [version]);
  const [pair, setPair] = useState<{ x: string; y: string } | null>(null);

  const strongest = useMemo(() => {
    const m = matrix.data;
    if (!m) return [];
    const out: { x: string; y: string; value: number; measure: string }[] = [];
    for (let i = 0; i < m.columns.length; i++)
      for (let j = i + 1; j < m.columns.length; j++) {
        const c = m.cells[i][j];
        if (c.value !== null) out.push({ x: m.columns[i], y: m.columns[j], value: c.value, measure: MEASURE_LABELS[c.measure] });
      }
    return out.sort((a, b) => Math.abs(b.value) - Math.abs(a.value)).slice(0, 8);
  }, [matrix.data]);

  const columns = matrix.data?.columns ?? [];
  const valid = pair && columns.includes(pair.x) && columns.includes(pair.y) ? pair : null;
  const chosen = valid ?? (strongest[0] ? { x: strongest[0].x, y: strongest[0].y } : null);
  const view = useWorkerQuery<PairView>(() => worker().pairView(chosen!.x, chosen!.y) as Promise<PairView>, [version, chosen?.x, chosen?.y], chosen !== null);
  const target = schema.target && schema.columns.some((c) => c.name === schema.target) ? schema.target : null;

  return (
    <section aria-labelledby={`${uid}-title`} className="panel">
      <h3 id={`${uid}-title`}>Associations between columns</h3>
      <p className="muted">
        Numeric–numeric: Pearson r (−1…1); categorical–categorical: Cramér’s V (0…1); categorical–numeric: correlation ratio η (0…1). Computed on all
        rows; hover a cell for its measure.
      </p>
      {matrix.loading && <Busy label="Computing associations" testId="associations-busy" />}
      {matrix.error && <ErrorBox message={matrix.error} />}
      {matrix.data && (
        <div className="chart-grid">
          <figure className="chart-card">
            <figcaption>Association matrix ({matrix.data.columns.length} columns)</figcaption>
            {/* a click on a cell picks that pair (the selects and buttons beside do the same from the keyboard) */}
            <div className="heatmap-click" onClick={(e) => {
              const cell = vegaDatum(e.target);
              if (cell && typeof cell.a === 'string' && typeof cell.b === 'string') setPair({ x: cell.a, y: cell.b });
            }}>
              <VegaChart spec={heatmapSpec(matrix.data)} label="Association matrix of the cleaned columns (click a cell to chart that pair)" testId="chart-heatmap" />
            </div>
            {matrix.data.pooledLevels.length > 0 && (
              <p className="muted">Rare levels pooled for: {matrix.data.pooledLevels.join(', ')}.</p>
            )}
          </figure>
          <figure className="chart-card">
            <figcaption>
              <span>Pair: </span>
              <label htmlFor={`${uid}-x`} className="visually-hidden">
                First column of the pair
              </label>
              <select
                id={`${uid}-x`}
                data-testid="pair-x"
                value={chosen?.x ?? ''}
                onChange={(e) => setPair({ x: e.target.value, y: chosen?.y ?? e.target.value })}
              >
                {columns.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>{' '}
              ×{' '}
              <label htmlFor={`${uid}-y`} className="visually-hidden">
                Second column of the pair
              </label>
              <select
                id={`${uid}-y`}
                data-testid="pair-y"
                value={chosen?.y ?? ''}
                onChange={(e) => setPair({ x: chosen?.x ?? e.target.value, y: e.target.value })}
              >
                {columns.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </figcaption>
            {strongest.length > 0 && (
              <div className="strongest" role="group" aria-label="Strongest associations">
                <span className="muted">Strongest:</span>
                {strongest.map((s) => (
                  <button
                    key={`${s.x}|${s.y}`}
                    type="button"
                    className={chosen && chosen.x === s.x && chosen.y === s.y ? 'chip active' : 'chip'}
                    aria-pressed={chosen !== null && chosen.x === s.x && chosen.y === s.y}
                    title={`${s.measure} = ${s.value.toFixed(3)}`}
                    onClick={() => setPair({ x: s.x, y: s.y })}
                  >
                    {s.x} × {s.y} <span className="muted">{s.value.toFixed(2)}</span>
                  </button>
                ))}
              </div>
            )}
            {view.loading && <Busy label="Preparing the pair chart" />}
            {view.error && <ErrorBox message={view.error} />}
            {view.data && (
              <>
                <VegaChart spec={pairSpec(view.data, target)} label={`${view.data.x} against ${view.data.y}`} testId="chart-pair" />
                <p className="muted" data-testid="pair-note">
                  {view.data.kind === 'scatter'
                    ? view.data.points.length < view.data.total
                      ? `A random sample of ${fmtInt(view.data.points.length)} of ${fmtInt(view.data.total)} rows is drawn.`
                      : `All ${fmtInt(view.data.total)} rows with both values are drawn.`
                    : `Counts over all ${fmtInt(view.data.total)} rows with both values${view.data.cells.some((c) => c.positiveRate !== null) ? '; hover for the target rate' : ''}.`}
                </p>
              </>
            )}
          </figure>
        </div>
      )}
    </section>
  );
}
