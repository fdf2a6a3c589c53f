import type { ColumnTable } from 'arquero';
import type { DatasetSchema } from '../../data/schema.ts';
import { featureSpecsFromSchema, type FeatureSpec } from '../features/feature-spec.ts';
import { encodeFor, fitRiskModel, matrixSources, predictMatrix, type FittedRiskModel, type ModelKind, type ModelOptions, MODEL_LABELS } from './fitted-model.ts';
import { cappedCategoryNotes } from '../features/standard-encoder.ts';
import { composeTrainingData, MODE_LABELS, type CompositionOptions, type TrainingMode } from './training-data.ts';
import { evaluateScores, type Evaluation } from './evaluation.ts';
import { permutationImportanceByColumn, type ImportanceResult } from './importance.ts';
import { binaryTarget } from './target.ts';
import { takeTableRows } from './table-rows.ts';
import { suggestCutoff, type CutoffSuggestion } from '../apply/cutoff-suggestion.ts';

/**
 * One experiment of the risk workbench: compose the training rows for a mode, fit one model, and
 * judge it on the REAL test split (never on synthetic rows), with permutation importance.
 */
export interface WorkbenchOptions extends ModelOptions, CompositionOptions {
  /**
   * decision threshold for accuracy, precision, recall, F1 and the confusion matrix; default: the
   * suggested cut-off (from the real target rate, the share the model was trained on and the default
   * cost ratio; see cutoff-suggestion.ts)
   */
  threshold?: number;
  /** default 1000 */
  bootstrapReplicates?: number;
  /** compute permutation importance; default true */
  importance?: boolean;
  /** default 3 */
  importanceRepeats?: number;
  /** default 2000 */
  importanceRows?: number;
}

export type WorkbenchStage = 'preparing' | 'training' | 'evaluating' | 'importance' | 'done';

export interface WorkbenchProgress {
  stage: WorkbenchStage;
  /** 0..1 over the whole experiment */
  fraction: number;
  detail: string;
}

export interface TrainAndEvaluateRequest {
  model: ModelKind;
  mode: TrainingMode;
  /** the real training split (typed table) */
  train: ColumnTable;
  synthetic?: ColumnTable | null;
  /** the real held-out split */
  test: ColumnTable;
  schema: DatasetSchema;
  options?: WorkbenchOptions;
  onProgress?: (p: WorkbenchProgress) => void;
  /** polled between steps and epochs; true abandons the run with RiskTrainingCancelled */
  shouldStop?: () => boolean;
}

export interface RiskResult {
  model: ModelKind;
  mode: TrainingMode;
  /** e.g. "Gradient-boosted trees · Real (TRTR)" */
  label: string;
  options: WorkbenchOptions;
  features: string[];
  training: {
    rows: number;
    realRows: number;
    syntheticRows: number;
    positives: number;
    seconds: number;
    /** what the fit did, in words (rounds kept, epochs, convergence) */
    detail: string;
    notes: string[];
  };
  evaluation: Evaluation;
  /** the cut-off suggested for this model (the default threshold and Apply's first cut-off); absent in older saves */
  cutoff?: CutoffSuggestion;
  importance: ImportanceResult | null;
}

export class RiskTrainingCancelled extends Error {
  constructor() {
    super('Training was cancelled');
    this.name = 'RiskTrainingCancelled';
  }
}

/** Input columns: the schema's modelled columns (not the target) that both splits have. */
export function workbenchFeatures(schema: DatasetSchema, train: ColumnTable, test: ColumnTable): FeatureSpec[] {
  const have = new Set(train.columnNames());
  const haveTest = new Set(test.columnNames());
  return featureSpecsFromSchema(schema).filter((f) => have.has(f.name) && haveTest.has(f.name));
}

function fitDetail(fitted: FittedRiskModel): string {
  switch (fitted.kind) {
    case 'logistic':
      return `${fitted.model.coefficients.length} inputs, ${fitted.model.iterations} Newton steps${fitted.model.converged ? '' : ' (not converged)'}`;
    case 'gbdt':
      return `${fitted.model.training.bestRound} of ${fitted.model.training.roundsRun} rounds kept${fitted.model.training.stoppedEarly ? ' (early stopping)' : ''}`;
    case 'neural':
      return `${fitted.model.layers.map((l) => l.outDim).slice(0, -1).join('/')} hidden units, epoch ${fitted.model.training.bestEpoch} of ${fitted.model.training.epochsRun} kept`;
  }
}

export async function trainAndEvaluate(request: TrainAndEvaluateRequest): Promise<{ result: RiskResult; fitted: FittedRiskModel }> {
  const { model, mode, train, test, schema } = request;
  const options = request.options ?? {};
  const report = (stage: WorkbenchStage, fraction: number, detail: string) => request.onProgress?.({ stage, fraction, detail });
  // a macrotask pause lets a worker receive the cancel message between steps
  const checkpoint = async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (request.shouldStop?.()) throw new RiskTrainingCancelled();
  };
  const target = schema.target;
  if (!target) throw new Error('Choose a target column first (the Load step): risk models predict it.');
  const positiveLabel = schema.positiveLabel ?? '1';
  const features = workbenchFeatures(schema, train, test);
  if (features.length === 0) throw new Error('No input columns: every column is the target, an identifier or text.');
  const columns = [...features.map((f) => f.name), target];

  report('preparing', 0, 'Composing the training rows');
  await checkpoint();
  const started = performance.now();
  const data = composeTrainingData(mode, train, request.synthetic, columns, target, positiveLabel, options);
  if (data.positives === 0 || data.positives === data.y.length) {
    throw new Error(`The training rows (${MODE_LABELS[mode]}) hold only one class of "${target}"; a classifier needs both.`);
  }
  const testTarget = binaryTarget(test, target, positiveLabel);
  if (testTarget.positives === 0 || testTarget.positives === testTarget.y.length) {
    throw new Error('The real test split holds only one class of the target; make a split with more test rows.');
  }
  const testTable = takeTableRows(test, testTarget.rows, columns);

  report('training', 0.05, `Training ${MODEL_LABELS[model]} on ${data.y.length.toLocaleString('en-US')} rows`);
  await checkpoint();
  // chunks of the linear and tree fits: yield to the message loop only now and then (a macrotask
  // pause costs a few milliseconds in a browser), often enough that a Cancel is taken within a second
  let chunks = 0;
  let lastPause = performance.now();
  const fitted = await fitRiskModel(
    model,
    data.table,
    data.y,
    features,
    options,
    async (e) => {
      report('training', 0.05 + 0.65 * (e.epoch / e.maxEpochs), `Epoch ${e.epoch} of at most ${e.maxEpochs} · validation loss ${e.validationLoss.toFixed(4)}`);
      await checkpoint();
    },
    async () => {
      chunks++;
      if (request.shouldStop?.()) throw new RiskTrainingCancelled();
      const now = performance.now();
      if (now - lastPause < 50) return;
      lastPause = now;
      report('training', 0.05, `Training ${MODEL_LABELS[model]} on ${data.y.length.toLocaleString('en-US')} rows · step ${chunks}`);
      await checkpoint();
    },
  );
  if (fitted.kind !== 'gbdt') data.notes.push(...cappedCategoryNotes(fitted.encoder));
  const seconds = (performance.now() - started) / 1000;

  report('evaluating', 0.7, 'Scoring the real test split');
  await checkpoint();
  const xTest = encodeFor(fitted, testTable);
  const scores = await predictMatrix(fitted, xTest);
  const realTarget = binaryTarget(train, target, positiveLabel);
  const trainedRate = data.positives / data.y.length;
  const realRate = realTarget.positives / realTarget.y.length;
  const cutoff = suggestCutoff({
    // the real training rows decide the rate the cut-off is for; without both classes there, the training rows'
    targetRate: realRate > 0 && realRate < 1 ? realRate : trainedRate,
    modelRate: options.classWeight === 'balanced' ? 0.5 : trainedRate,
  });
  const evaluation = evaluateScores(testTarget.y, scores, {
    threshold: options.threshold ?? cutoff.pd,
    bootstrapReplicates: options.bootstrapReplicates ?? 1000,
    seed: options.seed ?? 0,
  });

  let importance: ImportanceResult | null = null;
  if (options.importance ?? true) {
    report('importance', 0.8, 'Permutation importance on the test split');
    const nFeatures = features.length;
    let calls = 0;
    const repeats = options.importanceRepeats ?? 3;
    importance = await permutationImportanceByColumn(xTest, matrixSources(fitted), testTarget.y, (x) => predictMatrix(fitted, x), {
      repeats,
      seed: options.seed ?? 0,
      maxRows: options.importanceRows ?? 2000,
      checkpoint: async () => {
        calls++;
        if (calls % 4 === 0) {
          report('importance', 0.8 + 0.2 * Math.min(1, calls / (1 + nFeatures * repeats)), 'Permutation importance on the test split');
          await checkpoint();
        }
      },
    });
  }
  report('done', 1, 'Done');
  return {
    fitted,
    result: {
      model,
      mode,
      label: `${MODEL_LABELS[model]} · ${MODE_LABELS[mode]}`,
      options,
      features: features.map((f) => f.name),
      training: {
        rows: data.y.length,
        realRows: data.realRows,
        syntheticRows: data.syntheticRows,
        positives: data.positives,
        seconds,
        detail: fitDetail(fitted),
        notes: data.notes,
      },
      evaluation,
      cutoff,
      importance,
    },
  };
}
