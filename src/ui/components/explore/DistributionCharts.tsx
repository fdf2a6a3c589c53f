import { useId, useState } from 'react';
import { worker } from '../../worker-client';
import { VegaChart } from '../VegaChart';
import type { DatasetSchema } from '../../../core/data/schema';
import { isModelledRole } from '../../../core/data/schema';
import { useWorkerQuery } from './useWorkerQuery';
import { Busy, ErrorBox } from './Busy';
import { histogramSpec, targetBalanceSpec } from './specs';
import { fmtInt, fmtPct } from './format';

/** The target's class balance and one chosen column's distribution with the positive rate per bin. */
export function DistributionCharts({ schema, version }: { schema: DatasetSchema; version: number }) {
  const uid = useId();
  const target = schema.target && schema.columns.some((c) => c.name === schema.target) ? schema.target : null;
  const positive = schema.positiveLabel;
  const choices = schema.columns.filter((c) => isModelledRole(c.role) && c.name !== target);
  const [picked, setPicked] = useState<string>('');
  const column = choices.find((c) => c.name === picked) ?? choices[0];

  const balance = useWorkerQuery(() => worker().targetBalance(), [version, target]);
  const hist = useWorkerQuery(() => worker().columnHistogram(column!.name, 20), [version, column?.name, target], column !== undefined);

  return (
    <section aria-labelledby={`${uid}-title`} className="panel">
      <h3 id={`${uid}-title`}>Distributions</h3>
      <div className="chart-grid distributions">
        <figure className="chart-card">
          <figcaption>Target balance</figcaption>
          {!target && <p className="muted">No target chosen (set one on the Load step).</p>}
          {target && balance.loading && !balance.data && <Busy label="Counting classes" />}
          {balance.error && <ErrorBox message={balance.error} />}
          {target && balance.data && positive !== null && (
            <>
              <VegaChart spec={targetBalanceSpec(balance.data, target, positive)} label={`Class balance of ${target}`} testId="chart-target-balance" />
              <p className="muted" data-testid="target-rate">
                {fmtInt(balance.data.positives)} of {fmtInt(balance.data.positives + balance.data.negatives)} rows are the event class ({fmtPct(balance.data.positiveRate)})
                {balance.data.missing > 0 ? `; ${fmtInt(balance.data.missing)} without a target` : ''}.
              </p>
            </>
          )}
        </figure>
        <figure className="chart-card">
          <figcaption>
            <label htmlFor={`${uid}-col`}>Column </label>
            <select id={`${uid}-col`} data-testid="histogram-column" value={column?.name ?? ''} onChange={(e) => setPicked(e.target.value)}>
              {choices.map((c) => (
                <option key={c.name} value={c.name}>
                  {c.name} ({c.role})
                </option>
              ))}
            </select>
            {target && <span className="muted"> bars: rows · red line: share of {target} = {positive}</span>}
          </figcaption>
          {hist.loading && <Busy label="Binning" />}
          {hist.error && <ErrorBox message={hist.error} />}
          {hist.data && column && (
            <>
              <VegaChart
                spec={histogramSpec(hist.data, { datetime: column.role === 'datetime', target, positiveLabel: positive })}
                label={`Distribution of ${column.name}${target ? ` with the rate of ${target}` : ''}`}
                testId="chart-column"
              />
              {(hist.data.clippedLow > 0 || hist.data.clippedHigh > 0) && (
                <p className="muted">
                  {fmtInt(hist.data.clippedLow + hist.data.clippedHigh)} extreme value(s) beyond the 0.5–99.5th percentiles are counted in the edge bins.
                </p>
              )}
            </>
          )}
        </figure>
      </div>
    </section>
  );
}
