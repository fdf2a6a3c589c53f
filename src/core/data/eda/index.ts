export { summarize, summarizeColumn, summarizeNumeric, summarizeCategorical, sampleSkew, moments } from './summarize.ts';
export type { ColumnSummary, NumericSummary, CategoricalSummary, CategoryCount, SummarizeOptions } from './summarize.ts';
export { histogramWithTargetRate, targetBalance } from './histogram.ts';
export type { Histogram, HistogramBin, HistogramOptions, TargetBalance } from './histogram.ts';
export { associationMatrix, pearson, cramersV, correlationRatio } from './association.ts';
export type { AssociationCell, AssociationMatrix, AssociationMeasure, AssociationOptions } from './association.ts';
export { sampleRowsForDrawing, sampleIndices } from './sample.ts';
export { quantileSorted, iqrBounds } from './quantile.ts';
