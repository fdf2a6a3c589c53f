import { useState } from 'react';
import { worker, Comlink } from '../../worker-client';
import { useProject } from '../../state/project';
import type { StreamsProgress as Progress } from '../../../worker/streams-api';
import { saveText } from '../../save-file';
import { StreamsTaskStatus } from './StreamsProgress';
import { setStreamsTask, useStreamsView } from './streams-store';
import { useStreamsOwner } from './StreamsTrainPanel';
import { useStreamsState } from './use-streams-state';
import { SeedInput } from '../SeedInput';

const MAX_CUSTOMERS = 100_000;

/** `card_histories.csv` → `card_histories-synthetic-customers.csv` */
export function downloadName(dataset: string, part: 'customers' | 'transactions' | 'joined'): string {
  const base = dataset.replace(/\.(csv|tsv|txt)(\.gz)?$/i, '') || 'data';
  return part === 'joined' ? `${base}-synthetic.csv` : `${base}-synthetic-${part}.csv`;
}

/**
 * Step 4 in customers-and-transactions mode: N synthetic customers with their transaction streams,
 * as three downloads written by the app's one CSV writer in the input's formats: the customers
 * table (a fresh key and the profile columns), the transactions table (key, time, event columns)
 * and the joined flat file with exactly the input's columns and order.
 */
export function StreamsGeneratePanel() {
  const { state, dispatch } = useProject();
  useStreamsOwner();
  const v = useStreamsView();
  const [text, setText] = useState('50');
  const [seed, setSeed] = useState(1);
  const n = Number(text);
  const valid = Number.isInteger(n) && n >= 1 && n <= MAX_CUSTOMERS;
  const running = v.generate.running;
  const held = useStreamsState([v.generate.result]);


  const generate = async () => {
    setStreamsTask('generate', { running: true, progress: null, error: null, stopped: false, result: null });
    setStreamsTask('report', { result: null, error: null, stopped: false });
    try {
      const d = await worker().streamsGenerate(n, seed, Comlink.proxy((p: Progress) => setStreamsTask('generate', { progress: p })));
      setStreamsTask('generate', { result: { ...d, seed } });
    } catch (e) {
      const message = (e as Error).message;
      const stopped = message.startsWith('Stopped');
      setStreamsTask('generate', { error: stopped ? 'Generation was cancelled.' : `Generation failed: ${message}`, stopped });
    } finally {
      setStreamsTask('generate', { running: false, progress: null });
    }
  };

  if (held && !held.model) {
    return (
      <div className="notice-box" data-testid="streams-gen-no-model">
        <p>Train the customers-and-transactions engine first.</p>
        <button type="button" onClick={() => dispatch({ type: 'go', step: 'train' })}>
          Go to step 3: Train
        </button>
      </div>
    );
  }

  const d = v.generate.result;
  const name = state.dataset?.name ?? 'data.csv';
  return (
    <section className="panel streams-generate" aria-labelledby="streams-gen-title" data-testid="streams-generate">
      <h3 id="streams-gen-title">Synthetic customers and their transactions</h3>
      <fieldset className="form-row" disabled={running}>
        <legend className="small">How many customers</legend>
        <label>
          Customers{' '}
          <input type="number" min={1} max={MAX_CUSTOMERS} step={1} className="narrow" value={text} onChange={(e) => setText(e.target.value)} data-testid="streams-gen-customers" />
        </label>
        {[50, 500, 5000].map((k) => (
          <button type="button" key={k} className="chip" onClick={() => setText(String(k))}>
            {k.toLocaleString('en-US')}
          </button>
        ))}
        <SeedInput seed={seed} onChange={setSeed} testId="streams-gen-seed" />
      </fieldset>
      {!valid && <p className="error small">Choose a whole number of customers from 1 to {MAX_CUSTOMERS.toLocaleString('en-US')}.</p>}
      <div className="button-row">
        <button type="button" className="primary" disabled={running || !valid} onClick={() => void generate()} data-testid="streams-gen-run">
          Generate {valid ? n.toLocaleString('en-US') : ''} customers
        </button>
      </div>
      <StreamsTaskStatus task={v.generate} label="Generating" testId="streams-gen" />
      {d && !running && (
        <div className="train-panel" data-testid="streams-gen-result" data-customers={d.nCustomers} data-transactions={d.nTransactions}>
          <p>
            <strong>{d.nCustomers.toLocaleString('en-US')}</strong> synthetic customers with <strong>{d.nTransactions.toLocaleString('en-US')}</strong> transactions (seed {d.seed}).
            Every customer has a fresh key (card numbers pass the Luhn check and are never a real one) and one placeholder identity for all of their transactions; every column is
            written in the input's format.
          </p>
          <div className="button-row">
            <button type="button" onClick={() => saveText(d.customers, downloadName(name, 'customers'), 'text/csv')} data-testid="streams-download-customers">
              Download customers (CSV)
            </button>
            <button type="button" onClick={() => saveText(d.transactions, downloadName(name, 'transactions'), 'text/csv')} data-testid="streams-download-transactions">
              Download transactions (CSV)
            </button>
            <button type="button" onClick={() => saveText(d.joined, downloadName(name, 'joined'), 'text/csv')} data-testid="streams-download-joined">
              Download joined file, the input's layout (CSV)
            </button>
          </div>
          <button type="button" onClick={() => dispatch({ type: 'go', step: 'validate' })} data-testid="streams-go-validate">
            Go to step 5: Validate the streams
          </button>
        </div>
      )}
    </section>
  );
}
