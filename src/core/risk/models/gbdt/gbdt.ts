import type { FeatureMatrix } from '../../features/feature-matrix.ts';
import { createRng } from '../../../util/random.ts';
import { checkBinaryTarget, resolveSampleWeights, type ClassWeight } from '../sample-weights.ts';
import { earlyStoppingSplit } from '../stratified-holdout.ts';
import { binRows, fitBinMapper } from './bin-mapper.ts';
import { createGrowContext, growTree, type GrowParams } from './grow-tree.ts';
import { leafOfBinned, leafOfRaw, treeFromJson, treeToJson, type Tree, type TreeJson } from './tree.ts';
import { runToEnd, runWithCheckpoints, type Stepwise } from '../../../util/stepwise.ts';

/**
 * Histogram gradient-boosted trees for binary classification (logloss), in the manner of
 * LightGBM and scikit-learn's HistGradientBoostingClassifier: quantile bins, leaf-wise trees,
 * Newton leaf values −G/(H + λ), shrinkage, and early stopping on a seeded stratified
 * validation part. Input is the raw matrix of the tree encoder (NaN = missing).
 */

export interface GbdtOptions {
  /** default 0.1 */
  learningRate?: number;
  /** boosting rounds at most; default 200 */
  maxIter?: number;
  /** default 31 */
  maxLeafNodes?: number;
  /** default null (no limit) */
  maxDepth?: number | null;
  /** default 20 */
  minSamplesLeaf?: number;
  /** minimum Σ hessian in a leaf; default 1e-3 */
  minHessianLeaf?: number;
  /** L2 on leaf values (λ); default 0 */
  l2Regularization?: number;
  /** non-missing bins per feature, ≤ 255; default 255 */
  maxBins?: number;
  /** default true */
  earlyStopping?: boolean;
  /** share of rows held out (stratified) for early stopping; default 0.1 */
  validationFraction?: number;
  /** rounds without improvement of the validation loss before stopping; default 10 */
  patience?: number;
  /** an improvement must exceed this (absolute, in mean logloss); default 1e-7 */
  tol?: number;
  /** share of training rows drawn (without replacement) for each tree; default 1 */
  subsample?: number;
  classWeight?: ClassWeight;
  sampleWeight?: ArrayLike<number>;
  /** default 0 */
  seed?: number;
}

export type ResolvedGbdtParams = Required<Omit<GbdtOptions, 'sampleWeight' | 'classWeight' | 'maxDepth'>> & {
  maxDepth: number | null;
  classWeight: ClassWeight;
};

export interface GbdtTrainingLog {
  /** rounds fitted before stopping */
  roundsRun: number;
  /** trees kept (the round with the lowest validation loss when early stopping) */
  bestRound: number;
  stoppedEarly: boolean;
  /** weighted mean logloss per round on the training part (index 0 = before any tree) */
  trainLoss: number[];
  /** same on the validation part; empty without early stopping */
  validationLoss: number[];
  trainRows: number;
  validationRows: number;
}

export interface GbdtModel {
  kind: 'gbdt';
  version: 1;
  featureNames: string[];
  /** initial raw score: weighted log-odds of the training part */
  baseScore: number;
  trees: Tree[];
  params: ResolvedGbdtParams;
  training: GbdtTrainingLog;
}

export interface GbdtJson extends Omit<GbdtModel, 'trees'> {
  trees: TreeJson[];
}

function resolveParams(o: GbdtOptions): ResolvedGbdtParams {
  const p: ResolvedGbdtParams = {
    learningRate: o.learningRate ?? 0.1,
    maxIter: o.maxIter ?? 200,
    maxLeafNodes: o.maxLeafNodes ?? 31,
    maxDepth: o.maxDepth ?? null,
    minSamplesLeaf: o.minSamplesLeaf ?? 20,
    minHessianLeaf: o.minHessianLeaf ?? 1e-3,
    l2Regularization: o.l2Regularization ?? 0,
    maxBins: o.maxBins ?? 255,
    earlyStopping: o.earlyStopping ?? true,
    validationFraction: o.validationFraction ?? 0.1,
    patience: o.patience ?? 10,
    tol: o.tol ?? 1e-7,
    subsample: o.subsample ?? 1,
    classWeight: o.classWeight ?? null,
    seed: o.seed ?? 0,
  };
  if (!(p.learningRate > 0)) throw new Error('learningRate must be > 0');
  if (!(p.maxIter >= 1)) throw new Error('maxIter must be ≥ 1');
  if (!(p.maxLeafNodes >= 2)) throw new Error('maxLeafNodes must be ≥ 2');
  if (p.maxDepth !== null && !(p.maxDepth >= 1)) throw new Error('maxDepth must be ≥ 1 or null');
  if (!(p.minSamplesLeaf >= 1)) throw new Error('minSamplesLeaf must be ≥ 1');
  if (!(p.l2Regularization >= 0)) throw new Error('l2Regularization must be ≥ 0');
  if (!(p.subsample > 0 && p.subsample <= 1)) throw new Error('subsample must be in (0, 1]');
  return p;
}

function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Weighted mean logloss from raw scores (stable: softplus(z) − y·z). */
function meanLogloss(raw: Float64Array, y: Uint8Array, w: Float64Array): number {
  let loss = 0;
  let sw = 0;
  for (let i = 0; i < raw.length; i++) {
    const z = raw[i];
    const sp = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    loss += w[i] * (sp - y[i] * z);
    sw += w[i];
  }
  return sw > 0 ? loss / sw : 0;
}

export function fitGbdt(x: FeatureMatrix, y: ArrayLike<number>, options: GbdtOptions = {}): GbdtModel {
  return runToEnd(gbdtSteps(x, y, options));
}

/** The same fit, pausing at `checkpoint` after the binning and after every round (it may throw to cancel). */
export function fitGbdtAsync(x: FeatureMatrix, y: ArrayLike<number>, options: GbdtOptions, checkpoint: () => Promise<void> | void): Promise<GbdtModel> {
  return runWithCheckpoints(gbdtSteps(x, y, options), checkpoint);
}

/** The fit as a generator that yields after the binning and after every boosting round. */
export function* gbdtSteps(x: FeatureMatrix, y: ArrayLike<number>, options: GbdtOptions = {}): Stepwise<GbdtModel> {
  const p = resolveParams(options);
  const { nRows, nCols } = x;
  checkBinaryTarget(y, nRows);
  const weights = resolveSampleWeights(y, p.classWeight, options.sampleWeight);

  const { keep: trainIdx, heldOut: validIdx } = earlyStoppingSplit(y, p.earlyStopping, p.validationFraction, p.seed);
  const nT = trainIdx.length;
  const nV = validIdx.length;
  const yT = Uint8Array.from(trainIdx, (i) => y[i]);
  const wT = Float64Array.from(trainIdx, (i) => weights[i]);
  const yV = Uint8Array.from(validIdx, (i) => y[i]);
  const wV = Float64Array.from(validIdx, (i) => weights[i]);

  let swPos = 0;
  let sw = 0;
  for (let i = 0; i < nT; i++) {
    sw += wT[i];
    swPos += wT[i] * yT[i];
  }
  if (!(swPos > 0 && swPos < sw)) throw new Error('the training part needs weighted rows of both classes');
  const baseScore = Math.log(swPos / (sw - swPos));

  const mapper = fitBinMapper(x, trainIdx, p.maxBins, p.seed);
  const binsT = binRows(mapper, x, trainIdx);
  const binsV = binRows(mapper, x, validIdx);
  const ctx = createGrowContext(binsT, nT, nCols, mapper.thresholds);
  yield;
  const growParams: GrowParams = {
    maxLeafNodes: p.maxLeafNodes,
    maxDepth: p.maxDepth,
    minSamplesLeaf: p.minSamplesLeaf,
    minHessianLeaf: p.minHessianLeaf,
    l2Regularization: p.l2Regularization,
    learningRate: p.learningRate,
    minGainToSplit: 0,
  };

  const rawT = new Float64Array(nT).fill(baseScore);
  const rawV = new Float64Array(nV).fill(baseScore);
  const trainLoss = [meanLogloss(rawT, yT, wT)];
  const validationLoss = nV > 0 ? [meanLogloss(rawV, yV, wV)] : [];
  const trees: Tree[] = [];
  let bestRound = 0;
  let bestLoss = validationLoss[0] ?? Infinity;
  let stoppedEarly = false;

  const rng = createRng(p.seed ^ 0x9e3779b9);
  const nSample = p.subsample < 1 ? Math.max(1, Math.round(p.subsample * nT)) : nT;
  const perm = Int32Array.from({ length: nT }, (_, i) => i);
  const inSample = new Uint8Array(nT);

  for (let round = 1; round <= p.maxIter; round++) {
    const { grad, hess, rows } = ctx;
    for (let i = 0; i < nT; i++) {
      const pr = sigmoid(rawT[i]);
      grad[i] = wT[i] * (pr - yT[i]);
      hess[i] = wT[i] * pr * (1 - pr);
    }
    if (nSample < nT) {
      // partial Fisher-Yates: the first nSample entries of perm are a uniform sample
      for (let k = 0; k < nSample; k++) {
        const j = k + rng.int(nT - k);
        const t = perm[k];
        perm[k] = perm[j];
        perm[j] = t;
      }
      const picked = perm.slice(0, nSample).sort();
      rows.set(picked);
      inSample.fill(0);
      for (let k = 0; k < nSample; k++) inSample[picked[k]] = 1;
    } else {
      for (let i = 0; i < nT; i++) rows[i] = i;
    }
    ctx.nSampleRows = nSample;

    if (round > 1) yield;
    const grown = growTree(ctx, growParams);
    const tree = grown.tree;
    trees.push(tree);
    for (let k = 0; k < grown.leafNodes.length; k++) {
      const v = tree.value[grown.leafNodes[k]];
      for (let r = grown.leafStarts[k]; r < grown.leafEnds[k]; r++) rawT[rows[r]] += v;
    }
    if (nSample < nT) {
      for (let i = 0; i < nT; i++) if (!inSample[i]) rawT[i] += tree.value[leafOfBinned(tree, binsT, i * nCols)];
    }
    trainLoss.push(meanLogloss(rawT, yT, wT));

    if (nV > 0) {
      for (let i = 0; i < nV; i++) rawV[i] += tree.value[leafOfBinned(tree, binsV, i * nCols)];
      const loss = meanLogloss(rawV, yV, wV);
      validationLoss.push(loss);
      if (loss < bestLoss - p.tol) {
        bestLoss = loss;
        bestRound = round;
      } else if (round - bestRound >= p.patience) {
        stoppedEarly = true;
        break;
      }
    } else {
      bestRound = round;
    }
  }

  return {
    kind: 'gbdt',
    version: 1,
    featureNames: x.columnNames.slice(),
    baseScore,
    trees: trees.slice(0, bestRound),
    params: p,
    training: {
      roundsRun: trees.length,
      bestRound,
      stoppedEarly,
      trainLoss,
      validationLoss,
      trainRows: nT,
      validationRows: nV,
    },
  };
}

function checkColumns(model: GbdtModel, x: FeatureMatrix): void {
  if (x.nCols !== model.featureNames.length) {
    throw new Error(`model expects ${model.featureNames.length} columns, matrix has ${x.nCols}`);
  }
}

/** Raw scores (log-odds) per row: baseScore + Σ tree leaf values. */
export function gbdtDecisionFunction(model: GbdtModel, x: FeatureMatrix): Float64Array {
  checkColumns(model, x);
  const { nRows, nCols, data } = x;
  const out = new Float64Array(nRows).fill(model.baseScore);
  for (const t of model.trees) {
    for (let i = 0; i < nRows; i++) out[i] += t.value[leafOfRaw(t, data, i * nCols)];
  }
  return out;
}

/** P(y = 1) per row. */
export function gbdtPredictProba(model: GbdtModel, x: FeatureMatrix): Float64Array {
  const z = gbdtDecisionFunction(model, x);
  for (let i = 0; i < z.length; i++) z[i] = sigmoid(z[i]);
  return z;
}

/**
 * Path-based (Saabas) attribution of one row's raw score: walking each tree from the root, the
 * change of node value at every split is credited to the split feature. Then
 * bias + Σ contributions = raw score exactly, where bias = baseScore + Σ root values
 * (the score of a row that stops at every root).
 */
export function gbdtContributions(
  model: GbdtModel,
  x: FeatureMatrix,
  row: number,
): { bias: number; contributions: Float64Array } {
  checkColumns(model, x);
  const contributions = new Float64Array(x.nCols);
  const o = row * x.nCols;
  const { data } = x;
  let bias = model.baseScore;
  for (const t of model.trees) {
    let node = 0;
    bias += t.value[0];
    while (t.left[node] >= 0) {
      const f = t.feature[node];
      const v = data[o + f];
      const goLeft = v !== v ? t.missingLeft[node] === 1 : v <= t.threshold[node];
      const child = goLeft ? t.left[node] : t.right[node];
      contributions[f] += t.value[child] - t.value[node];
      node = child;
    }
  }
  return { bias, contributions };
}

/** Total split gain (loss reduction) per feature, normalised to sum to 1 (all zeros when no split). */
export function gbdtFeatureImportance(model: GbdtModel): Float64Array {
  const imp = new Float64Array(model.featureNames.length);
  for (const t of model.trees) {
    for (let k = 0; k < t.feature.length; k++) if (t.left[k] >= 0) imp[t.feature[k]] += t.gain[k];
  }
  let total = 0;
  for (let j = 0; j < imp.length; j++) total += imp[j];
  if (total > 0) for (let j = 0; j < imp.length; j++) imp[j] /= total;
  return imp;
}

export function gbdtToJson(model: GbdtModel): GbdtJson {
  return { ...model, trees: model.trees.map(treeToJson) };
}

export function gbdtFromJson(json: unknown): GbdtModel {
  const j = json as GbdtJson;
  if (!j || j.kind !== 'gbdt' || j.version !== 1 || !Array.isArray(j.trees) || !Array.isArray(j.featureNames)) {
    throw new Error('not a gbdt model (version 1)');
  }
  const trees = j.trees.map(treeFromJson);
  for (const t of trees) {
    for (let k = 0; k < t.feature.length; k++) {
      if (t.left[k] >= 0 && (t.feature[k] < 0 || t.feature[k] >= j.featureNames.length)) {
        throw new Error('gbdt JSON: split on a feature the model does not have');
      }
    }
  }
  return { ...j, trees };
}
