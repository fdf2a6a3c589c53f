export type { QualityKind, QualityColumn, Cell, ColumnData } from './types';
export { categoryKey } from './categoryKey';
export { ksComplement, ksStatisticSorted } from './ksComplement';
export { tvComplement, type TvComplementOptions } from './tvComplement';
export { pearson } from './pearson';
export { correlationSimilarity, type CorrelationSimilarity } from './correlationSimilarity';
export { histogramBinEdges, digitize, binContinuous } from './discretize';
export { contingencySimilarity, type ContingencyOptions } from './contingencySimilarity';
export { cramersV } from './cramersV';
export {
  qualityReport,
  nanMean,
  type QualityReport,
  type QualityReportOptions,
  type ColumnShapeScore,
  type PairTrendScore,
  type PairSubset,
} from './qualityReport';
export { summarizeContinuous, DEFAULT_QUANTILES, type ContinuousSummary } from './continuousSummary';
export { outOfRange, type OutOfRange } from './outOfRange';
export { categoryCoverage, type CategoryCoverage, type CategoryFrequency } from './categoryCoverage';
export { sideBySide, type ColumnComparison } from './sideBySide';
export * from './privacy/index';
