import { ImportModelButton } from './ImportModelButton';
import { useEffect, useState } from 'react';
import { worker } from '../../worker-client';
import type { StoredModelInfo } from '../../../worker/model-store';
import { refreshTraining } from './training-store';
import { saveText } from '../../save-file';

/** Save the trained model in this browser, export it as one JSON file, or bring one back. */
export function ModelPanel({ hasModel, busy }: { hasModel: boolean; busy: boolean }) {
  const [saved, setSaved] = useState<StoredModelInfo[]>([]);
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  const [working, setWorking] = useState(false);

  const list = async () => {
    try {
      setSaved(await worker().ganListModels());
    } catch (e) {
      setNote({ text: (e as Error).message, error: true });
    }
  };
  useEffect(() => {
    void list();
  }, []);

  const run = async (what: () => Promise<string>) => {
    setWorking(true);
    setNote(null);
    try {
      setNote({ text: await what(), error: false });
    } catch (e) {
      setNote({ text: (e as Error).message, error: true });
    } finally {
      setWorking(false);
    }
  };

  const disabled = working || busy;
  return (
    <section className="train-panel" aria-labelledby="model-title">
      <h3 id="model-title">Model</h3>
      <div className="button-row">
        <button type="button" disabled={disabled || !hasModel} data-testid="save-model" onClick={() => void run(async () => {
          const info = await worker().ganSaveModel();
          await list();
          return `Saved in this browser (${(info.bytes / 1e6).toFixed(1)} MB).`;
        })}>
          Save in browser
        </button>
        <button type="button" disabled={disabled || !hasModel} data-testid="export-model" onClick={() => void run(async () => {
          const text = await worker().ganExportModel();
          saveText(text, `synthcredit-gan-${new Date().toISOString().slice(0, 10)}.json`, 'application/json');
          return 'Model exported as a JSON file.';
        })}>
          Export model file
        </button>
        <ImportModelButton
          label="Import model file…"
          testId="import-model"
          disabled={disabled}
          onFile={(file) =>
            void run(async () => {
              const info = await worker().ganImportModel(file);
              await refreshTraining();
              return `Loaded "${info.name}": ${info.columns.length} columns, ready to generate.`;
            })
          }
        />
      </div>
      {note && <p className={note.error ? 'error' : 'muted'} role={note.error ? 'alert' : 'status'} data-testid="model-note">{note.text}</p>}
      {saved.length > 0 && (
        <ul className="saved-models" data-testid="saved-models">
          {saved.map((m) => (
            <li key={m.id}>
              <span>
                {m.name} · {m.epochs} epochs · {m.columns} columns · {new Date(m.savedAt).toLocaleString()}
              </span>
              <button type="button" disabled={disabled} onClick={() => void run(async () => {
                const info = await worker().ganLoadModel(m.id);
                await refreshTraining();
                return `Loaded "${info.name}".`;
              })}>
                Load
              </button>
              <button type="button" disabled={disabled} onClick={() => void run(async () => {
                await worker().ganDeleteModel(m.id);
                await list();
                return 'Deleted.';
              })}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
