import { useState } from 'react';
import type { VisualizationSpec } from 'vega-embed';
import { worker, Comlink } from '../../worker-client';
import type { DpSweepOutcome, DpSweepPoint, DpSweepProgress } from '../../../worker/engine-api';
import { VegaChart } from '../VegaChart';

const EPSILONS = [0.3, 1, 3, 10];

function chartSpec(points: DpSweepPoint[]): VisualizationSpec {
  const values = points.flatMap((p) => [
    { epsilon: p.epsilon, measure: 'TSTR ROC AUC', value: p.tstrAuc },
    { epsilon: p.epsilon, measure: 'pair trends', value: p.pairTrends },
  ]).filter((v) => Number.isFinite(v.value));
  return {
    width: 320,
    height: 180,
    data: { values },
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'epsilon', type: 'quantitative', scale: { type: 'log' }, title: 'epsilon (log scale)' },
      y: { field: 'value', type: 'quantitative', scale: { zero: false }, title: 'score' },
      color: { field: 'measure', type: 'nominal', title: null },
      tooltip: [{ field: 'measure' }, { field: 'epsilon' }, { field: 'value', format: '.3f' }],
    },
  };
}

/** A quick sweep over epsilon on the user's data: utility against privacy, in the worker, cancellable. */
export function DpSweepPanel({ disabled }: { disabled: boolean }) {
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<DpSweepProgress | null>(null);
  const [outcome, setOutcome] = useState<DpSweepOutcome | null>(null);
  const points = outcome && outcome.status !== 'failed' ? outcome.points : (progress?.points ?? []);

  const run = async () => {
    setRunning(true);
    setOutcome(null);
    setProgress({ fraction: 0, message: 'Starting', points: [], elapsedSeconds: 0 });
    try {
      setOutcome(await worker().engineDpSweep({ epsilons: EPSILONS }, Comlink.proxy((p: DpSweepProgress) => setProgress(p))));
    } catch (e) {
      setOutcome({ status: 'failed', message: (e as Error).message });
    } finally {
      setRunning(false);
    }
  };

  return (
    <section className="train-panel dp-sweep" aria-label="Utility against epsilon" data-testid="dp-sweep">
      <h3>Utility against epsilon</h3>
      <p className="muted small">
        Fits the private engine at epsilon {EPSILONS.join(', ')} on the train split and scores each sample on the test split (TSTR ROC AUC with logistic regression;
        pair trends). This exploration reads your real data outside the privacy budget: use it to choose epsilon, and share only data from the model you then train.
      </p>
      <div className="button-row">
        <button type="button" disabled={disabled || running} onClick={() => void run()} data-testid="dp-sweep-run">
          Run the sweep
        </button>
        <button type="button" disabled={!running} onClick={() => void worker().engineDpSweepCancel()} data-testid="dp-sweep-cancel">
          Cancel
        </button>
      </div>
      {running && progress && (
        <div className="progress" role="group" aria-label="Sweep progress" data-testid="dp-sweep-progress">
          <div className="progress-label">
            {progress.message} · {progress.elapsedSeconds.toFixed(1)} s
            {progress.fraction > 0.02 ? ` · about ${Math.round((progress.elapsedSeconds * (1 - progress.fraction)) / progress.fraction)} s left` : ''}
          </div>
          <progress max={1} value={progress.fraction} aria-label="Share of the sweep done" />
        </div>
      )}
      {outcome?.status === 'stopped' && <p className="notice" data-testid="dp-sweep-stopped">The sweep was cancelled; the points so far are shown.</p>}
      {outcome?.status === 'failed' && (
        <p className="error" role="alert" data-testid="dp-sweep-error">
          {outcome.message}
        </p>
      )}
      {points.length > 0 && (
        <>
          <VegaChart spec={chartSpec(points)} label="TSTR ROC AUC and pair trends against epsilon" testId="dp-sweep-chart" />
          <table className="small" data-testid="dp-sweep-table">
            <thead>
              <tr>
                <th scope="col">epsilon</th>
                <th scope="col">TSTR AUC</th>
                <th scope="col">TRTR AUC</th>
                <th scope="col">pair trends</th>
                <th scope="col">fit</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.epsilon}>
                  <td>{p.epsilon}</td>
                  <td>{Number.isFinite(p.tstrAuc) ? p.tstrAuc.toFixed(3) : '–'}</td>
                  <td>{Number.isFinite(p.trtrAuc) ? p.trtrAuc.toFixed(3) : '–'}</td>
                  <td>{p.pairTrends.toFixed(3)}</td>
                  <td>{p.fitSeconds.toFixed(1)} s</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
