import type { ColumnTable } from 'arquero';
import type { FeatureMatrix } from '../features/feature-matrix.ts';
import type { FeatureSpec } from '../features/feature-spec.ts';
import { applyStandardEncoder, fitStandardEncoder, type StandardEncoderState } from '../features/standard-encoder.ts';
import { applyTreeEncoder, fitTreeEncoder, type TreeEncoderState } from '../features/tree-encoder.ts';
import { fitGbdtAsync, gbdtPredictProba, gbdtToJson, type GbdtJson, type GbdtModel } from '../models/gbdt/index.ts';
import { fitLogisticRegressionAsync, logisticPredictProba, type LogisticRegressionModel } from '../models/logistic-regression.ts';
import { fitNeuralNetwork, neuralPredictProba, type EpochLog, type NeuralNetworkModel } from '../models/neural-network.ts';
import type { ClassWeight } from '../models/sample-weights.ts';

/**
 * A fitted model together with the encoder fitted on its training rows, so it can score any table
 * with the same columns. Logistic regression and the neural network read the standard encoder
 * (standardised numbers, one-hot labels); the GBDT reads the tree encoder (raw numbers, codes).
 */
export type ModelKind = 'logistic' | 'gbdt' | 'neural';

export const MODEL_KINDS: readonly ModelKind[] = ['logistic', 'gbdt', 'neural'];

export const MODEL_LABELS: Record<ModelKind, string> = {
  logistic: 'Logistic regression',
  gbdt: 'Gradient-boosted trees',
  neural: 'Neural network (MLP)',
};

export type FittedRiskModel =
  | { kind: 'logistic'; features: FeatureSpec[]; encoder: StandardEncoderState; model: LogisticRegressionModel }
  | { kind: 'gbdt'; features: FeatureSpec[]; encoder: TreeEncoderState; model: GbdtModel }
  | { kind: 'neural'; features: FeatureSpec[]; encoder: StandardEncoderState; model: NeuralNetworkModel };

export interface ModelOptions {
  seed?: number;
  classWeight?: ClassWeight;
  /** logistic regression: inverse regularisation strength; default 1 */
  logisticC?: number;
  /** GBDT: boosting rounds at most; default 200 */
  gbdtRounds?: number;
  gbdtLearningRate?: number;
  /** neural network: passes over the data at most; default 40 */
  neuralEpochs?: number;
  neuralHiddenUnits?: number[];
}

export async function fitRiskModel(
  kind: ModelKind,
  table: ColumnTable,
  y: Uint8Array,
  features: FeatureSpec[],
  options: ModelOptions = {},
  onEpoch?: (e: EpochLog) => boolean | void | Promise<boolean | void>,
  /** called between chunks of the linear and tree fits (the network reports per epoch); may throw to cancel */
  checkpoint: () => Promise<void> | void = () => undefined,
): Promise<FittedRiskModel> {
  const classWeight = options.classWeight ?? null;
  const seed = options.seed ?? 0;
  if (kind === 'gbdt') {
    const encoder = fitTreeEncoder(table, features);
    const model = await fitGbdtAsync(
      applyTreeEncoder(encoder, table),
      y,
      { seed, classWeight, maxIter: options.gbdtRounds ?? 200, learningRate: options.gbdtLearningRate ?? 0.1 },
      checkpoint,
    );
    return { kind, features, encoder, model };
  }
  const encoder = fitStandardEncoder(table, features);
  await checkpoint();
  const x = applyStandardEncoder(encoder, table);
  await checkpoint();
  if (kind === 'logistic') {
    return { kind, features, encoder, model: await fitLogisticRegressionAsync(x, y, { C: options.logisticC ?? 1, classWeight }, checkpoint) };
  }
  const model = await fitNeuralNetwork(x, y, {
    seed,
    classWeight,
    maxEpochs: options.neuralEpochs ?? 40,
    hiddenUnits: options.neuralHiddenUnits ?? [64, 32],
    onEpoch,
  });
  return { kind, features, encoder, model };
}

/** The model's input matrix for a table (its encoder applied). */
export function encodeFor(fitted: FittedRiskModel, table: ColumnTable): FeatureMatrix {
  return fitted.kind === 'gbdt' ? applyTreeEncoder(fitted.encoder, table) : applyStandardEncoder(fitted.encoder, table);
}

/** For each matrix column, the input column it came from. */
export function matrixSources(fitted: FittedRiskModel): string[] {
  return fitted.encoder.outputSources;
}

export async function predictMatrix(fitted: FittedRiskModel, x: FeatureMatrix): Promise<Float64Array> {
  switch (fitted.kind) {
    case 'logistic':
      return logisticPredictProba(fitted.model, x);
    case 'gbdt':
      return gbdtPredictProba(fitted.model, x);
    case 'neural':
      return neuralPredictProba(fitted.model, x);
  }
}

/** P(positive) for every row of a table that has the model's input columns. */
export async function predictTable(fitted: FittedRiskModel, table: ColumnTable): Promise<Float64Array> {
  return predictMatrix(fitted, encodeFor(fitted, table));
}

export interface FittedRiskModelJson {
  kind: ModelKind;
  version: 1;
  features: FeatureSpec[];
  encoder: StandardEncoderState | TreeEncoderState;
  model: LogisticRegressionModel | GbdtJson | NeuralNetworkModel;
}

/** Plain JSON of the encoder and the model: everything needed to score again later. */
export function fittedModelToJson(fitted: FittedRiskModel): FittedRiskModelJson {
  return {
    kind: fitted.kind,
    version: 1,
    features: fitted.features,
    encoder: fitted.encoder,
    model: fitted.kind === 'gbdt' ? gbdtToJson(fitted.model) : fitted.model,
  };
}
