/**
 * Fit a synthesizer on the UCI training split and sample as many rows: the GAN (CTGAN in
 * TensorFlow.js, on whatever backend is active) or one of the second engines.
 */
import type { ColumnTable } from 'arquero';
import { createGanTrainer } from '../src/core/gan/trainer';
import { runTrainingLoop } from '../src/core/gan/train-loop';
import { defaultProbeView, encodeForTraining, validationProbe } from '../src/core/gan/training-setup';
import { createRng } from '../src/core/util/random';
import { ganPart, resolveTrainingSettings, type TrainingSettings } from '../src/worker/gan-settings-presets';
import { ENGINES } from '../src/core/engines';
import type { UciSplit } from './uci-split';

export interface SynthRun {
  synthetic: ColumnTable;
  trainSeconds: number;
  generateRowsPerSecond: number;
}

export interface GanRunOptions {
  /** run the app's quality probe every this many epochs and keep the best checkpoint (0: only after the last epoch) */
  probeEvery?: number;
  /** write one progress line per probe to stderr (long benchmark runs) */
  log?: boolean;
}

export interface GanRun extends SynthRun {
  /** the epoch whose weights generated `synthetic` (the best probe's, as the app uses, or the last) */
  usedEpoch: number;
  /** the last epoch's sample when the best probe's checkpoint was used instead, else null */
  lastEpochSynthetic: ColumnTable | null;
  /** the training rows the GAN fitted (the training split less the validation rows) */
  fit: ColumnTable;
  /** rows held out of the training split to choose the checkpoint */
  validationRows: number;
}

/**
 * The app's own training loop and probe (core/gan/training-setup.ts, train-loop.ts, the same
 * calls as the worker's gan-session.ts): hold out the validation part of the training rows, fit
 * on the rest, probe every `probeEvery` epochs against the validation rows with the app's column
 * rule, and generate from the best probe's checkpoint when it beats the last epoch (keepBest).
 * Nothing here sees the test split, so the figures scored on it chose nothing.
 */
export async function runGan(data: UciSplit, settings: Partial<TrainingSettings>, seed: number, options: GanRunOptions = {}): Promise<GanRun> {
  const t0 = performance.now();
  const resolved = resolveTrainingSettings({ ...settings, seed, probeEvery: options.probeEvery || settings.probeEvery });
  const prepared = encodeForTraining(data.train, data.schema, { seed, maxModes: resolved.maxModes });
  const { transformer, encoded, sampler, rows } = prepared;
  const trainer = createGanTrainer(encoded, rows, transformer.layout, sampler, ganPart(resolved), createRng(seed));
  const probe = validationProbe(prepared, data.schema, seed, defaultProbeView(data.schema, data.train));
  const generate = async () => transformer.inverse(await trainer.sample(rows, undefined, seed + 2), rows);
  let lastEpochSynthetic: ColumnTable | null = null;
  try {
    const epochs = resolved.epochs;
    const loop = await runTrainingLoop(
      trainer,
      probe,
      // probeEvery 0: no probe but the last one, so the last epoch's weights are used
      { epochs, probeEvery: options.probeEvery ?? 0, keepBest: true },
      {
        onProbe: (e, p) => {
          if (options.log) process.stderr.write(`gan epoch ${e}/${epochs}: validation probe ${p.score.toFixed(4)}, ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
        },
        // the last epoch's rows too, when the app would use an earlier (better-probing) checkpoint
        beforeKeepBest: async () => {
          lastEpochSynthetic = await generate();
        },
      },
    );
    const trainSeconds = (performance.now() - t0) / 1000;
    const g0 = performance.now();
    const synthetic = await generate();
    return { synthetic, trainSeconds, generateRowsPerSecond: rows / ((performance.now() - g0) / 1000), usedEpoch: loop.usedEpoch, lastEpochSynthetic, fit: prepared.fit, validationRows: prepared.validation?.numRows() ?? 0 };
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
