import { useState } from 'react';
import { worker } from '../../worker-client';
import { VegaChart } from '../VegaChart';
import type { ApplyModelDetails, ApplyScope } from '../../../worker/apply-api';
import type { CutoffChoice, CutoffStrategy, ScorecardScaling } from '../../../core/risk/apply';
import { DEFAULT_COST_RATIO, DEFAULT_LGD, DEFAULT_MARGIN_RATE } from '../../../core/risk/apply/cutoff-suggestion';
import { cutoffCurvesSpec } from './specs';
import { errorText, num, pct } from './format';

type Kind = CutoffStrategy['kind'];

/** Cut-off strategy: approval rate, max bad rate, max profit or manual; the chosen one is used everywhere. */
export function CutoffPanel({ details, scope, onChanged }: { details: ApplyModelDetails; scope: ApplyScope | null; onChanged: () => void }) {
  const [kind, setKind] = useState<Kind>('approval-rate');
  const [approval, setApproval] = useState(80);
  const [badRate, setBadRate] = useState(10);
  const [lgd, setLgd] = useState(Math.round(DEFAULT_LGD * 100));
  const [exposure, setExposure] = useState(10000);
  const [margin, setMargin] = useState(Math.round(DEFAULT_MARGIN_RATE * 100));
  const [manual, setManual] = useState(Math.round(details.cutoff.pd * 1000) / 10);
  const [eadColumn, setEadColumn] = useState<string>('');
  const [choice, setChoice] = useState<CutoffChoice | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [scaling, setScaling] = useState<ScorecardScaling>(details.scaling);

  const strategy = (): CutoffStrategy => {
    switch (kind) {
      case 'approval-rate':
        return { kind, approvalRate: approval / 100 };
      case 'max-bad-rate':
        return { kind, maxBadRate: badRate / 100 };
      case 'max-profit':
        return { kind, lgd: lgd / 100, exposure, marginRate: margin / 100 };
      case 'manual':
        return { kind, pd: manual / 100 };
    }
  };

  const run = async () => {
    setError(null);
    try {
      const c = await worker().applyCutoff(details.id, strategy(), scope, eadColumn || null, true, { lgd: lgd / 100, exposure, marginRate: margin / 100 });
      setChoice(c);
      onChanged();
    } catch (e) {
      setError(errorText(e));
    }
  };

  const saveScaling = async () => {
    setError(null);
    try {
      await worker().applyScaling(details.id, scaling);
      onChanged();
    } catch (e) {
      setError(errorText(e));
    }
  };

  const numeric = (label: string, value: number, set: (v: number) => void, min: number, max: number, step: number, testId?: string) => (
    <label>
      {label}{' '}
      <input type="number" className="narrow" value={value} min={min} max={max} step={step} data-testid={testId} onChange={(e) => Number.isFinite(Number(e.target.value)) && set(Number(e.target.value))} />
    </label>
  );

  const eadChoices = details.form.filter((f) => f.role === 'continuous').map((f) => f.name);

  return (
    <div>
      <p className="muted">
        Applicants with PD ≤ cut-off are approved. The current cut-off, <strong data-testid="current-cutoff">{pct(details.cutoff.pd, 2)}</strong>, is used for screening, batch decisions and the model file.
        Rates use the observed outcomes when the rows have them, else the expected ones (the PDs). A model trained in step 6 starts from the cut-off suggested there
        from the target rate and the cost ratio (approve while PD ≤ 1 / (1 + LGD ÷ margin): {pct(1 / (1 + DEFAULT_COST_RATIO), 1)} with LGD{' '}
        {pct(DEFAULT_LGD, 0)} and margin {pct(DEFAULT_MARGIN_RATE, 0)}, moved for a model trained on another positive share), not from a flat 50 %.
      </p>
      <fieldset className="risk-choices">
        <legend>Strategy</legend>
        {(
          [
            ['approval-rate', 'Target approval rate (the cut-off is that quantile of the scores)'],
            ['max-bad-rate', 'Maximum bad rate among the approved'],
            ['max-profit', 'Maximum expected profit (a missed default costs LGD × exposure; a rejected good costs its lost margin)'],
            ['manual', 'Manual cut-off'],
          ] as [Kind, string][]
        ).map(([k, text]) => (
          <label key={k}>
            <input type="radio" name="cutoff-kind" value={k} checked={kind === k} onChange={() => setKind(k)} /> {text}
          </label>
        ))}
      </fieldset>
      <div className="form-row">
        {kind === 'approval-rate' && numeric('Approval rate %', approval, setApproval, 0, 100, 1, 'approval-rate')}
        {kind === 'max-bad-rate' && numeric('Max bad rate %', badRate, setBadRate, 0, 100, 0.5)}
        {kind === 'manual' && numeric('Cut-off PD %', manual, setManual, 0, 100, 0.1)}
      </div>
      <div className="form-row">
        <span className="muted">Costs{kind === 'max-profit' ? '' : ' (for the profit curve)'}:</span>
        <>
            {numeric('LGD %', lgd, setLgd, 0, 100, 1)}
            {numeric('Margin % of exposure', margin, setMargin, 0, 100, 0.5)}
            <label>
              Exposure{' '}
              <select value={eadColumn} onChange={(e) => setEadColumn(e.target.value)}>
                <option value="">fixed amount</option>
                {eadChoices.map((c) => (
                  <option key={c} value={c}>
                    column {c}
                  </option>
                ))}
              </select>
            </label>
            {!eadColumn && numeric('Amount', exposure, setExposure, 0, 1e12, 100)}
        </>
        <button type="button" data-testid="apply-cutoff" onClick={() => void run()}>
          Use this strategy
        </button>
      </div>
      {error && (
        <div role="alert" className="error-box">
          {error}
        </div>
      )}
      {choice && choice.curve.length > 0 && (
        <div data-testid="cutoff-result">
          <p>
            Cut-off <strong>{pct(choice.cutoff, 2)}</strong>: approves {num(choice.at.approved)} ({pct(choice.at.approvalRate)}), bad rate among the approved{' '}
            {pct(choice.at.badRate, 2)} ({choice.outcomes}), profit {num(choice.at.profit)}.
          </p>
          <VegaChart spec={cutoffCurvesSpec(choice.curve, choice.cutoff)} label="Approval rate, bad rate and profit against the cut-off" testId="cutoff-chart" />
        </div>
      )}
      <details className="apply-scaling">
        <summary>Scorecard scaling</summary>
        <p className="muted">score = offset + factor · ln(odds good:bad), factor = PDO / ln 2, offset = base points − factor · ln(base odds).</p>
        <div className="form-row">
          {numeric('Base points', scaling.basePoints, (v) => setScaling((s) => ({ ...s, basePoints: v })), -1e6, 1e6, 1)}
          {numeric('at odds (good:bad) of', scaling.baseOdds, (v) => setScaling((s) => ({ ...s, baseOdds: v })), 0.001, 1e6, 1)}
          {numeric('Points to double the odds', scaling.pdo, (v) => setScaling((s) => ({ ...s, pdo: v })), 0.1, 1000, 1)}
          <button type="button" onClick={() => void saveScaling()}>
            Update scaling
          </button>
        </div>
      </details>
    </div>
  );
}
