/**
 * Soak benchmark (issue 8.5): a long GAN training run on a small table, through the worker's own
 * GanSession (epochs, quality probes, and a checkpoint read every 5 epochs as the project store
 * does), watching for leaks: TensorFlow.js tensors and the process heap at epoch 10 and at the end.
 *
 *   soak.tensors_growth: tf.memory().numTensors at the last epoch minus at epoch 10 (0 = no leak)
 *   soak.heap_growth_mb: process heap used at the last epoch minus at epoch 10, MB (after a GC when
 *   node runs with --expose-gc; otherwise it includes garbage not yet collected)
 *
 * `npm run bench` wires it in (see bench/run.ts); alone: node --import tsx bench/soak.ts [epochs].
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import * as aq from 'arquero';
import { pathToFileURL } from 'node:url';
import { emit } from './record';
import { GanSession, type TrainingDataSource, type TrainingSettings } from '../src/worker/gan-session';
import type { ColumnRole, DatasetSchema } from '../src/core/data/schema';
import { createRng } from '../src/core/util/random';
import { takeRows } from '../src/core/data/eda/columns';

export interface SoakOptions {
  epochs?: number;
  rows?: number;
  backend?: 'wasm' | 'cpu';
  /** epoch of the first measurement (default 10) */
  baselineEpoch?: number;
  /** read the weights as a checkpoint every N epochs (default 5, as the project store) */
  checkpointEvery?: number;
  /** print the records with emit (default true) */
  print?: boolean;
}

export interface SoakResult {
  epochs: number;
  backend: string;
  tensorsAtBaseline: number;
  tensorsAtEnd: number;
  tensorsGrowth: number;
  heapAtBaselineMb: number;
  heapAtEndMb: number;
  heapGrowthMb: number;
  /** tensors still allocated after the session is disposed, beyond those before it started */
  tensorsLeftAfterDispose: number;
  seconds: number;
}

function column(name: string, role: ColumnRole, distinct: number) {
  return { name, role, inferredRole: role, reason: 'soak', numeric: role === 'continuous', integer: false, missing: 0, distinct };
}

/** rows × 4 columns: two continuous (one bimodal), two categorical, a fixed 80/20 split. */
export function soakData(rows = 500): TrainingDataSource {
  const rng = createRng(8);
  const data: Record<string, unknown[]> = { amount: [], age: [], grade: [], default: [] };
  for (let i = 0; i < rows; i++) {
    const high = rng.next() < 0.4;
    data.amount.push(Math.round((high ? 8000 : 2000) + 500 * rng.normal()));
    data.age.push(Math.round(35 + 9 * rng.normal()));
    data.grade.push(['A', 'B', 'C'][i % 3]);
    data.default.push(rng.next() < (high ? 0.5 : 0.15) ? '1' : '0');
  }
  const table = aq.table(data, Object.keys(data));
  const schema: DatasetSchema = {
    columns: [column('amount', 'continuous', rows), column('age', 'continuous', 60), column('grade', 'categorical', 3), column('default', 'categorical', 2)],
    target: 'default',
    positiveLabel: '1',
    rowCount: rows,
  };
  const idx = Array.from({ length: rows }, (_, i) => i);
  const split = { train: Int32Array.from(idx.filter((i) => i % 5 !== 0)), test: Int32Array.from(idx.filter((i) => i % 5 === 0)) };
  return { cleaned: () => ({ table, schema }), split: () => split, makeSplit: () => split, trainTable: () => takeRows(table, split.train) };
}

export const SOAK_SETTINGS: Partial<TrainingSettings> = {
  embeddingDim: 8,
  generatorDims: [16, 16],
  discriminatorDims: [16, 16],
  pac: 2,
  batchSize: 100,
  maxModes: 3,
  probeEvery: 50,
  seed: 1,
};

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

export async function soak(options: SoakOptions = {}): Promise<SoakResult> {
  const epochs = options.epochs ?? 1000;
  const baselineEpoch = Math.min(options.baselineEpoch ?? 10, epochs);
  const every = options.checkpointEvery ?? 5;
  const backend = options.backend ?? 'wasm';
  if (tf.getBackend() !== backend) {
    await tf.setBackend(backend);
    await tf.ready();
  }
  const tensorsBefore = tf.memory().numTensors;
  const session = new GanSession(soakData(options.rows ?? 500));
  let atBaseline: { tensors: number; heap: number } | null = null;
  let atEnd: { tensors: number; heap: number } | null = null;
  session.onEpochDone = (epoch) => {
    // what the project store does: read the weights as a checkpoint
    if (epoch % every === 0) session.checkpoint();
    if (epoch === baselineEpoch) atBaseline = { tensors: tf.memory().numTensors, heap: heapMb() };
    if (epoch === epochs) atEnd = { tensors: tf.memory().numTensors, heap: heapMb() };
  };
  const t0 = performance.now();
  const outcome = await session.train({ ...SOAK_SETTINGS, epochs, probeEvery: Math.min(SOAK_SETTINGS.probeEvery!, epochs) }, () => undefined);
  session.dispose();
  if (outcome.status !== 'finished' || !atBaseline || !atEnd) throw new Error(`soak run did not finish: ${JSON.stringify(outcome)}`);
  const b = atBaseline as { tensors: number; heap: number };
  const e = atEnd as { tensors: number; heap: number };
  const result: SoakResult = {
    epochs,
    backend,
    tensorsAtBaseline: b.tensors,
    tensorsAtEnd: e.tensors,
    tensorsGrowth: e.tensors - b.tensors,
    heapAtBaselineMb: b.heap,
    heapAtEndMb: e.heap,
    heapGrowthMb: e.heap - b.heap,
    tensorsLeftAfterDispose: tf.memory().numTensors - tensorsBefore,
    seconds: (performance.now() - t0) / 1000,
  };
  if (options.print ?? true) {
    const common = { where: 'node' as const, epochs, baseline_epoch: baselineEpoch, backend, rows: options.rows ?? 500, columns: 4, seconds: result.seconds, gc: typeof (globalThis as { gc?: unknown }).gc === 'function' };
    emit({ name: 'soak.tensors_growth', value: result.tensorsGrowth, unit: 'tensors', ...common, tensors_at_baseline: b.tensors, tensors_at_end: e.tensors, tensors_left_after_dispose: result.tensorsLeftAfterDispose });
    emit({ name: 'soak.heap_growth_mb', value: Number(result.heapGrowthMb.toFixed(2)), unit: 'MB', ...common, heap_at_baseline_mb: Number(b.heap.toFixed(2)), heap_at_end_mb: Number(e.heap.toFixed(2)) });
  }
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const n = Number(process.argv[2] ?? 1000);
  await soak({ epochs: Number.isFinite(n) && n > 10 ? n : 1000 });
}
