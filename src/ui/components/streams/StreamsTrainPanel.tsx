import { useEffect, useState } from 'react';
import { worker, Comlink, useWorkerHealth } from '../../worker-client';
import { useProject } from '../../state/project';
import type { StreamsHoldout, StreamsProgress as Progress } from '../../../worker/streams-api';
import { StreamsTaskStatus } from './StreamsProgress';
import { claimStreamsView, setStreamsTask, useStreamsView } from './streams-store';
import { specProblems } from './spec-problems';
import type { ColumnSchema } from '../../../core/data/schema';
import { useStreamsState } from './use-streams-state';
import { SeedInput } from '../SeedInput';

/** The results the streams panels keep belong to this dataset and this worker. */
export function useStreamsOwner(): string {
  const { state } = useProject();
  const { generation } = useWorkerHealth();
  const owner = `${state.dataset?.name ?? ''}|${state.dataset?.rowCount ?? 0}|${generation}`;
  claimStreamsView(owner);
  return owner;
}

/**
 * Step 3 in customers-and-transactions mode: fit the sequential engine (profiles by the tabular
 * trees, then each customer's events in time order) in the worker, with progress, ETA and cancel.
 * A share of the customers can be held out (by customer) for the privacy check of step 5.
 */
export function StreamsTrainPanel() {
  const { state, dispatch } = useProject();
  useStreamsOwner();
  const v = useStreamsView();
  const [seed, setSeed] = useState(1);
  const [holdout, setHoldout] = useState<StreamsHoldout>({ testFraction: 0.2, seed: 0, laterFraction: null });
  const mode = state.streams!;
  const spec = mode.spec;
  const [columns, setColumns] = useState<ColumnSchema[] | null>(null);
  // the cleaned table's columns (a rebuilt key or a joined time exist only there)
  useEffect(() => {
    worker()
      .recipe()
      .then((r) => setColumns(r.schema.columns))
      .catch(() => setColumns(null));
  }, [state.recipe]);
  const problems = columns ? specProblems(spec, columns) : [];
  const running = v.fit.running;
  const held = useStreamsState([v.fit.result, running]);

  useEffect(() => {
    worker()
      .streamsHoldout()
      .then(setHoldout)
      .catch(() => undefined);
  }, []);


  const fit = async () => {
    setStreamsTask('fit', { running: true, progress: null, error: null, stopped: false, result: null });
    setStreamsTask('generate', { result: null, error: null, stopped: false });
    setStreamsTask('report', { result: null, error: null, stopped: false });
    try {
      await worker().streamsSetHoldout({ ...holdout, seed });
      const out = await worker().streamsFit(spec, seed, Comlink.proxy((p: Progress) => setStreamsTask('fit', { progress: p })));
      if (out.status === 'done') setStreamsTask('fit', { result: out });
      else if (out.status === 'cancelled') setStreamsTask('fit', { error: 'Training was cancelled; the previous model (if any) is kept.', stopped: true });
      else setStreamsTask('fit', { error: `Training failed: ${out.error}` });
    } catch (e) {
      setStreamsTask('fit', { error: `Training failed: ${(e as Error).message}` });
    } finally {
      setStreamsTask('fit', { running: false, progress: null });
    }
  };

  const fitted = held?.model ?? null;
  const sameSpec = (a: typeof spec, b: typeof spec) => JSON.stringify(a) === JSON.stringify(b);
  const stale = fitted && !sameSpec(fitted.spec, spec);
  return (
    <section className="panel streams-train" aria-labelledby="streams-train-title" data-testid="streams-train">
      <h3 id="streams-train-title">Customers and their transactions</h3>
      <p className="muted" data-testid="streams-spec-summary">
        Key <strong>{spec.key.join(' + ')}</strong> · time <strong>{spec.time}</strong> · {spec.profile.length} profile column{spec.profile.length === 1 ? '' : 's'} (
        {spec.profile.join(', ') || 'none'}) · {spec.event.length} event column{spec.event.length === 1 ? '' : 's'} ({spec.event.join(', ')}).
      </p>
      <p className="muted small">
        Profiles (with the number of transactions, the first transaction's time and the fraud episode) are synthesized by the sequential trees; then each synthetic customer's
        transactions are drawn in time order, conditioned on the profile and on the recent history (gap since the previous one, previous category and amount, hour, weekday,
        fraud episode).
      </p>
      <div className="button-row">
        <button type="button" onClick={() => dispatch({ type: 'go', step: 'load' })}>
          Change the columns (step 1)
        </button>
        <button type="button" disabled={running} onClick={() => dispatch({ type: 'streams-mode', mode: { ...mode, on: false } })} data-testid="streams-leave-mode">
          Leave this mode: one row = one record
        </button>
      </div>
      <fieldset className="form-row" disabled={running}>
        <legend className="small">Settings</legend>
        <label className="small">
          Hold out{' '}
          <select value={holdout.testFraction} onChange={(e) => setHoldout({ ...holdout, testFraction: Number(e.target.value) })} data-testid="streams-holdout">
            {[0.1, 0.2, 0.3].map((f) => (
              <option key={f} value={f}>
                {Math.round(f * 100)} %
              </option>
            ))}
          </select>{' '}
          of the customers (all their transactions: split by customer, never by row) for validation
        </label>
        <label className="small">
          <input
            type="checkbox"
            checked={holdout.laterFraction !== null}
            onChange={(e) => setHoldout({ ...holdout, laterFraction: e.target.checked ? 0.2 : null })}
            data-testid="streams-later-period"
          />{' '}
          and by time: train before the latest 20 % of the transactions, validate on the held-out customers' later period
        </label>
        <SeedInput seed={seed} onChange={setSeed} testId="streams-seed" />
      </fieldset>
      {problems.length > 0 && (
        <ul className="error" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="button-row">
        <button type="button" className="primary" disabled={running || !state.dataset || problems.length > 0} onClick={() => void fit()} data-testid="streams-train-run">
          {fitted ? 'Train again' : 'Train'}
        </button>
      </div>
      <StreamsTaskStatus task={v.fit} label="Training" testId="streams-train" />
      {fitted && !running && (
        <div className="train-panel" data-testid="streams-model" data-state="fitted">
          <p>
            <strong>Sequential engine ready</strong>
            {fitted.source === 'fitted' && fitted.seconds !== null ? ` · fitted in ${fitted.seconds.toFixed(1)} s` : ' · loaded from a file'}
            {fitted.trainCustomers !== null ? ` on ${fitted.trainCustomers.toLocaleString('en-US')} customers` : ''}
            {fitted.heldOutCustomers ? ` (${fitted.heldOutCustomers.toLocaleString('en-US')} held out for validation` : ''}
            {fitted.heldOutCustomers && fitted.laterPeriodFrom !== null ? `, their transactions from ${new Date(fitted.laterPeriodFrom).toISOString().slice(0, 10)} on` : ''}
            {fitted.heldOutCustomers ? ')' : ''}.
          </p>
          {stale && (
            <p className="notice" role="status" data-testid="streams-model-stale">
              It was trained with other key, time, profile or event columns than those chosen now; train again to use them.
            </p>
          )}
          <button type="button" className="primary" onClick={() => dispatch({ type: 'go', step: 'generate' })} data-testid="streams-go-generate">
            Go to step 4: Generate customers
          </button>
        </div>
      )}
    </section>
  );
}
