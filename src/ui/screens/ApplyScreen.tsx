import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { worker } from '../worker-client';
import { useProject } from '../state/project';
import type { ApplyModelDetails, ApplyModelInfo, ApplyScope, BatchSummary } from '../../worker/apply-api';
import { ScreeningPanel } from '../components/apply/ScreeningPanel';
import { BatchPanel } from '../components/apply/BatchPanel';
import { CutoffPanel } from '../components/apply/CutoffPanel';
import { PortfolioPanel } from '../components/apply/PortfolioPanel';
import { MonitoringPanel } from '../components/apply/MonitoringPanel';
import { FraudPanel } from '../components/apply/FraudPanel';
import { ModelFilePanel } from '../components/apply/ModelFilePanel';
import { errorText, pct } from '../components/apply/format';

const TABS = [
  { id: 'screening', label: 'Screening' },
  { id: 'batch', label: 'Batch scoring' },
  { id: 'cutoff', label: 'Cut-off' },
  { id: 'portfolio', label: 'Portfolio' },
  { id: 'monitoring', label: 'Monitoring' },
  { id: 'fraud', label: 'Fraud alerts' },
  { id: 'file', label: 'Model file' },
] as const;

type TabId = (typeof TABS)[number]['id'];

/** Step 8: put a trained (or imported) model to work. */
export function ApplyScreen() {
  const { state } = useProject();
  const [models, setModels] = useState<ApplyModelInfo[]>([]);
  const [modelId, setModelId] = useState<string | null>(null);
  const [details, setDetails] = useState<ApplyModelDetails | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tab, setTab] = useState<TabId>('screening');
  const [scope, setScope] = useState<ApplyScope | null>(null);
  const [batches, setBatches] = useState<Record<string, BatchSummary>>({});
  const [version, setVersion] = useState(0);
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  const refreshModels = useCallback(async (prefer?: string) => {
    try {
      const list = await worker().applyModels();
      setModels(list);
      setModelId((cur) => (prefer && list.some((m) => m.id === prefer) ? prefer : cur && list.some((m) => m.id === cur) ? cur : (list[0]?.id ?? null)));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, []);

  useEffect(() => {
    void refreshModels();
  }, [refreshModels, state.dataset]);

  const loadDetails = useCallback(async () => {
    if (!modelId) {
      setDetails(null);
      return;
    }
    try {
      const d = await worker().applyModelDetails(modelId);
      setDetails(d);
      setScope((cur) => (cur && d.scopes.some((s) => s.id === cur) ? cur : (d.scopes[0]?.id ?? null)));
      setError(null);
    } catch (e) {
      setDetails(null);
      setError(errorText(e));
    }
  }, [modelId]);

  useEffect(() => {
    void loadDetails();
  }, [loadDetails]);

  const changed = () => {
    setVersion((v) => v + 1);
    void loadDetails();
  };

  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    let next = index;
    if (e.key === 'ArrowRight') next = (index + 1) % TABS.length;
    else if (e.key === 'ArrowLeft') next = (index - 1 + TABS.length) % TABS.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = TABS.length - 1;
    else return;
    e.preventDefault();
    setTab(TABS[next].id);
    tabRefs.current[next]?.focus();
  };

  const panel = (id: TabId) => {
    if (id === 'file') return <ModelFilePanel details={details} onImported={(m) => void refreshModels(m.id)} />;
    if (!details) return <p className="muted">Choose a model first.</p>;
    switch (id) {
      case 'screening':
        return <ScreeningPanel key={details.id} details={details} />;
      case 'batch':
        return (
          <BatchPanel
            key={details.id}
            details={details}
            summary={batches[details.id] ?? null}
            onScored={(s) => {
              setBatches((b) => ({ ...b, [details.id]: s }));
              setScope('batch');
              changed();
            }}
          />
        );
      case 'cutoff':
        return <CutoffPanel key={details.id} details={details} scope={scope} onChanged={changed} />;
      case 'portfolio':
        return <PortfolioPanel key={details.id} details={details} scope={scope} />;
      case 'monitoring':
        return <MonitoringPanel key={details.id} details={details} scope={scope} version={version} />;
      case 'fraud':
        return <FraudPanel key={details.id} details={details} scope={scope} version={version} />;
    }
  };

  return (
    <section className="apply" aria-labelledby="apply-title">
      <h2 id="apply-title">Apply the models</h2>
      <p className="muted">Score applicants and portfolios with a trained or imported model: decisions, reasons, cut-offs, expected loss, stability and alerts. Everything runs in this tab.</p>
      {error && (
        <div role="alert" className="error-box">
          {error}
        </div>
      )}
      <div className="panel apply-toolbar">
        <label>
          Model{' '}
          <select data-testid="apply-model" value={modelId ?? ''} onChange={(e) => setModelId(e.target.value || null)} disabled={models.length === 0}>
            {models.length === 0 && <option value="">(no model yet)</option>}
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
                {m.rocAuc !== null ? ` — AUC ${m.rocAuc.toFixed(3)}` : ''}
              </option>
            ))}
          </select>
        </label>
        {details && (
          <label>
            Rows to analyse{' '}
            <select data-testid="apply-scope" value={scope ?? ''} onChange={(e) => setScope((e.target.value || null) as ApplyScope | null)} disabled={details.scopes.length === 0}>
              {details.scopes.length === 0 && <option value="">(score a batch file first)</option>}
              {details.scopes.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.label} ({s.rows.toLocaleString('en-US')} rows{s.labelled ? ', with outcomes' : ''})
                </option>
              ))}
            </select>
          </label>
        )}
        {details && (
          <span className="muted">
            Cut-off {pct(details.cutoff.pd, 2)} · predicts {details.target ?? 'the target'} = {details.positiveLabel ?? '1'}
          </span>
        )}
      </div>
      {models.length === 0 && !error && <p className="notice">No model yet: train one in step 6 (Risk models), or import a model file below.</p>}
      <div role="tablist" aria-label="Apply the model" className="apply-tabs">
        {TABS.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              tabRefs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`apply-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`apply-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className={tab === t.id ? 'apply-tab active' : 'apply-tab'}
            onClick={() => setTab(t.id)}
            onKeyDown={(e) => onTabKey(e, i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      {TABS.map((t) => (
        <div key={t.id} role="tabpanel" id={`apply-panel-${t.id}`} aria-labelledby={`apply-tab-${t.id}`} hidden={tab !== t.id} className="panel apply-panel" tabIndex={0}>
          {(tab === t.id || t.id === 'batch') && panel(t.id)}
        </div>
      ))}
    </section>
  );
}
