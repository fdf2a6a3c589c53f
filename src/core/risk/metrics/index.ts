export { linspace, countBelow, countAtOrBelow } from './linspace';
export { binaryCurve, type BinaryCurve } from './binaryCurve';
export { rocCurve, rocAuc, gini, ksStatistic, areaUnderRoc, type RocCurve } from './rocAuc';
export { prCurve, averagePrecision, type PrCurve } from './averagePrecision';
export { brierScore, logLoss } from './probabilityScores';
export {
  confusionMatrix,
  thresholdMetrics,
  metricsFromConfusion,
  precisionAt,
  recallAt,
  f1At,
  accuracyAt,
  type ConfusionMatrix,
  type ThresholdMetrics,
} from './thresholdMetrics';
export { calibrationBins, type Calibration, type CalibrationBin } from './calibration';
export { bootstrapAucInterval, type AucInterval, type BootstrapOptions } from './bootstrapAuc';
export {
  permutationImportance,
  type PermutationImportanceOptions,
  type PermutationImportanceResult,
  type FeatureImportance,
} from './permutationImportance';
export { scoreWarnings, constantScores, MIN_TEST_ROWS_PER_CLASS, type ScoreWarning, type ScoreWarningKind } from './score-warnings';
