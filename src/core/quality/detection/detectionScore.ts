import { selectRows } from '../../risk/features/feature-matrix.ts';
import { gbdtFeatureImportance, gbdtPredictProba, gbdtSteps, type GbdtOptions } from '../../risk/models/gbdt/gbdt.ts';
import { runToEnd, type Stepwise } from '../../util/stepwise.ts';
import { rocAuc } from '../../risk/metrics/rocAuc.ts';
import { createRng, shuffledIndices } from '../../util/random.ts';
import type { ColumnData, QualityColumn } from '../types.ts';
import { rowCountOf, stackedMatrix } from './detectionMatrix.ts';
import { foldRows, stratifiedFolds } from './folds.ts';
import { cellClassifierAuc, codeBins, numericBins } from './histogramClassifier.ts';

export interface DetectionOptions {
  /** rows drawn from each side, at most (default 10,000); both sides always get the same number */
  maxRowsPerSide?: number;
  /** stratified cross-validation folds (default 3, as SDMetrics) */
  folds?: number;
  seed?: number;
  /** GBDT settings; default 100 rounds, learning rate 0.1, 31 leaves, early stopping */
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
  const t0 = performance.now();
  if (columns.length === 0) throw new Error('detection: no columns to compare');
  const seed = options.seed ?? 0;
  const k = options.folds ?? 3;
  const nReal = rowCountOf(real, columns);
  const nSynth = rowCountOf(synthetic, columns);
  const perSide = Math.min(nReal, nSynth, options.maxRowsPerSide ?? 10_000);
  if (perSide < 2 * k) throw new Error(`detection: needs at least ${2 * k} rows on each side, got ${perSide}`);
  const realRows = drawRows(nReal, perSide, seed ^ 0x1234567);
  const synthRows = drawRows(nSynth, perSide, seed ^ 0x7654321);
  const x = stackedMatrix(real, synthetic, columns, realRows, synthRows);
  const y = new Uint8Array(2 * perSide);
  y.fill(1, perSide);
  const fold = stratifiedFolds(y, k, seed);

  const gbdtOptions: GbdtOptions = { maxIter: 100, learningRate: 0.1, earlyStopping: true, patience: 10, ...options.gbdt };
  const foldAucs: number[] = [];
  const importance = new Float64Array(columns.length);
  for (let f = 0; f < k; f++) {
    const { train, test } = foldRows(fold, f);
    const model = yield* gbdtSteps(selectRows(x, train), Uint8Array.from(train, (i) => y[i]), { ...gbdtOptions, seed: seed + f });
    const p = gbdtPredictProba(model, selectRows(x, test));
    foldAucs.push(rocAuc(Uint8Array.from(test, (i) => y[i]), p));
    const imp = gbdtFeatureImportance(model);
    for (let j = 0; j < imp.length; j++) importance[j] += imp[j] / k;
  }
  const meanAuc = foldAucs.reduce((s, a) => s + a, 0) / k;
  const score = 1 - foldAucs.reduce((s, a) => s + (2 * Math.max(a, 0.5) - 1), 0) / k;

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
    columns: ranked.map((r) => r.g),
    pairs,
    seconds: (performance.now() - t0) / 1000,
  };
}
