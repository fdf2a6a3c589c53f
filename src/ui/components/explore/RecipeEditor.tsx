import { useRef, useState } from 'react';
import type { RecipeEdit, RecipeState } from '../../../worker/prepared-data';
import { describeEffect, describeStep, kindLabel } from './describe-step';
import { AddStepForm } from './AddStepForm';
import type { CleaningStep } from '../../../core/data/clean';
import { ErrorBox } from './Busy';
import { fmtInt } from './format';
import { saveText } from '../../save-file';

/**
 * The cleaning recipe: ordered steps with what each changed, editable in place. The original
 * data is never modified, so every edit (including delete) can be undone by editing again.
 */
export function RecipeEditor({
  recipe,
  busy,
  onEdit,
  onExport,
  onImport,
  datasetName,
}: {
  recipe: RecipeState;
  busy: boolean;
  onEdit: (edit: RecipeEdit) => void;
  onExport: () => Promise<string>;
  onImport: (json: string) => void;
  datasetName: string;
}) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const steps = recipe.steps;

  const exportJson = async () => {
    const json = await onExport();
    saveText(json, `${datasetName.replace(/\.(csv|tsv|txt)(\.gz)?$/i, '')}-cleaning-recipe.json`, 'application/json');
  };

  const importFile = async (file: File | undefined) => {
    setFileError(null);
    if (!file) return;
    if (file.size > 5 * 1024 * 1024) {
      setFileError(`${file.name} is ${Math.round(file.size / 1024 / 1024)} MB; a recipe file is a few KB. Nothing was changed.`);
      return;
    }
    try {
      onImport(await file.text());
    } catch (e) {
      setFileError(`Could not read ${file.name}: ${(e as Error).message}`);
    }
  };

  return (
    <section aria-labelledby="recipe-title" className="panel" data-testid="recipe">
      <h3 id="recipe-title">Cleaning recipe</h3>
      <p className="muted" data-testid="recipe-result">
        {steps.length === 0 ? 'No steps yet: the data is used as loaded. ' : ''}
        Cleaned data: <strong data-testid="cleaned-rows">{fmtInt(recipe.schema.rowCount)}</strong> rows ×{' '}
        <strong data-testid="cleaned-columns">{recipe.schema.columns.length}</strong> columns.
      </p>
      {recipe.error && (
        <ErrorBox
          testId="recipe-state-error"
          message={`${recipe.error.stepId ? `Step “${recipe.error.stepId}” cannot be applied to the current data, so it and the steps after it are skipped: ` : ''}${recipe.error.message}`}
        />
      )}
      {steps.length > 0 && (
        <ol className="recipe-steps" data-testid="recipe-steps">
          {steps.map((s, i) => {
            const report = recipe.reports[s.id];
            const failed = recipe.error?.stepId === s.id;
            return (
              <li key={s.id} data-testid="recipe-step" data-step-id={s.id} data-kind={s.kind} className={s.enabled ? 'recipe-step' : 'recipe-step disabled'}>
                <div className="step-text">
                  <span className="step-kind">{kindLabel(s.kind)}</span>
                  <span>{describeStep(s)}</span>
                  <span className={failed ? 'step-effect failed' : 'step-effect'} data-testid="step-effect">
                    {!s.enabled ? 'disabled' : failed ? 'failed (see above)' : report ? describeEffect(report) : 'not applied'}
                  </span>
                  {report && report.notes.length > 0 && <span className="muted step-notes">{report.notes.join('; ')}</span>}
                </div>
                <div className="step-actions">
                  <label className="toggle">
                    <input
                      type="checkbox"
                      checked={s.enabled}
                      disabled={busy}
                      onChange={(e) => onEdit({ op: 'toggle', id: s.id, enabled: e.target.checked })}
                      aria-label={`Enable step ${i + 1}: ${describeStep(s)}`}
                    />{' '}
                    on
                  </label>
                  <button type="button" disabled={busy || i === 0} aria-label={`Move step ${i + 1} up`} onClick={() => onEdit({ op: 'move', from: i, to: i - 1 })}>
                    ↑
                  </button>
                  <button
                    type="button"
                    disabled={busy || i === steps.length - 1}
                    aria-label={`Move step ${i + 1} down`}
                    onClick={() => onEdit({ op: 'move', from: i, to: i + 1 })}
                  >
                    ↓
                  </button>
                  <button type="button" className="danger" disabled={busy} aria-label={`Delete step ${i + 1}`} onClick={() => onEdit({ op: 'delete', id: s.id })}>
                    Delete
                  </button>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <div className="recipe-io">
        <button type="button" data-testid="export-recipe" disabled={busy} onClick={() => void exportJson()}>
          Export recipe (JSON)
        </button>
        <button type="button" data-testid="import-recipe" disabled={busy} onClick={() => fileInput.current?.click()}>
          Import recipe…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="recipe-file-input"
          onChange={(e) => {
            void importFile(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
      </div>
      {fileError && <ErrorBox message={fileError} testId="recipe-file-error" onDismiss={() => setFileError(null)} />}
      <AddStepForm schema={recipe.schema} busy={busy} onAdd={(step: CleaningStep) => onEdit({ op: 'add', step })} />
    </section>
  );
}
