import { useState } from 'react';
import { worker, Comlink } from '../../worker-client';
import type { GenerationSummary, ModelInfo } from '../../../worker/gan-session';
import { saveText } from '../../save-file';

/** "Generate N rows" with an optional fixed category, and the CSV download. */
export function GeneratePanel({ model, busy }: { model: ModelInfo | null; busy: boolean }) {
  const [rows, setRows] = useState(1000);
  const [fixColumn, setFixColumn] = useState('');
  const [fixLabel, setFixLabel] = useState('');
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [summary, setSummary] = useState<GenerationSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const categorical = model?.columns.filter((c) => c.labels) ?? [];
  const labels = categorical.find((c) => c.name === fixColumn)?.labels ?? [];

  const generate = async () => {
    setError(null);
    setSummary(null);
    setProgress({ done: 0, total: rows });
    try {
      const fixed = fixColumn && fixLabel ? { [fixColumn]: fixLabel } : undefined;
      setSummary(await worker().ganGenerate(rows, { fixed }, Comlink.proxy((done: number, total: number) => setProgress({ done, total }))));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setProgress(null);
    }
  };

  const download = async () => {
    try {
      saveText(await worker().ganSyntheticCsv(), 'synthetic.csv', 'text/csv');
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section className="train-panel" aria-labelledby="generate-title">
      <h3 id="generate-title">Generate</h3>
      {!model && <p className="muted">Train a model (or import one) to generate synthetic rows.</p>}
      <div className="button-row">
        <label>
          Rows{' '}
          <input type="number" min={1} step={1} value={rows} onChange={(e) => setRows(Math.max(1, Math.floor(Number(e.target.value) || 1)))} data-testid="generate-rows" className="narrow" />
        </label>
        <label>
          Fix a category{' '}
          <select value={fixColumn} onChange={(e) => { setFixColumn(e.target.value); setFixLabel(''); }} disabled={!model}>
            <option value="">(none: data’s own mix)</option>
            {categorical.map((c) => (
              <option key={c.name} value={c.name}>{c.name}</option>
            ))}
          </select>
        </label>
        {fixColumn && (
          <select aria-label="Fixed label" value={fixLabel} onChange={(e) => setFixLabel(e.target.value)}>
            <option value="">choose…</option>
            {labels.map((l) => (
              <option key={l} value={l}>{l}</option>
            ))}
          </select>
        )}
        <button type="button" disabled={!model || busy || progress !== null} onClick={() => void generate()} data-testid="generate">
          Generate {rows.toLocaleString('en-US')} rows
        </button>
        <button type="button" disabled={!summary} onClick={() => void download()} data-testid="download-csv">
          Download CSV
        </button>
      </div>
      {busy && model && <p className="muted">Pause or finish training to generate.</p>}
      {progress && (
        <div className="progress" role="group" aria-label="Generating">
          <div className="progress-label">Generating: {progress.done.toLocaleString('en-US')} of {progress.total.toLocaleString('en-US')} rows</div>
          <progress max={progress.total} value={progress.done} />
        </div>
      )}
      {error && <p className="error" role="alert">{error}</p>}
      {summary && (
        <div data-testid="generation-summary">
          <p>
            Generated <strong>{summary.rows.toLocaleString('en-US')}</strong> rows × {summary.columns.length} columns in {summary.seconds.toFixed(1)} s
            {Object.keys(summary.fixed).length > 0 && ` with ${Object.entries(summary.fixed).map(([c, v]) => `${c} = ${v}`).join(', ')} (${(summary.acceptance * 100).toFixed(0)} % of drawn rows matched${summary.forced ? `; ${summary.forced} rows set by hand` : ''})`}
            . They are now the current synthetic table for the later steps.
          </p>
          <div className="table-scroll">
            <table className="schema-table">
              <thead>
                <tr>{summary.columns.map((c) => <th key={c}>{c}</th>)}</tr>
              </thead>
              <tbody>
                {summary.preview.map((r, i) => (
                  <tr key={i}>{r.map((v, j) => <td key={j}>{v ?? '∅'}</td>)}</tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
