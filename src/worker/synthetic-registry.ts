/**
 * Where the generated synthetic table lives in the worker, so later steps can use it without
 * knowing who made it. The GAN step calls `setSyntheticTable` after generating; the risk models
 * read `getSyntheticTable` (null until then, and the synthetic training modes stay disabled).
 */
import type { ColumnTable } from 'arquero';

export interface SyntheticInfo {
  /** what produced it, in words (e.g. "CTGAN, 300 epochs, seed 1") */
  source: string;
  createdAt: number;
}

let table: ColumnTable | null = null;
let info: SyntheticInfo | null = null;

let listener: ((table: ColumnTable | null, info: SyntheticInfo | null) => void) | null = null;

/** `createdAt` is given only when a saved table is put back (it ties the table to its run). */
export function setSyntheticTable(next: ColumnTable | null, source = 'synthetic data', createdAt?: number): void {
  table = next;
  info = next ? { source, createdAt: createdAt ?? Date.now() } : null;
  // a restored table is already saved
  if (createdAt === undefined) listener?.(table, info);
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
