import { useCallback, useEffect, useState } from 'react';
import { worker } from '../worker-client';
import { useProject } from '../state/project';
import { ComparisonTable } from '../components/risk/ComparisonTable';
import { ResultDetails } from '../components/risk/ResultDetails';
import type { RiskStatus } from '../../worker/risk-api';
import type { ComparisonRow } from '../../core/risk/workbench/comparison';
import { useRiskResult } from '../components/risk/use-risk-result';

function percent(v: number | null): string {
  return v === null ? '–' : `${(100 * v).toFixed(1)} %`;
}

/**
 * Step 7: the trained risk models judged on the real held-out test split, with nothing to train
 * here (that is step 6): what the test split is, which models can be trusted (a model that learned
 * nothing, a test set too small), how synthetic-trained models compare with real-trained ones, and
 * every figure and chart of the chosen model.
 */
export function EvaluateScreen() {
  const { state, dispatch } = useProject();
  const [status, setStatus] = useState<RiskStatus | null>(null);
  const [rows, setRows] = useState<ComparisonRow[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const detail = useRiskResult(selected);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setStatus(await worker().riskStatus());
      const comparison = await worker().riskComparison();
      setRows(comparison);
      setSelected((cur) => (cur && comparison.some((r) => r.id === cur) ? cur : (comparison.find((r) => r.best)?.id ?? comparison[0]?.id ?? null)));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh, state.dataset]);

  const nothing = rows.filter((r) => r.learnedNothing);
  const small = rows.some((r) => r.smallTest);
  const synthetic = rows.filter((r) => r.mode !== 'real' && r.aucVsReal !== null && !r.learnedNothing);

  return (
    <section className="risk evaluate" aria-labelledby="evaluate-title" data-testid="evaluate-screen">
      <h2 id="evaluate-title">Evaluate on the held-out test split</h2>
      <p className="muted">
        Every figure here is computed on the <strong>real test rows</strong> that no model and no generator saw. Models are trained in step 6.
      </p>
      {error && (
        <div role="alert" className="error-box">
          {error}
        </div>
      )}
      {status?.split && (
        <p className="muted" data-testid="evaluate-split">
          Test split: {status.split.test.rows.toLocaleString('en-US')} rows, {percent(status.split.test.positiveRate)} with {status.target ?? 'the target'} ={' '}
          {status.positiveLabel ?? '1'} (seed {status.split.seed}).
        </p>
      )}
      {rows.length === 0 ? (
        <div className="panel">
          <p>No risk models yet, so there is nothing to evaluate.</p>
          <button type="button" onClick={() => dispatch({ type: 'go', step: 'risk' })}>
            Go to step 6: Risk models
          </button>
        </div>
      ) : (
        <>
          <section className="panel" aria-labelledby="evaluate-trust-title">
            <h3 id="evaluate-trust-title">Can the figures be trusted?</h3>
            <ul data-testid="evaluate-findings">
              {nothing.length > 0 ? (
                <li className="worse">
                  {nothing.map((r) => `${r.modelLabel} · ${r.modeLabel}`).join('; ')}: learned nothing (the same score for every test row); its AUC of 0.5 is no score.
                </li>
              ) : (
                <li>Every model ranks the test rows (none gives all of them the same score).</li>
              )}
              {small ? (
                <li className="worse">The test split has fewer than 10 rows of a class: AUCs and their intervals are too uncertain to rely on.</li>
              ) : (
                <li>The test split has at least 10 rows of each class.</li>
              )}
              {synthetic.map((r) => (
                <li key={r.id}>
                  {r.modelLabel} · {r.modeLabel}: ROC AUC {r.rocAuc.toFixed(3)}, {r.aucVsReal! >= 0 ? '+' : ''}
                  {r.aucVsReal!.toFixed(3)} against the same model trained on real rows.
                </li>
              ))}
            </ul>
          </section>
          <section className="panel" aria-labelledby="evaluate-compare-title">
            <h3 id="evaluate-compare-title">All models on the test split</h3>
            <ComparisonTable rows={rows} selected={selected} onSelect={setSelected} />
          </section>
          {detail && <ResultDetails result={detail} positiveLabel={status?.positiveLabel ?? '1'} />}
        </>
      )}
    </section>
  );
}
