export * from './steps.ts';
export { applyStep, applyRecipe, missingRecipeColumns, CleaningError } from './apply-step.ts';
export type { StepReport, StepResult, RecipeResult } from './apply-step.ts';
export * from './recipe.ts';
export { dataQualityReport, columnQualitySummary } from './quality.ts';
export type { QualityFinding, QualityKind, Severity, ColumnQuality, QualityOptions } from './quality.ts';
export { analyseRareCodes } from './rare-codes.ts';
export type { RareCodeAnalysis, FlaggedCode } from './rare-codes.ts';
