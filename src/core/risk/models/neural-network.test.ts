import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFeatureMatrix, type FeatureMatrix } from '../features/feature-matrix.ts';
import { createRng } from '../../util/random.ts';
import { rocAuc } from '../metrics/index.ts';
import { fitNeuralNetwork, neuralNetworkFromJson, neuralNetworkToJson, neuralPredictProba } from './neural-network.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** XOR-like: the class is the sign of x1·x2, which no linear model can separate (its AUC is ≈ 0.5). */
function xor(n: number, seed: number): { x: FeatureMatrix; y: Uint8Array } {
  const rng = createRng(seed);
  const data = new Float64Array(n * 2);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const a = 2 * rng.next() - 1;
    const b = 2 * rng.next() - 1;
    data[2 * i] = a;
    data[2 * i + 1] = b;
    y[i] = a * b > 0 ? 1 : 0;
  }
  return { x: createFeatureMatrix(data, n, ['a', 'b']), y };
}

const small = { hiddenUnits: [16, 8], learningRate: 0.01, batchSize: 64, maxEpochs: 40, dropout: 0.05, patience: 8 };

describe('neural network (MLP in TensorFlow.js)', () => {
  const train = xor(1200, 1);
  const test = xor(600, 2);

  it('learns XOR-like data (test AUC > 0.9) and keeps the best validation epoch', async () => {
    const model = await fitNeuralNetwork(train.x, train.y, { ...small, seed: 3 });
    const p = await neuralPredictProba(model, test.x);
    const auc = rocAuc(test.y, p);
    expect(auc).toBeGreaterThan(0.9);
    expect(model.training.bestEpoch).toBeGreaterThan(0);
    expect(model.training.validationLoss.length).toBe(model.training.epochsRun);
    const best = Math.min(...model.training.validationLoss);
    expect(model.training.validationLoss[model.training.bestEpoch - 1]).toBe(best);
    for (const v of p) expect(v >= 0 && v <= 1).toBe(true);
  });

  it('is deterministic by seed on the cpu backend, and another seed gives other weights', async () => {
    const opts = { ...small, maxEpochs: 5, seed: 11 };
    const a = await fitNeuralNetwork(train.x, train.y, opts);
    const b = await fitNeuralNetwork(train.x, train.y, opts);
    const c = await fitNeuralNetwork(train.x, train.y, { ...opts, seed: 12 });
    expect(b.layers).toEqual(a.layers);
    expect(b.training.trainLoss).toEqual(a.training.trainLoss);
    expect(c.layers[0].weights).not.toEqual(a.layers[0].weights);
  });

  it('leaves no tensor behind after fit, predict and disposal', async () => {
    const before = tf.memory().numTensors;
    const model = await fitNeuralNetwork(train.x, train.y, { ...small, maxEpochs: 3, seed: 5 });
    await neuralPredictProba(model, test.x, 100);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('saves and loads its weights as JSON with identical predictions', async () => {
    const model = await fitNeuralNetwork(train.x, train.y, { ...small, maxEpochs: 3, seed: 5 });
    const loaded = neuralNetworkFromJson(neuralNetworkToJson(model));
    expect(await neuralPredictProba(loaded, test.x)).toEqual(await neuralPredictProba(model, test.x));
    expect(() => neuralNetworkFromJson({ kind: 'neural-network', version: 1, layers: [{ inDim: 2, outDim: 1, weights: [1], bias: [0] }] })).toThrow(/chain/);
  });

  it('class weights raise the scores of a rare class, and onEpoch can stop training', async () => {
    const rng = createRng(9);
    const n = 1000;
    const data = new Float64Array(n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = rng.next() < 0.1 ? 1 : 0;
      data[i] = rng.normal() + (y[i] ? 0.8 : 0);
    }
    const x = createFeatureMatrix(data, n, ['v']);
    const opts = { ...small, maxEpochs: 8, seed: 1 };
    const plain = await fitNeuralNetwork(x, y, opts);
    const balanced = await fitNeuralNetwork(x, y, { ...opts, classWeight: 'balanced' });
    const mean = (a: Float64Array) => a.reduce((s, v) => s + v, 0) / a.length;
    expect(mean(await neuralPredictProba(balanced, x))).toBeGreaterThan(mean(await neuralPredictProba(plain, x)) + 0.2);
    const stopped = await fitNeuralNetwork(x, y, { ...opts, onEpoch: (e) => e.epoch < 2 });
    expect(stopped.training.epochsRun).toBe(2);
    expect(stopped.training.stoppedByCaller).toBe(true);
  });
});
