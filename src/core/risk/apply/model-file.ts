import type { ColumnTable } from 'arquero';
import type { DatasetSchema } from '../../data/schema.ts';
import { isModelledRole } from '../../data/schema.ts';
import { parseRecipeJson, recipeToJson, type CleaningStep } from '../../data/clean/index.ts';
import { readLabelColumn, readNumericColumn, sortLabels } from '../features/column-values.ts';
import { quantileSorted } from '../../data/eda/quantile.ts';
import { gbdtFromJson } from '../models/gbdt/gbdt.ts';
import { parseLogisticRegression } from '../models/logistic-regression.ts';
import { neuralNetworkFromJson } from '../models/neural-network.ts';
import { encodeFor, fittedModelToJson, predictMatrix, type FittedRiskModel, type FittedRiskModelJson, type ModelKind } from '../workbench/fitted-model.ts';
import type { DerivedFeatureStep } from '../../data/derive/derived-features.ts';
import type { CutoffStrategy } from './cutoff.ts';
import { encodedMeans } from './explain.ts';
import { DEFAULT_SCALING, type ScorecardScaling } from './scorecard.ts';
import { categoricalReference, numericReference, type StabilityReference } from './stability.ts';

/**
 * A trained risk model as ONE self-contained JSON file: the fitted encoder and model, the training
 * schema (whose roles are applied to new files), the cleaning recipe and derived features (replayed
 * on them), the chosen cut-off and scorecard scaling, and a training reference (score and feature
 * distributions for PSI/CSI, the screening form's ranges, encoded means for the reasons), so a later
 * session scores, explains and monitors without the training data and without retraining.
 */
export const MODEL_FILE_FORMAT = 'synthcredit-risk-model';

export interface FormField {
  name: string;
  role: 'continuous' | 'categorical' | 'datetime';
  min?: number;
  max?: number;
  integer?: boolean;
  categories?: string[];
  /** a typical training value to start the form from: the median, or the most frequent label */
  typical?: string | number;
  /** datetime: some training value has a time of day (else a date-only input, the hour is not asked) */
  hasTime?: boolean;
  /** continuous clock time: seconds since midnight (a time input) */
  timeOfDay?: boolean;
}

export interface TrainingReference {
  trainRows: number;
  /** mean of each encoded column on the training rows */
  encodedMeans: number[];
  /** deciles of the training PDs */
  score: StabilityReference;
  /** one per model input column (after cleaning and derived features) */
  features: StabilityReference[];
  /** the raw input fields an applicant is described by (training schema, before cleaning) */
  form: FormField[];
}

export interface CutoffSetting {
  pd: number;
  strategy: CutoffStrategy;
}

export interface ApplyModelFile {
  format: typeof MODEL_FILE_FORMAT;
  version: 1;
  name: string;
  /** e.g. "Logistic regression · Real (TRTR)" */
  label: string;
  modelKind: ModelKind;
  savedAt: string;
  model: FittedRiskModelJson;
  derivedFeatures: DerivedFeatureStep[];
  schema: DatasetSchema;
  recipe: CleaningStep[];
  cutoff: CutoffSetting;
  scaling: ScorecardScaling;
  reference: TrainingReference;
}

/** A model file with its fitted model rebuilt (ready to score). */
export interface LoadedModel {
  file: ApplyModelFile;
  fitted: FittedRiskModel;
}

export function fittedModelFromJson(json: FittedRiskModelJson): FittedRiskModel {
  if (!json || json.version !== 1 || !Array.isArray(json.features) || !json.encoder || !json.model) throw new Error('model file: not a fitted risk model (version 1)');
  switch (json.kind) {
    case 'logistic':
      if (json.encoder.kind !== 'standard-encoder') throw new Error('model file: logistic regression needs the standard encoder');
      return { kind: 'logistic', features: json.features, encoder: json.encoder, model: parseLogisticRegression(json.model) };
    case 'gbdt':
      if (json.encoder.kind !== 'tree-encoder') throw new Error('model file: GBDT needs the tree encoder');
      return { kind: 'gbdt', features: json.features, encoder: json.encoder, model: gbdtFromJson(json.model) };
    case 'neural':
      if (json.encoder.kind !== 'standard-encoder') throw new Error('model file: the neural network needs the standard encoder');
      return { kind: 'neural', features: json.features, encoder: json.encoder, model: neuralNetworkFromJson(json.model) };
    default:
      throw new Error(`model file: unknown model kind "${String((json as { kind?: unknown }).kind)}"`);
  }
}

/** The raw schema columns an applicant is described by: modelled, not the target. */
export function formFields(schema: DatasetSchema, source: ColumnTable | null): FormField[] {
  const have = new Set(source?.columnNames() ?? []);
  return schema.columns
    .filter((c) => isModelledRole(c.role) && c.name !== schema.target)
    .map((c): FormField => {
      const role = c.role as FormField['role'];
      if (!source || !have.has(c.name)) return { name: c.name, role };
      if (role === 'categorical') {
        const labels = readLabelColumn(source, c.name).filter((l): l is string => l !== null);
        const counts = new Map<string, number>();
        for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
        let typical: string | undefined;
        for (const [l, k] of counts) if (typical === undefined || k > counts.get(typical)!) typical = l;
        return { name: c.name, role, categories: sortLabels(counts.keys()), ...(typical !== undefined ? { typical } : {}) };
      }
      const v = readNumericColumn(source, c.name);
      let min = Infinity;
      let max = -Infinity;
      for (let i = 0; i < v.length; i++) {
        if (v[i] < min) min = v[i];
        if (v[i] > max) max = v[i];
      }
      const sorted = Float64Array.from(Array.from(v).filter((x) => x === x)).sort();
      const typical = sorted.length ? quantileSorted(sorted, 0.5) : undefined;
      const extra: Partial<FormField> = {};
      if (role === 'datetime') extra.hasTime = sorted.some((x) => x % 86_400_000 !== 0);
      if (c.timeOfDay) extra.timeOfDay = true;
      return { name: c.name, role, integer: c.integer, ...extra, ...(min <= max ? { min, max } : {}), ...(typical !== undefined ? { typical: c.integer ? Math.round(typical) : typical } : {}) };
    });
}

/**
 * The training reference of a fitted model. `train` is the cleaned training table with the derived
 * features (what the model was fitted on); `source` the typed table before cleaning (form ranges).
 */
export async function trainingReference(fitted: FittedRiskModel, train: ColumnTable, schema: DatasetSchema, source: ColumnTable | null): Promise<TrainingReference> {
  const x = encodeFor(fitted, train);
  const pd = await predictMatrix(fitted, x);
  return {
    trainRows: train.numRows(),
    encodedMeans: encodedMeans(x),
    score: numericReference('score (PD)', pd),
    features: fitted.features.map((f) =>
      f.kind === 'numeric' ? numericReference(f.name, readNumericColumn(train, f.name)) : categoricalReference(f.name, readLabelColumn(train, f.name)),
    ),
    form: formFields(schema, source),
  };
}

export function makeModelFile(parts: Omit<ApplyModelFile, 'format' | 'version' | 'model' | 'modelKind' | 'savedAt' | 'scaling'> & { fitted: FittedRiskModel; scaling?: ScorecardScaling }): ApplyModelFile {
  const { fitted, scaling, ...rest } = parts;
  return {
    format: MODEL_FILE_FORMAT,
    version: 1,
    ...rest,
    modelKind: fitted.kind,
    savedAt: new Date().toISOString(),
    model: fittedModelToJson(fitted),
    scaling: scaling ?? DEFAULT_SCALING,
  };
}

export function modelFileToJson(file: ApplyModelFile): string {
  return JSON.stringify(file);
}

/** Parses and checks a model file; the recipe goes through the recipe validator. */
export function parseModelFile(text: string): LoadedModel {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('This is not a model file: it is not valid JSON.');
  }
  const f = json as Partial<ApplyModelFile> | null;
  if (!f || typeof f !== 'object' || f.format !== MODEL_FILE_FORMAT) throw new Error('This is not a SynthCredit risk-model file (its "format" field is missing or different).');
  if (f.version !== 1) throw new Error(`Unsupported model file version ${String(f.version)} (this version reads 1).`);
  if (!f.schema || !Array.isArray(f.schema.columns)) throw new Error('model file: the training schema is missing.');
  if (!f.reference || !Array.isArray(f.reference.encodedMeans) || !f.reference.score || !Array.isArray(f.reference.features)) throw new Error('model file: the training reference is missing.');
  if (!f.cutoff || typeof f.cutoff.pd !== 'number') throw new Error('model file: the cut-off is missing.');
  if (f.recipe !== undefined && !Array.isArray(f.recipe)) throw new Error('model file: the recipe is not a list of steps.');
  const recipe = parseRecipeJson(recipeToJson(f.recipe ?? []));
  const fitted = fittedModelFromJson(f.model as FittedRiskModelJson);
  if (f.reference.encodedMeans.length !== fitted.encoder.outputNames.length) throw new Error('model file: the training reference does not fit the model.');
  const file: ApplyModelFile = {
    ...(f as ApplyModelFile),
    recipe,
    derivedFeatures: f.derivedFeatures ?? [],
    scaling: f.scaling ?? DEFAULT_SCALING,
    name: String(f.name ?? 'imported model'),
    label: String(f.label ?? f.name ?? 'imported model'),
  };
  return { file, fitted };
}
