import { useState } from 'react';
import { worker, Comlink } from '../../worker-client';
import { VegaChart } from '../VegaChart';
import type { ApplyModelDetails, ApplyScope, GanStressView, PortfolioView } from '../../../worker/apply-api';
import type { StressShift } from '../../../core/risk/apply';
import { pdHistogramSpec, segmentSpec } from './specs';
import { errorText, num, pct } from './format';

/** Expected loss Σ PD × LGD × EAD, by segment, with a stress what-if (a shifted input, or GAN rows). */
export function PortfolioPanel({ details, scope }: { details: ApplyModelDetails; scope: ApplyScope | null }) {
  const continuous = details.form.filter((f) => f.role === 'continuous').map((f) => f.name);
  const [eadColumn, setEadColumn] = useState<string>(continuous.find((c) => /LIMIT|AMT|amount|ead|exposure/i.test(c)) ?? '');
  const [eadFixed, setEadFixed] = useState(10000);
  const [lgd, setLgd] = useState(45);
  const [segment, setSegment] = useState<string>('');
  const [stressColumn, setStressColumn] = useState<string>('');
  const [stressKind, setStressKind] = useState<StressShift['kind']>('add');
  const [stressValue, setStressValue] = useState('1');
  const [view, setView] = useState<PortfolioView | null>(null);
  const [gan, setGan] = useState<GanStressView | null>(null);
  const [ganColumn, setGanColumn] = useState('');
  const [ganLabel, setGanLabel] = useState('');
  const [ganRows, setGanRows] = useState(2000);
  const [ganProgress, setGanProgress] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const stressInput = details.inputs.find((i) => i.name === stressColumn);

  const compute = async () => {
    setError(null);
    try {
      if (!scope) throw new Error('Score a batch file first (or use a model trained in this session, with its test split).');
      const shift: StressShift | null = !stressColumn
        ? null
        : stressKind === 'set'
          ? { kind: 'set', value: stressInput?.categories ? stressValue : Number(stressValue) }
          : stressKind === 'add'
            ? { kind: 'add', delta: Number(stressValue) }
            : { kind: 'multiply', factor: Number(stressValue) };
      if (shift && shift.kind !== 'set' && !Number.isFinite(shift.kind === 'add' ? shift.delta : shift.factor)) throw new Error('The stress shift must be a number.');
      setView(
        await worker().applyPortfolio(details.id, {
          scope,
          eadColumn: eadColumn || null,
          eadFixed,
          lgd: lgd / 100,
          segmentColumn: segment || null,
          stress: shift && stressColumn ? { column: stressColumn, shift } : null,
        }),
      );
    } catch (e) {
      setError(errorText(e));
    }
  };

  const runGan = async () => {
    setError(null);
    setGan(null);
    try {
      if (!scope) throw new Error('Score a batch file first (or use the test split).');
      if (!ganColumn || !ganLabel) throw new Error('Choose a column and the label to fix for everyone.');
      setGanProgress('Generating…');
      setGan(
        await worker().applyGanStress(
          details.id,
          { fixed: { [ganColumn]: ganLabel }, rows: ganRows, eadColumn: eadColumn || null, eadFixed, lgd: lgd / 100, scope },
          Comlink.proxy((done: number, total: number) => setGanProgress(`Generated ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} rows`)),
        ),
      );
    } catch (e) {
      setError(errorText(e));
    } finally {
      setGanProgress(null);
    }
  };

  const ganCol = details.gan?.columns.find((c) => c.name === ganColumn);

  return (
    <div>
      <p className="muted">Expected loss EL = Σ PD × LGD × EAD over the rows. EAD comes from a column (e.g. the credit limit) or a fixed amount per row.</p>
      <div className="form-row">
        <label>
          EAD{' '}
          <select value={eadColumn} onChange={(e) => setEadColumn(e.target.value)} data-testid="ead-column">
            <option value="">fixed amount</option>
            {continuous.map((c) => (
              <option key={c} value={c}>
                column {c}
              </option>
            ))}
          </select>
        </label>
        {!eadColumn && (
          <label>
            Amount <input type="number" className="narrow" value={eadFixed} min={0} onChange={(e) => setEadFixed(Number(e.target.value))} />
          </label>
        )}
        <label>
          LGD % <input type="number" className="narrow" value={lgd} min={0} max={100} onChange={(e) => setLgd(Number(e.target.value))} data-testid="lgd" />
        </label>
        <label>
          Segment by{' '}
          <select value={segment} onChange={(e) => setSegment(e.target.value)} data-testid="segment-column">
            <option value="">(no segments)</option>
            {details.form.filter((f) => f.role !== 'datetime').map((f) => (
              <option key={f.name} value={f.name}>
                {f.name}
                {f.role === 'continuous' ? ' (5 bins)' : ''}
              </option>
            ))}
          </select>
        </label>
      </div>
      <fieldset className="apply-stress">
        <legend>Stress what-if: shift one input for everyone</legend>
        <div className="form-row">
          <label>
            Input{' '}
            <select value={stressColumn} onChange={(e) => setStressColumn(e.target.value)} data-testid="stress-column">
              <option value="">(no stress)</option>
              {details.inputs.map((i) => (
                <option key={i.name} value={i.name}>
                  {i.name}
                </option>
              ))}
            </select>
          </label>
          {stressColumn && (
            <>
              <label>
                Shift{' '}
                <select value={stressKind} onChange={(e) => setStressKind(e.target.value as StressShift['kind'])}>
                  <option value="add">add</option>
                  {!stressInput?.categories && <option value="multiply">multiply by</option>}
                  <option value="set">set to</option>
                </select>
              </label>
              {stressKind === 'set' && stressInput?.categories ? (
                <select value={stressValue} onChange={(e) => setStressValue(e.target.value)} aria-label="Stress value">
                  {stressInput.categories.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              ) : (
                <input className="narrow" value={stressValue} onChange={(e) => setStressValue(e.target.value)} aria-label="Stress value" />
              )}
              {stressInput?.categories && stressKind === 'add' && <span className="muted">codes stay within the observed ones ({stressInput.categories.join(', ')})</span>}
            </>
          )}
        </div>
      </fieldset>
      <button type="button" data-testid="portfolio-compute" onClick={() => void compute()}>
        Compute expected loss
      </button>
      {error && (
        <div role="alert" className="error-box">
          {error}
        </div>
      )}
      {view && (
        <div data-testid="portfolio-result">
          <table className="data-table apply-table">
            <thead>
              <tr>
                <th scope="col"></th>
                <th scope="col">Rows</th>
                <th scope="col">Mean PD</th>
                <th scope="col">EAD</th>
                <th scope="col">Expected loss</th>
                <th scope="col">Loss rate</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Portfolio</th>
                <td>{num(view.base.count)}</td>
                <td>{pct(view.base.meanPd, 2)}</td>
                <td>{num(view.base.ead)}</td>
                <td data-testid="portfolio-el">{num(view.base.el)}</td>
                <td>{pct(view.base.lossRate, 2)}</td>
              </tr>
              {view.stressed && (
                <tr>
                  <th scope="row">Stressed: {view.stressed.description}</th>
                  <td>{num(view.stressed.loss.count)}</td>
                  <td>{pct(view.stressed.loss.meanPd, 2)}</td>
                  <td>{num(view.stressed.loss.ead)}</td>
                  <td data-testid="stressed-el">
                    {num(view.stressed.loss.el)} ({view.stressed.loss.el >= view.base.el ? '+' : ''}
                    {pct(view.base.el > 0 ? view.stressed.loss.el / view.base.el - 1 : 0)})
                  </td>
                  <td>{pct(view.stressed.loss.lossRate, 2)}</td>
                </tr>
              )}
            </tbody>
          </table>
          <div className="chart-grid">
            <figure className="chart-card">
              <figcaption>PD distribution</figcaption>
              <VegaChart spec={pdHistogramSpec(view.histogram, details.cutoff.pd, view.stressed?.histogram)} label="Distribution of the probabilities of default" testId="portfolio-pd-chart" />
            </figure>
            {view.base.segments.length > 0 && (
              <figure className="chart-card">
                <figcaption>Expected loss by {segment}</figcaption>
                <VegaChart spec={segmentSpec(view.base.segments, view.stressed?.loss.segments)} label={`Expected loss by ${segment}`} testId="segment-chart" />
              </figure>
            )}
          </div>
        </div>
      )}
      <fieldset className="apply-stress">
        <legend>Stressed portfolio generated by the GAN</legend>
        {!details.gan ? (
          <p className="muted">Train the GAN (step 3) to generate a stressed portfolio conditionally, e.g. PAY_0 = 2 for everyone.</p>
        ) : (
          <div className="form-row">
            <label>
              Fix{' '}
              <select
                value={ganColumn}
                onChange={(e) => {
                  setGanColumn(e.target.value);
                  setGanLabel('');
                }}
              >
                <option value="">(choose a column)</option>
                {details.gan.columns.map((c) => (
                  <option key={c.name} value={c.name}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            {ganCol && (
              <label>
                ={' '}
                <select value={ganLabel} onChange={(e) => setGanLabel(e.target.value)}>
                  <option value="">(label)</option>
                  {ganCol.labels.map((l) => (
                    <option key={l} value={l}>
                      {l}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label>
              Rows <input type="number" className="narrow" min={100} max={100000} value={ganRows} onChange={(e) => setGanRows(Number(e.target.value))} />
            </label>
            <button type="button" onClick={() => void runGan()} disabled={ganProgress !== null}>
              Generate and compare
            </button>
            {ganProgress && <span className="muted">{ganProgress}</span>}
          </div>
        )}
        {gan && (
          <p data-testid="gan-stress-result">
            {gan.description}: mean PD {pct(gan.stressed.meanPd, 2)} vs {pct(gan.base.meanPd, 2)}; EL per row {num(gan.stressed.el / gan.stressed.count)} vs{' '}
            {num(gan.base.el / gan.base.count)} ({pct(gan.base.el > 0 ? gan.stressed.el / gan.stressed.count / (gan.base.el / gan.base.count) - 1 : 0)}).
            {gan.forced > 0 && ` ${gan.forced} rows had the label set by hand (the GAN rarely produced it).`}
          </p>
        )}
      </fieldset>
    </div>
  );
}
