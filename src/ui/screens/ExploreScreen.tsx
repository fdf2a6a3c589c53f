import { useCallback, useEffect, useMemo, useState } from 'react';
import { worker } from '../worker-client';
import { useProject, recipeSummaryOf } from '../state/project';
import type { RecipeEdit, RecipeOutcome, RecipeState } from '../../worker/prepared-data';
import type { CleaningStep } from '../../core/data/clean';
import { QualityFindings } from '../components/explore/QualityFindings';
import { RecipeEditor } from '../components/explore/RecipeEditor';
import { SummaryTable } from '../components/explore/SummaryTable';
import { DistributionCharts } from '../components/explore/DistributionCharts';
import { AssociationPanel } from '../components/explore/AssociationPanel';
import { SplitPanel } from '../components/explore/SplitPanel';
import { Busy, ErrorBox } from '../components/explore/Busy';
import { useWorkerQuery, errorText } from '../components/explore/useWorkerQuery';

/**
 * Step 2: check the data's quality, build a cleaning recipe from the findings or by hand, look at
 * the cleaned data, and split it into train and test. The tables stay in the worker; this screen
 * shows what it computes.
 */
export function ExploreScreen() {
  const { state, dispatch } = useProject();
  const dataset = state.dataset;
  const [recipe, setRecipe] = useState<RecipeState | null>(null);
  const [recipeError, setRecipeError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);

  // the schema (roles, target) the typed table was built with: findings change with it
  const schemaKey = dataset ? `${dataset.name}|${dataset.rowCount}|${JSON.stringify(dataset.schema.columns.map((c) => c.role))}|${dataset.schema.target}` : '';

  const accept = useCallback(
    (r: RecipeState) => {
      setRecipe(r);
      dispatch({ type: 'recipe-changed', recipe: recipeSummaryOf(r) });
    },
    [dispatch],
  );

  useEffect(() => {
    if (!dataset) return;
    let live = true;
    setLoadError(null);
    Promise.all([worker().recipe(), worker().splitSummary()]).then(
      ([r, split]) => {
        if (!live) return;
        accept(r);
        dispatch({ type: 'split-changed', split });
      },
      (e: unknown) => live && setLoadError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [schemaKey]); // eslint-disable-line react-hooks/exhaustive-deps

  const findings = useWorkerQuery(() => worker().qualityReport(), [schemaKey], dataset !== null);
  const version = recipe?.version ?? -1;
  const summary = useWorkerQuery(() => worker().cleanedSummary(), [version], recipe !== null);

  const run = async (call: () => Promise<RecipeOutcome>) => {
    setBusy(true);
    setRecipeError(null);
    try {
      const out = await call();
      if (out.ok) accept(out.state);
      else setRecipeError(out.error);
      // the split is redrawn on the new cleaned rows (same seed and fraction)
      if (out.ok && state.split) dispatch({ type: 'split-changed', split: await worker().splitSummary() });
    } catch (e) {
      setRecipeError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  const edit = (e: RecipeEdit) => void run(() => worker().editRecipe(e));
  const applyFix = (step: CleaningStep) => edit({ op: 'add', step });
  const recipeIds = useMemo(() => new Set(recipe?.steps.map((s) => s.id) ?? []), [recipe]);

  if (!dataset) {
    return (
      <section aria-labelledby="explore-title">
        <h2 id="explore-title">Clean and explore</h2>
        <p>Load a dataset first.</p>
        <button type="button" onClick={() => dispatch({ type: 'go', step: 'load' })}>
          Go to step 1 (Load)
        </button>
      </section>
    );
  }

  return (
    <section aria-labelledby="explore-title" className="explore">
      <h2 id="explore-title">Clean and explore</h2>
      <p className="muted">
        {dataset.name}: {dataset.rowCount.toLocaleString('en-US')} rows as loaded. Cleaning never changes the loaded data; the recipe is replayed on it,
        so any step can be switched off or removed again.
      </p>
      {loadError && <ErrorBox message={loadError} />}

      <QualityFindings findings={findings.data} loading={findings.loading} error={findings.error} recipeIds={recipeIds} busy={busy || !recipe} onApply={applyFix} />

      {recipeError && <ErrorBox message={`The recipe was not changed: ${recipeError}`} testId="recipe-error" onDismiss={() => setRecipeError(null)} />}
      {!recipe && !loadError && <Busy label="Preparing the data" />}
      {recipe && (
        <RecipeEditor
          recipe={recipe}
          busy={busy}
          onEdit={edit}
          onExport={() => worker().exportRecipe()}
          onImport={(json) => void run(() => worker().importRecipe(json))}
          datasetName={dataset.name}
        />
      )}
      {busy && <Busy label="Applying the recipe" testId="recipe-busy" />}

      {recipe && (
        <>
          <section aria-labelledby="summary-title" className="panel">
            <h3 id="summary-title">Summary of the cleaned data</h3>
            {summary.loading && <Busy label="Summarising" />}
            {summary.error && <ErrorBox message={summary.error} />}
            {summary.data && <SummaryTable summary={summary.data} />}
          </section>
          <DistributionCharts schema={recipe.schema} version={version} />
          <AssociationPanel schema={recipe.schema} version={version} />
          <SplitPanel
            split={state.split}
            onSplit={async (f, s) => {
              dispatch({ type: 'split-changed', split: await worker().makeSplit(f, s) });
            }}
            onTestFile={async (file) => {
              const out = await worker().testFileLoad(file, file.name);
              if (!out.ok) throw new Error(out.error);
              dispatch({ type: 'split-changed', split: out.split });
            }}
          />
        </>
      )}
    </section>
  );
}
