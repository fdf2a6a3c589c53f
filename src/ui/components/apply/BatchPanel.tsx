import { useState } from 'react';
import { worker, Comlink } from '../../worker-client';
import { VegaChart } from '../VegaChart';
import type { ApplyModelDetails, BatchProgress, BatchSummary } from '../../../worker/apply-api';
import { pdHistogramSpec } from './specs';
import { errorText, num, pct } from './format';
import { saveBlob } from '../../save-file';

/** Batch scoring of a CSV with the training schema's roles and the recipe replayed. */
export function BatchPanel({ details, summary, onScored }: { details: ApplyModelDetails; summary: BatchSummary | null; onScored: (s: BatchSummary) => void }) {
  const [progress, setProgress] = useState<BatchProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const score = async (file: File) => {
    setBusy(true);
    setError(null);
    setProgress(null);
    try {
      const s = await worker().applyScoreBatch(details.id, file, file.name, Comlink.proxy((p: BatchProgress) => setProgress(p)));
      onScored(s);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const save = async () => {
    try {
      const blob = await worker().applyBatchCsv(details.id);
      saveBlob(blob, `scored-${(summary?.fileName ?? 'batch').replace(/\.(csv|tsv|txt)(\.gz)?$/i, '')}.csv`);
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <div>
      <p className="muted">
        A CSV with the training data's columns (the target may be absent). The training schema's roles are applied to it — inference is not re-run — then the
        cleaning recipe is replayed, so every row is prepared exactly as the training rows were. Rows that the recipe would drop are kept and scored.
      </p>
      <div className="form-row">
        <label htmlFor="apply-file">CSV file to score</label>
        <input
          id="apply-file"
          type="file"
          accept=".csv,.tsv,.txt,.gz,text/csv"
          data-testid="apply-file-input"
          disabled={busy}
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void score(f);
            e.target.value = '';
          }}
        />
      </div>
      {busy && (
        <div className="progress" role="group" aria-label="Batch scoring" data-testid="batch-progress">
          <div className="progress-label">{progress?.detail ?? 'Starting…'}</div>
          <progress max={1} value={progress?.fraction ?? 0} aria-label="Batch scoring progress" />
        </div>
      )}
      {error && (
        <div role="alert" className="error-box" data-testid="batch-error">
          {error}
        </div>
      )}
      {summary && (
        <div data-testid="batch-summary">
          <div className="metric-cards">
            <div className="apply-metric">
              <span className="muted">Rows scored</span>
              <strong data-testid="batch-rows">{num(summary.rows)}</strong>
            </div>
            <div className="apply-metric">
              <span className="muted">Mean PD</span>
              <strong>{pct(summary.meanPd, 2)}</strong>
            </div>
            <div className="apply-metric">
              <span className="muted">Approved at cut-off {pct(summary.cutoff, 1)}</span>
              <strong>
                {num(summary.approved)} ({pct(summary.approved / summary.rows)})
              </strong>
            </div>
            {summary.rocAuc !== null && (
              <div className="apply-metric">
                <span className="muted">ROC AUC (the file has outcomes)</span>
                <strong>{summary.rocAuc.toFixed(3)}</strong>
              </div>
            )}
          </div>
          {(summary.missingColumns.length > 0 || summary.extraColumns.length > 0 || summary.notes.length > 0) && (
            <ul className="apply-notes" data-testid="batch-notes">
              {summary.notes.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          )}
          <VegaChart spec={pdHistogramSpec(summary.histogram, summary.cutoff)} label="Distribution of the scored probabilities of default" testId="batch-score-chart" />
          <div className="form-row">
            <button type="button" data-testid="batch-download" onClick={() => void save()}>
              Download scored file (CSV)
            </button>
            <span className="muted">The file's columns plus probability, decision, score_points and reason_1–3 (the inputs that raise the risk most).</span>
          </div>
          <table className="data-table apply-table">
            <caption className="muted">First rows</caption>
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">PD</th>
                <th scope="col">Decision</th>
                <th scope="col">Points</th>
                <th scope="col">Top reasons (raise risk)</th>
              </tr>
            </thead>
            <tbody>
              {summary.preview.map((r) => (
                <tr key={r.row}>
                  <td>{r.row}</td>
                  <td>{pct(r.pd, 2)}</td>
                  <td className={r.decision === 'approve' ? 'decision-approve' : 'decision-decline'}>{r.decision}</td>
                  <td>{num(r.points)}</td>
                  <td>{r.reasons.join(', ') || '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
