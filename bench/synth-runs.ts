/**
 * Fit a synthesizer on the UCI training split and sample as many rows: the GAN (CTGAN in
 * TensorFlow.js, on whatever backend is active) or one of the second engines.
 */
import type { ColumnTable } from 'arquero';
import { fitDataTransformer } from '../src/core/transform/data-transformer';
import { ConditionalSampler } from '../src/core/gan/conditional-sampler';
import { createGanTrainer } from '../src/core/gan/trainer';
import type { GanSettings } from '../src/core/gan/gan-settings';
import { createRng, shuffledIndices } from '../src/core/util/random';
import { qualityReport } from '../src/core/quality/qualityReport';
import type { QualityColumn } from '../src/core/quality/types';
import type { NamedWeight } from '../src/core/gan/trainer';
import { ENGINES } from '../src/core/engines';
import type { UciSplit } from './uci-split';

export interface SynthRun {
  synthetic: ColumnTable;
  trainSeconds: number;
  generateRowsPerSecond: number;
}

export interface GanRunOptions {
  /** run the app's quality probe every this many epochs and keep the best checkpoint (0: never) */
  probeEvery?: number;
  /** write one progress line per probe to stderr (long benchmark runs) */
  log?: boolean;
}

export interface GanRun extends SynthRun {
  /** the epoch whose weights generated `synthetic` (the best probe's, as the app uses, or the last) */
  usedEpoch: number;
  /** the last epoch's sample when the best probe's checkpoint was used instead, else null */
  lastEpochSynthetic: ColumnTable | null;
}

const PROBE_ROWS = 1000;

/**
 * The app's training loop in short: train, probe every few epochs on 1,000 generated rows
 * (column shapes and pair trends against 1,000 real rows), and generate from the best probe's
 * checkpoint when it beats the last epoch (the worker's keepBest default).
 */
export async function runGan(data: UciSplit, settings: Partial<GanSettings>, seed: number, options: GanRunOptions = {}): Promise<GanRun> {
  const t0 = performance.now();
  const transformer = fitDataTransformer(data.train, data.schema, { seed });
  const nRows = data.train.numRows();
  const encoded = transformer.transform(data.train, createRng(seed + 1));
  const sampler = ConditionalSampler.fromEncoded(encoded, nRows, transformer.layout);
  const trainer = createGanTrainer(encoded, nRows, transformer.layout, sampler, { ...settings, seed });
  const columns: QualityColumn[] = data.schema.columns.map((c) => ({ name: c.name, kind: c.role === 'categorical' ? 'discrete' : 'continuous' }));
  const realRows = Array.from(shuffledIndices(nRows, createRng(seed + 1013)).subarray(0, Math.min(PROBE_ROWS, nRows)));
  const real = Object.fromEntries(columns.map((c) => [c.name, realRows.map((i) => (data.train.array(c.name) as ArrayLike<unknown>)[i])]));
  const probe = async (): Promise<number> => {
    const synth = transformer.inverse(await trainer.sample(PROBE_ROWS, undefined, seed + 7919), PROBE_ROWS);
    const gen = Object.fromEntries(columns.map((c) => [c.name, Array.from(synth.array(c.name) as ArrayLike<unknown>)]));
    const q = qualityReport(real as never, gen as never, columns);
    return (q.columnShapes + q.columnPairTrends) / 2;
  };
  try {
    const epochs = settings.epochs ?? 300;
    const every = options.probeEvery ?? 0;
    let best: { epoch: number; score: number; weights: NamedWeight[] } | null = null;
    let lastScore = -Infinity;
    for (let e = 1; e <= epochs; e++) {
      await trainer.trainEpoch();
      if (every > 0 && (e % every === 0 || e === epochs)) {
        lastScore = await probe();
        if (!best || lastScore > best.score) best = { epoch: e, score: lastScore, weights: trainer.getWeights() };
        if (options.log) process.stderr.write(`gan epoch ${e}/${epochs}: probe ${lastScore.toFixed(4)} (best ${best.score.toFixed(4)} at ${best.epoch}), ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
      }
    }
    const trainSeconds = (performance.now() - t0) / 1000;
    const generate = async () => transformer.inverse(await trainer.sample(nRows, undefined, seed + 2), nRows);
    let lastEpochSynthetic: ColumnTable | null = null;
    let usedEpoch = epochs;
    if (best && best.score > lastScore && best.epoch !== epochs) {
      lastEpochSynthetic = await generate();
      trainer.setWeights(best.weights);
      usedEpoch = best.epoch;
    }
    const g0 = performance.now();
    const synthetic = await generate();
    return { synthetic, trainSeconds, generateRowsPerSecond: nRows / ((performance.now() - g0) / 1000), usedEpoch, lastEpochSynthetic };
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
