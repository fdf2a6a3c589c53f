import type { ColumnRole } from '../../data/schema';
import type { ColumnComparison } from '../sideBySide';
import type { PairTrendScore, ColumnShapeScore, PairSubset } from '../qualityReport';
import type { Verdict } from '../privacy/verdict';

export type { Verdict, VerdictLevel } from '../privacy/verdict';

/** One headline number with its plain verdict (a score card in the UI and the HTML report). */
export interface ScoreCard {
  id: 'overall' | 'columnShapes' | 'pairTrends' | 'strongPairs' | 'detection' | 'utility' | 'dcrRatio' | 'exactCopies' | 'mia' | 'replay';
  label: string;
  /** the number shown; NaN when it could not be computed */
  value: number;
  /** how to print value */
  format: 'score' | 'ratio' | 'count' | 'auc';
  /** a second line, e.g. "TRTR 0.78" under the TSTR AUC */
  detail: string;
  verdict: Verdict;
}

/** A correlation matrix over the numeric columns, row-major: cell (i, j) = values[i * n + j]. */
export interface CorrelationMatrix {
  columns: string[];
  /** NaN where a column is constant or lacks rows */
  values: number[];
}

export interface CorrelationMatrices {
  /** continuous and datetime columns, schema order */
  columns: string[];
  real: CorrelationMatrix;
  synthetic: CorrelationMatrix;
  /** synthetic − real */
  difference: CorrelationMatrix;
  /** largest |synthetic − real| off the diagonal (NaN when no pair) */
  maxAbsDifference: number;
}

/** Overlaid real / synthetic distribution of one column, ready for a chart. */
export type ColumnDistribution =
  | {
      column: string;
      kind: 'continuous';
      datetime: boolean;
      /** shared equal-width bins over the real 0.5–99.5 % range widened to the synthetic one where it is close */
      bins: { lo: number; hi: number; real: number; synthetic: number }[];
      /** share of non-missing values outside the binned range, per table */
      outside: { real: number; synthetic: number };
    }
  | {
      column: string;
      kind: 'discrete';
      /** the most frequent categories (real first), shares of non-missing values */
      categories: { category: string; real: number; synthetic: number }[];
      /** categories left out of the chart */
      omitted: number;
    };

export interface ReplayCheck {
  /** identifier and text columns of the real data that were checked */
  checkedColumns: string[];
  /** per synthetic column: how many cells hold a real identifier/text value (no values are kept) */
  leaks: { column: string; sourceColumns: string[]; cells: number }[];
  totalCells: number;
  verdict: Verdict;
}

export type UtilityModel = 'logistic-regression' | 'gbdt';

export interface UtilityScore {
  model: UtilityModel;
  label: string;
  /** train on real (train split), test on the real test split */
  trtr: number;
  /** train on synthetic, test on the real test split */
  tstr: number;
  /** trtr − tstr (NaN when either is missing) */
  gap: number;
  /** why a side could not be computed, if so */
  problem: string | null;
  /** the synthetic-trained model gives every test row the same score (its TSTR AUC is no score); absent in older reports */
  learnedNothing?: boolean;
  verdict: Verdict;
}

export interface UtilityReport {
  target: string | null;
  positiveLabel: string | null;
  features: string[];
  testRows: number;
  testPositives: number;
  models: UtilityScore[];
  /** null when the check ran; otherwise why it did not (e.g. no target) */
  skipped: string | null;
}

export interface PrivacySummary {
  dcr: {
    syntheticMedian: number;
    holdoutMedian: number;
    ratio: number;
    ratioVerdict: Verdict;
    holdoutP5: number;
    closeShare: number;
    closeShareVerdict: Verdict;
    /** histogram of the two DCR samples over shared bins, for a chart */
    histogram: { lo: number; hi: number; synthetic: number; holdout: number }[];
  };
  exactCopies: { count: number; share: number; holdoutCount: number; holdoutShare: number; verdict: Verdict };
  /** synthetic rows equal to a real training row that fewer than k training rows share (should be 0); absent in older reports */
  rareCopies?: { count: number; share: number; k: number; rareTrainingRows: number; verdict: Verdict };
  membershipInference: { auc: number; members: number; nonMembers: number; verdict: Verdict };
  rowsUsed: {
    train: { used: number; total: number };
    holdout: { used: number; total: number };
    synthetic: { used: number; total: number };
    members: number;
  };
  distance: string;
  replay: ReplayCheck;
}

/** The detection metric (src/core/quality/detection): can a classifier tell synthetic rows from real ones? */
export interface DetectionSummary {
  /** 1 − (2·max(AUC, 0.5) − 1): 1 = indistinguishable, 0 = always caught; NaN when not computed */
  score: number;
  meanAuc: number;
  /** rows each side the detector used (the smaller side, capped at 30,000 unless asked for more) */
  rowsPerSide: number;
  /** rows each table had (absent in reports built before it was recorded) */
  rowsAvailable?: { real: number; synthetic: number };
  /** boosting rounds the detector kept per fold, by early stopping */
  foldRounds?: number[];
  /** the columns that give the synthetic rows away most, most important first (top 8) */
  columns: { column: string; importance: number; singleColumnAuc: number }[];
  /** pairs whose joint distribution gives them away beyond either column alone (top 5) */
  pairs: { column1: string; column2: string; auc: number; lift: number }[];
  seconds: number;
  /** why it was not computed */
  error: string | null;
}

export interface ValidationReport {
  version: 1;
  /** what the synthetic data came from, in words */
  source: string;
  generatedAt: string;
  seed: number;
  rows: { train: number; test: number; synthetic: number };
  /** how each schema column was treated */
  columns: { name: string; role: ColumnRole; treatedAs: 'continuous' | 'discrete' | 'skipped' }[];
  /** columns of the real data the synthetic table lacks (left out of every comparison) */
  missingFromSynthetic: string[];
  cards: ScoreCard[];
  quality: {
    overall: number;
    columnShapes: number;
    columnPairTrends: number;
    strongPairs: PairSubset;
    columns: ColumnShapeScore[];
    pairs: PairTrendScore[];
    verdict: Verdict;
  };
  sideBySide: ColumnComparison[];
  distributions: ColumnDistribution[];
  /** discrete columns whose real categories are not all generated, or that invent new ones */
  coverageIssues: { column: string; coverage: number; missingFromSynthetic: string[]; syntheticOnly: string[] }[];
  /** continuous columns with synthetic values outside the real range */
  outOfRangeIssues: { column: string; below: number; above: number; share: number; realMin: number; realMax: number }[];
  correlations: CorrelationMatrices;
  /** absent in reports built before the detection metric was added */
  detection?: DetectionSummary;
  privacy: PrivacySummary;
  utility: UtilityReport;
}

export type ValidationStage = 'quality' | 'columns' | 'correlations' | 'privacy' | 'utility' | 'done';

export interface ValidationProgress {
  stage: ValidationStage;
  /** 0..1 over the whole report */
  fraction: number;
  message: string;
}
