import { describeDerivedStep } from '../../core/data/derive/derived-features.ts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { worker, Comlink } from '../worker-client';
import { useProject } from '../state/project';
import { ComparisonTable } from '../components/risk/ComparisonTable';
import { ResultDetails } from '../components/risk/ResultDetails';
import type { RiskStatus, RiskTrainOutcome, RiskTrainProgress } from '../../worker/risk-api';
import type { ComparisonRow } from '../../core/risk/workbench/comparison';
import { useRiskResult } from '../components/risk/use-risk-result';
import type { ModelKind } from '../../core/risk/workbench/fitted-model';
import type { TrainingMode } from '../../core/risk/workbench/training-data';
import { DEFAULT_MAX_CATEGORIES as WIDE_CATEGORY_CAP } from '../../core/risk/features/standard-encoder';
import { saveText } from '../save-file';

/** UI labels kept here so the page does not pull the training code into its bundle. */
const MODEL_CHOICES: { id: ModelKind; label: string; hint: string }[] = [
  { id: 'logistic', label: 'Logistic regression', hint: 'L2-regularised, standardised inputs, one-hot labels; fast and interpretable' },
  { id: 'gbdt', label: 'Gradient-boosted trees', hint: 'histogram GBDT with early stopping; usually the strongest on tabular data' },
  { id: 'neural', label: 'Neural network (MLP)', hint: '64/32 ReLU units, dropout, Adam, early stopping; runs on the chosen compute backend' },
];

const MODE_CHOICES: { id: TrainingMode; label: string; hint: string }[] = [
  { id: 'real', label: 'Real (TRTR)', hint: 'train on the real training split' },
  { id: 'synthetic', label: 'Synthetic only (TSTR)', hint: 'train on synthetic rows only: how much of the signal did the generator learn?' },
  { id: 'augmented', label: 'Real + synthetic', hint: 'real training rows plus synthetic rows at the chosen ratio' },
  { id: 'oversampled', label: 'Real + synthetic minority', hint: 'real rows plus synthetic positive rows (e.g. defaulters) up to the chosen positive share; compare with Real' },
];

interface Settings {
  models: ModelKind[];
  modes: TrainingMode[];
  classWeight: 'none' | 'balanced';
  seed: number;
  /** threshold suggested per model from the target rate and the cost ratio (see cutoff-suggestion.ts) */
  autoThreshold: boolean;
  threshold: number;
  augmentRatio: number;
  oversampleShare: number;
  derivedFeatures: boolean;
  gbdtRounds: number;
  neuralEpochs: number;
}

const DEFAULT_SETTINGS: Settings = {
  models: ['logistic', 'gbdt'],
  modes: ['real'],
  classWeight: 'none',
  seed: 42,
  autoThreshold: true,
  threshold: 0.5,
  augmentRatio: 1,
  oversampleShare: 0.5,
  derivedFeatures: true,
  gbdtRounds: 200,
  neuralEpochs: 40,
};

function toggle<T>(list: T[], item: T, on: boolean): T[] {
  return on ? (list.includes(item) ? list : [...list, item]) : list.filter((x) => x !== item);
}

function percent(v: number | null): string {
  return v === null ? '–' : `${(100 * v).toFixed(1)} %`;
}

export function RiskScreen() {
  const { state, dispatch } = useProject();
  const [status, setStatus] = useState<RiskStatus | null>(null);
  const [statusError, setStatusError] = useState<string | null>(null);
  const [splitNotice, setSplitNotice] = useState<string | null>(null);
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [progress, setProgress] = useState<RiskTrainProgress | null>(null);
  const [training, setTraining] = useState(false);
  const [outcome, setOutcome] = useState<RiskTrainOutcome | null>(null);
  const [rows, setRows] = useState<ComparisonRow[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const detail = useRiskResult(selected);
  const resultsRef = useRef<HTMLElement>(null);

  const refresh = useCallback(async () => {
    try {
      let s = await worker().riskStatus();
      if (!s.split && s.target && s.datasetRows > 0) {
        // no split yet: make the default one so the user can train right away, and say so
        const split = await worker().riskMakeDefaultSplit();
        setSplitNotice(
          `No train/test split had been made, so the default one was: ${Math.round((1 - split.testFraction) * 100)} % train / ${Math.round(split.testFraction * 100)} % test, ${split.stratified ? 'stratified on the target, ' : ''}seed ${split.seed}. Change it in step 2.`,
        );
        s = await worker().riskStatus();
      }
      setStatus(s);
      setStatusError(null);
      const comparison = await worker().riskComparison();
      setRows(comparison);
      setSelected((cur) => (cur && comparison.some((r) => r.id === cur) ? cur : (comparison.find((r) => r.best)?.id ?? null)));
    } catch (e) {
      setStatusError((e as Error).message);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh, state.dataset]);

  const syntheticOk = status?.synthetic.available ?? false;
  const modes = settings.modes.filter((m) => m === 'real' || syntheticOk);
  const canTrain = !!status && !status.problem && settings.models.length > 0 && modes.length > 0 && !training;

  const train = async () => {
    setTraining(true);
    setOutcome(null);
    setProgress(null);
    try {
      const result = await worker().riskTrain(
        {
          models: settings.models,
          modes,
          derivedFeatures: settings.derivedFeatures && (status?.derivedFeatures.length ?? 0) > 0,
          options: {
            seed: settings.seed,
            classWeight: settings.classWeight === 'balanced' ? 'balanced' : null,
            threshold: settings.autoThreshold ? undefined : settings.threshold,
            augmentRatio: settings.augmentRatio,
            oversampleShare: settings.oversampleShare,
            gbdtRounds: settings.gbdtRounds,
            neuralEpochs: settings.neuralEpochs,
          },
        },
        Comlink.proxy((p: RiskTrainProgress) => setProgress(p)),
      );
      setOutcome(result);
      if (result.added.length > 0) setSelected(result.added[result.added.length - 1]);
    } catch (e) {
      setOutcome({ cancelled: false, added: [], errors: [{ label: 'Training', message: (e as Error).message }] });
    } finally {
      setTraining(false);
      setProgress(null);
      await refresh();
    }
  };

  const downloadCsv = async () => {
    const csv = await worker().riskComparisonCsv();
    saveText(csv, 'risk-model-comparison.csv', 'text/csv;charset=utf-8');
  };

  const clearResults = async () => {
    await worker().riskClearResults();
    setSelected(null);
    await refresh();
  };

  const set = <K extends keyof Settings>(key: K, value: Settings[K]) => setSettings((s) => ({ ...s, [key]: value }));
  const numberInput = (key: 'seed' | 'threshold' | 'augmentRatio' | 'oversampleShare' | 'gbdtRounds' | 'neuralEpochs', min: number, max: number, step: number) => (
    <input
      type="number"
      className="narrow"
      min={min}
      max={max}
      step={step}
      value={settings[key]}
      onChange={(e) => {
        const v = Number(e.target.value);
        if (Number.isFinite(v)) set(key, Math.min(max, Math.max(min, v)));
      }}
    />
  );

  return (
    <section className="risk" aria-labelledby="risk-title">
      <h2 id="risk-title">Risk models and evaluation</h2>
      <p className="muted">
        Predict {status?.target ? <strong>{status.target}</strong> : 'the target'} from real, synthetic or combined training data. Every model is judged on the same{' '}
        <strong>real held-out test split</strong>, never on synthetic rows.
      </p>

      {statusError && (
        <div role="alert" className="error-box">
          {statusError}
        </div>
      )}
      {status?.problem && (
        <div role="alert" className="error-box" data-testid="risk-problem">
          {status.problem}
        </div>
      )}
      {splitNotice && (
        <p className="notice" data-testid="split-notice">
          {splitNotice}
        </p>
      )}
      {status?.resultsCleared && <p className="notice">Earlier results were cleared: the cleaned data or the split changed since they were computed.</p>}

      {status && !status.problem && status.split && (
        <p className="muted" data-testid="risk-split">
          Train {status.split.train.rows.toLocaleString('en-US')} rows ({percent(status.split.train.positiveRate)} positive) · test{' '}
          {status.split.test.rows.toLocaleString('en-US')} rows ({percent(status.split.test.positiveRate)} positive) · {status.features.length} input columns.
        </p>
      )}
      {status && status.wideCategories.length > 0 && (
        <p className="notice" data-testid="wide-categories">
          {status.wideCategories.map((w) => `"${w.name}" (${w.labels.toLocaleString('en-US')} labels)`).join(', ')}{' '}
          {status.wideCategories.length === 1 ? 'has' : 'have'} many labels: logistic regression and the neural network use the{' '}
          {WIDE_CATEGORY_CAP} most frequent and group the rest as "(other)"; the boosted trees use them all. If such a column is really an amount
          or a count, make it continuous in step 1.
        </p>
      )}

      <div className="panel">
        <h3>Train</h3>
        <fieldset className="risk-choices">
          <legend>Models</legend>
          {MODEL_CHOICES.map((m) => (
            <label key={m.id} title={m.hint}>
              <input
                type="checkbox"
                data-testid={`model-${m.id}`}
                checked={settings.models.includes(m.id)}
                disabled={training}
                onChange={(e) => set('models', toggle(settings.models, m.id, e.target.checked))}
              />{' '}
              {m.label} <span className="muted">— {m.hint}</span>
            </label>
          ))}
        </fieldset>
        <fieldset className="risk-choices">
          <legend>Training data</legend>
          {MODE_CHOICES.map((m) => {
            const disabled = training || (m.id !== 'real' && !syntheticOk);
            return (
              <label key={m.id} title={m.hint} className={disabled && m.id !== 'real' ? 'disabled' : undefined}>
                <input
                  type="checkbox"
                  data-testid={`mode-${m.id}`}
                  checked={settings.modes.includes(m.id) && (m.id === 'real' || syntheticOk)}
                  disabled={disabled}
                  onChange={(e) => set('modes', toggle(settings.modes, m.id, e.target.checked))}
                />{' '}
                {m.label} <span className="muted">— {m.hint}</span>
              </label>
            );
          })}
          {!syntheticOk && status && (
            <p className="muted" data-testid="synthetic-reason">
              Synthetic modes are unavailable. {status.synthetic.reason}
            </p>
          )}
          {status?.synthetic.check?.state === 'mismatch' && (
            <div className="form-row" data-testid="risk-provenance-mismatch">
              {status.synthetic.check.canRestore && (
                <button
                  type="button"
                  disabled={training}
                  onClick={() =>
                    void (async () => {
                      try {
                        await worker().validateRestoreTrainedSplit(null);
                        dispatch({ type: 'split-changed', split: await worker().splitSummary() });
                      } catch (e) {
                        setStatusError((e as Error).message);
                      }
                      await refresh();
                    })()
                  }
                >
                  Use the split the synthetic data was trained on
                </button>
              )}
              <button type="button" onClick={() => dispatch({ type: 'go', step: 'train' })}>
                Retrain on the current split
              </button>
            </div>
          )}
          {status?.synthetic.check?.state === 'unknown' && <p className="muted small">{status.synthetic.check.message}</p>}
          {syntheticOk && status && (
            <p className="muted">
              Synthetic table: {status.synthetic.rows.toLocaleString('en-US')} rows{status.synthetic.source ? ` from ${status.synthetic.source}` : ''}.
            </p>
          )}
        </fieldset>
        <div className="form-row">
          <label title="balanced: each class weighs the same in training (n / (2 · class count) per row), which raises the scores of the rare class">
            Class weighting{' '}
            <select value={settings.classWeight} disabled={training} onChange={(e) => set('classWeight', e.target.value as Settings['classWeight'])}>
              <option value="none">none</option>
              <option value="balanced">balanced</option>
            </select>
          </label>
          <label>Seed {numberInput('seed', 0, 2 ** 31 - 1, 1)}</label>
          <label title="Suggested per model: approve while PD ≤ 1 / (1 + cost ratio), the cost ratio being LGD 45 % ÷ margin 5 % = 9, moved for models trained on another positive share than the real target rate">
            <input type="checkbox" data-testid="auto-threshold" checked={settings.autoThreshold} disabled={training} onChange={(e) => set('autoThreshold', e.target.checked)} /> Threshold
            from the target rate and costs
          </label>
          {!settings.autoThreshold && (
            <label title="A row is predicted positive when its score is at least this; used for accuracy, precision, recall, F1 and the confusion matrix">
              Threshold {numberInput('threshold', 0.01, 0.99, 0.01)}
            </label>
          )}
          {settings.modes.includes('augmented') && syntheticOk && <label>Synthetic rows per real row {numberInput('augmentRatio', 0.1, 10, 0.1)}</label>}
          {settings.modes.includes('oversampled') && syntheticOk && <label>Positive share after oversampling {numberInput('oversampleShare', 0.05, 0.95, 0.05)}</label>}
        </div>
        <details>
          <summary>More settings</summary>
          <div className="form-row">
            <label>GBDT rounds at most {numberInput('gbdtRounds', 10, 1000, 10)}</label>
            <label>Neural network epochs at most {numberInput('neuralEpochs', 1, 500, 1)}</label>
          </div>
          {status && status.derivedFeatures.length > 0 && (
            <label className="form-row">
              <input type="checkbox" checked={settings.derivedFeatures} onChange={(e) => set('derivedFeatures', e.target.checked)} /> Add derived features:{' '}
              {status.derivedFeatures
                .map(describeDerivedStep)
                .join('; ')}
            </label>
          )}
        </details>
        <div className="form-row">
          <button type="button" data-testid="train-risk" disabled={!canTrain} onClick={() => void train()}>
            Train {settings.models.length * modes.length} model{settings.models.length * modes.length === 1 ? '' : 's'}
          </button>
          {rows.length > 0 && !training && (
            <button type="button" onClick={() => void clearResults()}>
              Clear results
            </button>
          )}
        </div>
        {training && (
          <div className="progress" role="group" aria-label="Training risk models" data-testid="risk-progress">
            <div className="progress-label">
              {progress ? `${progress.label} (${progress.run} of ${progress.runs}): ${progress.detail}` : 'Starting…'}
            </div>
            <progress max={1} value={progress?.fraction ?? 0} aria-label="Training progress" />
            <button type="button" onClick={() => void worker().riskCancel()}>
              Cancel
            </button>
            <span className="muted">Cancel stops the training within about a second; finished models are kept.</span>
          </div>
        )}
        {outcome?.cancelled && <p className="notice">Training was cancelled; finished models are kept.</p>}
        {outcome && outcome.errors.length > 0 && (
          <div role="alert" className="error-box" data-testid="risk-errors">
            {outcome.errors.map((e, i) => (
              <p key={i}>
                <strong>{e.label}:</strong> {e.message}
              </p>
            ))}
          </div>
        )}
      </div>

      <section className="panel" ref={resultsRef} aria-labelledby="risk-results-title">
        <h3 id="risk-results-title">Compare</h3>
        {rows.length === 0 ? (
          <p className="muted">No results yet: choose models and training data above, then train.</p>
        ) : (
          <>
            <p className="muted">
              Step 7 (Evaluate) gathers these held-out figures on a page of their own, with what can and cannot be trusted in them.
            </p>
            <ComparisonTable rows={rows} selected={selected} onSelect={setSelected} />
            <div className="form-row">
              <button type="button" data-testid="download-csv" onClick={() => void downloadCsv()}>
                Download comparison (CSV)
              </button>
              <span className="muted">Threshold metrics use each run's threshold. Intervals: 95 % stratified bootstrap of the test split.</span>
            </div>
          </>
        )}
      </section>

      {detail && <ResultDetails result={detail} positiveLabel={status?.positiveLabel ?? '1'} />}
    </section>
  );
}
