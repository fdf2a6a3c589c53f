/**
 * Tries GAN settings on the UCI split and prints the scorecard of each (one JSON line per run):
 *   node --import tsx bench/tune-preset.ts '{"epochs":20,"batchSize":250}' '{"epochs":30}' ...
 * Used to choose the quick preset; quality is the benchmark's scoreSynthetic (TSTR with GBDT).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadUciSplit } from './node-benches';
import { runGan } from './synth-runs';
import { scoreSynthetic } from './synthetic-scores';
import { PRESETS } from '../src/worker/gan-settings-presets';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
await tf.setBackend('wasm');
await tf.ready();
const data = await loadUciSplit(root);
for (const arg of process.argv.slice(2)) {
  const settings = { ...PRESETS.quick.settings, ...JSON.parse(arg) };
  const seed = Number(JSON.parse(arg).seed ?? 0);
  const run = await runGan(data, settings, seed, { probeEvery: settings.probeEvery });
  const s = scoreSynthetic(data, run.synthetic, seed);
  console.log(JSON.stringify({ settings: JSON.parse(arg), usedEpoch: run.usedEpoch, trainSeconds: Math.round(run.trainSeconds), ...s }));
}
