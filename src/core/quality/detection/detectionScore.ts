import { selectRows } from '../../risk/features/feature-matrix.ts';
import { gbdtFeatureImportance, gbdtPredictProba, gbdtSteps, type GbdtOptions } from '../../risk/models/gbdt/gbdt.ts';
import { runToEnd, runWithCheckpoints, type Stepwise } from '../../util/stepwise.ts';
import { rocAuc } from '../../risk/metrics/rocAuc.ts';
import { createRng, shuffledIndices } from '../../util/random.ts';
import type { ColumnData, QualityColumn } from '../types.ts';
import { rowCountOf, stackedMatrix } from './detectionMatrix.ts';
import { foldRows, stratifiedFolds } from './folds.ts';
import { cellClassifierAuc, codeBins, numericBins } from './histogramClassifier.ts';

/**
 * The boosted trees tuned as a detector: a fast learning rate with many rounds, stopped early on
 * a validation part held out inside each fold's training rows (fitGbdt's stratified 10 %).
 * Measured on the UCI split (24,000 rows a side, ar-cart engine): 100 rounds at rate 0.1 gave AUC
 * 0.726; these settings 0.857 (127 leaves at rate 0.1: 0.850, slower).
 */
export const DETECTOR_GBDT: Readonly<GbdtOptions> = Object.freeze({
  maxIter: 1000,
  learningRate: 0.2,
  maxLeafNodes: 31,
  minSamplesLeaf: 20,
  earlyStopping: true,
  validationFraction: 0.1,
  patience: 20,
});

/** Rows a side the detector uses by default: every row of UCI-sized data (more only on request). */
export const DETECTION_MAX_ROWS_PER_SIDE = 30_000;

export interface DetectionOptions {
  /** rows drawn from each side, at most (default 30,000); both sides always get the same number */
  maxRowsPerSide?: number;
  /** stratified cross-validation folds (default 3, as SDMetrics) */
  folds?: number;
  seed?: number;
  /** GBDT settings over DETECTOR_GBDT */
  gbdt?: GbdtOptions;
  /** quantile bins per continuous column for the single-column classifiers (default 32) */
  singleColumnBins?: number;
  /** the top columns by GBDT importance whose pairs are examined (default 6; 0 = no pairs) */
  pairColumns?: number;
  /** quantile bins per continuous column in a pair (default 10) */
  pairBins?: number;
}

export interface ColumnGiveaway {
  column: string;
  /** share of the GBDT's total split gain spent on this column, mean over folds (sums to 1) */
  importance: number;
  /** cross-fitted AUC of a classifier that sees only this column (0.5 = the marginal matches) */
  singleColumnAuc: number;
}

export interface PairGiveaway {
  column1: string;
  column2: string;
  /** cross-fitted AUC of a classifier on the joint histogram of the two columns */
  auc: number;
  /** auc − the larger single-column AUC: what the pair's dependence alone gives away */
  lift: number;
}

export interface DetectionReport {
  /** 1 − mean over folds of (2·max(AUC, 0.5) − 1): 1 = indistinguishable, 0 = always caught */
  score: number;
  /** mean GBDT AUC over folds */
  meanAuc: number;
  foldAucs: number[];
  rowsPerSide: number;
  /** rows each side had (rowsPerSide is the smaller side, capped) */
  rowsAvailable: { real: number; synthetic: number };
  /** boosting rounds kept per fold (early stopping) */
  foldRounds: number[];
  /** every column, most important giveaway first */
  columns: ColumnGiveaway[];
  /** pairs among the top columns, highest lift first */
  pairs: PairGiveaway[];
  seconds: number;
}

function drawRows(n: number, take: number, seed: number): Int32Array {
  if (take >= n) return Int32Array.from({ length: n }, (_, i) => i);
  return shuffledIndices(n, createRng(seed)).slice(0, take).sort();
}

/**
 * The SDMetrics detection metric (LogisticDetection / SVCDetection, here with the project's GBDT):
 * a classifier learns to tell real rows from synthetic ones, on equal numbers of each (the larger
 * side subsampled, seeded), with stratified k-fold cross-validation. Beside the score it says what
 * gives the fakes away: GBDT split gain per column, each column's own classifier AUC, and the
 * top pairs whose joint distribution separates better than either column alone.
 */
export function detectionScore(
  real: ColumnData,
  synthetic: ColumnData,
  columns: QualityColumn[],
  options: DetectionOptions = {},
): DetectionReport {
  return runToEnd(detectionSteps(real, synthetic, columns, options));
}

/** The same metric as a stepwise computation (it yields inside each fold's fit), so a report build can be cancelled mid-way. */
export function* detectionSteps(
  real: ColumnData,
  synthetic: ColumnData,
  columns: QualityColumn[],
  options: DetectionOptions = {},
): Stepwise<DetectionReport> {
  return yield* detectionWithProgress(real, synthetic, columns, options);
}

/** Thrown by detectionScoreAsync when `shouldStop` says so. */
export class DetectionStoppedError extends Error {
  constructor() {
    super('The detection metric was stopped.');
    this.name = 'DetectionStoppedError';
  }
}

/**
 * detectionScore for the worker: yields to the event loop between chunks of each fold's fit
 * (a fold of UCI-sized data takes seconds), reports progress per fold and stops when asked.
 */
export async function detectionScoreAsync(
  real: ColumnData,
  synthetic: ColumnData,
  columns: QualityColumn[],
  options: DetectionOptions = {},
  hooks: { onProgress?: (fraction: number, message: string) => void; shouldStop?: () => boolean } = {},
): Promise<DetectionReport> {
  const checkpoint = async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (hooks.shouldStop?.()) throw new DetectionStoppedError();
  };
  await checkpoint();
  return runWithCheckpoints(detectionWithProgress(real, synthetic, columns, options, hooks.onProgress), checkpoint, 4);
}

function* detectionWithProgress(
  real: ColumnData,
  synthetic: ColumnData,
  columns: QualityColumn[],
  options: DetectionOptions,
  progress: (fraction: number, message: string) => void = () => {},
): Stepwise<DetectionReport> {
  const t0 = performance.now();
  if (columns.length === 0) throw new Error('detection: no columns to compare');
  const seed = options.seed ?? 0;
  const k = options.folds ?? 3;
  const nReal = rowCountOf(real, columns);
  const nSynth = rowCountOf(synthetic, columns);
  const perSide = Math.min(nReal, nSynth, options.maxRowsPerSide ?? DETECTION_MAX_ROWS_PER_SIDE);
  if (perSide < 2 * k) throw new Error(`detection: needs at least ${2 * k} rows on each side, got ${perSide}`);
  const realRows = drawRows(nReal, perSide, seed ^ 0x1234567);
  const synthRows = drawRows(nSynth, perSide, seed ^ 0x7654321);
  const x = stackedMatrix(real, synthetic, columns, realRows, synthRows);
  const y = new Uint8Array(2 * perSide);
  y.fill(1, perSide);
  const fold = stratifiedFolds(y, k, seed);

  const gbdtOptions: GbdtOptions = { ...DETECTOR_GBDT, ...options.gbdt };
  const foldAucs: number[] = [];
  const foldRounds: number[] = [];
  const importance = new Float64Array(columns.length);
  for (let f = 0; f < k; f++) {
    progress(f / (k + 1), `detector fold ${f + 1} of ${k} (${perSide.toLocaleString('en-US')} rows a side)`);
    const { train, test } = foldRows(fold, f);
    const model = yield* gbdtSteps(selectRows(x, train), Uint8Array.from(train, (i) => y[i]), { ...gbdtOptions, seed: seed + f });
    const p = gbdtPredictProba(model, selectRows(x, test));
    foldRounds.push(model.training.bestRound);
    foldAucs.push(rocAuc(Uint8Array.from(test, (i) => y[i]), p));
    const imp = gbdtFeatureImportance(model);
    for (let j = 0; j < imp.length; j++) importance[j] += imp[j] / k;
  }
  const meanAuc = foldAucs.reduce((s, a) => s + a, 0) / k;
  const score = 1 - foldAucs.reduce((s, a) => s + (2 * Math.max(a, 0.5) - 1), 0) / k;

  progress(k / (k + 1), 'columns and pairs that give the rows away');
  yield;
  const column = (j: number): Float64Array => {
    const out = new Float64Array(x.nRows);
    for (let i = 0; i < x.nRows; i++) out[i] = x.data[i * x.nCols + j];
    return out;
  };
  const singleBins = options.singleColumnBins ?? 32;
  const single = columns.map((c, j) => {
    const b = c.kind === 'continuous' ? numericBins(column(j), singleBins) : codeBins(column(j));
    return cellClassifierAuc(b.ids, b.size, y, fold, k);
  });
  const giveaways: ColumnGiveaway[] = columns.map((c, j) => ({
    column: c.name,
    importance: importance[j],
    singleColumnAuc: single[j],
  }));
  const ranked = giveaways
    .map((g, j) => ({ g, j }))
    .sort((a, b) => b.g.importance - a.g.importance || b.g.singleColumnAuc - a.g.singleColumnAuc);

  const pairs: PairGiveaway[] = [];
  const top = ranked.slice(0, Math.max(0, options.pairColumns ?? 6)).map((r) => r.j);
  const pairBins = options.pairBins ?? 10;
  const binsOf = top.map((j) => (columns[j].kind === 'continuous' ? numericBins(column(j), pairBins) : codeBins(column(j))));
  for (let a = 0; a < top.length; a++) {
    for (let b = a + 1; b < top.length; b++) {
      const ba = binsOf[a];
      const bb = binsOf[b];
      const cells = Int32Array.from(ba.ids, (id, i) => id * bb.size + bb.ids[i]);
      const auc = cellClassifierAuc(cells, ba.size * bb.size, y, fold, k);
      const [ja, jb] = [top[a], top[b]];
      pairs.push({
        column1: columns[ja].name,
        column2: columns[jb].name,
        auc,
        lift: auc - Math.max(single[ja], single[jb]),
      });
    }
  }
  pairs.sort((p, q) => q.lift - p.lift);

  return {
    score,
    meanAuc,
    foldAucs,
    rowsPerSide: perSide,
    rowsAvailable: { real: nReal, synthetic: nSynth },
    foldRounds,
    columns: ranked.map((r) => r.g),
    pairs,
    seconds: (performance.now() - t0) / 1000,
  };
}
