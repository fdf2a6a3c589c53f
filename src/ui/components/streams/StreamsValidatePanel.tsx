import { useEffect, useMemo, useRef, useState } from 'react';
import { worker, Comlink } from '../../worker-client';
import { useProject } from '../../state/project';
import type { StreamsProgress as Progress, StreamsState } from '../../../worker/streams-api';
import { VegaChart } from '../VegaChart';
import { distributionSpec } from '../validate/specs';
import { StreamsTaskStatus } from './StreamsProgress';
import { setStreamsTask, useStreamsView } from './streams-store';
import { useStreamsOwner } from './StreamsTrainPanel';
import { barText, figureVerdict, streamFigures } from './figures';
import { transitionSpec } from './specs';

const VERDICT_TEXT = { met: '✓ meets the bar', 'not-met': '✗ below the bar', 'n/a': '' } as const;

function fmt(x: number | null, id: string): string {
  if (x === null || !Number.isFinite(x)) return '–';
  if (id === 'copies' || id === 'replayed') return x.toLocaleString('en-US');
  return x.toFixed(3);
}

/**
 * Step 5 in customers-and-transactions mode, beside the row report: the synthetic streams against
 * the real training customers (events per customer, gaps, amounts, hour, weekday, category
 * transitions, fraud), detection per customer and on single events, the fraud model trained on
 * synthetic streams against real ones (TSTR / TRTR on held-out customers), and privacy per customer.
 */
export function StreamsValidatePanel() {
  const { dispatch } = useProject();
  useStreamsOwner();
  const v = useStreamsView();
  const [held, setHeld] = useState<StreamsState | null>(null);
  const started = useRef(false);
  const r = v.report.result;
  const running = v.report.running;

  const score = async () => {
    setStreamsTask('report', { running: true, progress: null, error: null, stopped: false, result: null });
    try {
      setStreamsTask('report', { result: await worker().streamsReport(Comlink.proxy((p: Progress) => setStreamsTask('report', { progress: p }))) });
    } catch (e) {
      const message = (e as Error).message;
      const stopped = message.startsWith('Stopped');
      setStreamsTask('report', { error: stopped ? 'The streams report was cancelled.' : `The streams report failed: ${message}`, stopped });
    } finally {
      setStreamsTask('report', { running: false, progress: null });
    }
  };

  // on opening: score the current synthetic customers once, unless a report is there or running
  useEffect(() => {
    let live = true;
    worker()
      .streamsState()
      .then((s) => {
        if (!live) return;
        setHeld(s);
        if (s.generated && !started.current && !v.report.result && !v.report.running && !v.report.error) {
          started.current = true;
          void score();
        }
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const figures = useMemo(() => (r ? streamFigures(r) : []), [r]);
  const d = r?.distributions;

  return (
    <section className="panel streams-validate" aria-labelledby="streams-validate-title" data-testid="streams-validate">
      <h3 id="streams-validate-title">Customers and their transactions</h3>
      {held && !held.generated && !r && (
        <div className="notice-box" data-testid="streams-validate-empty">
          <p>Generate synthetic customers first (step 4); the streams are then compared here with the real customers.</p>
          <button type="button" onClick={() => dispatch({ type: 'go', step: held.model ? 'generate' : 'train' })}>
            {held.model ? 'Go to step 4: Generate' : 'Go to step 3: Train'}
          </button>
        </div>
      )}
      <StreamsTaskStatus task={v.report} label="Scoring the streams" testId="streams-validate" />
      {held?.generated && !running && (
        <div className="button-row">
          <button type="button" onClick={() => void score()} data-testid="streams-validate-run">
            {r ? 'Score again' : 'Score the streams'}
          </button>
        </div>
      )}
      {r && d && (
        <>
          <p className="muted" data-testid="streams-validate-source">
            {r.customers.synthetic.toLocaleString('en-US')} synthetic customers ({r.events.synthetic.toLocaleString('en-US')} transactions) against the{' '}
            {r.customers.train.toLocaleString('en-US')} real customers the engine was trained on ({r.events.train.toLocaleString('en-US')} transactions)
            {r.customers.heldOut > 0 ? `; ${r.customers.heldOut.toLocaleString('en-US')} real customers held out (split by customer) for single-event detection, the fraud model and the privacy check` : ''}.
          </p>
          <table className="data-table compact" data-testid="streams-figures">
            <thead>
              <tr>
                <th>Figure</th>
                <th className="num">Value</th>
                <th className="num">Bar</th>
                <th>Verdict</th>
                <th>What it measures</th>
              </tr>
            </thead>
            <tbody>
              {figures.map((f) => {
                const verdict = figureVerdict(f);
                return (
                  <tr key={f.id} data-figure={f.id} data-verdict={verdict}>
                    <td>{f.label}</td>
                    <td className="num" data-testid={`streams-figure-${f.id}`}>
                      {fmt(f.value, f.id)}
                    </td>
                    <td className="num">{barText(f)}</td>
                    <td className={verdict === 'not-met' ? 'error' : undefined}>{VERDICT_TEXT[verdict]}</td>
                    <td className="muted small">{f.note}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="chart-row" data-testid="streams-charts">
            <VegaChart spec={distributionSpec(d.eventsPerCustomer)} label="Events per customer: real vs synthetic" testId="streams-chart-events" />
            <VegaChart spec={distributionSpec(d.logGapHours)} label="Gaps between a card's events (log10 hours): real vs synthetic" testId="streams-chart-gaps" />
            <VegaChart spec={distributionSpec(d.hour)} label="Hour of day: real vs synthetic" testId="streams-chart-hour" />
            <VegaChart spec={distributionSpec(d.weekday)} label="Weekday: real vs synthetic" testId="streams-chart-weekday" />
            {d.customerMeanAmount && <VegaChart spec={distributionSpec(d.customerMeanAmount)} label="Mean amount per customer: real vs synthetic" testId="streams-chart-mean-amount" />}
            {d.fraudEventsPerFraudCustomer && (
              <VegaChart spec={distributionSpec(d.fraudEventsPerFraudCustomer)} label="Fraud events per fraudulent customer: real vs synthetic" testId="streams-chart-fraud" />
            )}
          </div>
          {d.transitions && d.transitions.categories.length > 1 && (
            <>
              <h4>Which {r.columns.category} follows which</h4>
              <p className="muted small">Each row: the share of a card's next transaction in each {r.columns.category}, for the most frequent ones (the rest pooled as "other").</p>
              <VegaChart spec={transitionSpec(d.transitions, r.columns.category ?? 'category')} label="Category transition matrices: real and synthetic" testId="streams-chart-transitions" />
            </>
          )}
        </>
      )}
    </section>
  );
}
