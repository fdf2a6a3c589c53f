import type { ColumnTable } from 'arquero';
import type { DatasetSchema } from '../data/schema.ts';
import type { DpGuarantee } from './dp/guarantee.ts';

/**
 * The common contract of every synthesis engine, so the worker runs any of them the same way:
 * fit on a typed training table (CONVENTIONS.md), then sample typed tables from the fitted
 * engine, optionally under conditions, and save / restore it as JSON.
 */

/** A modelled column as an engine sees it (identifier and text columns are never modelled). */
export interface EngineColumn {
  name: string;
  /** continuous and datetime hold numbers (datetime = epoch ms), categorical holds labels */
  role: 'continuous' | 'categorical' | 'datetime';
  /** generated numbers are rounded to whole numbers */
  integer: boolean;
}

export interface FitHooks {
  /** fraction in [0, 1] of the fit done, with a short human-readable message */
  onProgress?(fraction: number, message: string): void;
  /** polled between steps; true ends the fit with an EngineStoppedError */
  shouldStop?(): boolean;
}

export interface ValueRange {
  min?: number;
  max?: number;
}

export interface SampleConditions {
  /** categorical column → label every sampled row must hold */
  fixed?: Record<string, string>;
  /** continuous / datetime column → inclusive bounds every sampled row must respect */
  ranges?: Record<string, ValueRange>;
}

export interface SampleStats {
  requested: number;
  /** candidate rows generated (rejection sampling draws more than requested) */
  generated: number;
  /** share of candidates that met the conditions (1 without rejection) */
  acceptanceRate: number;
  /** how the conditions were met: 'none', 'exact' (the model conditions directly), 'rejection' or both */
  method: 'none' | 'exact' | 'rejection' | 'exact+rejection';
  /** candidates dropped because they equalled a training row (the copy guard) */
  copiesRejected: number;
}

export interface SampleOutcome {
  table: ColumnTable;
  stats: SampleStats;
}

export interface EngineJson {
  kind: string;
  version: number;
  columns: EngineColumn[];
  [key: string]: unknown;
}

export interface FittedEngine {
  readonly kind: string;
  /** the modelled columns of the training schema, in schema order: every sample has exactly these */
  readonly columns: readonly EngineColumn[];
  /**
   * n rows, same seed → same rows. Async so that engines running on an accelerator (the GAN) fit
   * the same contract. Throws an EngineConditionError when conditions cannot be met.
   */
  sample(n: number, conditions?: SampleConditions, seed?: number): Promise<ColumnTable>;
  /** as sample, with how many candidates the conditions cost */
  sampleWithStats(n: number, conditions?: SampleConditions, seed?: number): Promise<SampleOutcome>;
  toJSON(): EngineJson;
  /** differentially private engines only: the (epsilon, delta) guarantee and where the budget went */
  privacyGuarantee?(): DpGuarantee;
}

export interface SynthesisEngine<Options = Record<string, unknown>> {
  readonly kind: string;
  /** a short name for the UI */
  readonly label: string;
  readonly defaultOptions: Readonly<Options>;
  fit(train: ColumnTable, schema: DatasetSchema, options?: Partial<Options>, hooks?: FitHooks): Promise<FittedEngine>;
  fromJSON(json: EngineJson): FittedEngine;
}

export class EngineConditionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EngineConditionError';
  }
}

export class EngineStoppedError extends Error {
  constructor() {
    super('the fit was stopped');
    this.name = 'EngineStoppedError';
  }
}
