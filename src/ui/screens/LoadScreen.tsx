import { useRef, useState, type DragEvent } from 'react';
import { worker, Comlink } from '../worker-client';
import { useProject } from '../state/project';
import { BUNDLED_SAMPLES, sampleUrl, type BundledSample } from '../samples';
import { ProgressBar, formatBytes } from '../components/ProgressBar';
import { SchemaTable } from '../components/SchemaTable';
import { DataPreview } from '../components/DataPreview';
import { usePersistence } from '../state/use-restore';
import { StreamsProposalPanel } from '../components/streams/StreamsProposalPanel';
import type { LoadFailure, LoadOutcome, LoadRequest } from '../../worker/dataset-session';

type Source = { kind: 'file'; file: File } | { kind: 'sample'; sample: BundledSample };

interface Progress {
  name: string;
  done: number;
  total?: number;
}

export function LoadScreen() {
  const { state, dispatch } = useProject();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [failure, setFailure] = useState<{ source: Source; error: LoadFailure } | null>(null);
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  // until the last project has been reopened, a new load would race with it
  const ready = usePersistence().restored;

  const load = async (source: Source, skipRaggedRows = false) => {
    const name = source.kind === 'file' ? source.file.name : source.sample.file;
    setFailure(null);
    setProgress({ name, done: 0, total: source.kind === 'file' ? source.file.size : undefined });
    const onProgress = Comlink.proxy((done: number, total?: number) => setProgress({ name, done, total }));
    const request: LoadRequest = { name, skipRaggedRows };
    let outcome: LoadOutcome;
    try {
      outcome =
        source.kind === 'file'
          ? await worker().loadFile(source.file, request, onProgress)
          : await worker().loadUrl(sampleUrl(source.sample), request, onProgress);
    } catch (e) {
      outcome = { ok: false, error: { code: 'worker', message: `The loader stopped unexpectedly: ${(e as Error).message}`, canSkipRaggedRows: false } };
    } finally {
      setProgress(null);
    }
    if (outcome.ok) dispatch({ type: 'dataset-loaded', dataset: outcome.summary });
    else setFailure({ source, error: outcome.error });
  };

  const onFiles = (files: FileList | null) => {
    if (!ready) return;
    const file = files?.[0];
    if (file) void load({ kind: 'file', file });
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    onFiles(e.dataTransfer.files);
  };

  const dataset = state.dataset;
  return (
    <section aria-labelledby="load-title">
      <h2 id="load-title">Load a dataset</h2>
      <div
        className={dragging ? 'dropzone dragging' : 'dropzone'}
        data-testid="dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>Drop a CSV file here (.csv, .tsv, .txt or .csv.gz; comma, semicolon or tab separated)</p>
        <button type="button" disabled={!ready} onClick={() => fileInput.current?.click()}>
          Choose a file…
        </button>
        {!ready && <p className="muted">Reopening your last project…</p>}
        <input
          ref={fileInput}
          type="file"
          accept=".csv,.tsv,.txt,.gz,text/csv,text/plain,application/gzip"
          data-testid="file-input"
          hidden
          onChange={(e) => {
            onFiles(e.target.files);
            e.target.value = '';
          }}
        />
        <p className="muted">The file is read inside this browser tab. Nothing is uploaded.</p>
      </div>

      <div className="samples">
        <h3>Or try a bundled sample</h3>
        {BUNDLED_SAMPLES.map((s) => (
          <article key={s.id} className="sample-card">
            <h4>{s.title}</h4>
            <p>{s.description}</p>
            <p className="attribution">
              Source: {s.attribution} Licence: {s.license}.
            </p>
            <button type="button" data-testid={`sample-${s.id}`} disabled={!ready} onClick={() => void load({ kind: 'sample', sample: s })}>
              Load this sample
            </button>
          </article>
        ))}
      </div>

      {progress && (
        <ProgressBar
          label={`Reading ${progress.name}`}
          done={progress.done}
          total={progress.total}
          format={formatBytes}
          onCancel={() => void worker().cancelLoad()}
        />
      )}

      {failure && (
        <div role="alert" className="error-box" data-testid="load-error" data-code={failure.error.code}>
          <strong>Could not load {failure.source.kind === 'file' ? failure.source.file.name : failure.source.sample.file}.</strong>
          <p className="pre">{failure.error.message}</p>
          {failure.error.canSkipRaggedRows && (
            <button type="button" onClick={() => void load(failure.source, true)}>
              Load anyway, skipping those rows
            </button>
          )}
          {dataset && <p className="muted">The dataset you had loaded ({dataset.name}) is still there.</p>}
        </div>
      )}

      {dataset && (
        <>
          <section className="dataset-summary" aria-label="Loaded dataset" data-testid="dataset-summary">
            <h3>{dataset.name}</h3>
            <p>
              <span data-testid="row-count">{dataset.rowCount.toLocaleString('en-US')}</span> rows ×{' '}
              <span data-testid="column-count">{dataset.columns.length}</span> columns · delimiter{' '}
              {dataset.delimiter === '\t' ? 'tab' : `“${dataset.delimiter}”`} · {dataset.encoding}
              {dataset.compressed ? ' · gzip' : ''} · {formatBytes(dataset.bytesRead)} read in {dataset.loadSeconds.toFixed(2)} s
            </p>
            {dataset.notices.length > 0 && (
              <ul className="notices" data-testid="notices">
                {dataset.notices.map((n, i) => (
                  <li key={i}>{n}</li>
                ))}
              </ul>
            )}
            {dataset.skippedRows.length > 0 && (
              <p className="notice">
                Skipped {dataset.skippedRows.length} malformed row(s), at line(s){' '}
                {dataset.skippedRows.slice(0, 10).map((r) => r.line).join(', ')}
                {dataset.skippedRows.length > 10 ? '…' : ''}.
              </p>
            )}
          </section>
          <StreamsProposalPanel />
          <SchemaTable />
          <DataPreview key={dataset.name + dataset.rowCount} columns={dataset.columns} rowCount={dataset.rowCount} />
        </>
      )}
    </section>
  );
}
