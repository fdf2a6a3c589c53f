/**
 * The second synthesis engines in the worker (src/core/engines: sequential trees, latent-class
 * mixture): fit one on the train split with progress and cancel, keep it as the current engine
 * model (generate-api.ts samples from it when it is newer than the GAN), and save / restore it as
 * one JSON file. Pure logic, no IndexedDB or Comlink, so it runs in Node tests too; engine-api.ts
 * wires it into the worker.
 */
import type { ColumnTable } from 'arquero';
import { isModelledRole, type DatasetSchema } from '../core/data/schema';
import { ENGINES, EngineStoppedError, engineFromJSON, type DpGuarantee, type EngineJson, type FittedEngine } from '../core/engines';
import type { ColumnCoder } from '../core/engines/column-coder';
import type { DataProvenance } from './provenance';
import type { GenColumn } from './gen-column';

/** The engines the Train screen offers, by kind, with the names the user reads. */
export const ENGINE_LABELS: Record<string, string> = {
  'ar-cart': 'Sequential trees',
  'latent-class': 'Mixture model (latent class)',
  'dp-mst': 'Differentially private (MST)',
};

export const ENGINE_FILE_FORMAT = 'synthcredit-engine';

/** What the engine session needs from the prepared data (PreparedData satisfies it). */
export interface EngineDataSource {
  cleaned(): { table: ColumnTable; schema: DatasetSchema };
  split(): unknown | null;
  makeSplit(testFraction: number, seed: number): unknown;
  trainTable(): ColumnTable;
  /** what the train split is (dataset, recipe, split identity); PreparedData has it */
  provenance?(): DataProvenance | null;
}

export interface EngineModelInfo {
  kind: string;
  /** the engine's name for the user, e.g. "Sequential trees" */
  label: string;
  name: string;
  trainRows: number;
  columns: GenColumn[];
  target: string | null;
  positiveLabel: string | null;
  /** wall-clock seconds the fit took */
  seconds: number;
  fittedAt: string;
  seed: number;
  /** loaded from a file or the browser's storage rather than fitted in this session */
  loaded: boolean;
  /** the data, recipe and split it was fitted on (absent in files saved before it was recorded) */
  trainedOn?: DataProvenance | null;
  /** differentially private engines: epsilon, delta, mechanism, where the budget went, what is not protected */
  privacy?: DpGuarantee;
}

export interface EngineFile {
  format: typeof ENGINE_FILE_FORMAT;
  version: 1;
  savedAt: string;
  info: Omit<EngineModelInfo, 'loaded'>;
  engine: EngineJson;
}

export interface EngineProgress {
  fraction: number;
  message: string;
  elapsedSeconds: number;
}

export type EnginePhase = 'idle' | 'fitting' | 'done' | 'stopped' | 'failed';

export interface EngineState {
  phase: EnginePhase;
  /** the kind being fitted (or last fitted) */
  kind: string | null;
  progress: EngineProgress | null;
  error: string | null;
  model: EngineModelInfo | null;
}

export type EngineFitOutcome =
  | { status: 'done'; model: EngineModelInfo }
  | { status: 'stopped'; message: string }
  | { status: 'failed'; message: string };

export interface EngineFitRequest {
  kind: string;
  seed?: number;
  /** engine options on top of its defaults */
  options?: Record<string, unknown>;
}

/** The current engine model with its description; `version` rises with every fit or load. */
export interface CurrentEngine {
  fitted: FittedEngine;
  info: EngineModelInfo;
  version: number;
  /**
   * the GAN model's identity when this engine model became current (see generate-api.ts): once
   * the GAN changes (trained or loaded later), the GAN is the newer model and generation uses it
   */
  ganKey: string | null;
}

function describeColumns(train: ColumnTable, schema: DatasetSchema): GenColumn[] {
  return schema.columns.map((c) => {
    const values = train.array(c.name) as ArrayLike<unknown>;
    if (c.role === 'categorical') {
      const labels = new Set<string>();
      for (let i = 0; i < values.length; i++) if (values[i] !== null && values[i] !== undefined) labels.add(String(values[i]));
      return { name: c.name, role: 'categorical' as const, labels: [...labels].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })) };
    }
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v === 'number' && Number.isFinite(v)) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
    return { name: c.name, role: c.role as 'continuous' | 'datetime', min: Number.isFinite(min) ? min : undefined, max: Number.isFinite(max) ? max : undefined, integer: c.role === 'datetime' || c.integer };
  });
}

/**
 * The columns as a differentially private model knows them: labels (part of the unprotected
 * schema) and the model's own value range, never the training minimum and maximum (which would
 * leak the most extreme customers outside the budget).
 */
function describeModelColumns(fitted: FittedEngine): GenColumn[] {
  const coders = (fitted.toJSON() as { codec?: { coders: ColumnCoder[] } }).codec?.coders ?? [];
  return coders.map((c) =>
    c.kind === 'categorical'
      ? { name: c.column.name, role: 'categorical' as const, labels: [...c.labels] }
      : { name: c.column.name, role: c.column.role as 'continuous' | 'datetime', min: c.support[0], max: c.support[1], integer: c.column.integer },
  );
}

export class EngineSession {
  private phase: EnginePhase = 'idle';
  private kind: string | null = null;
  private progress: EngineProgress | null = null;
  private error: string | null = null;
  private model: CurrentEngine | null = null;
  private version = 0;
  private stopRequested = false;

  constructor(private readonly data: EngineDataSource) {}

  state(): EngineState {
    return { phase: this.phase, kind: this.kind, progress: this.progress, error: this.error, model: this.model?.info ?? null };
  }

  current(): CurrentEngine | null {
    return this.model;
  }

  /** Fit on the train split (the default 80/20 split is made if there is none); the model becomes current. */
  async fit(request: EngineFitRequest, onProgress?: (p: EngineProgress) => void): Promise<EngineFitOutcome> {
    if (this.phase === 'fitting') return { status: 'failed', message: 'An engine is already being fitted.' };
    const engine = ENGINES[request.kind];
    if (!engine) return { status: 'failed', message: `Unknown engine "${request.kind}".` };
    this.phase = 'fitting';
    this.kind = request.kind;
    this.error = null;
    this.stopRequested = false;
    const t0 = performance.now();
    const report = (fraction: number, message: string) => {
      this.progress = { fraction, message, elapsedSeconds: (performance.now() - t0) / 1000 };
      onProgress?.(this.progress);
    };
    try {
      report(0, 'Reading the train split');
      const full = this.data.cleaned().schema;
      if (!this.data.split()) this.data.makeSplit(0.2, 42);
      const schema: DatasetSchema = { ...full, columns: full.columns.filter((c) => isModelledRole(c.role)) };
      if (schema.columns.length === 0) throw new Error('No column can be modelled (every column is an identifier or text).');
      const trainedOn = this.data.provenance?.() ?? null;
      const train = this.data.trainTable().select(schema.columns.map((c) => c.name));
      schema.rowCount = train.numRows();
      const seed = (request.seed ?? 1) >>> 0;
      const fitted = await engine.fit(train, schema, { ...(request.options ?? {}), seed }, { onProgress: report, shouldStop: () => this.stopRequested });
      const seconds = (performance.now() - t0) / 1000;
      const label = ENGINE_LABELS[request.kind] ?? engine.label;
      const privacy = fitted.privacyGuarantee?.();
      const info: EngineModelInfo = {
        kind: request.kind,
        label,
        name: privacy ? `${label}, epsilon ${privacy.epsilon.toPrecision(3)}, seed ${seed}` : `${label}, seed ${seed}`,
        trainRows: train.numRows(),
        columns: privacy ? describeModelColumns(fitted) : describeColumns(train, schema),
        target: schema.target && schema.columns.some((c) => c.name === schema.target) ? schema.target : null,
        positiveLabel: schema.positiveLabel,
        seconds,
        fittedAt: new Date().toISOString(),
        seed,
        loaded: false,
        trainedOn,
        ...(privacy ? { privacy } : {}),
      };
      this.model = { fitted, info, version: ++this.version, ganKey: null };
      this.phase = 'done';
      report(1, `Done in ${seconds.toFixed(1)} s`);
      return { status: 'done', model: info };
    } catch (e) {
      if (e instanceof EngineStoppedError) {
        this.phase = 'stopped';
        return { status: 'stopped', message: 'The fit was cancelled; the previous model (if any) is kept.' };
      }
      this.phase = 'failed';
      this.error = e instanceof Error ? e.message : String(e);
      return { status: 'failed', message: this.error };
    }
  }

  /** Remember which GAN model existed when the engine model became current. */
  markGanKey(key: string | null): void {
    if (this.model) this.model.ganKey = key;
  }

  /** Stop a running fit at the next step (the previous model stays current). */
  cancel(): void {
    if (this.phase === 'fitting') this.stopRequested = true;
  }

  /** The current model as one JSON-able file. */
  toFile(name?: string): EngineFile {
    if (!this.model) throw new Error('No engine model yet: fit one first.');
    const { loaded: _loaded, ...info } = this.model.info;
    return { format: ENGINE_FILE_FORMAT, version: 1, savedAt: new Date().toISOString(), info: { ...info, name: name?.trim() || info.name }, engine: this.model.fitted.toJSON() };
  }

  /** Restore a model file (parsed JSON); it becomes the current engine model. */
  loadFile(json: unknown): EngineModelInfo {
    const file = json as Partial<EngineFile> | null;
    if (!file || typeof file !== 'object' || file.format !== ENGINE_FILE_FORMAT || file.version !== 1 || !file.engine || !file.info) {
      throw new Error('This file is not a SynthCredit engine model (sequential trees or mixture model).');
    }
    if (this.phase === 'fitting') throw new Error('An engine is being fitted: wait for it or cancel it first.');
    let fitted: FittedEngine;
    try {
      fitted = engineFromJSON(file.engine);
    } catch (e) {
      throw new Error(`This engine model cannot be read: ${e instanceof Error ? e.message : String(e)}`);
    }
    const info: EngineModelInfo = { ...file.info, loaded: true };
    this.model = { fitted, info, version: ++this.version, ganKey: null };
    this.kind = info.kind;
    this.phase = 'done';
    this.error = null;
    this.progress = null;
    return info;
  }
}

/** The worker's engine session, for generate-api.ts and validate-api.ts (set by engine-api.ts). */
let active: EngineSession | null = null;

export function setActiveEngineSession(session: EngineSession | null): void {
  active = session;
}

export function activeEngineSession(): EngineSession | null {
  return active;
}
