import { useState } from 'react';
import { worker } from '../../worker-client';
import { VegaChart } from '../VegaChart';
import type { ApplyModelDetails, ScreeningResult } from '../../../worker/apply-api';
import type { FormField } from '../../../core/risk/apply';
import { reasonsSpec } from './specs';
import { errorText, num, pct } from './format';
import { formatClockTime as clockText, parseClockTime } from '../../../core/data/infer/clock-time';

/** One applicant: a form generated from the training schema; PD, decision, points and reasons. */
export function ScreeningPanel({ details }: { details: ApplyModelDetails }) {
  const typicalValues = (): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const f of details.form) {
      if (f.typical === undefined) continue;
      out[f.name] = f.role === 'datetime' ? new Date(Number(f.typical)).toISOString().slice(0, f.hasTime ? 16 : 10) : f.timeOfDay ? clockText(Number(f.typical)) : String(f.typical);
    }
    return out;
  };
  const [values, setValues] = useState<Record<string, string>>(typicalValues);
  const [result, setResult] = useState<ScreeningResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const typed = (f: FormField, v: string): unknown => {
    if (v === '') return null;
    if (f.role === 'continuous') return f.timeOfDay ? parseClockTime(v) : Number(v);
    // a date-only field means midnight UTC (the typed convention); a datetime field keeps its hour
    if (f.role === 'datetime') return f.hasTime ? Date.parse(`${v.length === 16 ? `${v}:00` : v}Z`) : Date.parse(`${v}T00:00:00Z`);
    return v;
  };

  const score = async () => {
    setBusy(true);
    setError(null);
    try {
      const record: Record<string, unknown> = {};
      for (const f of details.form) record[f.name] = typed(f, values[f.name] ?? '');
      setResult(await worker().applyScreen(details.id, record));
    } catch (e) {
      setError(errorText(e));
      setResult(null);
    } finally {
      setBusy(false);
    }
  };

  const field = (f: FormField) => {
    const id = `screen-${f.name}`;
    const v = values[f.name] ?? '';
    const set = (next: string) => setValues((s) => ({ ...s, [f.name]: next }));
    let input;
    if (f.role === 'categorical') {
      input = (
        <select id={id} value={v} onChange={(e) => set(e.target.value)} data-testid={`field-${f.name}`}>
          <option value="">(not given)</option>
          {(f.categories ?? []).map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      );
    } else if (f.role === 'datetime') {
      input = <input id={id} type={f.hasTime ? 'datetime-local' : 'date'} value={v} onChange={(e) => set(e.target.value)} data-testid={`field-${f.name}`} />;
    } else if (f.timeOfDay) {
      input = <input id={id} type="time" value={v} onChange={(e) => set(e.target.value)} data-testid={`field-${f.name}`} />;
    } else {
      input = (
        <input
          id={id}
          type="number"
          value={v}
          min={f.min}
          max={f.max}
          step={f.integer ? 1 : 'any'}
          placeholder={f.min !== undefined && f.max !== undefined ? `${num(f.min, f.integer ? 0 : 2)} – ${num(f.max, f.integer ? 0 : 2)}` : ''}
          onChange={(e) => set(e.target.value)}
          data-testid={`field-${f.name}`}
        />
      );
    }
    const outside = f.role === 'continuous' && v !== '' && ((f.min !== undefined && Number(v) < f.min) || (f.max !== undefined && Number(v) > f.max));
    return (
      <div key={f.name} className="apply-field">
        <label htmlFor={id}>{f.name}</label>
        {input}
        {outside && <span className="apply-hint">outside the training range</span>}
      </div>
    );
  };

  const shown = result ? result.reasons.filter((r) => r.contribution !== 0).slice(0, 12) : [];

  return (
    <div>
      <p className="muted">
        Describe an applicant. The form starts from a typical training applicant (medians, most frequent labels); fields left empty count as missing. Values go
        through the same cleaning recipe and encoder as the training rows; training ranges are checked.
      </p>
      {/* values outside the training range are allowed (a hint says so): no browser validation blocks the submit */}
      <form
        className="apply-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void score();
        }}
      >
        <div className="apply-fields">{details.form.map(field)}</div>
        <div className="form-row">
          <button type="submit" data-testid="screen-score" disabled={busy}>
            {busy ? 'Scoring…' : 'Score applicant'}
          </button>
          <button type="button" onClick={() => setValues(typicalValues())}>
            Typical applicant
          </button>
          <button type="button" onClick={() => setValues({})}>
            Clear form
          </button>
        </div>
      </form>
      {error && (
        <div role="alert" className="error-box">
          {error}
        </div>
      )}
      {result && (
        <div className="apply-result" data-testid="screen-result" aria-live="polite">
          <div className="metric-cards">
            <div className="apply-metric">
              <span className="muted">{details.target && details.positiveLabel !== null ? `Probability of ${details.target} = “${details.positiveLabel}”` : 'Probability of the event'}</span>
              <strong data-testid="screen-pd">{pct(result.pd, 2)}</strong>
            </div>
            <div className="apply-metric">
              <span className="muted">Decision (cut-off {pct(result.cutoff, 1)})</span>
              <strong data-testid="screen-decision" className={result.decision === 'approve' ? 'decision-approve' : 'decision-decline'}>
                {result.decision === 'approve' ? 'Approve' : 'Decline'}
              </strong>
            </div>
            <div className="apply-metric">
              <span className="muted">Score</span>
              <strong data-testid="screen-points">{num(result.points)} points</strong>
            </div>
          </div>
          <h4>Reasons</h4>
          <p className="muted">
            {result.method === 'exact'
              ? 'Exact contributions of each input to the log-odds, against the average training applicant.'
              : result.method === 'saabas'
                ? 'Saabas path contributions of each input (tree attributions; they add up to the score).'
                : 'Occlusion: the change when an input is set to its training average (approximate).'}
          </p>
          {shown.length > 0 && <VegaChart spec={reasonsSpec(shown)} label="Reasons: effect of each input on the risk" testId="reasons-chart" />}
          <table className="data-table apply-table" data-testid="reasons-table">
            <thead>
              <tr>
                <th scope="col">Input</th>
                <th scope="col">Value</th>
                <th scope="col">Effect</th>
                <th scope="col">Log-odds</th>
                {result.additive && <th scope="col">Points</th>}
              </tr>
            </thead>
            <tbody>
              {result.reasons.slice(0, 5).map((r) => (
                <tr key={r.feature}>
                  <td>{r.feature}</td>
                  <td>{r.value ?? '(missing)'}</td>
                  <td className={r.contribution > 0 ? 'decision-decline' : 'decision-approve'}>{r.direction}</td>
                  <td>{r.contribution.toFixed(3)}</td>
                  {result.additive && <td>{r.points === null ? '–' : num(r.points, 1)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
          {result.additive && result.basePoints !== null && <p className="muted">Base points {num(result.basePoints, 1)} + the points of every input = {num(result.points, 1)}.</p>}
          {result.notes.map((n, i) => (
            <p key={i} className="notice">
              {n}
            </p>
          ))}
        </div>
      )}
    </div>
  );
}
