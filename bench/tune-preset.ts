/**
 * Tries GAN settings and prints the scorecard of each (one JSON line per run):
 *   node --import tsx bench/tune-preset.ts '{"epochs":20,"batchSize":250}' '{"epochs":30}' ...
 * Used to choose the quick preset. It tunes on the TRAINING rows only: they are split again
 * (stratified 80/20, seed 1) into a tuning-fit part and a tuning-validation part, the GAN runs the
 * app's loop on the first (which holds out its own checkpoint rows) and TSTR with GBDT is scored on
 * the second. The benchmark's test split, whose figures the README reports, is never read here.
 *
 * The first argument is the incumbent (pass '{}' for the preset as it is). After the last run one
 * line `{"choice": ...}` names the chosen settings: the highest tuning score (selectionScore: the
 * mean of column shapes, strong pairs and TSTR AUC, all on the tuning parts), but a challenger
 * replaces the incumbent only when it beats it by more than `--margin=` (default 0.005), since one
 * seed cannot tell smaller differences apart. Candidates run in several processes (a busy machine)
 * are chosen among afterwards with `node --import tsx bench/tune-preset.ts --choose a.log b.log`.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadUciSplit } from './node-benches';
import { runGan } from './synth-runs';
import { scoreSynthetic } from './synthetic-scores';
import { PRESETS } from '../src/worker/gan-settings-presets';
import { stratifiedSplit } from '../src/core/data/split';
import { takeRows } from '../src/core/data/eda/columns';
import type { UciSplit } from './uci-split';

/** The training rows split into a part to fit and a part to tune on (the test split stays out). */
function tuningSplit(data: UciSplit, seed = 1): UciSplit {
  const labels = data.train.array(data.schema.target!) as ArrayLike<string | null>;
  const { train, test } = stratifiedSplit(labels, { testFraction: 0.2, seed });
  return { train: takeRows(data.train, train), test: takeRows(data.train, test), schema: data.schema };
}

/** The rule that picks a candidate: quality of the columns, of the pairs and of the data for a model, equally. */
function selectionScore(s: { columnShapes: number; strongPairs: number; tstrAuc: number }): number {
  return (s.columnShapes + s.strongPairs + s.tstrAuc) / 3;
}

interface Scored {
  settings: unknown;
  score: number;
}

/** The choice line: the best-scoring candidate, or the incumbent unless beaten by more than `margin`. */
function choose(incumbent: Scored, results: Scored[], margin: number): string {
  const best = results.reduce((a, b) => (b.score > a.score ? b : a), incumbent);
  const choice = best !== incumbent && best.score > incumbent.score + margin ? best : incumbent;
  return JSON.stringify({ choice: choice.settings, selectionScore: choice.score, incumbent: incumbent.settings, incumbentScore: incumbent.score, margin, candidates: results.length, rule: 'max mean(columnShapes, strongPairs, tstrAuc) on the tuning parts of the training rows' });
}

const margin = Number(process.argv.find((a) => a.startsWith('--margin='))?.split('=')[1] ?? 0.005);
const candidates = process.argv.slice(2).filter((a) => !a.startsWith('--'));

if (process.argv.includes('--choose')) {
  // `--choose a.log b.log`: the same rule over the result lines of runs made in several processes
  // (the incumbent is the line whose settings are {}, the preset as it is)
  const results: Scored[] = [];
  for (const file of candidates) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.startsWith('{')) continue;
      const r = JSON.parse(line) as { settings?: unknown; selectionScore?: number };
      if (r.settings !== undefined && typeof r.selectionScore === 'number') results.push({ settings: r.settings, score: r.selectionScore });
    }
  }
  const incumbent = results.find((r) => JSON.stringify(r.settings) === '{}');
  if (!incumbent) throw new Error('no result line for the incumbent ({}) in the logs');
  console.log(choose(incumbent, results, margin));
} else {
  const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
  await tf.setBackend('wasm');
  await tf.ready();
  const tuning = tuningSplit(await loadUciSplit(root));
  const results: Scored[] = [];
  for (const arg of candidates) {
    const settings = { ...PRESETS.quick.settings, ...JSON.parse(arg) };
    const seed = Number(JSON.parse(arg).seed ?? 0);
    process.stderr.write(`candidate ${arg}\n`);
    const run = await runGan(tuning, settings, seed, { probeEvery: settings.probeEvery, log: true });
    const s = scoreSynthetic({ ...tuning, train: run.fit }, run.synthetic, seed);
    const score = selectionScore(s);
    results.push({ settings: JSON.parse(arg), score });
    console.log(JSON.stringify({ settings: JSON.parse(arg), on: 'tuning-validation part of the training rows', tuningFitRows: run.fit.numRows(), checkpointRows: run.validationRows, tuningValidationRows: tuning.test.numRows(), usedEpoch: run.usedEpoch, trainSeconds: Math.round(run.trainSeconds), selectionScore: score, ...s }));
  }
  if (results.length > 0) console.log(choose(results[0], results, margin));
}
