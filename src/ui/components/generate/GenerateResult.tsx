import { useEffect, useMemo, useState } from 'react';
import { worker } from '../../worker-client';
import { VegaChart } from '../VegaChart';
import type { GenerateComparison, GenerateOutcome } from '../../../worker/generate-api';
import { realVsSyntheticSpec } from './specs';
import { saveBlob } from '../../save-file';

type Done = Extract<GenerateOutcome, { status: 'done' | 'stopped' }>;

function percent(rate: number): string {
  const p = rate * 100;
  if (p > 0 && p < 0.01) return '< 0.01 %';
  return p < 1 ? `${p.toFixed(2)} %` : p < 10 ? `${p.toFixed(1)} %` : `${p.toFixed(0)} %`;
}

export function GenerateResult({ outcome, chartColumns, defaultColumn }: { outcome: Done; chartColumns: string[]; defaultColumn: string }) {
  const [column, setColumn] = useState(defaultColumn);
  const [comparison, setComparison] = useState<GenerateComparison | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => setColumn(defaultColumn), [defaultColumn, outcome]);
  useEffect(() => {
    let live = true;
    setComparison(null);
    worker()
      .genCompare(column)
      .then((c) => live && setComparison(c))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [column, outcome]);
  const spec = useMemo(() => (comparison ? realVsSyntheticSpec(comparison) : null), [comparison]);

  const download = async () => {
    setSaving(true);
    setError(null);
    try {
      saveBlob(await worker().genCsv(), 'synthetic.csv');
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  const rejectedBy = outcome.clauses.filter((c) => c.passRate < 1).sort((a, b) => a.passRate - b.passRate);
  return (
    <section className="gen-result" data-testid="gen-result" data-rows={outcome.rows} data-acceptance={outcome.acceptanceRate}>
      <h3>Result</h3>
      {outcome.status === 'stopped' && (
        <p className="warning-box" role="status">
          Cancelled: kept the {outcome.rows.toLocaleString('en-US')} rows generated before the stop (of {outcome.requested.toLocaleString('en-US')} requested).
        </p>
      )}
      <div className="metric-cards">
        <div className="metric-card">
          <div className="metric-label">Rows</div>
          <div className="metric-value">{outcome.rows.toLocaleString('en-US')}</div>
        </div>
        <div className="metric-card" data-testid="gen-acceptance">
          <div className="metric-label">Acceptance rate</div>
          <div className="metric-value">{percent(outcome.acceptanceRate)}</div>
          <div className="muted small">
            kept of {outcome.drawn.toLocaleString('en-US')} generated
          </div>
        </div>
        <div className="metric-card">
          <div className="metric-label">Time</div>
          <div className="metric-value">{outcome.seconds.toFixed(1)} s</div>
        </div>
        <div className="metric-card" data-testid="gen-copies-rejected">
          <div className="metric-label">Copies of rare real rows rejected</div>
          <div className="metric-value">{outcome.copyGuardOff ? 'not checked' : (outcome.copiesRejected ?? 0).toLocaleString('en-US')}</div>
          <div className="muted small">{outcome.copyGuardOff ?? 'candidates equal to a real training row that fewer than 5 training rows share'}</div>
        </div>
        <div className="metric-card" data-testid="gen-replay">
          <div className="metric-label">Real ids / texts copied</div>
          <div className="metric-value">{outcome.replayFound}</div>
          <div className="muted small">{outcome.placeholders.length ? `checked in ${outcome.placeholders.map((p) => p.name).join(', ')}` : 'no identifier column in the output'}</div>
        </div>
      </div>
      <p data-testid="gen-summary">
        {outcome.rows.toLocaleString('en-US')} synthetic rows with <strong>{outcome.condition}</strong>; {percent(outcome.acceptanceRate)} of the generated candidates met every
        condition and active constraint.
        {outcome.dropped.length > 0 && ` Dropped: ${outcome.dropped.join(', ')}.`} They are now the current synthetic table for validation and the risk models.
      </p>
      {rejectedBy.length > 0 && (
        <details className="small">
          <summary>What the candidates failed</summary>
          <ul>
            {rejectedBy.map((c) => (
              <li key={c.label}>
                {c.label} ({c.source}): {percent(1 - c.passRate)} of candidates failed it
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="button-row">
        <button type="button" onClick={() => void download()} disabled={saving} data-testid="gen-download">
          {saving ? 'Preparing CSV…' : `Download CSV (${outcome.rows.toLocaleString('en-US')} rows)`}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <h4>First {outcome.preview.length} rows</h4>
      <div className="table-scroll">
        <table className="schema-table gen-preview" data-testid="gen-preview">
          <thead>
            <tr>
              {outcome.columns.map((c) => (
                <th key={c} data-column={c}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {outcome.preview.map((r, i) => (
              <tr key={i}>
                {r.map((v, j) => (
                  <td key={j} data-column={outcome.columns[j]}>
                    {v ?? '∅'}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h4>Real vs synthetic</h4>
      <div className="form-row">
        <label>
          Column{' '}
          <select value={column} onChange={(e) => setColumn(e.target.value)} data-testid="gen-chart-column">
            {chartColumns.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
      </div>
      {spec && comparison && <VegaChart spec={spec} label={`${comparison.column}: real vs synthetic shares`} testId="gen-chart" />}
    </section>
  );
}
