import { worker } from '../../worker-client';
import type { ApplyModelDetails, ApplyScope, MonitoringView } from '../../../worker/apply-api';
import type { StabilityResult } from '../../../core/risk/apply';
import { num } from './format';
import { useScopeView } from './use-scope-view';

const BAND_TEXT = { stable: 'stable (< 0.1)', watch: 'watch (0.1–0.25)', shift: 'shift (> 0.25)' } as const;

function Row({ r, kind }: { r: StabilityResult; kind: string }) {
  return (
    <tr data-testid="psi-row" data-band={r.band}>
      <th scope="row">{r.name}</th>
      <td>{kind}</td>
      <td>{r.index.toFixed(4)}</td>
      <td>
        <span className={`band band-${r.band}`}>{BAND_TEXT[r.band]}</span>
      </td>
    </tr>
  );
}

/** PSI of the score and CSI of every input, training rows against the chosen rows. */
export function MonitoringPanel({ details, scope, version }: { details: ApplyModelDetails; scope: ApplyScope | null; version: number }) {
  const { view, error } = useScopeView<MonitoringView>(scope, (s) => worker().applyMonitoring(details.id, s), [details.id, version]);

  return (
    <div>
      <p className="muted">
        Population stability index between the training rows and the chosen rows: deciles of the training scores (an empty bin counts as 0.01 %). The same index on
        each input is the characteristic stability index (CSI).
      </p>
      {!scope && <p className="muted">Score a batch file first.</p>}
      {error && (
        <div role="alert" className="error-box">
          {error}
        </div>
      )}
      {view?.alert && (
        <div role="alert" className="error-box" data-testid="psi-alert">
          {view.alert}
        </div>
      )}
      {view && (
        <>
          {!view.alert && (
            <p className="notice" data-testid="psi-ok">
              No shift (&gt; 0.25) in the score or any input
              {view.features.some((f) => f.band === 'watch') ? `; to watch: ${view.features.filter((f) => f.band === 'watch').map((f) => f.name).join(', ')}` : ''}.
            </p>
          )}
          <p className="muted">{num(view.rows)} rows compared with the training rows.</p>
          <table className="data-table apply-table" data-testid="psi-table">
            <thead>
              <tr>
                <th scope="col">Distribution</th>
                <th scope="col">Index</th>
                <th scope="col">Value</th>
                <th scope="col">Band</th>
              </tr>
            </thead>
            <tbody>
              <Row r={view.score} kind="PSI" />
              {view.features.map((f) => (
                <Row key={f.name} r={f} kind="CSI" />
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}
