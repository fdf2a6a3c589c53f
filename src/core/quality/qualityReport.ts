import { encodeShared } from './categoryKey';
import { binnedCoded, discreteCoded, type CodedColumn } from './codedColumn';
import { contingencyFromCounts, type ContingencyOptions } from './contingencySimilarity';
import { correlationSimilarityNumeric } from './correlationSimilarity';
import { cramersVFromCounts } from './cramersV';
import { binContinuous } from './discretize';
import { jointCounts } from './jointCounts';
import { ksComplementNumeric } from './ksComplement';
import { toNumeric } from './numericColumn';
import { tvComplementCodes, type TvComplementOptions } from './tvComplement';
import type { ColumnData, QualityColumn, QualityKind } from './types';

export interface ColumnShapeScore {
  column: string;
  kind: QualityKind;
  metric: 'KSComplement' | 'TVComplement';
  /** NaN when the metric cannot be computed (a side with no values); left out of the mean */
  score: number;
}

export interface PairTrendScore {
  column1: string;
  column2: string;
  metric: 'CorrelationSimilarity' | 'ContingencySimilarity';
  score: number;
  /** CorrelationSimilarity pairs: Pearson r of the real and of the synthetic table */
  realCorrelation?: number;
  syntheticCorrelation?: number;
  /** ContingencySimilarity pairs: Cramér's V of the real table (continuous column binned) */
  realCramersV?: number;
}

export interface PairSubset {
  rule: string;
  /** mean pair score over the selected pairs (NaN when none) */
  columnPairTrends: number;
  /** mean of Column Shapes and this subset's Column Pair Trends */
  overall: number;
  nPairs: number;
}

export interface QualityReport {
  /** mean of the two property scores (not a mean over all columns and pairs) */
  overall: number;
  columnShapes: number;
  columnPairTrends: number;
  columns: ColumnShapeScore[];
  /** every unordered pair in column order (itertools.combinations) */
  pairs: PairTrendScore[];
  /** pairs with a real association worth keeping: |r| >= 0.3 or Cramér's V >= 0.3 */
  strongPairs: PairSubset;
  /** SDMetrics >= 0.27 default: only pairs with real |r| > 0.5 or Cramér's V > 0.3 enter Column Pair Trends */
  sdmetrics027: PairSubset;
}

export type QualityReportOptions = TvComplementOptions & ContingencyOptions;

/** numpy.nanmean: NaN when nothing is left. */
export function nanMean(values: number[]): number {
  let s = 0;
  let n = 0;
  for (const v of values) {
    if (!Number.isNaN(v)) {
      s += v;
      n++;
    }
  }
  return n === 0 ? NaN : s / n;
}

interface PreparedColumn {
  column: QualityColumn;
  /** continuous only: values with NaN for missing */
  realNumeric?: Float64Array;
  synthNumeric?: Float64Array;
  realCoded: CodedColumn;
  synthCoded: CodedColumn;
  /** discrete only: codes over the shared dictionary, -1 missing */
  realCodes?: Int32Array;
  synthCodes?: Int32Array;
  categories?: number;
}

function columnOf(table: ColumnData, name: string, which: string): ArrayLike<unknown> {
  const col = table[name];
  if (col === undefined) throw new Error(`the ${which} table has no column "${name}"`);
  return col;
}

function prepare(real: ColumnData, synthetic: ColumnData, column: QualityColumn): PreparedColumn {
  const r = columnOf(real, column.name, 'real') as ColumnData[string];
  const s = columnOf(synthetic, column.name, 'synthetic') as ColumnData[string];
  if (column.kind === 'continuous') {
    const realNumeric = toNumeric(r);
    const synthNumeric = toNumeric(s);
    return {
      column,
      realNumeric,
      synthNumeric,
      realCoded: binnedCoded(binContinuous(realNumeric).ids),
      synthCoded: binnedCoded(binContinuous(synthNumeric).ids),
    };
  }
  const { categories, codes } = encodeShared([r, s]);
  return {
    column,
    realCodes: codes[0],
    synthCodes: codes[1],
    categories: categories.length,
    realCoded: discreteCoded(codes[0], categories.length),
    synthCoded: discreteCoded(codes[1], categories.length),
  };
}

function subset(rule: string, pairs: PairTrendScore[], keep: (p: PairTrendScore) => boolean, columnShapes: number): PairSubset {
  const chosen = pairs.filter((p) => keep(p) && !Number.isNaN(p.score));
  const columnPairTrends = nanMean(chosen.map((p) => p.score));
  return { rule, columnPairTrends, overall: nanMean([columnShapes, columnPairTrends]), nPairs: chosen.length };
}

/**
 * The SDMetrics 0.17.1 single-table QualityReport over column arrays.
 *
 * - Column Shapes: KSComplement (continuous) or TVComplement (discrete) per column, then the mean.
 * - Column Pair Trends: every pair in column order; CorrelationSimilarity when both are continuous,
 *   otherwise ContingencySimilarity (continuous columns binned per table); then the mean.
 * - overall = mean of the two; NaN scores are left out of every mean.
 *
 * Only the named columns are read (SDMetrics would reject extra table columns; identifier and text
 * columns are simply not passed). Unlike SDMetrics >= 0.19, ContingencySimilarity uses every row
 * (no 50,000-row subsample), so the result is deterministic.
 */
export function qualityReport(
  real: ColumnData,
  synthetic: ColumnData,
  columns: QualityColumn[],
  options: QualityReportOptions = {},
): QualityReport {
  const prepared = columns.map((c) => prepare(real, synthetic, c));

  const columnScores: ColumnShapeScore[] = prepared.map((p) =>
    p.column.kind === 'continuous'
      ? {
          column: p.column.name,
          kind: p.column.kind,
          metric: 'KSComplement',
          score: ksComplementNumeric(p.realNumeric!, p.synthNumeric!),
        }
      : {
          column: p.column.name,
          kind: p.column.kind,
          metric: 'TVComplement',
          score: tvComplementCodes(p.realCodes!, p.synthCodes!, p.categories!, options),
        },
  );

  const pairs: PairTrendScore[] = [];
  for (let i = 0; i < prepared.length; i++) {
    for (let j = i + 1; j < prepared.length; j++) {
      const a = prepared[i];
      const b = prepared[j];
      if (a.column.kind === 'continuous' && b.column.kind === 'continuous') {
        const c = correlationSimilarityNumeric(a.realNumeric!, b.realNumeric!, a.synthNumeric!, b.synthNumeric!);
        pairs.push({
          column1: a.column.name,
          column2: b.column.name,
          metric: 'CorrelationSimilarity',
          score: c.score,
          realCorrelation: c.real,
          syntheticCorrelation: c.synthetic,
        });
      } else {
        const realCounts = jointCounts(a.realCoded, b.realCoded);
        const synthCounts = jointCounts(a.synthCoded, b.synthCoded);
        pairs.push({
          column1: a.column.name,
          column2: b.column.name,
          metric: 'ContingencySimilarity',
          score: contingencyFromCounts(realCounts, synthCounts, a.realCoded, b.realCoded, options),
          realCramersV: cramersVFromCounts(realCounts, a.realCoded.size, b.realCoded.size),
        });
      }
    }
  }

  const columnShapes = nanMean(columnScores.map((c) => c.score));
  const columnPairTrends = nanMean(pairs.map((p) => p.score));
  const association = (p: PairTrendScore): number =>
    p.metric === 'CorrelationSimilarity' ? Math.abs(p.realCorrelation!) : p.realCramersV!;
  return {
    overall: nanMean([columnShapes, columnPairTrends]),
    columnShapes,
    columnPairTrends,
    columns: columnScores,
    pairs,
    strongPairs: subset(
      "pairs with real |Pearson r| >= 0.3 or real Cramér's V >= 0.3",
      pairs,
      (p) => association(p) >= 0.3,
      columnShapes,
    ),
    sdmetrics027: subset(
      "SDMetrics >= 0.27: pairs with real |Pearson r| > 0.5 or real Cramér's V > 0.3",
      pairs,
      (p) => (p.metric === 'CorrelationSimilarity' ? association(p) > 0.5 : association(p) > 0.3),
      columnShapes,
    ),
  };
}
