import { useEffect, useState } from 'react';
import { worker } from '../../worker-client';
import { recipeSummaryOf, useProject } from '../../state/project';
import type { StreamProposal } from '../../../core/data/entities';
import type { CleaningStep } from '../../../core/data/clean';
import type { ColumnSchema } from '../../../core/data/schema';
import type { StreamSpec } from '../../../core/engines/sequential/stream-spec';
import { specProblems } from './spec-problems';

type Part = 'profile' | 'event' | 'none';

const PART_LABELS: Record<Part, string> = { profile: 'Profile (one per customer)', event: 'Event (one per transaction)', none: 'Leave out' };

function partOf(spec: StreamSpec, column: string): Part {
  if (spec.profile.includes(column)) return 'profile';
  if (spec.event.includes(column)) return 'event';
  return 'none';
}

/** The spec with `column` moved to `part`, keeping the input's column order within each part. */
function withPart(spec: StreamSpec, column: string, part: Part, order: string[]): StreamSpec {
  const profile = new Set(spec.profile.filter((c) => c !== column));
  const event = new Set(spec.event.filter((c) => c !== column));
  if (part === 'profile') profile.add(column);
  if (part === 'event') event.add(column);
  return { ...spec, profile: order.filter((c) => profile.has(c)), event: order.filter((c) => event.has(c)) };
}

/**
 * Step 1's proposal of customers-and-transactions mode: when entity detection finds a key and a
 * time, it shows them with the profile columns (measured constant within each key) and the event
 * columns; the user can change every part. Findings say what breaks the mode: a key written in
 * E-notation (with the offer to rebuild the key from profile columns, a step of the cleaning
 * recipe) and profile columns that vary within some keys. A time built from date parts (Year,
 * Month, Day, Time) is a recipe step too. Columns are those of the cleaned table (after the recipe).
 */
export function StreamsProposalPanel() {
  const { state, dispatch } = useProject();
  const dataset = state.dataset;
  const mode = state.streams;
  const [proposal, setProposal] = useState<StreamProposal | null>(null);
  const [checked, setChecked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [columns, setColumns] = useState<ColumnSchema[]>([]);

  const propose = async (key?: string[], keepOn?: boolean) => {
    setBusy(true);
    setError(null);
    try {
      const p = await worker().streamsPropose(key);
      setColumns((await worker().recipe()).schema.columns);
      setProposal(p);
      if (p) dispatch({ type: 'streams-mode', mode: { on: keepOn ?? false, spec: p.spec } });
      else if (key) setError(`No customers could be formed with the key ${key.join(' + ')} (it needs a datetime column beside it and several rows per key).`);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
      setChecked(true);
    }
  };

  /** Add a recipe step a finding suggests (rebuilt key, time from date parts), then propose again. */
  const addStep = async (step: CleaningStep) => {
    setBusy(true);
    setError(null);
    try {
      const out = await worker().editRecipe({ op: 'add', step });
      dispatch({ type: 'recipe-changed', recipe: recipeSummaryOf(out.state) });
      if (!out.ok) {
        setError(`The step could not be added: ${out.error}`);
        return;
      }
    } catch (e) {
      setError((e as Error).message);
      return;
    } finally {
      setBusy(false);
    }
    await propose(undefined, mode?.on);
  };

  // on a new dataset propose afresh; when coming back, re-measure under the key already chosen
  useEffect(() => {
    if (!dataset) return;
    void propose(mode?.spec.key, mode?.on);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dataset?.name, dataset?.rowCount]);

  if (!dataset || !checked || (!proposal && !error)) return null;
  const order = columns.map((c) => c.name);
  const spec = mode?.spec ?? proposal?.spec ?? null;
  const datetimes = columns.filter((c) => c.role === 'datetime').map((c) => c.name);
  const varying = new Map((proposal?.constancy ?? []).map((k) => [k.column, k]));
  const timeStep = proposal?.timeStep ?? null;
  const problems = spec ? [...(timeStep ? [`Build the time ${timeStep.output} from the date parts first (button above).`] : []), ...specProblems(spec, timeStep ? [...columns, { ...columns[0], name: timeStep.output, role: 'datetime' }] : columns)] : [];
  const on = !!mode?.on;
  const setSpec = (next: StreamSpec) => dispatch({ type: 'streams-mode', mode: { on, spec: next } });

  return (
    <section className="panel streams-proposal" aria-labelledby="streams-proposal-title" data-testid="streams-proposal" data-mode={on ? 'streams' : 'rows'}>
      <h3 id="streams-proposal-title">Customers and their transactions</h3>
      {proposal && (
        <p>
          This file looks like transactions of <strong data-testid="streams-customers">{proposal.customers.toLocaleString('en-US')}</strong> customers (
          {proposal.eventsPerCustomer.toFixed(1)} transactions each on average), keyed by <strong>{proposal.spec.key.join(' + ')}</strong> and ordered by{' '}
          <strong>{proposal.spec.time}</strong>. In this mode each synthetic customer gets one profile and a stream of transactions over time, so card histories and fraud bursts
          carry over.
        </p>
      )}
      {error && (
        <p className="error" role="alert" data-testid="streams-proposal-error">
          {error}
        </p>
      )}
      <fieldset className="form-row" disabled={busy || !spec}>
        <legend className="small">How to read the rows</legend>
        <label>
          <input type="radio" name="streams-mode" checked={on} onChange={() => spec && dispatch({ type: 'streams-mode', mode: { on: true, spec } })} data-testid="streams-mode-on" />{' '}
          Customers and transactions
        </label>
        <label>
          <input type="radio" name="streams-mode" checked={!on} onChange={() => spec && dispatch({ type: 'streams-mode', mode: { on: false, spec } })} data-testid="streams-mode-off" />{' '}
          One row = one unrelated record
        </label>
      </fieldset>

      {proposal?.findings.map((f, i) => (
        <div key={i} className="warning-box" role="alert" data-testid={`streams-finding-${f.kind}`}>
          {f.kind === 'key-destroyed' ? (
            <>
              <p>
                <strong>The key {f.column} was damaged by a spreadsheet.</strong> {Math.round(f.eNotationShare * 100)} % of its values are written in E-notation (such as 2.29E+15): the last
                digits are lost, so different cards share one value and their transactions would be mixed.
              </p>
              {f.suggestedStep && (
                <button type="button" disabled={busy} onClick={() => void addStep(f.suggestedStep!)} data-testid="streams-rebuild-key">
                  Rebuild the key as {f.suggestedStep.output} from {f.rebuildFrom.join(' + ')} (a step of the cleaning recipe)
                </button>
              )}
            </>
          ) : (
            <>
              <p>
                <strong>Columns that should hold one value per customer vary within some keys.</strong> They are treated as event columns; a different key may fix this.
              </p>
              <table className="data-table compact" data-testid="streams-varying">
                <thead>
                  <tr>
                    <th>Column</th>
                    <th className="num">Keys where it varies</th>
                    <th className="num">of keys</th>
                  </tr>
                </thead>
                <tbody>
                  {f.columns.map((c) => (
                    <tr key={c.column}>
                      <td>{c.column}</td>
                      <td className="num">{c.varyingKeys.toLocaleString('en-US')}</td>
                      <td className="num">{c.keys.toLocaleString('en-US')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </div>
      ))}

      {timeStep && (
        <div className="notice-box" role="status" data-testid="streams-time-step">
          <p>
            The file has no datetime column, but date parts: the time <strong>{timeStep.output}</strong> is built from{' '}
            {[timeStep.year, timeStep.month, timeStep.day, timeStep.time].filter((c) => c !== null).join(', ')} (the downloads write them back as they were).
          </p>
          <button type="button" disabled={busy} onClick={() => void addStep(timeStep)} data-testid="streams-add-time-step">
            Build the time {timeStep.output} (a step of the cleaning recipe)
          </button>
        </div>
      )}

      {spec && (
        <details open={on} data-testid="streams-spec">
          <summary>Key, time, profile and event columns</summary>
          <fieldset className="form-row" disabled={busy}>
            <legend className="small">Key (one column, or several such as user + card)</legend>
            {columns
              .filter((c) => c.role !== 'datetime' || spec.key.includes(c.name))
              .map((c) => (
                <label key={c.name} className="small">
                  <input
                    type="checkbox"
                    checked={spec.key.includes(c.name)}
                    onChange={(e) => {
                      const key = e.target.checked ? order.filter((n) => spec.key.includes(n) || n === c.name) : spec.key.filter((n) => n !== c.name);
                      if (key.length > 0) void propose(key, on);
                      else setSpec({ ...spec, key });
                    }}
                    data-testid={`streams-key-${c.name}`}
                  />{' '}
                  {c.name}
                </label>
              ))}
          </fieldset>
          <div className="form-row">
            <label>
              Time{' '}
              <select
                value={spec.time}
                disabled={busy}
                onChange={(e) => {
                  const time = e.target.value;
                  // the old time becomes an event column; the new one leaves its part
                  const rest = withPart(spec, time, 'none', order);
                  setSpec(withPart({ ...rest, time }, spec.time, 'event', order));
                }}
                data-testid="streams-time"
              >
                {datetimes
                  .filter((n) => !spec.key.includes(n))
                  .map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
              </select>
            </label>
          </div>
          <table className="data-table compact" data-testid="streams-columns">
            <thead>
              <tr>
                <th>Column</th>
                <th>Part</th>
                <th className="num">Varies within</th>
              </tr>
            </thead>
            <tbody>
              {order
                .filter((n) => !spec.key.includes(n) && n !== spec.time)
                .map((n) => {
                  const k = varying.get(n);
                  return (
                    <tr key={n} data-streams-column={n} data-part={partOf(spec, n)}>
                      <td>
                        <label htmlFor={`streams-part-${n}`}>{n}</label>
                      </td>
                      <td>
                        <select id={`streams-part-${n}`} value={partOf(spec, n)} disabled={busy} onChange={(e) => setSpec(withPart(spec, n, e.target.value as Part, order))} data-testid={`streams-part-${n}`}>
                          {(Object.keys(PART_LABELS) as Part[]).map((p) => (
                            <option key={p} value={p}>
                              {PART_LABELS[p]}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td className="num">{k ? `${k.varyingKeys.toLocaleString('en-US')} of ${k.keys.toLocaleString('en-US')} keys` : '–'}</td>
                    </tr>
                  );
                })}
            </tbody>
          </table>
          <p className="muted small">
            Profile columns are measured, not guessed from their names: a column is proposed as profile when it holds one value within every key. A profile column that does vary
            takes each customer's first value.
          </p>
        </details>
      )}
      {on && problems.length > 0 && (
        <ul className="error" role="alert" data-testid="streams-spec-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {on && problems.length === 0 && (
        <div className="button-row">
          <button type="button" className="primary" onClick={() => dispatch({ type: 'go', step: 'train' })} data-testid="streams-go-train">
            Go to step 3: Train customers and transactions
          </button>
        </div>
      )}
    </section>
  );
}
