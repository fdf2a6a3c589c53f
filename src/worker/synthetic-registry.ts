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

export function setSyntheticTable(next: ColumnTable | null, source = 'synthetic data'): void {
  table = next;
  info = next ? { source, createdAt: Date.now() } : null;
}

export function getSyntheticTable(): ColumnTable | null {
  return table;
}

export function getSyntheticInfo(): SyntheticInfo | null {
  return info;
}
