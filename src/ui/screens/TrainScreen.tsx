import { useEffect, useMemo, useState } from 'react';
import { worker } from '../worker-client';
import { useProject } from '../state/project';
import { VegaChart } from '../components/VegaChart';
import { PRESETS, type PresetId, type TrainingSettings } from '../../worker/gan-settings-presets';
import type { TrainingPlan } from '../../worker/gan-session';
import { PresetPicker, SettingsPanel } from '../components/train/SettingsPanel';
import { ModelPanel } from '../components/train/ModelPanel';
import { GeneratePanel } from '../components/train/GeneratePanel';
import { TeachingNotes } from '../components/train/TeachingNotes';
import { clearTrainingError, refreshTraining, startTraining, useTraining } from '../components/train/training-store';
import { comparisonSpec, lossSpec, probeSpec, scatterSpec } from '../components/train/specs';
import { EnginePicker, EngineTrainPanel } from '../components/train/EngineTrainPanel';
import { CurrentModelNote } from '../components/train/CurrentModelNote';
import { StreamsTrainPanel } from '../components/streams/StreamsTrainPanel';

const BACKEND_LABELS: Record<string, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

function copySettings(s: TrainingSettings): TrainingSettings {
  return { ...s, betas: [...s.betas] as [number, number], generatorDims: [...s.generatorDims], discriminatorDims: [...s.discriminatorDims] };
}

function formatSeconds(s: number): string {
  if (!Number.isFinite(s) || s < 0) return '–';
  if (s < 60) return `${Math.ceil(s)} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}

export function TrainScreen() {
  const { state, dispatch } = useProject();
  const view = useTraining();
  const [preset, setPreset] = useState<PresetId | 'custom'>('quick');
  const [settings, setSettings] = useState<TrainingSettings>(() => copySettings(PRESETS.quick.settings));
  const [plan, setPlan] = useState<TrainingPlan | null>(null);
  const [planError, setPlanError] = useState<string | null>(null);
  const [acknowledged, setAcknowledged] = useState(false);
  const [needsConfirm, setNeedsConfirm] = useState(false);

  const running = view.phase === 'preparing' || view.phase === 'training';
  const paused = view.phase === 'paused';
  const busy = running || paused;

  useEffect(() => {
    void refreshTraining();
  }, []);

  // the plan depends on the data and on the mixture size only
  useEffect(() => {
    if (!state.dataset) return;
    let live = true;
    worker()
      .ganPlan({ maxModes: settings.maxModes })
      .then(async (p) => {
        if (!live) return;
        setPlan(p);
        setPlanError(null);
        if (p.splitMadeNow) dispatch({ type: 'split-changed', split: await worker().splitSummary() });
      })
      .catch((e: Error) => live && setPlanError(e.message));
    return () => {
      live = false;
    };
  }, [state.dataset, state.recipe, settings.maxModes, dispatch]);

  const pick = (id: PresetId) => {
    setPreset(id);
    setSettings(copySettings(PRESETS[id].settings));
  };

  const start = async () => {
    clearTrainingError();
    setNeedsConfirm(false);
    const outcome = await startTraining(settings, { acknowledgeWarning: acknowledged, liveColumns: plan?.liveColumns, scatterPair: plan?.scatterPair });
    if (outcome?.status === 'needs-confirmation') {
      setPlan(outcome.plan);
      setNeedsConfirm(true);
    }
  };

  const last = view.epochs.at(-1);
  const total = view.settings?.epochs ?? settings.epochs;
  const lossChart = useMemo(() => lossSpec(view.epochs), [view.epochs]);
  const probeChart = useMemo(() => probeSpec(view.probes), [view.probes]);
  const backend = view.backend || state.backend?.active || '';
  const bestProbe = view.probes.reduce<(typeof view.probes)[number] | null>((b, p) => (!b || p.score > b.score ? p : b), null);

  if (state.streams?.on) {
    return (
      <section aria-labelledby="train-title" className="train-screen">
        <h2 id="train-title">Train customers and their transactions</h2>
        <StreamsTrainPanel />
      </section>
    );
  }

  if (state.engine !== 'ctgan') {
    return (
      <section aria-labelledby="train-title" className="train-screen">
        <h2 id="train-title">Train a synthesis model</h2>
        <EnginePicker value={state.engine} disabled={busy} onPick={(engine) => dispatch({ type: 'engine-picked', engine })} />
        <EngineTrainPanel kind={state.engine} />
      </section>
    );
  }

  return (
    <section aria-labelledby="train-title" className="train-screen">
      <h2 id="train-title">Train the GAN (CTGAN)</h2>
      <EnginePicker value={state.engine} disabled={busy} onPick={(engine) => dispatch({ type: 'engine-picked', engine })} />
      <CurrentModelNote refreshKey={`${view.phase}|${view.epochs.length}`} engineKind="ctgan" />
      {!state.dataset && <p className="notice">Load a dataset (step 1) to train. You can still import a saved model below and generate from it.</p>}
      {planError && <p className="error" role="alert">{planError}</p>}
      {plan && (
        <p className="muted" data-testid="train-plan">
          Trains on the <strong>{plan.trainRows.toLocaleString('en-US')}</strong> rows of the train split
          {plan.validationRows > 0 ? `, of which ${plan.validationRows.toLocaleString('en-US')} are held out to choose the best checkpoint` : ''} (the test split stays held out
          {plan.splitMadeNow ? '; the default 80/20 split was made just now' : ''}). {plan.columns.length} columns modelled, encoded width up to{' '}
          {plan.estimatedWidth}
          {plan.excluded.length > 0 && <> · not modelled (identifier / text): {plan.excluded.map((c) => c.name).join(', ')}</>}.
        </p>
      )}
      {plan?.warning && (
        <div role="alert" className={needsConfirm ? 'error-box' : 'warning-box'} data-testid="width-warning">
          <p>
            <strong>Wide encoding.</strong> {plan.warning}
          </p>
          <label className="confirm">
            <input type="checkbox" checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)} data-testid="acknowledge-warning" /> Train anyway
          </label>
          <button type="button" onClick={() => dispatch({ type: 'go', step: 'explore' })}>
            Change roles / group categories
          </button>
        </div>
      )}

      <div className="train-setup">
        <PresetPicker preset={preset} disabled={busy} onPick={pick} />
        <SettingsPanel
          settings={settings}
          disabled={busy}
          onChange={(s) => {
            setSettings(s);
            setPreset('custom');
          }}
        />
      </div>

      <div className="button-row train-controls">
        <button type="button" className="primary" disabled={busy || !state.dataset || (!!plan?.warning && !acknowledged)} onClick={() => void start()} data-testid="start-training">
          {view.model && !view.model.loaded ? 'Train again' : 'Start training'}
        </button>
        <button type="button" disabled={!running} onClick={() => void worker().ganPause()} data-testid="pause-training">
          Pause
        </button>
        <button type="button" disabled={!paused} onClick={() => void worker().ganResume()} data-testid="resume-training">
          Resume
        </button>
        <button type="button" disabled={!busy} onClick={() => void worker().ganCancel()} data-testid="cancel-training">
          Cancel
        </button>
        <span className="muted" data-testid="train-backend">
          Backend: {BACKEND_LABELS[backend] ?? (backend || '–')}
          {backend === 'cpu' ? ' (slow: choose WASM if you can)' : ''}
          {backend === 'webgl' || backend === 'webgpu' ? ' (without a real GPU, WASM trains faster)' : ''}
        </span>
      </div>
      {view.error && <p className="error" role="alert" data-testid="train-error">{view.error}</p>}

      {(busy || view.epochs.length > 0 || view.phase !== 'idle') && (
        <div className="progress" role="group" aria-label="Training progress" data-testid="train-progress" data-phase={view.phase} data-epoch={last?.epoch ?? 0} data-last-seconds={last?.seconds.toFixed(2) ?? ""}>
          <div className="progress-label">
            <strong>{view.phase}</strong>
            {last ? ` · epoch ${last.epoch} of ${last.epochs} · ${last.secondsPerEpoch.toFixed(1)} s per epoch` : ''}
            {running && last ? ` · about ${formatSeconds(last.etaSeconds)} left` : ''}
            {last ? ` · G ${last.lossG.toFixed(3)}, D ${last.lossD.toFixed(3)}` : ''}
          </div>
          <progress max={total} value={last?.epoch ?? 0} aria-label="Epochs done" />
          {view.message && <p className="muted" data-testid="train-message">{view.message}</p>}
        </div>
      )}
      {view.divergences.length > 0 && (
        <div className="warning-box" role="alert" data-testid="divergence">
          <strong>Divergence ({view.divergences.length}×).</strong> {view.divergences.at(-1)!.message}
        </div>
      )}

      {view.epochs.length > 0 && (
        <div className="chart-row">
          <VegaChart spec={lossChart} label="Generator and discriminator loss per epoch" testId="loss-chart" />
          {view.probes.length > 0 && <VegaChart spec={probeChart} label="Quality probe per epoch" testId="probe-chart" />}
        </div>
      )}
      {bestProbe && (
        <p className="muted" data-testid="best-probe">
          Best probe so far: {bestProbe.score.toFixed(3)} at epoch {bestProbe.epoch} (column shapes {bestProbe.columnShapes.toFixed(3)}, pair trends {bestProbe.pairTrends.toFixed(3)})
          {view.model?.usedEpoch != null && !busy ? ` · the model uses the weights of epoch ${view.model.usedEpoch}` : ''}.
        </p>
      )}
      {view.live && (
        <section aria-label="Real vs generated" data-testid="live-view">
          <h3>Real (grey) vs generated (orange), epoch {view.live.epoch}</h3>
          <div className="chart-row">
            {view.live.histograms.map((h) => (
              <VegaChart key={h.column} spec={comparisonSpec(h)} label={`${h.column}: real vs generated`} testId={`live-${h.column}`} />
            ))}
            {view.live.scatter && <VegaChart spec={scatterSpec(view.live.scatter)} label={`${view.live.scatter.x} vs ${view.live.scatter.y}`} testId="live-scatter" />}
          </div>
        </section>
      )}
      <TeachingNotes epochs={view.epochs} probes={view.probes} />

      <div className="train-bottom">
        <ModelPanel hasModel={!!view.model} busy={running} />
        <GeneratePanel model={view.model} busy={running} />
      </div>
    </section>
  );
}
