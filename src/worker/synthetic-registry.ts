/**
 * Where the generated synthetic table lives in the worker, so later steps can use it without
 * knowing who made it. The generate step calls `setSyntheticTable` after generating; the risk
 * models and Validate read `getSyntheticTable` (null until then, and the synthetic training modes
 * stay disabled). What made it is recorded as data (engine kind, settings, the split it was
 * trained on), never read back out of the display text.
 */
import type { ColumnTable } from 'arquero';
import type { DataProvenance } from './provenance';

/** The engines by kind: 'ctgan' (the GAN), 'ar-cart', 'latent-class'; 'other' when unknown. */
export type EngineKind = 'ctgan' | 'ar-cart' | 'latent-class' | 'other';

export interface SyntheticOrigin {
  engineKind: EngineKind;
  /** settings of the model as plain values (seed, epochs used, engine options) */
  settings: Record<string, unknown> | null;
  /** identity of the model that drew it (changes with every fit, training run or load) */
  modelKey: string | null;
  /** what the model was trained on; null when unknown (a model loaded without that record) */
  trainedOn: DataProvenance | null;
  /** candidates the copy guard rejected while generating; null when the guard did not run */
  copiesRejected: number | null;
}

export interface SyntheticInfo extends SyntheticOrigin {
  /** what produced it, in words (e.g. "CTGAN, 300 epochs, seed 1") */
  source: string;
  createdAt: number;
}

let table: ColumnTable | null = null;
let info: SyntheticInfo | null = null;

const UNKNOWN_ORIGIN: SyntheticOrigin = { engineKind: 'other', settings: null, modelKey: null, trainedOn: null, copiesRejected: null };

let listener: ((table: ColumnTable | null, info: SyntheticInfo | null) => void) | null = null;

/** `origin.createdAt` is given only when a saved table is put back (it ties the table to its run). */
export function setSyntheticTable(next: ColumnTable | null, source = 'synthetic data', origin: Partial<SyntheticOrigin> & { createdAt?: number } = {}): void {
  table = next;
  const restored = origin.createdAt !== undefined;
  info = next ? { ...UNKNOWN_ORIGIN, ...origin, source, createdAt: origin.createdAt ?? Date.now() } : null;
  // a restored table is already saved
  if (!restored) listener?.(table, info);
}

/** The project store's hook: called when a new synthetic table becomes current (not on a restore). */
export function onSyntheticTableChanged(cb: ((table: ColumnTable | null, info: SyntheticInfo | null) => void) | null): void {
  listener = cb;
}

export function getSyntheticTable(): ColumnTable | null {
  return table;
}

export function getSyntheticInfo(): SyntheticInfo | null {
  return info;
}
