import { useEffect, useState } from 'react';
import { worker, Comlink } from '../../worker-client';
import type { RefineOutcome, RefineProgress } from '../../../worker/refine-api';

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function eta(s: number | null): string {
  if (s === null || !Number.isFinite(s)) return '';
  return s < 60 ? `, about ${Math.ceil(s)} s left` : `, about ${Math.floor(s / 60)} min ${Math.round(s % 60)} s left`;
}

/**
 * One click from "what gives the rows away" to rows that give less away: the worker draws a pool
 * from the current engine model and keeps the rows a cross-fitted detector finds most like real
 * ones. The refined rows become a new run; `onRefined` validates it, so the run history shows the
 * run before and the run after side by side.
 */
export function RefinePanel({ disabled, onRefined }: { disabled: boolean; onRefined: () => Promise<void> }) {
  const [problem, setProblem] = useState<string | null>(null);
  const [progress, setProgress] = useState<RefineProgress | null>(null);
  const [outcome, setOutcome] = useState<RefineOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void worker()
      .validateRefineProblem()
      .then(setProblem)
      .catch((e: unknown) => setProblem(message(e)));
  }, [outcome]);

  const refine = async () => {
    setError(null);
    setOutcome(null);
    setProgress({ fraction: 0, message: 'Starting', etaSeconds: null });
    try {
      const r = await worker().validateRefine({}, Comlink.proxy((p: RefineProgress) => setProgress(p)));
      setOutcome(r);
      setProgress(null);
      if (r.status === 'done') await onRefined();
    } catch (e) {
      setError(message(e));
    } finally {
      setProgress(null);
    }
  };

  return (
    <div className="refine" data-testid="refine-panel">
      <h4>Refine against the detector</h4>
      <p className="muted small">
        Draws ten candidate rows per row from the current engine model, trains a detector on real rows against them (cross-fitted, up to three rounds) and keeps the rows it finds most
        like real ones, with every column's shape and range held to the real one; kept rows that lie nearer to a training row than unseen real rows do are swapped, as few as
        needed, for similar candidates that do not. The refined rows become a new run; its report follows, and the run history shows both.
      </p>
      {problem && !progress && (
        <p className="muted small" data-testid="refine-problem">
          {problem}
        </p>
      )}
      {!progress && (
        <button type="button" data-testid="refine-button" onClick={() => void refine()} disabled={disabled || problem !== null}>
          Refine the rows
        </button>
      )}
      {progress && (
        <div className="progress" data-testid="refine-progress" role="status">
          <div className="progress-label">
            Refining: {progress.message}
            {eta(progress.etaSeconds)}…
          </div>
          <progress max={1} value={progress.fraction} aria-label="Refining the synthetic rows" />
          <button type="button" data-testid="refine-cancel" onClick={() => void worker().validateRefineCancel()}>
            Cancel
          </button>
        </div>
      )}
      {outcome?.status === 'stopped' && <p className="muted small">Refinement stopped; the synthetic data is unchanged.</p>}
      {outcome?.status === 'done' && (
        <p className="small" data-testid="refine-outcome">
          Kept {outcome.rows.toLocaleString('en-US')} of {outcome.poolRows.toLocaleString('en-US')} candidates in {outcome.seconds.toFixed(1)} s. Detector AUC on the pool, round by
          round: {outcome.rounds.map((r) => r.auc.toFixed(3)).join(' → ')} (0.5 = it cannot tell). Top giveaways of the last round:{' '}
          {outcome.rounds.at(-1)?.topColumns.slice(0, 3).map((c) => c.column).join(', ')}. The distance guard swapped {outcome.guardReplaced.toLocaleString('en-US')} rows for near neighbours a little farther from every training row (so the rows lie no nearer to training rows than unseen people do).
        </p>
      )}
      {error && (
        <p className="error small" role="alert" data-testid="refine-error">
          {error}
        </p>
      )}
    </div>
  );
}
