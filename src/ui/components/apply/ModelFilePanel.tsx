import { useState } from 'react';
import { worker } from '../../worker-client';
import type { ApplyModelDetails, ApplyModelInfo } from '../../../worker/apply-api';
import { errorText } from './format';
import { saveText } from '../../save-file';

/** Export the model with its schema, recipe and cut-off as one JSON file; import one into the model list. */
export function ModelFilePanel({ details, onImported }: { details: ApplyModelDetails | null; onImported: (m: ApplyModelInfo) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const exportModel = async () => {
    if (!details) return;
    setError(null);
    try {
      const text = await worker().applyExportModel(details.id);
      saveText(text, `${details.label.replace(/[^\w.-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '').toLowerCase()}.risk-model.json`, 'application/json');
    } catch (e) {
      setError(errorText(e));
    }
  };

  const importModel = async (file: File) => {
    setError(null);
    setNotice(null);
    try {
      const m = await worker().applyImportModel(await file.text());
      setNotice(`Imported "${m.label}": it is now in the model list.`);
      onImported(m);
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <div>
      <p className="muted">
        One JSON file holds the fitted model and its encoder, the training schema (roles applied to new files), the cleaning recipe, derived features, the cut-off,
        the scorecard scaling and the training reference for monitoring. A later session imports it and scores without retraining. Nothing is uploaded.
      </p>
      <div className="form-row">
        <button type="button" data-testid="model-export" disabled={!details} onClick={() => void exportModel()}>
          Export {details ? `"${details.label}"` : 'the model'} (JSON)
        </button>
      </div>
      <div className="form-row">
        <label htmlFor="model-import">Import a model file</label>
        <input
          id="model-import"
          type="file"
          accept=".json,application/json"
          data-testid="model-import"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void importModel(f);
            e.target.value = '';
          }}
        />
      </div>
      {error && (
        <div role="alert" className="error-box">
          {error}
        </div>
      )}
      {notice && <p className="notice">{notice}</p>}
    </div>
  );
}
