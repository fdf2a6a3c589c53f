/**
 * The validation part of the training rows: the GAN does not fit these rows, and the training
 * probe (quality-probe.ts) scores its checkpoints against them. So the checkpoint is chosen on
 * rows that neither the GAN nor the reported figures (the test split) use. One rule for the app's
 * worker and the benchmark.
 */
import type { ColumnTable } from 'arquero';
import { takeRows } from '../data/eda/columns';
import { createRng, shuffledIndices } from '../util/random';
import { PROBE_REAL_ROWS } from './quality-probe';

/** share of the training rows held out for validation (at most PROBE_REAL_ROWS rows) */
export const VALIDATION_SHARE = 0.1;
/** below this many training rows nothing is held out: the probe then compares with the fitted rows */
export const MIN_ROWS_FOR_VALIDATION = 50;

/** How many of n training rows are held out for validation. */
export function validationRowCount(n: number): number {
  if (n < MIN_ROWS_FOR_VALIDATION) return 0;
  return Math.min(PROBE_REAL_ROWS, Math.round(n * VALIDATION_SHARE));
}

export interface ValidationSplit {
  /** the rows the GAN fits */
  fit: ColumnTable;
  /** the held-out rows the probe scores against; null when there were too few rows */
  validation: ColumnTable | null;
}

/** A seeded random validation part of `train` and the rest, each in the table's row order. */
export function splitValidationRows(train: ColumnTable, seed: number): ValidationSplit {
  const n = train.numRows();
  const v = validationRowCount(n);
  if (v === 0) return { fit: train, validation: null };
  const order = shuffledIndices(n, createRng((seed + 4243) >>> 0));
  const held = new Uint8Array(n);
  for (let i = 0; i < v; i++) held[order[i]] = 1;
  const fitRows: number[] = [];
  const validationRows: number[] = [];
  for (let i = 0; i < n; i++) (held[i] ? validationRows : fitRows).push(i);
  return { fit: takeRows(train, fitRows), validation: takeRows(train, validationRows) };
}
