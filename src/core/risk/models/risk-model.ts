import type { FeatureMatrix } from '../features/feature-matrix.ts';
import {
  gbdtContributions,
  gbdtFromJson,
  gbdtPredictProba,
  gbdtToJson,
  type GbdtJson,
  type GbdtModel,
} from './gbdt/gbdt.ts';
import {
  logisticContributions,
  logisticPredictProba,
  parseLogisticRegression,
  type LogisticRegressionModel,
} from './logistic-regression.ts';

/**
 * One entry point over the fitted risk models, so the worker and the UI can score, explain and
 * store a model without caring which kind it is.
 */
export type RiskModel = LogisticRegressionModel | GbdtModel;
export type RiskModelJson = LogisticRegressionModel | GbdtJson;

/** P(y = 1) per row. */
export function predictProba(model: RiskModel, x: FeatureMatrix): Float64Array {
  return model.kind === 'gbdt' ? gbdtPredictProba(model, x) : logisticPredictProba(model, x);
}

/**
 * Additive explanation of one row's log-odds: base + Σ contributions = log-odds.
 * Logistic: base = intercept, contributions w_j·x_j. GBDT: Saabas path attributions,
 * base = baseScore + Σ tree root values.
 */
export function explainRow(model: RiskModel, x: FeatureMatrix, row: number): { base: number; contributions: Float64Array } {
  if (model.kind === 'gbdt') {
    const { bias, contributions } = gbdtContributions(model, x, row);
    return { base: bias, contributions };
  }
  const { intercept, contributions } = logisticContributions(model, x, row);
  return { base: intercept, contributions };
}

export function riskModelToJson(model: RiskModel): RiskModelJson {
  return model.kind === 'gbdt' ? gbdtToJson(model) : model;
}

export function riskModelFromJson(json: unknown): RiskModel {
  const kind = (json as { kind?: unknown } | null)?.kind;
  if (kind === 'gbdt') return gbdtFromJson(json);
  if (kind === 'logistic-regression') return parseLogisticRegression(json);
  throw new Error(`unknown risk model kind: ${String(kind)}`);
}
