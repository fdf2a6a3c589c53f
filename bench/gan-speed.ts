/**
 * Seconds per epoch of the CTGAN trainer on the UCI training split. Measures `steps` real
 * training steps (after up to three warm-up steps) and scales to the
 * epoch's ceil(24,000 / batch) steps: a step costs the same whichever rows it samples.
 */
import * as tf from '@tensorflow/tfjs';
import { fitDataTransformer } from '../src/core/transform/data-transformer';
import { ConditionalSampler } from '../src/core/gan/conditional-sampler';
import { createGanTrainer } from '../src/core/gan/trainer';
import { createRng } from '../src/core/util/random';
import { simdKernelsActive } from '../src/core/gan/js-kernels';
import { simdProductsActive } from '../src/core/gan/matrix-product';
import type { GanSettings } from '../src/core/gan/gan-settings';
import type { UciSplit } from './uci-split';

export interface GanSpeed {
  sPerEpoch: number;
  sPerStep: number;
  stepsPerEpoch: number;
  stepsMeasured: number;
  transformerFitS: number;
  encodedWidth: number;
  condWidth: number;
  dShare: number;
  /** tfjs kernels launched by one training step (discriminator + generator update), counted after timing; null on the slow software backends (not counted there) */
  kernelsPerStep: number | null;
  /** whether the WebAssembly SIMD kernels (simd-kernels.ts) ran: wasm backend, SIMD available */
  simdKernels: boolean;
  /** whether the matrix products ran as the WebAssembly SIMD GEMM (matrix-product.ts) */
  simdProducts: boolean;
}

export async function measureGanSpeed(data: UciSplit, steps: number, settings: Partial<GanSettings> = {}): Promise<GanSpeed> {
  const t0 = performance.now();
  const transformer = fitDataTransformer(data.train, data.schema, { seed: 0 });
  const transformerFitS = (performance.now() - t0) / 1000;
  const nRows = data.train.numRows();
  const encoded = transformer.transform(data.train, createRng(1));
  const sampler = ConditionalSampler.fromEncoded(encoded, nRows, transformer.layout);
  const trainer = createGanTrainer(encoded, nRows, transformer.layout, sampler, { seed: 0, ...settings });
  try {
    let taken = 0;
    // warm-up: kernels compile and the JIT tiers up over the first steps (one step left Chromium's
    // WASM figure ~10 % high); the slow software backends measure one step after one
    const warmUp = Math.min(3, steps);
    await trainer.trainEpoch(() => taken++ >= warmUp);
    taken = 0;
    const r = await trainer.trainEpoch(() => taken++ >= steps);
    const sPerStep = r.seconds / r.steps;
    taken = 0;
    const counted = ['wasm', 'cpu'].includes(tf.getBackend());
    const profile = counted
      ? await tf.profile(async () => {
          await trainer.trainEpoch(() => taken++ >= 1);
        })
      : null;
    return {
      sPerEpoch: sPerStep * trainer.stepsPerEpoch,
      sPerStep,
      stepsPerEpoch: trainer.stepsPerEpoch,
      stepsMeasured: r.steps,
      transformerFitS,
      encodedWidth: transformer.layout.width,
      condWidth: transformer.layout.condWidth,
      dShare: r.secondsD / (r.secondsD + r.secondsG),
      kernelsPerStep: profile ? profile.kernels.length : null,
      simdKernels: simdKernelsActive(),
      simdProducts: simdProductsActive(),
    };
  } finally {
    trainer.dispose();
  }
}
