import { useState } from 'react';
import { worker } from '../../worker-client';
import type { ApplyModelDetails, ApplyScope, FraudQueueView } from '../../../worker/apply-api';
import { num, pct } from './format';
import { useScopeView } from './use-scope-view';

/** The alert queue: rows by risk, highest first, with reasons; precision at k when outcomes are known. */
export function FraudPanel({ details, scope, version }: { details: ApplyModelDetails; scope: ApplyScope | null; version: number }) {
  const [k, setK] = useState(50);
  const { view, error } = useScopeView<FraudQueueView>(scope, (s) => worker().applyFraudQueue(details.id, s, k), [details.id, k, version]);

  return (
    <div>
      <div className="form-row">
        <label>
          Alerts to review (k){' '}
          <input type="number" className="narrow" min={1} max={10000} value={k} onChange={(e) => Number(e.target.value) >= 1 && setK(Math.floor(Number(e.target.value)))} />
        </label>
        {!scope && <span className="muted">Score a batch file first.</span>}
      </div>
      {error && (
        <div role="alert" className="error-box">
          {error}
        </div>
      )}
      {view && (
        <>
          {view.precision ? (
            <p data-testid="precision-at-k">
              Precision at k:{' '}
              {view.precision.map((p) => (
                <span key={p.k} className="chip">
                  top {num(p.k)}: {pct(p.precision)} ({pct(p.found)} of all positives found)
                </span>
              ))}
            </p>
          ) : (
            <p className="muted">These rows have no known outcomes, so precision at k cannot be measured.</p>
          )}
          <div className="findings-scroll">
            <table className="data-table apply-table" data-testid="fraud-queue">
              <caption className="muted">
                Top {num(view.rows.length)} of {num(view.total)} rows by score
              </caption>
              <thead>
                <tr>
                  <th scope="col">Rank</th>
                  <th scope="col">Row</th>
                  <th scope="col">Score</th>
                  <th scope="col">Status</th>
                  {view.labelled && <th scope="col">Outcome</th>}
                  <th scope="col">Reasons (raise risk)</th>
                </tr>
              </thead>
              <tbody>
                {view.rows.map((r, i) => (
                  <tr key={r.row}>
                    <td>{i + 1}</td>
                    <td>{r.row}</td>
                    <td>{pct(r.score, 2)}</td>
                    <td className={r.decision === 'alert' ? 'decision-decline' : undefined}>{r.decision}</td>
                    {view.labelled && <td>{r.label === null ? '–' : r.label === 1 ? 'positive' : 'negative'}</td>}
                    <td>{r.reasons.join(', ') || '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
