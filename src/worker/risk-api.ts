/**
 * Risk models in the worker (steps 6 and 7): train logistic regression, GBDT and the MLP on real,
 * synthetic or combined rows, judge each on the real test split, and keep the results for the
 * comparison table, the charts, the CSV export and scoring new rows. Spread into the worker API
 * (`...createRiskApi(prepared)` in api.ts), so every method name starts with `risk`.
 */
import { derivedStepSources } from '../core/data/derive/derived-features.ts';
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import type { PreparedData, SplitSummary } from './prepared-data';
import { getSyntheticInfo, getSyntheticTable } from './synthetic-registry';
import { projectHooks } from './project-api';
import { checkProvenance, type ProvenanceCheck } from './provenance';
import type { DatasetSchema } from '../core/data/schema';
import { fittedModelFromJson } from '../core/risk/apply/model-file';
import { wideCategories, type WideCategory } from '../core/risk/features/wide-categories';
import type { FittedRiskModelJson } from '../core/risk/workbench/fitted-model';
import {
  applyDerivedFeatures,
  comparisonCsv,
  comparisonRows,
  fittedModelToJson,
  MODE_LABELS,
  MODEL_LABELS,
  modeNeedsSynthetic,
  predictTable,
  RiskTrainingCancelled,
  suggestDerivedFeatures,
  trainAndEvaluate,
  workbenchFeatures,
  type ComparisonRow,
  type DerivedFeatureStep,
  type FittedRiskModel,
  type ModelKind,
  type RiskResult,
  type TrainingMode,
  type WorkbenchOptions,
  type WorkbenchStage,
} from '../core/risk/workbench';

export interface RiskStatus {
  /** null when training can start; otherwise what the user must do first */
  problem: string | null;
  datasetRows: number;
  target: string | null;
  positiveLabel: string | null;
  split: SplitSummary | null;
  /** the input columns a model would use */
  features: string[];
  synthetic: {
    available: boolean;
    rows: number;
    source: string | null;
    reason: string | null;
    /** whether it was trained on the split in use now; on 'mismatch' the synthetic modes are refused */
    check: ProvenanceCheck | null;
  };
  derivedFeatures: DerivedFeatureStep[];
  /** categorical inputs with more labels than the linear models keep (the rest become "(other)") */
  wideCategories: WideCategory[];
  /** earlier results were dropped because the cleaned data or the split changed */
  resultsCleared: boolean;
  training: boolean;
}

export interface RiskTrainRequest {
  models: ModelKind[];
  modes: TrainingMode[];
  options: WorkbenchOptions;
  /** add the suggested derived features (hour, weekday, distance) before training */
  derivedFeatures?: boolean;
}

export interface RiskTrainProgress {
  /** 1-based index of the experiment running */
  run: number;
  runs: number;
  label: string;
  stage: WorkbenchStage;
  /** 0..1 over all experiments */
  fraction: number;
  detail: string;
}

export interface RiskResultSummary {
  id: string;
  label: string;
  model: ModelKind;
  mode: TrainingMode;
  rocAuc: number;
  trainingRows: number;
  seconds: number;
}

export interface RiskTrainOutcome {
  cancelled: boolean;
  /** ids of the results this call added */
  added: string[];
  errors: { label: string; message: string }[];
}

interface Stored {
  id: string;
  result: RiskResult;
  fitted: FittedRiskModel;
  derived: DerivedFeatureStep[];
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function createRiskApi(prepared: PreparedData) {
  let results: Stored[] = [];
  let resultsKey: string | null = null;
  let resultsCleared = false;
  let counter = 0;
  let stopRequested = false;
  let training = false;

  /** identity of the data the results were judged on: the cleaned table's version and the split */
  const dataKey = (): string | null => {
    try {
      const p = prepared.provenance();
      if (!p) return null;
      return `${p.datasetFingerprint}|${p.recipeVersion}|${p.split.mode}|${p.split.trainHash}|${p.split.testFile?.fingerprint ?? ''}|${p.split.testRows}`;
    } catch {
      return null;
    }
  };

  /** Whether the synthetic table was trained on the split in use now. */
  const syntheticCheck = (): ProvenanceCheck | null => {
    if (!getSyntheticTable()) return null;
    let now = null;
    try {
      now = prepared.provenance();
    } catch {
      now = null;
    }
    return checkProvenance(getSyntheticInfo()?.trainedOn, now);
  };

  const syncResults = (): void => {
    const key = dataKey();
    if (results.length > 0 && key !== resultsKey) {
      results = [];
      resultsCleared = true;
    }
    resultsKey = key;
  };

  // after a reload the project store hands back the models of the last session, judged on the same split
  projectHooks.attachRisk((models) => {
    const restored: Stored[] = [];
    for (const m of models) {
      if (!m.result) continue;
      restored.push({ id: m.id, result: m.result as RiskResult, fitted: fittedModelFromJson(m.fitted as FittedRiskModelJson), derived: m.derived as DerivedFeatureStep[] });
    }
    results = restored;
    resultsKey = dataKey();
    resultsCleared = false;
    counter = Math.max(counter, ...restored.map((r) => Number(r.id.slice(1)) || 0));
    return restored.length;
  });

  const syntheticStatus = (schema: DatasetSchema | null): RiskStatus['synthetic'] => {
    const table = getSyntheticTable();
    if (!table) return { available: false, rows: 0, source: null, reason: 'No synthetic data yet: train the GAN and generate rows first (steps 3 and 4).', check: null };
    const info = getSyntheticInfo();
    const check = syntheticCheck();
    if (schema?.target && !table.columnNames().includes(schema.target)) {
      return { available: false, rows: table.numRows(), source: info?.source ?? null, reason: `The synthetic table has no "${schema.target}" column.`, check };
    }
    if (check?.state === 'mismatch') return { available: false, rows: table.numRows(), source: info?.source ?? null, reason: check.message, check };
    return { available: true, rows: table.numRows(), source: info?.source ?? null, reason: null, check };
  };

  const summarize = (s: Stored): RiskResultSummary => ({
    id: s.id,
    label: s.result.label,
    model: s.result.model,
    mode: s.result.mode,
    rocAuc: s.result.evaluation.rocAuc,
    trainingRows: s.result.training.rows,
    seconds: s.result.training.seconds,
  });

  const find = (id: string): Stored => {
    syncResults();
    const s = results.find((r) => r.id === id);
    if (!s) throw new Error(`No risk model result "${id}" (the data or split may have changed since)`);
    return s;
  };

  return {
    riskStatus(): RiskStatus {
      syncResults();
      let schema: DatasetSchema | null = null;
      let table: ColumnTable | null = null;
      let problem: string | null = null;
      try {
        const c = prepared.cleaned();
        schema = c.schema;
        table = c.table;
      } catch {
        problem = 'Load a dataset first (step 1).';
      }
      const split = schema ? prepared.splitSummary() : null;
      if (!problem && schema && !schema.target) problem = 'Choose the target column (what to predict, e.g. default or fraud) in step 1.';
      if (!problem && !split) problem = 'No train/test split yet. Make one (step 2), or use the default split: 80 % train, 20 % test, stratified, seed 42.';
      if (!problem && split && (split.test.positives === 0 || split.test.positives === split.test.targetKnown)) {
        problem = 'The test split holds only one class of the target; make a split with a larger test part.';
      }
      const specs = schema && table ? workbenchFeatures(schema, table, table) : [];
      const features = specs.map((f) => f.name);
      if (!problem && features.length === 0) problem = 'No input columns: every column is the target, an identifier or text.';
      const cleared = resultsCleared;
      resultsCleared = false;
      return {
        problem,
        datasetRows: table?.numRows() ?? 0,
        target: schema?.target ?? null,
        positiveLabel: schema?.positiveLabel ?? null,
        split,
        features,
        synthetic: syntheticStatus(schema),
        derivedFeatures: schema ? suggestDerivedFeatures(schema, table ?? undefined) : [],
        wideCategories: table ? wideCategories(table, specs) : [],
        resultsCleared: cleared,
        training,
      };
    },

    /** The default split (20 % test, stratified, seed 42) when none has been made. */
    riskMakeDefaultSplit(): SplitSummary {
      return prepared.splitSummary() ?? prepared.makeSplit(0.2, 42);
    },

    async riskTrain(request: RiskTrainRequest, onProgress?: (p: RiskTrainProgress) => void): Promise<RiskTrainOutcome> {
      if (training) throw new Error('Risk models are already training; cancel first or wait.');
      training = true;
      stopRequested = false;
      const outcome: RiskTrainOutcome = { cancelled: false, added: [], errors: [] };
      try {
        syncResults();
        const cleaned = prepared.cleaned();
        let schema = cleaned.schema;
        let train = prepared.trainTable();
        let test = prepared.testTable();
        let synthetic = getSyntheticTable();
        // a synthetic table trained on another split is never judged on this one (its training rows may be test rows now)
        const check = syntheticCheck();
        const syntheticRefusal = check?.state === 'mismatch' ? check.message : null;
        if (syntheticRefusal) synthetic = null;
        let derived: DerivedFeatureStep[] = [];
        if (request.derivedFeatures) {
          derived = suggestDerivedFeatures(schema, train);
          const base = schema;
          ({ table: train, schema } = applyDerivedFeatures(train, base, derived));
          test = applyDerivedFeatures(test, base, derived).table;
          if (synthetic) {
            try {
              synthetic = applyDerivedFeatures(synthetic, base, derived).table;
            } catch {
              // a synthetic table without the source columns cannot take the derived ones; modes needing it report that
            }
          }
        }
        const runs: { model: ModelKind; mode: TrainingMode }[] = [];
        for (const mode of request.modes) for (const model of request.models) runs.push({ model, mode });
        let lastPost = 0;
        for (let k = 0; k < runs.length; k++) {
          const { model, mode } = runs[k];
          const label = `${MODEL_LABELS[model]} · ${MODE_LABELS[mode]}`;
          if (stopRequested) {
            outcome.cancelled = true;
            break;
          }
          if (modeNeedsSynthetic(mode) && !synthetic) {
            outcome.errors.push({ label, message: syntheticRefusal ?? 'No synthetic data yet: train the GAN and generate rows first.' });
            continue;
          }
          try {
            const { result, fitted } = await trainAndEvaluate({
              model,
              mode,
              train,
              test,
              synthetic,
              schema,
              options: request.options,
              shouldStop: () => stopRequested,
              onProgress: (p) => {
                const now = performance.now();
                if (now - lastPost < 100 && p.stage !== 'done') return;
                lastPost = now;
                onProgress?.({ run: k + 1, runs: runs.length, label, stage: p.stage, fraction: (k + p.fraction) / runs.length, detail: p.detail });
              },
            });
            const id = `r${++counter}`;
            results.push({ id, result, fitted, derived });
            projectHooks.riskModel({ id, label: result.label, model: result.model, mode: result.mode, rocAuc: result.evaluation.rocAuc, fitted: fittedModelToJson(fitted), derived, result });
            outcome.added.push(id);
          } catch (e) {
            if (e instanceof RiskTrainingCancelled) {
              outcome.cancelled = true;
              break;
            }
            outcome.errors.push({ label, message: message(e) });
          }
        }
      } finally {
        training = false;
        stopRequested = false;
      }
      return outcome;
    },

    /** Stops training at the next check (after the current epoch or fitting step). */
    riskCancel(): void {
      if (training) stopRequested = true;
    },

    riskResults(): RiskResultSummary[] {
      syncResults();
      return results.map(summarize);
    },

    /** Everything about one result: metrics, curves, calibration, score histogram, importance. */
    riskResult(id: string): RiskResult {
      return find(id).result;
    },

    riskComparison(): ComparisonRow[] {
      syncResults();
      return comparisonRows(results);
    },

    riskComparisonCsv(): string {
      syncResults();
      return comparisonCsv(comparisonRows(results));
    },

    riskClearResults(): void {
      results = [];
    },

    /** The fitted encoder and model as JSON (to save or to score elsewhere). */
    riskModelJson(id: string): string {
      const s = find(id);
      return JSON.stringify({ ...fittedModelToJson(s.fitted), derivedFeatures: s.derived });
    },

    /**
     * P(positive) for rows given as objects in the typed convention (numbers for continuous and
     * datetime columns, strings for labels); absent or null values count as missing.
     */
    async riskPredict(id: string, rows: Record<string, unknown>[]): Promise<number[]> {
      const s = find(id);
      const names = s.fitted.features.map((f) => f.name);
      const sources = new Set(names);
      for (const step of s.derived) {
        derivedStepSources(step).forEach((c) => sources.add(c));
      }
      const data: Record<string, unknown[]> = {};
      for (const n of sources) data[n] = rows.map((r) => r[n] ?? null);
      let table = aq.table(data);
      if (s.derived.length > 0) {
        const schema: DatasetSchema = { columns: [], target: null, positiveLabel: null, rowCount: rows.length };
        table = applyDerivedFeatures(table, schema, s.derived).table;
      }
      return Array.from(await predictTable(s.fitted, table));
    },

    /** Scores of one model on the real test split (for the Apply step and custom thresholds). */
    async riskPredictTest(id: string): Promise<number[]> {
      const s = find(id);
      let test = prepared.testTable();
      if (s.derived.length > 0) test = applyDerivedFeatures(test, prepared.cleaned().schema, s.derived).table;
      return Array.from(await predictTable(s.fitted, test));
    },
  };
}

export type RiskApi = ReturnType<typeof createRiskApi>;
