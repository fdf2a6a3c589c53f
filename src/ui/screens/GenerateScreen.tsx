import { useCallback, useEffect, useState } from 'react';
import { worker, Comlink } from '../worker-client';
import { useProject } from '../state/project';
import { ProgressBar } from '../components/ProgressBar';
import type { GenerateOutcome, GenerateProgress, GenerateSetup } from '../../worker/generate-api';
import type { Constraint } from '../../core/generate/constraints';
import type { IdentifierMode } from '../../core/generate/placeholders';
import { WhatIfBuilder, draftToWhatIf, EMPTY_DRAFT, type WhatIfDraft } from '../components/generate/WhatIfBuilder';
import { ConstraintList } from '../components/generate/ConstraintList';
import { IdentifierOptions } from '../components/generate/IdentifierOptions';
import { GenerateResult } from '../components/generate/GenerateResult';
import { StreamsGeneratePanel } from '../components/streams/StreamsGeneratePanel';
import { SeedInput } from '../components/SeedInput';

const MAX_ROWS = 1_000_000;

/** What the user set up, kept while they visit other steps (the tables stay in the worker). */
interface Remembered {
  modelName: string;
  rows: number;
  seed: number;
  draft: WhatIfDraft;
  constraints: Constraint[];
  modes: Record<string, IdentifierMode>;
  outcome: GenerateOutcome | null;
}
let remembered: Remembered | null = null;

export function GenerateScreen() {
  const { state } = useProject();
  if (state.streams?.on) {
    return (
      <section className="generate-screen">
        <h2>4 Generate customers and their transactions</h2>
        <StreamsGeneratePanel />
      </section>
    );
  }
  return <TableGenerateScreen />;
}

/** One row = one record: rows from the tabular engines, with what-if conditions and constraints. */
function TableGenerateScreen() {
  const { dispatch } = useProject();
  const [setup, setSetup] = useState<GenerateSetup | null>(null);
  const [setupError, setSetupError] = useState<string | null>(null);
  const [rows, setRows] = useState(remembered?.rows ?? 10_000);
  const [rowsText, setRowsText] = useState(String(remembered?.rows ?? 10_000));
  const [seed, setSeed] = useState(remembered?.seed ?? 1);
  const [draft, setDraft] = useState<WhatIfDraft>(remembered?.draft ?? EMPTY_DRAFT);
  const [constraints, setConstraints] = useState<Constraint[]>(remembered?.constraints ?? []);
  const [modes, setModes] = useState<Record<string, IdentifierMode>>(remembered?.modes ?? {});
  const [progress, setProgress] = useState<GenerateProgress | null>(null);
  const [running, setRunning] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [outcome, setOutcome] = useState<GenerateOutcome | null>(remembered?.outcome ?? null);

  const load = useCallback(() => {
    worker()
      .genSetup()
      .then((s) => {
        setSetup(s);
        setSetupError(null);
        if (s.model && remembered?.modelName !== s.model.name + s.model.epochs + (s.model.engine?.seconds ?? '')) {
          // a different model: start from its suggestions
          setConstraints(s.suggestions);
          setModes({});
          setDraft(EMPTY_DRAFT);
          setOutcome(null);
        }
      })
      .catch((e: Error) => setSetupError(e.message));
  }, []);

  useEffect(() => load(), [load]);

  useEffect(() => {
    if (setup?.model) remembered = { modelName: setup.model.name + setup.model.epochs + (setup.model.engine?.seconds ?? ''), rows, seed, draft, constraints, modes, outcome };
  }, [setup, rows, seed, draft, constraints, modes, outcome]);

  const parsed = draftToWhatIf(draft);
  const rowsValid = Number.isInteger(rows) && rows >= 1 && rows <= MAX_ROWS;

  const generate = async () => {
    if (!('whatIf' in parsed) || !rowsValid) return;
    setRunning(true);
    setCancelling(false);
    setOutcome(null);
    setProgress({ accepted: 0, n: rows, drawn: 0, attempts: 0 });
    try {
      const result = await worker().genRun(
        { n: rows, conditions: parsed.whatIf, constraints, identifiers: modes, seed },
        Comlink.proxy((p: GenerateProgress) => setProgress(p)),
      );
      setOutcome(result);
    } catch (e) {
      setOutcome({ status: 'failed', message: (e as Error).message });
    } finally {
      setRunning(false);
      setProgress(null);
    }
  };

  if (setupError) {
    return (
      <section className="generate-screen">
        <h2>4 Generate synthetic data</h2>
        <p className="error-box" role="alert">
          {setupError}
        </p>
      </section>
    );
  }
  if (!setup) {
    return (
      <section className="generate-screen">
        <h2>4 Generate synthetic data</h2>
        <p className="busy">Reading the trained model…</p>
      </section>
    );
  }
  if (!setup.model) {
    return (
      <section className="generate-screen">
        <h2>4 Generate synthetic data</h2>
        <div className="notice-box" data-testid="gen-no-model">
          <p>{setup.message}</p>
          <div className="button-row">
            <button type="button" onClick={() => dispatch({ type: 'go', step: 'train' })}>
              Go to step 3: Train
            </button>
            <button type="button" className="link-button" onClick={load}>
              check again
            </button>
          </div>
        </div>
      </section>
    );
  }

  const m = setup.model;
  const done = outcome && (outcome.status === 'done' || outcome.status === 'stopped') ? outcome : null;
  const chartColumns = setup.columns.map((c) => c.name);
  const defaultChart = draft.ranges[0]?.column ?? chartColumns.find((c) => c === 'LIMIT_BAL') ?? chartColumns[0] ?? '';

  return (
    <section className="generate-screen">
      <h2>4 Generate synthetic data</h2>
      {m.engine ? (
        <p className="muted" data-testid="gen-model" data-engine={m.engine.kind}>
          From <strong>{m.engine.label}</strong>
          {m.loaded ? ' (loaded from a file)' : ''}: fitted in {m.engine.seconds.toFixed(1)} s on {m.trainRows.toLocaleString('en-US')} training rows. Fixed labels are set
          directly by the model where it can; ranges and constraints are met by drawing more rows and keeping those that fit.
        </p>
      ) : (
      <p className="muted" data-testid="gen-model">
        From <strong>{m.name}</strong>
        {m.loaded ? ' (loaded from a file)' : ''}: {m.epochs} epoch{m.epochs === 1 ? '' : 's'} trained
        {m.usedEpoch !== null && m.usedEpoch !== m.epochs ? `, using the checkpoint of epoch ${m.usedEpoch}` : ''}
        {m.trainRows ? ` on ${m.trainRows.toLocaleString('en-US')} training rows` : ''}.
      </p>
      )}
      {setup.busy && (
        <p className="warning-box" role="status">
          {setup.message}{' '}
          <button type="button" className="link-button" onClick={load}>
            check again
          </button>
        </p>
      )}
      <div className="gen-setup">
        <div className="gen-column">
          <fieldset className="gen-rows" disabled={running}>
            <legend>How many rows</legend>
            <div className="form-row">
              <label>
                Rows{' '}
                <input
                  type="number"
                  min={1}
                  max={MAX_ROWS}
                  step={1}
                  className="narrow"
                  value={rowsText}
                  onChange={(e) => {
                    setRowsText(e.target.value);
                    setRows(Number(e.target.value));
                  }}
                  data-testid="gen-rows"
                />
              </label>
              {[1000, 10_000, 100_000, 1_000_000].map((k) => (
                <button
                  type="button"
                  key={k}
                  className="chip"
                  onClick={() => {
                    setRows(k);
                    setRowsText(String(k));
                  }}
                >
                  {k.toLocaleString('en-US')}
                </button>
              ))}
              <SeedInput seed={seed} onChange={setSeed} testId="gen-seed" />
            </div>
            {!rowsValid && <p className="error small">Choose a whole number of rows from 1 to 1,000,000.</p>}
          </fieldset>
          <WhatIfBuilder columns={setup.columns} target={setup.target} value={draft} onChange={setDraft} disabled={running} />
          <IdentifierOptions columns={setup.identifiers} modes={modes} onChange={setModes} disabled={running} />
        </div>
        <div className="gen-column">
          <ConstraintList columns={setup.columns} value={constraints} onChange={setConstraints} disabled={running} />
        </div>
      </div>

      <div className="button-row gen-actions">
        <button
          type="button"
          className="primary"
          disabled={running || setup.busy || !rowsValid || !('whatIf' in parsed)}
          onClick={() => void generate()}
          data-testid="gen-run"
        >
          Generate {rowsValid ? rows.toLocaleString('en-US') : ''} rows
        </button>
        {'error' in parsed && <span className="error small">{parsed.error}</span>}
      </div>

      {running && progress && (
        <div data-testid="gen-progress">
          <ProgressBar
            label={cancelling ? 'Stopping after this chunk' : 'Generating'}
            done={progress.accepted}
            total={progress.n}
            format={(x) => x.toLocaleString('en-US')}
            onCancel={
              cancelling
                ? undefined
                : () => {
                    setCancelling(true);
                    void worker().genCancel();
                  }
            }
          />
          <p className="muted small">
            {progress.drawn.toLocaleString('en-US')} candidates drawn in {progress.attempts} chunk{progress.attempts === 1 ? '' : 's'}
            {progress.drawn > 0 ? `; ${((progress.accepted / progress.drawn) * 100).toFixed(1)} % kept so far` : ''}
          </p>
        </div>
      )}

      {outcome && (outcome.status === 'refused' || outcome.status === 'failed') && (
        <div className="error-box" role="alert" data-testid="gen-error">
          <strong>{outcome.status === 'refused' ? 'Not generated: ' : 'Generation failed: '}</strong>
          {outcome.message}
        </div>
      )}
      {done && <GenerateResult outcome={done} chartColumns={chartColumns} defaultColumn={defaultChart} />}
    </section>
  );
}
