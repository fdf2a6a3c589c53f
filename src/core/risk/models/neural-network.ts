import * as tf from '@tensorflow/tfjs';
import type { FeatureMatrix } from '../features/feature-matrix.ts';
import { createRng, shuffledIndices, type Rng } from '../../util/random.ts';
import { checkBinaryTarget, resolveSampleWeights, type ClassWeight } from './sample-weights.ts';
import { earlyStoppingSplit } from './stratified-holdout.ts';

/**
 * A small multilayer perceptron for binary classification in TensorFlow.js: dense ReLU hidden
 * layers with dropout, a sigmoid output, weighted binary cross-entropy (class weights as in the
 * other risk models), Adam, and early stopping on a seeded stratified validation part with the
 * best epoch's weights restored. Inputs are expected from the standard encoder (finite,
 * standardised). Initial weights, batch order and dropout masks all come from the seed, so a run
 * on the cpu backend is reproducible. The fitted model is plain JSON: no tensor outlives a call.
 */

export interface NeuralNetworkOptions {
  /** hidden layer widths; default [64, 32] */
  hiddenUnits?: number[];
  /** dropout rate after each hidden layer during training; default 0.1 */
  dropout?: number;
  /** Adam step size; default 1e-3 */
  learningRate?: number;
  /** default 256 */
  batchSize?: number;
  /** passes over the training part at most; default 60 */
  maxEpochs?: number;
  /** default true */
  earlyStopping?: boolean;
  /** share of rows held out (stratified) for early stopping; default 0.1 */
  validationFraction?: number;
  /** epochs without improvement of the validation loss before stopping; default 6 */
  patience?: number;
  /** L2 penalty on the weight matrices (not biases), added to the mean loss; default 1e-4 */
  l2?: number;
  classWeight?: ClassWeight;
  sampleWeight?: ArrayLike<number>;
  /** default 0 */
  seed?: number;
  /** called after every epoch; return false (or throw) to stop */
  onEpoch?: (epoch: EpochLog) => boolean | void | Promise<boolean | void>;
}

export interface EpochLog {
  epoch: number;
  maxEpochs: number;
  trainLoss: number;
  /** NaN without early stopping */
  validationLoss: number;
}

export interface DenseLayerJson {
  inDim: number;
  outDim: number;
  /** row-major inDim x outDim */
  weights: number[];
  bias: number[];
}

export interface NeuralNetworkModel {
  kind: 'neural-network';
  version: 1;
  featureNames: string[];
  /** hidden layers then the 1-unit output layer */
  layers: DenseLayerJson[];
  params: Required<Omit<NeuralNetworkOptions, 'sampleWeight' | 'onEpoch' | 'classWeight'>> & { classWeight: ClassWeight };
  training: {
    epochsRun: number;
    /** the epoch whose weights were kept (1-based; 0 = the initial weights) */
    bestEpoch: number;
    stoppedEarly: boolean;
    /** stopped by the caller through onEpoch */
    stoppedByCaller: boolean;
    trainLoss: number[];
    validationLoss: number[];
    trainRows: number;
    validationRows: number;
  };
}

interface Layer {
  w: tf.Variable<tf.Rank.R2>;
  b: tf.Variable<tf.Rank.R1>;
}

/** He-uniform weights (suits ReLU), zero biases, drawn from the run's Rng so they do not depend on the backend. */
function initLayer(inDim: number, outDim: number, rng: Rng): Layer {
  const bound = Math.sqrt(6 / inDim);
  const w = new Float32Array(inDim * outDim);
  for (let i = 0; i < w.length; i++) w[i] = (2 * rng.next() - 1) * bound;
  // tidy disposes the initial tensors; the variables keep their own reference to the data
  return tf.tidy(() => ({
    w: tf.variable(tf.tensor2d(w, [inDim, outDim]), true) as tf.Variable<tf.Rank.R2>,
    b: tf.variable(tf.zeros([outDim]), true) as tf.Variable<tf.Rank.R1>,
  }));
}

/** Logits of a batch; dropout masks (training only) come from the given seeds, one per hidden layer. */
function forward(layers: { w: tf.Tensor2D; b: tf.Tensor1D }[], x: tf.Tensor2D, dropout: number, dropoutSeeds: number[] | null): tf.Tensor1D {
  let h = x;
  for (let k = 0; k < layers.length; k++) {
    const { w, b } = layers[k];
    h = tf.add(tf.matMul(h, w), b) as tf.Tensor2D;
    if (k < layers.length - 1) {
      h = tf.relu(h);
      if (dropoutSeeds && dropout > 0) h = tf.dropout(h, dropout, undefined, dropoutSeeds[k]) as tf.Tensor2D;
    }
  }
  return tf.reshape(h, [-1]) as tf.Tensor1D;
}

/** Weighted mean of the stable cross-entropy softplus(z) − y·z. */
function weightedLoss(logits: tf.Tensor1D, y: tf.Tensor1D, w: tf.Tensor1D): tf.Scalar {
  const ce = tf.sub(tf.softplus(logits), tf.mul(y, logits));
  return tf.div(tf.sum(tf.mul(ce, w)), tf.maximum(tf.sum(w), 1e-12)) as tf.Scalar;
}

function gather(x: FeatureMatrix, rows: ArrayLike<number>): Float32Array {
  const { nCols, data } = x;
  const out = new Float32Array(rows.length * nCols);
  for (let r = 0; r < rows.length; r++) {
    const src = rows[r] * nCols;
    for (let j = 0; j < nCols; j++) out[r * nCols + j] = data[src + j];
  }
  return out;
}

async function meanLoss(layers: Layer[], x: Float32Array, y: Float32Array, w: Float32Array, nCols: number): Promise<number> {
  if (y.length === 0) return NaN;
  const t = tf.tidy(() => weightedLoss(forward(layers, tf.tensor2d(x, [y.length, nCols]), 0, null), tf.tensor1d(y), tf.tensor1d(w)));
  const v = (await t.data())[0];
  t.dispose();
  return v;
}

async function snapshot(layers: Layer[]): Promise<DenseLayerJson[]> {
  const out: DenseLayerJson[] = [];
  for (const l of layers) {
    const [inDim, outDim] = l.w.shape;
    out.push({ inDim, outDim, weights: Array.from(await l.w.data()), bias: Array.from(await l.b.data()) });
  }
  return out;
}

export async function fitNeuralNetwork(x: FeatureMatrix, y: ArrayLike<number>, options: NeuralNetworkOptions = {}): Promise<NeuralNetworkModel> {
  const params: NeuralNetworkModel['params'] = {
    hiddenUnits: options.hiddenUnits ?? [64, 32],
    dropout: options.dropout ?? 0.1,
    learningRate: options.learningRate ?? 1e-3,
    batchSize: options.batchSize ?? 256,
    maxEpochs: options.maxEpochs ?? 60,
    earlyStopping: options.earlyStopping ?? true,
    validationFraction: options.validationFraction ?? 0.1,
    patience: options.patience ?? 6,
    l2: options.l2 ?? 1e-4,
    seed: options.seed ?? 0,
    classWeight: options.classWeight ?? null,
  };
  if (!(params.dropout >= 0 && params.dropout < 1)) throw new Error('dropout must be in [0, 1)');
  if (!(params.learningRate > 0)) throw new Error('learningRate must be > 0');
  if (!(params.batchSize >= 1) || !(params.maxEpochs >= 1)) throw new Error('batchSize and maxEpochs must be ≥ 1');
  if (params.hiddenUnits.some((u) => !(u >= 1))) throw new Error('every hidden layer needs at least one unit');
  const { nRows, nCols, data } = x;
  checkBinaryTarget(y, nRows);
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) throw new Error('the neural network needs finite inputs (use the standard encoder)');
  }
  const weights = resolveSampleWeights(y, params.classWeight, options.sampleWeight);

  const { keep: trainIdx, heldOut: validIdx } = earlyStoppingSplit(y, params.earlyStopping, params.validationFraction, params.seed);
  const nT = trainIdx.length;
  if (nT === 0) throw new Error('no training rows');
  const xT = gather(x, trainIdx);
  const yT = Float32Array.from(trainIdx, (i) => y[i]);
  const wT = Float32Array.from(trainIdx, (i) => weights[i]);
  const xV = gather(x, validIdx);
  const yV = Float32Array.from(validIdx, (i) => y[i]);
  const wV = Float32Array.from(validIdx, (i) => weights[i]);

  const rng = createRng(params.seed ^ 0x5bd1e995);
  const dims = [nCols, ...params.hiddenUnits, 1];
  const layers: Layer[] = [];
  for (let k = 0; k + 1 < dims.length; k++) layers.push(initLayer(dims[k], dims[k + 1], rng));
  const vars = layers.flatMap((l) => [l.w, l.b]);
  const optimizer = tf.train.adam(params.learningRate);

  const trainLoss: number[] = [];
  const validationLoss: number[] = [];
  let best = await snapshot(layers);
  let bestEpoch = 0;
  let bestLoss = validIdx.length > 0 ? await meanLoss(layers, xV, yV, wV, nCols) : Infinity;
  let stoppedEarly = false;
  let stoppedByCaller = false;
  let epoch = 0;
  const batch = Math.min(params.batchSize, nT);
  const xb = new Float32Array(batch * nCols);
  const yb = new Float32Array(batch);
  const wb = new Float32Array(batch);

  try {
    for (epoch = 1; epoch <= params.maxEpochs; epoch++) {
      const order = shuffledIndices(nT, rng);
      let lossSum = 0;
      let batches = 0;
      const lossTensors: tf.Scalar[] = [];
      for (let start = 0; start < nT; start += batch) {
        const m = Math.min(batch, nT - start);
        for (let r = 0; r < m; r++) {
          const i = order[start + r];
          xb.set(xT.subarray(i * nCols, (i + 1) * nCols), r * nCols);
          yb[r] = yT[i];
          wb[r] = wT[i];
        }
        const seeds = params.hiddenUnits.map(() => rng.int(2147483647));
        const cost = optimizer.minimize(
          () => {
            const xs = tf.tensor2d(xb.subarray(0, m * nCols), [m, nCols]);
            const loss = weightedLoss(forward(layers, xs, params.dropout, seeds), tf.tensor1d(yb.subarray(0, m)), tf.tensor1d(wb.subarray(0, m)));
            if (params.l2 <= 0) return loss;
            let penalty = tf.scalar(0);
            for (const l of layers) penalty = tf.add(penalty, tf.sum(tf.square(l.w)));
            return tf.add(loss, tf.mul(penalty, params.l2 / 2)) as tf.Scalar;
          },
          true,
          vars,
        );
        if (cost) lossTensors.push(cost);
        batches++;
      }
      // one read per epoch keeps the GPU backends from stalling on every batch
      for (const t of lossTensors) {
        lossSum += (await t.data())[0];
        t.dispose();
      }
      trainLoss.push(lossSum / Math.max(1, batches));
      let vLoss = NaN;
      if (validIdx.length > 0) {
        vLoss = await meanLoss(layers, xV, yV, wV, nCols);
        validationLoss.push(vLoss);
        if (vLoss < bestLoss - 1e-6) {
          bestLoss = vLoss;
          bestEpoch = epoch;
          best = await snapshot(layers);
        }
      } else {
        bestEpoch = epoch;
      }
      const goOn = options.onEpoch ? await options.onEpoch({ epoch, maxEpochs: params.maxEpochs, trainLoss: trainLoss[trainLoss.length - 1], validationLoss: vLoss }) : true;
      if (goOn === false) {
        stoppedByCaller = true;
        break;
      }
      if (validIdx.length > 0 && epoch - bestEpoch >= params.patience) {
        stoppedEarly = true;
        break;
      }
    }
    if (validIdx.length === 0) best = await snapshot(layers);
  } finally {
    optimizer.dispose();
    for (const v of vars) v.dispose();
  }

  return {
    kind: 'neural-network',
    version: 1,
    featureNames: x.columnNames.slice(),
    layers: best,
    params,
    training: {
      epochsRun: Math.min(epoch, params.maxEpochs),
      bestEpoch,
      stoppedEarly,
      stoppedByCaller,
      trainLoss,
      validationLoss,
      trainRows: nT,
      validationRows: validIdx.length,
    },
  };
}

/** P(y = 1) per row (inference: no dropout). Rows go through in chunks to bound memory. */
export async function neuralPredictProba(model: NeuralNetworkModel, x: FeatureMatrix, chunkRows = 8192): Promise<Float64Array> {
  const inDim = model.layers[0]?.inDim ?? 0;
  if (x.nCols !== inDim) throw new Error(`model expects ${inDim} columns, matrix has ${x.nCols}`);
  const out = new Float64Array(x.nRows);
  const params = model.layers.map((l) => ({ w: tf.tensor2d(l.weights, [l.inDim, l.outDim]), b: tf.tensor1d(l.bias) }));
  try {
    for (let start = 0; start < x.nRows; start += chunkRows) {
      const m = Math.min(chunkRows, x.nRows - start);
      const chunk = Float32Array.from(x.data.subarray(start * x.nCols, (start + m) * x.nCols));
      const p = tf.tidy(() => tf.sigmoid(forward(params, tf.tensor2d(chunk, [m, x.nCols]), 0, null)));
      out.set(await p.data(), start);
      p.dispose();
    }
  } finally {
    for (const l of params) {
      l.w.dispose();
      l.b.dispose();
    }
  }
  return out;
}

export function neuralNetworkToJson(model: NeuralNetworkModel): string {
  return JSON.stringify(model);
}

/** Parses and checks saved weights (a string or an already parsed object). */
export function neuralNetworkFromJson(json: string | unknown): NeuralNetworkModel {
  const m = (typeof json === 'string' ? JSON.parse(json) : json) as NeuralNetworkModel;
  if (!m || m.kind !== 'neural-network' || m.version !== 1 || !Array.isArray(m.layers) || m.layers.length < 1) {
    throw new Error('not a neural-network model (version 1)');
  }
  let inDim = m.layers[0].inDim;
  for (const l of m.layers) {
    if (l.inDim !== inDim || l.weights.length !== l.inDim * l.outDim || l.bias.length !== l.outDim) {
      throw new Error('neural-network model: layer shapes do not chain');
    }
    inDim = l.outDim;
  }
  if (inDim !== 1) throw new Error('neural-network model: the output layer must have one unit');
  return m;
}
