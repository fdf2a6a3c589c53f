/**
 * Cleaning steps: plain JSON-serialisable objects, so a recipe can be shown, edited, exported and
 * replayed on new data. Every step names its columns; statistics a step needs (means, percentile
 * bounds, rare-category shares) are computed from the table it is applied to, not stored.
 */
import type { ColumnRole } from '../schema.ts';
import { derivedStepOutputs, derivedStepSources, type DerivedFeatureStep } from '../derive/derived-features.ts';

interface StepBase {
  /** stable id within a recipe (for editing and for naming the step in errors) */
  id: string;
  enabled: boolean;
  /** optional human note, e.g. which finding proposed the step */
  note?: string;
}

/** Drop rows with a missing value in any of `columns` (null = in any column). */
export interface DropMissingStep extends StepBase {
  kind: 'dropMissing';
  columns: string[] | null;
}

export type ImputeMethod = 'mean' | 'median' | 'mode' | 'constant';

/**
 * Fill missing cells. mean/median only for numeric columns; mode for any; constant takes `value`
 * (a number for numeric columns, a string label otherwise). With `addIndicator`, a categorical
 * column `indicatorName` (default `<column>_was_missing`) holds "1" where the value was filled, else "0".
 */
export interface ImputeStep extends StepBase {
  kind: 'impute';
  column: string;
  method: ImputeMethod;
  value?: number | string;
  addIndicator: boolean;
  indicatorName?: string;
}

/**
 * Winsorise a numeric column: values beyond the bounds are set to the bounds.
 * Bounds are computed when the step is applied, from that table's values:
 * 'percentile' uses quantiles `lower`/`upper` in [0, 1] (default 0.01/0.99);
 * 'iqr' uses [q1 − k·IQR, q3 + k·IQR] with k = `iqrMultiplier` (default 1.5).
 */
export interface CapOutliersStep extends StepBase {
  kind: 'capOutliers';
  column: string;
  method: 'percentile' | 'iqr';
  lower?: number;
  upper?: number;
  iqrMultiplier?: number;
  /** which side(s) to cap (default both) */
  sides?: 'both' | 'lower' | 'upper';
}

/** Fixed numeric bounds (impossible ages, negative amounts): clamp, blank, or drop out-of-range values. */
export interface EnforceRangeStep extends StepBase {
  kind: 'enforceRange';
  column: string;
  min: number | null;
  max: number | null;
  action: 'clamp' | 'setMissing' | 'dropRows';
}

/** Explicit label mapping for a categorical column; a null target makes the value missing. Unlisted labels stay. */
export interface RemapCategoriesStep extends StepBase {
  kind: 'remapCategories';
  column: string;
  mapping: Record<string, string | null>;
}

/** Labels whose share of non-missing rows is below `minShare` become `otherLabel` (shares computed when applied). */
export interface MergeRareCategoriesStep extends StepBase {
  kind: 'mergeRareCategories';
  column: string;
  minShare: number;
  otherLabel: string;
}

/** Trim whitespace (and collapse inner runs of it) and/or case-fold text labels; empty results become missing. */
export interface NormalizeTextStep extends StepBase {
  kind: 'normalizeText';
  columns: string[];
  trim: boolean;
  caseFold: 'none' | 'lower' | 'upper';
}

/**
 * Parse a text column into epoch ms (UTC) with `parseDatetime` in `format` (null = detect it from the
 * values), and make the column's role 'datetime'. Unparseable values become missing.
 */
export interface ParseDatesStep extends StepBase {
  kind: 'parseDates';
  column: string;
  format: string | null;
}

/**
 * Read numbers that exports write with a currency sign (`$134.09`, `$-99.00`, `-$5`), thousands
 * separators, a percent sign or parentheses for negatives, or clock times (`HH:MM[:SS]`, as seconds
 * since midnight) when every value is one; the column becomes continuous. With `percentAsFraction`
 * `12.5%` is 0.125 (else 12.5, the number as written). Text that is none of these becomes missing.
 */
export interface ParseNumbersStep extends StepBase {
  kind: 'parseNumbers';
  column: string;
  percentAsFraction?: boolean;
}

/**
 * Join date parts spread over columns into one datetime (epoch ms, UTC): `year` (4 or 2 digits),
 * `month` (1-12 or a name such as Jan), `day` (null: the 1st), `time` (null: midnight; a clock
 * time, seconds since midnight of a time-of-day column, or an hour 0-23). Rows with a part missing
 * or no such date (Feb 30) get a missing value. With `dropParts` the part columns are removed.
 */
export interface JoinDatePartsStep extends StepBase {
  kind: 'joinDateParts';
  year: string;
  month: string;
  day: string | null;
  time: string | null;
  output: string;
  dropParts: boolean;
}

/**
 * Build a customer key column `output` (an identifier) from `columns` that together name one
 * customer, when a spreadsheet destroyed the file's own key (key-step.ts): rows with the same
 * values in all of them get the same key; a row with one of them missing gets none.
 */
export interface BuildKeyStep extends StepBase {
  kind: 'buildKey';
  columns: string[];
  output: string;
}

/** Drop repeated rows, comparing `columns` (null = all columns); the first occurrence stays. */
export interface DropDuplicatesStep extends StepBase {
  kind: 'dropDuplicates';
  columns: string[] | null;
}

export interface DropColumnsStep extends StepBase {
  kind: 'dropColumns';
  columns: string[];
}

export interface RenameColumnStep extends StepBase {
  kind: 'renameColumn';
  from: string;
  to: string;
}

/**
 * Fix a column's role and convert its values to that role's representation: numbers for
 * continuous/datetime (text that does not parse becomes missing; datetime uses `datetimeFormat`),
 * canonical labels for categorical/identifier/text.
 */
export interface SetRoleStep extends StepBase {
  kind: 'setRole';
  column: string;
  role: ColumnRole;
  datetimeFormat?: string;
}

/** Add derived columns: hour and weekday of a datetime, customer–merchant distance (fraud features). */
export interface DeriveFeaturesStep extends StepBase {
  kind: 'deriveFeatures';
  features: DerivedFeatureStep[];
}

export type CleaningStep =
  | DeriveFeaturesStep
  | ParseNumbersStep
  | JoinDatePartsStep
  | BuildKeyStep
  | DropMissingStep
  | ImputeStep
  | CapOutliersStep
  | EnforceRangeStep
  | RemapCategoriesStep
  | MergeRareCategoriesStep
  | NormalizeTextStep
  | ParseDatesStep
  | DropDuplicatesStep
  | DropColumnsStep
  | RenameColumnStep
  | SetRoleStep;

export type CleaningStepKind = CleaningStep['kind'];

export const CLEANING_STEP_KINDS: readonly CleaningStepKind[] = [
  'dropMissing',
  'impute',
  'capOutliers',
  'enforceRange',
  'remapCategories',
  'mergeRareCategories',
  'normalizeText',
  'parseDates',
  'dropDuplicates',
  'dropColumns',
  'renameColumn',
  'setRole',
  'deriveFeatures',
  'parseNumbers',
  'joinDateParts',
  'buildKey',
];

/** Columns a step reads from its input table (used to report missing columns before replaying). */
export function stepInputColumns(step: CleaningStep): string[] {
  switch (step.kind) {
    case 'dropMissing':
    case 'dropDuplicates':
      return step.columns ?? [];
    case 'normalizeText':
    case 'dropColumns':
    case 'buildKey':
      return step.columns;
    case 'renameColumn':
      return [step.from];
    case 'joinDateParts':
      return [step.year, step.month, step.day, step.time].filter((c): c is string => c !== null);
    case 'deriveFeatures':
      return step.features.flatMap(derivedStepSources);
    default:
      return [step.column];
  }
}

/** Columns a step creates (so later steps may read them in a replay). */
export function stepOutputColumns(step: CleaningStep): string[] {
  if (step.kind === 'renameColumn') return [step.to];
  if (step.kind === 'impute' && step.addIndicator) return [indicatorColumnName(step)];
  if (step.kind === 'deriveFeatures') return step.features.flatMap(derivedStepOutputs);
  if (step.kind === 'joinDateParts' || step.kind === 'buildKey') return [step.output];
  return [];
}

export function stepRemovedColumns(step: CleaningStep): string[] {
  if (step.kind === 'renameColumn') return [step.from];
  if (step.kind === 'dropColumns') return step.columns;
  if (step.kind === 'joinDateParts' && step.dropParts) return stepInputColumns(step).filter((c) => c !== step.output);
  return [];
}

export function indicatorColumnName(step: ImputeStep): string {
  return step.indicatorName ?? `${step.column}_was_missing`;
}
