import { ImportModelButton } from './ImportModelButton';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { CurrentModelNote } from './CurrentModelNote';
import { worker, Comlink } from '../../worker-client';
import { useProject, type EngineChoice } from '../../state/project';
import type { EngineFitOutcome, EngineProgress, EngineState, StoredEngineInfo } from '../../../worker/engine-api';
import { saveText } from '../../save-file';
import { DpSettings, dpSettingsError, type DpSettingsValue } from './DpSettings';
import { DpBudgetPanel } from './DpBudgetPanel';
import { DpSweepPanel } from './DpSweepPanel';

const CHOICES: { id: EngineChoice; title: string; note: string }[] = [
  { id: 'ar-cart', title: 'Sequential trees', note: 'recommended: best measured quality, trains in seconds' },
  { id: 'latent-class', title: 'Mixture model (latent class)', note: 'a mixture of simple groups of customers; fast, a little less faithful' },
  { id: 'dp-mst', title: 'Differentially private (MST)', note: 'a formal privacy guarantee (epsilon, delta); noisier data' },
  { id: 'ctgan', title: 'CTGAN', note: 'GAN, live training view; minutes to hours' },
];

/** The engine to train, at the top of step 3. */
export function EnginePicker({ value, disabled, onPick }: { value: EngineChoice; disabled: boolean; onPick: (e: EngineChoice) => void }) {
  return (
    <fieldset className="engine-picker" data-testid="engine-picker" disabled={disabled}>
      <legend>Engine</legend>
      {CHOICES.map((c) => (
        <label key={c.id} className={`engine-choice${value === c.id ? ' active' : ''}`}>
          <input type="radio" name="engine" value={c.id} checked={value === c.id} onChange={() => onPick(c.id)} data-testid={`engine-${c.id}`} />
          <strong>{c.title}</strong>
          <span className="muted">({c.note})</span>
        </label>
      ))}
    </fieldset>
  );
}

// The fit runs in the worker; the page keeps what it shows here so it survives leaving the screen.
interface FitView {
  state: EngineState | null;
  running: boolean;
  outcome: EngineFitOutcome | null;
}
let view: FitView = { state: null, running: false, outcome: null };
const listeners = new Set<() => void>();
function setView(next: Partial<FitView>) {
  view = { ...view, ...next };
  listeners.forEach((l) => l());
}
function subscribe(l: () => void) {
  listeners.add(l);
  return () => listeners.delete(l);
}
async function refresh() {
  setView({ state: await worker().engineState() });
}

/** Fit sequential trees or the mixture model, see how long it took, save or load the model. */
export function EngineTrainPanel({ kind }: { kind: Exclude<EngineChoice, 'ctgan'> }) {
  const { state: project, dispatch } = useProject();
  const v = useSyncExternalStore(subscribe, () => view);
  const [seed, setSeed] = useState(1);
  const [saved, setSaved] = useState<StoredEngineInfo[]>([]);
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  const [dp, setDp] = useState<DpSettingsValue>({ epsilon: 1, delta: null });
  const dpError = kind === 'dp-mst' ? dpSettingsError(dp) : null;

  const list = async () => {
    try {
      setSaved(await worker().engineListModels());
    } catch {
      // no IndexedDB: saving in the browser is simply not offered
    }
  };
  useEffect(() => {
    void refresh();
    void list();
  }, []);

  const fit = async () => {
    setNote(null);
    setView({ running: true, outcome: null, state: { phase: 'fitting', kind, progress: { fraction: 0, message: 'Starting', elapsedSeconds: 0 }, error: null, model: view.state?.model ?? null } });
    try {
      const outcome = await worker().engineFit(
        { kind, seed, ...(kind === 'dp-mst' ? { options: { epsilon: dp.epsilon, delta: dp.delta, secureNoise: true } } : {}) },
        Comlink.proxy((p: EngineProgress) => setView({ state: { kind, error: null, model: view.state?.model ?? null, phase: 'fitting', progress: p } })),
      );
      setView({ outcome });
      dispatch({ type: 'split-changed', split: await worker().splitSummary() });
    } catch (e) {
      setView({ outcome: { status: 'failed', message: (e as Error).message } });
    } finally {
      setView({ running: false });
      await refresh();
    }
  };

  const act = async (what: () => Promise<string>) => {
    setNote(null);
    try {
      setNote({ text: await what(), error: false });
    } catch (e) {
      setNote({ text: (e as Error).message, error: true });
    }
  };

  const st = v.state;
  const model = st?.model ?? null;
  const fitting = v.running || st?.phase === 'fitting';
  const progress = st?.progress ?? null;
  const choice = CHOICES.find((c) => c.id === kind)!;

  return (
    <section className="engine-train" aria-label={`Train ${choice.title}`} data-testid="engine-train-panel">
      <p className="muted" data-testid="engine-plan">
        Fits <strong>{choice.title}</strong> on the rows of the train split{project.split ? ` (${project.split.train.rows.toLocaleString('en-US')} rows)` : ''}; the test split stays held
        out for validation. Identifier and text columns are not modelled (step 4 fills them with placeholders).
      </p>
      {kind === 'dp-mst' && <DpSettings value={dp} disabled={fitting} onChange={setDp} />}
      {dpError && <p className="error" role="alert" data-testid="dp-settings-error">{dpError}</p>}
      <div className="button-row">
        <button type="button" className="primary" disabled={fitting || !project.dataset || dpError !== null} onClick={() => void fit()} data-testid="engine-train">
          {model && !model.loaded && model.kind === kind ? 'Train again' : 'Train'}
        </button>
        <button type="button" disabled={!fitting} onClick={() => void worker().engineCancel()} data-testid="engine-cancel">
          Cancel
        </button>
        <label className="small">
          Seed <input type="number" className="narrow" value={seed} disabled={fitting} onChange={(e) => setSeed(Math.max(0, Math.floor(Number(e.target.value) || 0)))} data-testid="engine-seed" />
        </label>
      </div>
      {!project.dataset && <p className="notice">Load a dataset (step 1) to train. You can still import a saved model below and generate from it.</p>}

      {(fitting || progress) && (
        <div className="progress" role="group" aria-label="Fitting progress" data-testid="engine-progress" data-phase={fitting ? 'fitting' : (st?.phase ?? 'idle')}>
          <div className="progress-label">
            <strong>{fitting ? 'fitting' : st?.phase}</strong>
            {progress ? ` · ${progress.message} · ${progress.elapsedSeconds.toFixed(1)} s` : ''}
          </div>
          <progress max={1} value={progress?.fraction ?? 0} aria-label="Share of the fit done" />
        </div>
      )}
      {v.outcome?.status === 'stopped' && <p className="notice" data-testid="engine-stopped">{v.outcome.message}</p>}
      {v.outcome?.status === 'failed' && (
        <p className="error" role="alert" data-testid="engine-error">
          {v.outcome.message}
        </p>
      )}

      {model?.privacy && <DpBudgetPanel privacy={model.privacy} />}
      {kind === 'dp-mst' && project.dataset && <DpSweepPanel disabled={fitting} />}
      {model && (
        <div className="train-panel engine-model" data-testid="engine-model">
          <h3>Latest engine model</h3>
          <p>
            <strong>{model.label}</strong>
            {model.loaded ? ' (loaded)' : ''}: {model.columns.length} columns, {model.trainRows.toLocaleString('en-US')} training rows, fitted in{' '}
            <span data-testid="engine-seconds">{model.seconds.toFixed(1)} s</span> (seed {model.seed}).
          </p>
          <CurrentModelNote refreshKey={`${model.fittedAt}|${model.name}|${st?.phase ?? ''}`} engineKind={model.kind} />
          <div className="button-row">
            <button type="button" className="primary" onClick={() => dispatch({ type: 'go', step: 'generate' })} data-testid="engine-go-generate">
              Go to step 4: Generate
            </button>
            <button type="button" disabled={fitting} data-testid="engine-save" onClick={() => void act(async () => {
              const info = await worker().engineSaveModel();
              await list();
              return `Saved in this browser (${(info.bytes / 1e6).toFixed(2)} MB).`;
            })}>
              Save in browser
            </button>
            <button type="button" disabled={fitting} data-testid="engine-export" onClick={() => void act(async () => {
              saveText(await worker().engineExportModel(), `synthcredit-${model.kind}-${new Date().toISOString().slice(0, 10)}.json`, 'application/json');
              return 'Model exported as a JSON file.';
            })}>
              Export model file
            </button>
          </div>
        </div>
      )}
      <div className="button-row">
        <ImportModelButton
          label="Import engine model file…"
          testId="engine-import"
          disabled={fitting}
          onFile={(file) =>
            void act(async () => {
              const info = await worker().engineImportModel(file);
              await refresh();
              return `Loaded "${info.name}": ${info.columns.length} columns, ready to generate.`;
            })
          }
        />
      </div>
      {note && <p className={note.error ? 'error' : 'muted'} role={note.error ? 'alert' : 'status'} data-testid="engine-note">{note.text}</p>}
      {saved.length > 0 && (
        <ul className="saved-models" data-testid="engine-saved-models">
          {saved.map((m) => (
            <li key={m.id}>
              {m.name} · {new Date(m.savedAt).toLocaleString()} · {m.columns} columns{' '}
              <button type="button" className="link-button" disabled={fitting} onClick={() => void act(async () => {
                const info = await worker().engineLoadModel(m.id);
                await refresh();
                return `Loaded "${info.name}".`;
              })}>
                load
              </button>{' '}
              <button type="button" className="link-button" disabled={fitting} onClick={() => void act(async () => {
                await worker().engineDeleteModel(m.id);
                await list();
                return 'Deleted.';
              })}>
                delete
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
