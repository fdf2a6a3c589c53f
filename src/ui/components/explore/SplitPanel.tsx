import { useId, useState, type FormEvent } from 'react';
import type { SplitSummary } from '../../../worker/prepared-data';
import { Busy, ErrorBox } from './Busy';
import { fmtInt, fmtPct } from './format';

/**
 * Train/test split of the cleaned rows; the test part is kept away from GAN training. Or, as
 * published benchmarks do, every loaded row trains and a separate test file (same columns) tests.
 */
export function SplitPanel({
  split,
  onSplit,
  onTestFile,
}: {
  split: SplitSummary | null;
  onSplit: (testFraction: number, seed: number) => Promise<void>;
  /** read a second CSV as the test set; rejects with a message naming the columns that differ */
  onTestFile?: (file: File) => Promise<void>;
}) {
  const uid = useId();
  const [readingTest, setReadingTest] = useState(false);

  const pickTestFile = async (file: File | undefined) => {
    if (!file || !onTestFile) return;
    setError(null);
    setReadingTest(true);
    try {
      await onTestFile(file);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setReadingTest(false);
    }
  };
  const [fraction, setFraction] = useState(String(split?.testFraction ?? 0.2));
  const [seed, setSeed] = useState(String(split?.seed ?? 42));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const f = Number(fraction);
    const s = Number(seed);
    if (!(f > 0 && f < 1)) return setError('The test fraction must be a number between 0 and 1, e.g. 0.2.');
    if (!Number.isInteger(s) || s < 0) return setError('The seed must be a whole number ≥ 0.');
    setError(null);
    setBusy(true);
    try {
      await onSplit(f, s);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={`${uid}-title`} className="panel" data-testid="split-panel">
      <h3 id={`${uid}-title`}>Train / test split</h3>
      <p className="muted">
        The test part is held out: the GAN never trains on it, so the synthetic data can be checked against rows it has not seen. The split is
        stratified on the target, so both parts keep its rate.
      </p>
      <form className="form-row" onSubmit={(e) => void submit(e)}>
        <label htmlFor={`${uid}-f`}>Test fraction</label>
        <input id={`${uid}-f`} data-testid="split-fraction" type="number" min={0.05} max={0.95} step={0.05} value={fraction} onChange={(e) => setFraction(e.target.value)} className="narrow" />
        <label htmlFor={`${uid}-s`}>Seed</label>
        <input id={`${uid}-s`} data-testid="split-seed" type="number" min={0} step={1} value={seed} onChange={(e) => setSeed(e.target.value)} className="narrow" />
        <button type="submit" data-testid="make-split" disabled={busy}>
          {split ? 'Split again' : 'Make split'}
        </button>
      </form>
      {onTestFile && (
        <div className="form-row">
          <label htmlFor={`${uid}-file`}>Or test on a separate file (same columns; every loaded row then trains)</label>
          <input
            id={`${uid}-file`}
            data-testid="test-file-input"
            type="file"
            accept=".csv,.txt,.gz,text/csv"
            disabled={readingTest || busy}
            onChange={(e) => {
              void pickTestFile(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
        </div>
      )}
      {busy && <Busy label="Splitting" />}
      {readingTest && <Busy label="Reading the test file" />}
      {error && <ErrorBox message={error} testId="split-error" />}
      {split && (
        <table className="data-table split-table" data-testid="split-result">
          <caption className="muted">
            {split.mode === 'test-file'
              ? `Every loaded row trains · test rows from the file "${split.testFile ?? '?'}" (cleaned with the same recipe)`
              : `${split.stratified ? `Stratified on ${split.target}` : 'Random (no target)'} · test fraction ${split.testFraction} · seed ${split.seed}`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Part</th>
              <th scope="col" className="num">
                Rows
              </th>
              {split.target && (
                <th scope="col" className="num">
                  Rate of {split.target} = {split.positiveLabel}
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {(['train', 'test'] as const).map((part) => (
              <tr key={part}>
                <th scope="row">{part === 'train' ? 'Train' : split.mode === 'test-file' ? 'Test (separate file)' : 'Test (held out)'}</th>
                <td className="num" data-testid={`split-${part}-rows`}>
                  {fmtInt(split[part].rows)}
                </td>
                {split.target && (
                  <td className="num" data-testid={`split-${part}-rate`}>
                    {fmtPct(split[part].positiveRate, 2)}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
