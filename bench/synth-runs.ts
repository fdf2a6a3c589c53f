/**
 * Fit a synthesizer on the UCI training split and sample as many rows: the GAN (CTGAN in
 * TensorFlow.js, on whatever backend is active) or one of the second engines.
 */
import type { ColumnTable } from 'arquero';
import { fitDataTransformer } from '../src/core/transform/data-transformer';
import { ConditionalSampler } from '../src/core/gan/conditional-sampler';
import { createGanTrainer } from '../src/core/gan/trainer';
import type { GanSettings } from '../src/core/gan/gan-settings';
import { createRng } from '../src/core/util/random';
import { ENGINES } from '../src/core/engines';
import type { UciSplit } from './uci-split';

export interface SynthRun {
  synthetic: ColumnTable;
  trainSeconds: number;
  generateRowsPerSecond: number;
}

export async function runGan(data: UciSplit, settings: Partial<GanSettings>, seed: number): Promise<SynthRun> {
  const t0 = performance.now();
  const transformer = fitDataTransformer(data.train, data.schema, { seed });
  const nRows = data.train.numRows();
  const encoded = transformer.transform(data.train, createRng(seed + 1));
  const sampler = ConditionalSampler.fromEncoded(encoded, nRows, transformer.layout);
  const trainer = createGanTrainer(encoded, nRows, transformer.layout, sampler, { ...settings, seed });
  try {
    for (let e = 0; e < (settings.epochs ?? 300); e++) await trainer.trainEpoch();
    const trainSeconds = (performance.now() - t0) / 1000;
    const g0 = performance.now();
    const matrix = await trainer.sample(nRows, undefined, seed + 2);
    const synthetic = transformer.inverse(matrix, nRows);
    return { synthetic, trainSeconds, generateRowsPerSecond: nRows / ((performance.now() - g0) / 1000) };
  } finally {
    trainer.dispose();
  }
}

export async function runEngine(data: UciSplit, engine: string, seed: number): Promise<SynthRun> {
  const impl = ENGINES[engine];
  if (!impl) throw new Error(`unknown engine ${engine}`);
  const t0 = performance.now();
  const fitted = await impl.fit(data.train, data.schema, { seed });
  const trainSeconds = (performance.now() - t0) / 1000;
  const g0 = performance.now();
  const synthetic = await fitted.sample(data.train.numRows(), {}, seed + 1000);
  return { synthetic, trainSeconds, generateRowsPerSecond: data.train.numRows() / ((performance.now() - g0) / 1000) };
}
