import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { createRng, shuffledIndices } from '../../util/random.ts';
import { binaryTarget } from './target.ts';
import { concatTables, missingColumns, takeTableRows } from './table-rows.ts';

/**
 * Which rows a model learns from. Every mode is judged on the same real test split:
 * - real (TRTR): the real training split;
 * - synthetic (TSTR): the synthetic table only;
 * - augmented: the real training split plus synthetic rows, `augmentRatio` synthetic rows per real row;
 * - oversampled: the real training split plus synthetic positive (minority) rows, enough to lift the
 *   positive share to `oversampleShare` (as far as the synthetic table has positives).
 */
export type TrainingMode = 'real' | 'synthetic' | 'augmented' | 'oversampled';

export const TRAINING_MODES: readonly TrainingMode[] = ['real', 'synthetic', 'augmented', 'oversampled'];

export const MODE_LABELS: Record<TrainingMode, string> = {
  real: 'Real (TRTR)',
  synthetic: 'Synthetic only (TSTR)',
  augmented: 'Real + synthetic',
  oversampled: 'Real + synthetic minority',
};

export interface CompositionOptions {
  /** synthetic rows per real training row in 'augmented' mode; default 1 */
  augmentRatio?: number;
  /** positive share to reach in 'oversampled' mode; default 0.5 */
  oversampleShare?: number;
  seed?: number;
}

export interface TrainingData {
  table: ColumnTable;
  y: Uint8Array;
  realRows: number;
  syntheticRows: number;
  positives: number;
  /** what happened that the user should know (e.g. fewer synthetic rows than asked for) */
  notes: string[];
}

export function modeNeedsSynthetic(mode: TrainingMode): boolean {
  return mode !== 'real';
}

/** Seeded sample of `k` of the given rows without replacement (all of them when k ≥ their count). */
function sampleRows(rows: ArrayLike<number>, k: number, seed: number): Int32Array {
  const order = shuffledIndices(rows.length, createRng(seed));
  const m = Math.min(k, rows.length);
  const out = new Int32Array(m);
  for (let i = 0; i < m; i++) out[i] = rows[order[i]];
  return out.sort();
}

export function composeTrainingData(
  mode: TrainingMode,
  train: ColumnTable,
  synthetic: ColumnTable | null | undefined,
  columns: string[],
  target: string,
  positiveLabel: string,
  options: CompositionOptions = {},
): TrainingData {
  const seed = options.seed ?? 0;
  const notes: string[] = [];
  const real = binaryTarget(train, target, positiveLabel);
  if (real.rows.length < train.numRows()) notes.push(`${train.numRows() - real.rows.length} real training rows without a target were left out.`);
  const realTable = takeTableRows(train, real.rows, columns);
  if (mode === 'real') {
    return { table: realTable, y: real.y, realRows: real.rows.length, syntheticRows: 0, positives: real.positives, notes };
  }
  if (!synthetic || synthetic.numRows() === 0) throw new Error(`mode "${mode}" needs a synthetic table; none has been generated yet`);
  const absent = missingColumns(synthetic, columns);
  if (absent.length > 0) throw new Error(`the synthetic table lacks column(s) the model uses: ${absent.join(', ')}`);
  const syn = binaryTarget(synthetic, target, positiveLabel);

  let picked: Int32Array;
  if (mode === 'synthetic') {
    picked = syn.rows;
  } else if (mode === 'augmented') {
    const ratio = options.augmentRatio ?? 1;
    if (!(ratio > 0)) throw new Error(`augment ratio must be > 0, got ${ratio}`);
    const want = Math.round(ratio * real.rows.length);
    picked = sampleRows(syn.rows, want, seed ^ 0x2545f491);
    if (picked.length < want) notes.push(`Asked for ${want} synthetic rows; the synthetic table has ${picked.length} with a target, all used.`);
  } else {
    const share = options.oversampleShare ?? 0.5;
    if (!(share > 0 && share < 1)) throw new Error(`oversample share must be in (0, 1), got ${share}`);
    const n = real.rows.length;
    const p = real.positives;
    // (p + k) / (n + k) = share  ⇒  k = (share·n − p) / (1 − share)
    const want = Math.max(0, Math.ceil((share * n - p) / (1 - share)));
    const positives = syn.rows.filter((_, k) => syn.y[k] === 1);
    picked = sampleRows(positives, want, seed ^ 0x68e31da4);
    if (want === 0) notes.push(`The real training data already has a positive share of at least ${share}; nothing was added.`);
    else if (picked.length < want) notes.push(`Asked for ${want} synthetic positive rows; the synthetic table has ${picked.length}, all used.`);
  }
  const synTable = takeTableRows(synthetic, picked, columns);
  const synY = binaryTarget(synTable, target, positiveLabel).y;
  let synPositives = 0;
  for (let i = 0; i < synY.length; i++) synPositives += synY[i];
  if (mode === 'synthetic') {
    return { table: synTable, y: synY, realRows: 0, syntheticRows: synY.length, positives: synPositives, notes };
  }
  const y = new Uint8Array(real.y.length + synY.length);
  y.set(real.y, 0);
  y.set(synY, real.y.length);
  return {
    table: concatTables(realTable, synTable, columns),
    y,
    realRows: real.rows.length,
    syntheticRows: synY.length,
    positives: real.positives + synPositives,
    notes,
  };
}

/**
 * A deliberately weak synthetic baseline: every column resampled (with replacement, seeded) on
 * its own, so each marginal distribution is kept and every relation between columns — including
 * the one with the target — is destroyed. A model trained on it should score clearly worse than
 * one trained on real data; a generator that does no better than this has learnt nothing joint.
 */
export function independentMarginals(table: ColumnTable, rows: number, seed: number): ColumnTable {
  const rng = createRng(seed);
  const n = table.numRows();
  if (n === 0) throw new Error('cannot resample an empty table');
  const data: Record<string, unknown[]> = {};
  for (const name of table.columnNames()) {
    const src = table.array(name) as ArrayLike<unknown>;
    const out = new Array<unknown>(rows);
    for (let i = 0; i < rows; i++) out[i] = src[rng.int(n)];
    data[name] = out;
  }
  return aq.table(data, table.columnNames());
}
