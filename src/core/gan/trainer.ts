import * as tf from '@tensorflow/tfjs';
import type { EncodedLayout } from '../transform/encoded-layout';
import { createRng, shuffledIndices, type Rng } from '../util/random';
import { createAdam, type AdamState } from './adam';
import { createConditionalLoss } from './conditional-loss';
import { createDiscriminator } from './discriminator';
import { resolveGanSettings, type GanSettings } from './gan-settings';
import { createGenerator, createOutputActivation, hardenOneHotSpans, orderedSpans } from './generator';
import { criticGradients, dropoutMasks } from './critic-gradients';
import { generatorGradients } from './generator-gradients';
import { concatColumns } from './js-kernels';
import { seededNormal, seededUniform } from './random-kernels';

/** What the trainer needs from the conditional sampler (CTGAN's training-by-sampling; conditional-sampler.ts). */
export interface TrainingConditions {
  /** [batch × condWidth] conditional vectors */
  cond: Float32Array;
  /** [batch × conditionSpans.length]: 1 for the column each row's condition fixes */
  mask: Float32Array;
  /** a training row that satisfies each row's condition */
  rowIndices: ArrayLike<number>;
}

export interface ConditionSampler {
  sampleTrainingConditions(batch: number, rng: Rng): TrainingConditions;
  /** conditions drawn with the data's own category frequencies (for sampling); cond is [batch × condWidth] */
  sampleOriginalConditions(batch: number, rng: Rng): { cond: Float32Array };
}

export interface EpochResult {
  /** epochs completed so far (1 after the first full epoch) */
  epoch: number;
  /** means over the epoch's steps: generator loss (−mean D(fake) + conditional cross-entropy) */
  lossG: number;
  /** discriminator loss −(mean D(real) − mean D(fake)) + gradient penalty */
  lossD: number;
  /** the gradient-penalty part of lossD */
  penalty: number;
  seconds: number;
  steps: number;
  /** seconds spent in discriminator and generator steps */
  secondsD: number;
  secondsG: number;
  /** shouldStop() answered true: the epoch ended early and does not count */
  stopped: boolean;
  /** a loss was NaN or exploded: the last good snapshot was restored and the epoch does not count */
  restored: boolean;
}

export interface NamedWeight {
  name: string;
  shape: number[];
  data: Float32Array;
}

/** Fixed conditions for sampling, column → label: every generated row is conditioned on them. */
export type SampleCondition = Record<string, string>;

export interface GanTrainer {
  readonly settings: Readonly<GanSettings>;
  readonly epochsDone: number;
  readonly stepsPerEpoch: number;
  /** one epoch of ceil(nRows / batchSize) steps; shouldStop is checked between steps */
  trainEpoch(shouldStop?: () => boolean): Promise<EpochResult>;
  /** nRows encoded rows (row-major, layout.width each), one-hot spans hardened to their argmax */
  sample(nRows: number, condition?: SampleCondition, seed?: number): Promise<Float32Array>;
  getWeights(): NamedWeight[];
  setWeights(weights: readonly NamedWeight[]): void;
  dispose(): void;
}

/**
 * Lets queued messages (pause, cancel) run. A MessageChannel message, not setTimeout(0): browsers
 * clamp nested timeouts to 4 ms (a few % of a WASM step) and Node's setTimeout(0) waits ≥ 1 ms.
 */
const yieldToEventLoop = (): Promise<void> =>
  typeof MessageChannel === 'function'
    ? new Promise<void>((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          channel.port1.close();
          resolve();
        };
        channel.port2.postMessage(null);
      })
    : new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * CTGAN's training loop (Xu et al. 2019; ctgan's CTGAN.fit) on TensorFlow.js. The caller picks the
 * backend. Randomness comes from `rng` (default: createRng(settings.seed)): weight init, conditions,
 * row picks, and seeds for every tfjs random op, so a run is reproducible on one backend.
 * For generation only (a saved model), pass nRows 0, an empty matrix and a sampler built from
 * category counts, then setWeights.
 */
export function createGanTrainer(
  encoded: Float32Array,
  nRows: number,
  layout: EncodedLayout,
  sampler: ConditionSampler | null,
  partialSettings: Partial<GanSettings> = {},
  rng: Rng = createRng(partialSettings.seed ?? 0),
): GanTrainer {
  const settings = resolveGanSettings(partialSettings);
  const { embeddingDim, pac, batchSize: B, gpLambda } = settings;
  const width = layout.width;
  const condWidth = layout.condWidth;
  const nCondColumns = layout.conditionSpans.length;
  if (encoded.length !== nRows * width) throw new Error(`encoded has ${encoded.length} values, expected ${nRows} × ${width}`);
  if (condWidth > 0 && !sampler) throw new Error('a conditional sampler is required when the layout has condition spans');
  const spans = orderedSpans(layout);
  const seed = () => Math.floor(rng.next() * 2147483647);

  const generator = createGenerator(embeddingDim, condWidth, settings.generatorDims, width, rng, settings.fastGradient);
  const discriminator = createDiscriminator(width + condWidth, settings.discriminatorDims, pac, rng, settings.fastGradient);
  const activation = createOutputActivation(spans, width);
  const condLoss = condWidth ? createConditionalLoss(layout.conditionSpans, width, condWidth) : null;
  const gVars = generator.trainableVariables();
  const dVars = discriminator.trainableVariables();
  const adamConfig = (lr: number) => ({ learningRate: lr, beta1: settings.betas[0], beta2: settings.betas[1], weightDecay: settings.weightDecay });
  const adamG = createAdam(gVars, adamConfig(settings.lrG));
  const adamD = createAdam(dVars, adamConfig(settings.lrD));
  const sampleRng = createRng(seed());
  const namedVariables = () => [...generator.namedVariables(), ...discriminator.namedVariables()];

  const stepsPerEpoch = Math.ceil(nRows / B);
  let epochsDone = 0;

  interface Snapshot {
    weights: tf.Tensor[];
    adamG: AdamState;
    adamD: AdamState;
  }
  const takeSnapshot = (): Snapshot => ({
    weights: namedVariables().map((v) => tf.clone(v.variable)),
    adamG: adamG.snapshot(),
    adamD: adamD.snapshot(),
  });
  const disposeSnapshot = (s: Snapshot) => {
    tf.dispose([...s.weights, ...s.adamG.m, ...s.adamG.v, ...s.adamD.m, ...s.adamD.v]);
  };
  let snapshot = takeSnapshot();
  const restoreSnapshot = () => {
    namedVariables().forEach((v, i) => v.variable.assign(snapshot.weights[i]));
    adamG.restore(snapshot.adamG);
    adamD.restore(snapshot.adamD);
  };

  const conditions = (batch: number): TrainingConditions => {
    if (condWidth === 0 || !sampler) {
      const rowIndices = new Int32Array(batch);
      for (let i = 0; i < batch; i++) rowIndices[i] = rng.int(nRows);
      return { cond: new Float32Array(0), mask: new Float32Array(0), rowIndices };
    }
    const c = sampler.sampleTrainingConditions(batch, rng);
    if (c.cond.length !== batch * condWidth) throw new Error(`sampler returned ${c.cond.length} condition values, expected ${batch} × ${condWidth}`);
    if (c.mask.length !== batch * nCondColumns) throw new Error(`sampler returned ${c.mask.length} mask values, expected ${batch} × ${nCondColumns}`);
    return c;
  };

  const generatorInput = (cond: tf.Tensor2D | null, n: number): tf.Tensor2D => {
    const z = seededNormal<tf.Rank.R2>([n, embeddingDim], seed());
    return cond ? concatColumns(z, cond) : z;
  };
  const withCond = (rows: tf.Tensor2D, cond: tf.Tensor2D | null) => (cond ? concatColumns(rows, cond) : rows);

  /** one discriminator update; returns [total loss, penalty] */
  const discriminatorStep = (): tf.Tensor1D => {
    const { cond, rowIndices } = conditions(B);
    // ctgan pairs real rows with a shuffled copy of the fake side's conditions
    const perm = shuffledIndices(B, rng);
    const sampleDim = width + condWidth;
    const realBuf = new Float32Array(B * sampleDim);
    for (let i = 0; i < B; i++) {
      const src = rowIndices[perm[i]];
      realBuf.set(encoded.subarray(src * width, (src + 1) * width), i * sampleDim);
      if (condWidth) realBuf.set(cond.subarray(perm[i] * condWidth, (perm[i] + 1) * condWidth), i * sampleDim + width);
    }
    return tf.tidy(() => {
      const condT = condWidth ? tf.tensor2d(cond, [B, condWidth]) : null;
      const fake = activation.apply(generator.forward(generatorInput(condT, B), true), seed());
      const fakeCat = withCond(fake, condT);
      const realCat = tf.tensor2d(realBuf, [B, sampleDim]);
      const groups = B / pac;
      const alpha = seededUniform<tf.Rank.R2>([groups, 1], seed());
      const masks = dropoutMasks(discriminator, 3 * groups, seed);
      // hand-derived gradients (critic-gradients.ts): the taped double backward of the penalty
      // launched several times the kernels, and kernel launches dominate a WASM step
      const { losses, grads } = criticGradients(discriminator, realCat, fakeCat, alpha, masks, gpLambda);
      adamD.apply(grads);
      return losses;
    });
  };

  const generatorStep = (): tf.Scalar => {
    const { cond, mask } = conditions(B);
    return tf.tidy(() => {
      const condT = condWidth ? tf.tensor2d(cond, [B, condWidth]) : null;
      const maskT = condWidth ? tf.tensor2d(mask, [B, nCondColumns]) : null;
      const input = generatorInput(condT, B);
      const gumbelSeed = seed();
      const masks = dropoutMasks(discriminator, B / pac, seed);
      // hand-derived gradients (generator-gradients.ts): the tape launched twice the kernels and
      // computed the critic's weight gradients, which this update drops
      const { loss, grads } = generatorGradients(generator, discriminator, activation, condLoss, input, condT, maskT, gumbelSeed, masks);
      adamG.apply(grads);
      return loss;
    });
  };

  const diverged = (...values: number[]) => values.some((v) => !Number.isFinite(v) || Math.abs(v) > settings.divergenceThreshold);

  const trainEpoch = async (shouldStop?: () => boolean): Promise<EpochResult> => {
    // nRows 0 is allowed for a generation-only trainer (weights loaded with setWeights)
    if (nRows < 1) throw new Error('no training rows: this trainer can only sample');
    const t0 = performance.now();
    let sumG = 0;
    let sumD = 0;
    let sumP = 0;
    let steps = 0;
    let secondsD = 0;
    let secondsG = 0;
    let stopped = false;
    let restored = false;
    for (let s = 0; s < stepsPerEpoch; s++) {
      if (shouldStop?.()) {
        stopped = true;
        break;
      }
      const tD = performance.now();
      let lossD = 0;
      let penalty = 0;
      for (let k = 0; k < settings.discriminatorSteps; k++) {
        const out = discriminatorStep();
        const [d, p] = await out.data();
        out.dispose();
        lossD = d;
        penalty = p;
      }
      const tG = performance.now();
      const outG = generatorStep();
      const lossG = (await outG.data())[0];
      outG.dispose();
      secondsD += (tG - tD) / 1000;
      secondsG += (performance.now() - tG) / 1000;
      if (diverged(lossD, lossG, penalty)) {
        restoreSnapshot();
        restored = true;
        break;
      }
      sumD += lossD;
      sumG += lossG;
      sumP += penalty;
      steps++;
      // lets the worker's message handler run (pause / cancel) between steps
      await yieldToEventLoop();
    }
    if (!stopped && !restored) {
      epochsDone++;
      disposeSnapshot(snapshot);
      snapshot = takeSnapshot();
    }
    const mean = (x: number) => (steps ? x / steps : NaN);
    return {
      epoch: epochsDone,
      lossG: mean(sumG),
      lossD: mean(sumD),
      penalty: mean(sumP),
      seconds: (performance.now() - t0) / 1000,
      steps,
      secondsD,
      secondsG,
      stopped,
      restored,
    };
  };

  const fixedCondition = (condition: SampleCondition): Float32Array => {
    const v = new Float32Array(condWidth);
    for (const [column, label] of Object.entries(condition)) {
      const cs = layout.conditionSpans.find((c) => c.column === column);
      if (!cs) throw new Error(`column "${column}" is not a categorical (condition) column`);
      const k = cs.labels.indexOf(label);
      if (k < 0) throw new Error(`column "${column}" has no category "${label}"`);
      v[cs.condOffset + k] = 1;
    }
    return v;
  };

  const sample = async (n: number, condition?: SampleCondition, sampleSeed?: number): Promise<Float32Array> => {
    const r = sampleSeed === undefined ? sampleRng : createRng(sampleSeed);
    const fixed = condition && Object.keys(condition).length ? fixedCondition(condition) : null;
    const out = new Float32Array(n * width);
    for (let start = 0; start < n; start += B) {
      const b = Math.min(B, n - start);
      // seeds first: the first rows of a larger request then match a smaller one with the same seed
      const noiseSeed = Math.floor(r.next() * 2147483647);
      const gumbelSeed = Math.floor(r.next() * 2147483647);
      let cond: Float32Array | null = null;
      if (condWidth) {
        if (fixed) {
          cond = new Float32Array(b * condWidth);
          for (let i = 0; i < b; i++) cond.set(fixed, i * condWidth);
        } else {
          cond = sampler!.sampleOriginalConditions(b, r).cond;
        }
      }
      const rows = tf.tidy(() => {
        const z = seededNormal<tf.Rank.R2>([b, embeddingDim], noiseSeed);
        const input = cond ? concatColumns(z, tf.tensor2d(cond, [b, condWidth])) : z;
        // inference mode: batch-norm uses its running statistics
        return activation.apply(generator.forward(input, false), gumbelSeed);
      });
      const data = (await rows.data()) as Float32Array;
      rows.dispose();
      out.set(hardenOneHotSpans(data, width, spans), start * width);
    }
    return out;
  };

  const getWeights = (): NamedWeight[] =>
    namedVariables().map(({ name, variable }) => ({ name, shape: [...variable.shape], data: Float32Array.from(variable.dataSync()) }));

  const setWeights = (weights: readonly NamedWeight[]) => {
    const byName = new Map(weights.map((w) => [w.name, w]));
    const vars = namedVariables();
    for (const { name, variable } of vars) {
      const w = byName.get(name);
      if (!w) throw new Error(`weights lack ${name}`);
      if (w.shape.length !== variable.shape.length || w.shape.some((d, i) => d !== variable.shape[i]) || w.data.length !== variable.size) {
        throw new Error(`${name}: shape [${w.shape}] does not match [${variable.shape}]`);
      }
    }
    for (const { name, variable } of vars) tf.tidy(() => variable.assign(tf.tensor(byName.get(name)!.data, variable.shape)));
    // finite loaded weights become the divergence guard's fallback
    if (weights.every((w) => w.data.every(Number.isFinite))) {
      disposeSnapshot(snapshot);
      snapshot = takeSnapshot();
    }
  };

  return {
    settings,
    get epochsDone() {
      return epochsDone;
    },
    stepsPerEpoch,
    trainEpoch,
    sample,
    getWeights,
    setWeights,
    dispose() {
      disposeSnapshot(snapshot);
      adamG.dispose();
      adamD.dispose();
      activation.dispose();
      condLoss?.dispose();
      generator.dispose();
      discriminator.dispose();
    },
  };
}
