/**
 * The GAN step held in the worker: trains CTGAN on the TRAIN part of the prepared data (the test
 * part stays held out), reports every epoch, probes quality every few epochs for the live view,
 * keeps the best checkpoint, pauses / resumes / cancels between steps, saves and loads the
 * trained model as JSON, and generates synthetic rows.
 *
 * No DOM, no IndexedDB and no backend choice here (see gan-api.ts, model-store.ts, backend.ts),
 * so the whole session runs in Node tests on the cpu backend.
 */
import * as tf from '@tensorflow/tfjs';
import type { ColumnTable } from 'arquero';
import { isModelledRole, type ColumnRole, type DatasetSchema } from '../core/data/schema';
import { DataTransformer, fitDataTransformer, MISSING_LABEL, type DataTransformerJSON } from '../core/transform/data-transformer';
import { ConditionalSampler } from '../core/gan/conditional-sampler';
import { createGanTrainer, type GanTrainer, type NamedWeight } from '../core/gan/trainer';
import { pearson, qualityReport, type QualityColumn } from '../core/quality';
import { createRng, shuffledIndices } from '../core/util/random';
import { takeRows } from '../core/data/eda/columns';
import { ganPart, resolveTrainingSettings, type TrainingSettings } from './gan-settings-presets';

export * from './gan-settings-presets';

/** What the session needs from the prepared data (PreparedData has all of it). */
export interface TrainingDataSource {
  cleaned(): { table: ColumnTable; schema: DatasetSchema };
  split(): unknown | null;
  makeSplit(testFraction: number, seed: number): unknown;
  trainTable(): ColumnTable;
}

/** Encoded widths above these make training slow and the GAN poor: warn before training. */
export const WIDE_ENCODING = 500;
export const MANY_LABELS = 100;
/** rows generated per quality probe, and real training rows it is compared with */
export const PROBE_ROWS = 1000;
export const PROBE_REAL_ROWS = 2000;
/** the probe scores pairs among at most this many columns (live columns and the target first) */
const PROBE_MAX_COLUMNS = 12;
const LIVE_POINTS = 400;
const GENERATE_CHUNK = 5000;
const MAX_DRAWN_FACTOR = 20;
/** consecutive diverged epochs after which training stops */
const MAX_DIVERGENCES_IN_A_ROW = 3;

export type TrainingPhase = 'idle' | 'preparing' | 'training' | 'paused' | 'finished' | 'cancelled' | 'failed';

export interface PlannedColumn {
  name: string;
  role: ColumnRole;
  /** encoded width: exact for categorical columns, an upper bound (1 + max modes [+ 2]) for continuous */
  width: number;
  /** categorical: number of labels (missing counts as one) */
  labels?: number;
}

export interface TrainingPlan {
  trainRows: number;
  /** the default 80/20 stratified split was made just now because none existed */
  splitMadeNow: boolean;
  columns: PlannedColumn[];
  /** identifier and text columns: never modelled, never copied */
  excluded: { name: string; role: ColumnRole }[];
  /** upper bound on the encoded width */
  estimatedWidth: number;
  /** categorical columns with more than MANY_LABELS labels */
  manyLabelColumns: PlannedColumn[];
  /** a warning to confirm before training, or null */
  warning: string | null;
  /** default live-view columns and scatter pair */
  liveColumns: string[];
  scatterPair: [string, string] | null;
  target: string | null;
}

export interface EpochPoint {
  epoch: number;
  epochs: number;
  lossG: number;
  lossD: number;
  penalty: number;
  /** seconds this epoch took */
  seconds: number;
  /** recent mean seconds per epoch (ETA basis) */
  secondsPerEpoch: number;
  etaSeconds: number;
  elapsedSeconds: number;
}

export interface ProbePoint {
  epoch: number;
  /** mean KS / TV complement over the probe columns */
  columnShapes: number;
  /** mean correlation / contingency similarity over their pairs */
  pairTrends: number;
  /** mean of the two: the checkpoint score */
  score: number;
  /** this probe is the best so far (its weights were kept) */
  best: boolean;
  seconds: number;
}

export interface HistogramBin {
  label: string;
  /** numeric bins: bin start, for ordering; categorical: position */
  order: number;
  real: number;
  generated: number;
}

export interface ColumnComparison {
  column: string;
  kind: 'continuous' | 'categorical';
  /** fractions of each side's non-missing values */
  bins: HistogramBin[];
}

export interface LiveView {
  epoch: number;
  histograms: ColumnComparison[];
  scatter: { x: string; y: string; points: { x: number; y: number; source: 'real' | 'generated' }[] } | null;
}

export type TrainingEvent =
  | { type: 'phase'; phase: TrainingPhase; message: string }
  | { type: 'epoch'; point: EpochPoint }
  | { type: 'divergence'; epoch: number; message: string }
  | { type: 'probe'; point: ProbePoint; live: LiveView };

export interface TrainOptions {
  /** start even though the plan has a width warning */
  acknowledgeWarning?: boolean;
  liveColumns?: string[];
  scatterPair?: [string, string] | null;
  /** at the end, use the checkpoint with the best probe score when it beats the last one (default true) */
  keepBest?: boolean;
  /** continue an interrupted run from its saved checkpoint (the worker fills resumeFrom; project-api.ts) */
  resume?: boolean;
  resumeFrom?: GanCheckpoint;
}

/**
 * A training checkpoint (persistence, project-api.ts): the weights after `epoch` epochs and the
 * transformer that encodes for them. Resuming builds a new trainer with these weights; the Adam
 * moments are not saved, so the optimiser restarts (a few noisier steps), as documented.
 */
export interface GanCheckpoint {
  epoch: number;
  settings: TrainingSettings;
  transformer: DataTransformerJSON;
  schema: DatasetSchema;
  trainRows: number;
  weights: NamedWeight[];
  usedEpoch: number | null;
  history: { epochs: EpochPoint[]; probes: ProbePoint[]; divergences: { epoch: number; message: string }[] };
}

/** A trainer whose epoch count starts at `offset` (a resumed run counts on from its checkpoint). */
function offsetTrainer(t: GanTrainer, offset: number): GanTrainer {
  return {
    settings: t.settings,
    get epochsDone() {
      return t.epochsDone + offset;
    },
    stepsPerEpoch: t.stepsPerEpoch,
    trainEpoch: async (shouldStop) => {
      const r = await t.trainEpoch(shouldStop);
      return { ...r, epoch: r.epoch + offset };
    },
    sample: (n, c, seed) => t.sample(n, c, seed),
    getWeights: () => t.getWeights(),
    setWeights: (w) => t.setWeights(w),
    dispose: () => t.dispose(),
  };
}

export type TrainingOutcome =
  | { status: 'needs-confirmation'; plan: TrainingPlan }
  | { status: 'finished' | 'cancelled' | 'failed'; message: string; epochs: number; usedEpoch: number | null; seconds: number };

export interface TrainingState {
  phase: TrainingPhase;
  message: string;
  settings: TrainingSettings | null;
  epochs: EpochPoint[];
  probes: ProbePoint[];
  divergences: { epoch: number; message: string }[];
  live: LiveView | null;
  backend: string;
  model: ModelInfo | null;
}

export interface ModelInfo {
  name: string;
  columns: { name: string; role: ColumnRole; labels?: string[] }[];
  encodedWidth: number;
  epochsTrained: number;
  /** the epoch whose weights are in use (best checkpoint), or null when unknown */
  usedEpoch: number | null;
  trainRows: number;
  settings: TrainingSettings;
  /** loaded from a saved file rather than trained in this session */
  loaded: boolean;
}

export interface GenerateOptions {
  /** fix categorical columns to a label for every row, e.g. { default_payment_next_month: '1' } */
  fixed?: Record<string, string>;
  seed?: number;
}

export interface GenerationSummary {
  rows: number;
  columns: string[];
  seconds: number;
  fixed: Record<string, string>;
  /** share of drawn rows that had the fixed labels (1 without fixed labels) */
  acceptance: number;
  /** rows whose fixed labels had to be set by hand (the model rarely produced them) */
  forced: number;
  /** the first few rows, as strings for display */
  preview: (string | null)[][];
}

export interface SavedWeight {
  name: string;
  shape: number[];
  /** little-endian float32, base64 */
  base64: string;
}

/** One JSON file holds everything needed to generate later without retraining. */
export interface GanModelJSON {
  format: 'synthcredit.gan-model';
  version: 1;
  name: string;
  savedAt: string;
  schema: DatasetSchema;
  transformer: DataTransformerJSON;
  settings: TrainingSettings;
  weights: SavedWeight[];
  history: {
    epochs: EpochPoint[];
    probes: ProbePoint[];
    divergences: { epoch: number; message: string }[];
    usedEpoch: number | null;
    trainRows: number;
    backend: string;
  };
}

interface Model {
  transformer: DataTransformer;
  trainer: GanTrainer;
  schema: DatasetSchema;
  settings: TrainingSettings;
  trainRows: number;
  usedEpoch: number | null;
  loaded: boolean;
  name: string;
}

// ---------------------------------------------------------------- pure helpers

const PREFERRED_LIVE = ['LIMIT_BAL', 'AGE', 'PAY_0'];
const PREFERRED_PAIR: [string, string] = ['BILL_AMT1', 'BILL_AMT2'];

function isNumericRole(role: ColumnRole): boolean {
  return role === 'continuous' || role === 'datetime';
}

function modelledColumns(schema: DatasetSchema) {
  return schema.columns.filter((c) => isModelledRole(c.role));
}

function distinctLabels(values: ArrayLike<unknown>): number {
  const seen = new Set<string>();
  let missing = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) missing = true;
    else seen.add(String(v));
  }
  return seen.size + (missing ? 1 : 0);
}

function numbers(values: ArrayLike<unknown>): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = typeof v === 'number' && Number.isFinite(v) ? v : NaN;
  }
  return out;
}

/** Real-vs-generated histogram on the real side's bins (numeric: 0.5-99.5 % range, 24 bins). */
export function compareColumn(column: string, kind: 'continuous' | 'categorical', real: ArrayLike<unknown>, generated: ArrayLike<unknown>): ColumnComparison {
  if (kind === 'continuous') {
    const r = Array.from(numbers(real)).filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
    const g = Array.from(numbers(generated)).filter((v) => !Number.isNaN(v));
    if (r.length === 0) return { column, kind, bins: [] };
    const lo = r[Math.floor(0.005 * (r.length - 1))];
    const hi = r[Math.ceil(0.995 * (r.length - 1))];
    const nBins = hi > lo ? 24 : 1;
    const w = hi > lo ? (hi - lo) / nBins : 1;
    const count = (vals: number[]) => {
      const c = new Array<number>(nBins).fill(0);
      for (const v of vals) c[Math.max(0, Math.min(nBins - 1, Math.floor((v - lo) / w)))]++;
      return c.map((x) => (vals.length ? x / vals.length : 0));
    };
    const cr = count(r);
    const cg = count(g);
    return {
      column,
      kind,
      bins: cr.map((f, i) => ({ label: formatNumber(lo + i * w), order: lo + i * w, real: f, generated: cg[i] })),
    };
  }
  const label = (v: unknown) => (v === null || v === undefined ? MISSING_LABEL : String(v));
  const freq = (vals: ArrayLike<unknown>) => {
    const m = new Map<string, number>();
    for (let i = 0; i < vals.length; i++) m.set(label(vals[i]), (m.get(label(vals[i])) ?? 0) + 1);
    return m;
  };
  const fr = freq(real);
  const fg = freq(generated);
  const top = [...fr].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k]) => k);
  const allNumeric = top.every((k) => k.trim() !== '' && Number.isFinite(Number(k)));
  top.sort((a, b) => (allNumeric ? Number(a) - Number(b) : a.localeCompare(b)));
  const kept = new Set(top);
  const bins: HistogramBin[] = top.map((k, i) => ({ label: k, order: i, real: (fr.get(k) ?? 0) / real.length, generated: (fg.get(k) ?? 0) / Math.max(1, generated.length) }));
  const other = (m: Map<string, number>, n: number) => [...m].filter(([k]) => !kept.has(k)).reduce((s, [, c]) => s + c, 0) / Math.max(1, n);
  if (fr.size > top.length || [...fg.keys()].some((k) => !kept.has(k))) {
    bins.push({ label: '(other)', order: top.length, real: other(fr, real.length), generated: other(fg, generated.length) });
  }
  return { column, kind, bins };
}

function formatNumber(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `${(v / 1e6).toFixed(1)}M`;
  if (a >= 1e4) return `${(v / 1e3).toFixed(0)}k`;
  if (a >= 100) return v.toFixed(0);
  return Number(v.toPrecision(3)).toString();
}

/** Cells a spreadsheet would run as a formula get a leading apostrophe; plain numbers stay as they are. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) return '';
  let s = typeof v === 'number' ? String(v) : String(v);
  const plainNumber = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s);
  if (!plainNumber && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  if (/[",\r\n]/.test(s)) s = `"${s.replace(/"/g, '""')}"`;
  return s;
}

/** CSV of a typed table: datetime columns as ISO 8601 (UTC), everything else as stored. */
export function tableToCsv(table: ColumnTable, columns: { name: string; role: ColumnRole }[]): string {
  const cols = columns.map((c) => ({ ...c, values: table.array(c.name) as ArrayLike<unknown> }));
  const lines: string[] = [columns.map((c) => csvCell(c.name)).join(',')];
  const n = table.numRows();
  for (let i = 0; i < n; i++) {
    lines.push(
      cols
        .map((c) => {
          const v = c.values[i];
          if (c.role === 'datetime' && typeof v === 'number' && Number.isFinite(v)) return csvCell(new Date(v).toISOString());
          return csvCell(v);
        })
        .join(','),
    );
  }
  return lines.join('\n') + '\n';
}

export function floatsToBase64(a: Float32Array): string {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function base64ToFloats(b64: string): Float32Array {
  const s = atob(b64);
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  if (bytes.length % 4 !== 0) throw new Error('weights: byte length is not a multiple of 4');
  return new Float32Array(bytes.buffer);
}

/** Check a parsed file before trusting it; throws a message a user can act on. */
export function validateModelJSON(json: unknown): GanModelJSON {
  const m = json as Partial<GanModelJSON> | null;
  if (!m || typeof m !== 'object' || m.format !== 'synthcredit.gan-model') throw new Error('This file is not a SynthCredit GAN model.');
  if (m.version !== 1) throw new Error(`Unsupported model file version ${String(m.version)} (this app reads version 1).`);
  if (!m.transformer || !Array.isArray(m.weights) || !m.settings || !m.schema) throw new Error('The model file is incomplete (transformer, weights, settings or schema missing).');
  return m as GanModelJSON;
}

/** Rows whose categorical labels equal every fixed label. */
function matchingRows(table: ColumnTable, fixed: Record<string, string>): number[] {
  const cols = Object.entries(fixed).map(([c, v]) => [table.array(c) as ArrayLike<unknown>, v] as const);
  const out: number[] = [];
  // the missing category is fixed by its layout label and decodes to null
  for (let i = 0; i < table.numRows(); i++) if (cols.every(([a, v]) => a[i] === v || (v.startsWith(MISSING_LABEL) && a[i] === null))) out.push(i);
  return out;
}

// ---------------------------------------------------------------- the session

export class GanSession {
  private phase: TrainingPhase = 'idle';
  private message = '';
  private settings: TrainingSettings | null = null;
  private epochs: EpochPoint[] = [];
  private probes: ProbePoint[] = [];
  private divergences: { epoch: number; message: string }[] = [];
  private live: LiveView | null = null;
  private model: Model | null = null;
  private synthetic: ColumnTable | null = null;
  private paused = false;
  private cancelled = false;
  private wake: (() => void) | null = null;
  private generations = 0;
  /** persistence hook (project-api.ts): called after every counted epoch, between epochs */
  onEpochDone: ((epoch: number) => void | Promise<void>) | null = null;

  constructor(
    private readonly data: TrainingDataSource,
    /** called with each generated table (the synthetic registry) */
    private readonly onSynthetic: (table: ColumnTable, schema: DatasetSchema) => void = () => {},
  ) {}

  /** Columns, encoded width and warnings, without fitting anything. Makes the default split if none exists. */
  plan(partial: Partial<TrainingSettings> = {}): TrainingPlan {
    const maxModes = partial.maxModes ?? resolveTrainingSettings({}).maxModes;
    let splitMadeNow = false;
    if (!this.data.split()) {
      this.data.makeSplit(0.2, 42);
      splitMadeNow = true;
    }
    const { schema } = this.data.cleaned();
    const train = this.data.trainTable();
    const columns: PlannedColumn[] = [];
    const excluded: TrainingPlan['excluded'] = [];
    for (const c of schema.columns) {
      if (!isModelledRole(c.role)) {
        excluded.push({ name: c.name, role: c.role });
        continue;
      }
      if (c.role === 'categorical') {
        const labels = distinctLabels(train.array(c.name) as ArrayLike<unknown>);
        columns.push({ name: c.name, role: c.role, width: labels, labels });
      } else {
        const hasMissing = (train.array(c.name) as ArrayLike<unknown>).length > 0 && Array.from(train.array(c.name) as ArrayLike<unknown>).some((v) => v === null || v === undefined);
        columns.push({ name: c.name, role: c.role, width: 1 + maxModes + (hasMissing ? 2 : 0) });
      }
    }
    const estimatedWidth = columns.reduce((s, c) => s + c.width, 0);
    const manyLabelColumns = columns.filter((c) => (c.labels ?? 0) > MANY_LABELS);
    const parts: string[] = [];
    if (manyLabelColumns.length > 0) {
      parts.push(
        `${manyLabelColumns.map((c) => `"${c.name}" (${c.labels} labels)`).join(', ')} ${manyLabelColumns.length > 1 ? 'have' : 'has'} more than ${MANY_LABELS} categories: each label becomes its own output and condition, which makes training slow and the rare labels poorly learned. Consider grouping rare categories into "other" (Clean & explore) or treating the column as text (not modelled).`,
      );
    }
    if (estimatedWidth > WIDE_ENCODING) {
      parts.push(`The encoded row is about ${estimatedWidth} numbers wide (more than ${WIDE_ENCODING}); training will be slow and memory-hungry.`);
    }
    if (columns.length === 0) parts.push('No column is modelled: give at least one column a continuous, categorical or datetime role.');
    const modelled = new Set(columns.map((c) => c.name));
    const liveColumns = [...PREFERRED_LIVE.filter((n) => modelled.has(n))];
    for (const c of columns) if (liveColumns.length < 3 && !liveColumns.includes(c.name)) liveColumns.push(c.name);
    return {
      trainRows: train.numRows(),
      splitMadeNow,
      columns,
      excluded,
      estimatedWidth,
      manyLabelColumns,
      warning: parts.length ? parts.join(' ') : null,
      liveColumns,
      scatterPair: this.defaultPair(schema, train),
      target: schema.target && modelled.has(schema.target) ? schema.target : null,
    };
  }

  private defaultPair(schema: DatasetSchema, train: ColumnTable): [string, string] | null {
    const numeric = modelledColumns(schema).filter((c) => isNumericRole(c.role)).map((c) => c.name);
    if (PREFERRED_PAIR.every((n) => numeric.includes(n))) return PREFERRED_PAIR;
    if (numeric.length < 2) return null;
    const cand = numeric.slice(0, 15);
    const n = Math.min(train.numRows(), 2000);
    const cols = cand.map((name) => numbers(train.array(name) as ArrayLike<unknown>).subarray(0, n));
    let best: [string, string] = [cand[0], cand[1]];
    let bestR = -1;
    for (let i = 0; i < cand.length; i++) {
      for (let j = i + 1; j < cand.length; j++) {
        const r = Math.abs(pearson(cols[i], cols[j]));
        if (r > bestR) {
          bestR = r;
          best = [cand[i], cand[j]];
        }
      }
    }
    return best;
  }

  state(): TrainingState {
    return {
      phase: this.phase,
      message: this.message,
      settings: this.settings,
      epochs: this.epochs.slice(),
      probes: this.probes.slice(),
      divergences: this.divergences.slice(),
      live: this.live,
      backend: tf.getBackend(),
      model: this.modelInfo(),
    };
  }

  modelInfo(): ModelInfo | null {
    const m = this.model;
    if (!m) return null;
    return {
      name: m.name,
      columns: m.transformer.columns.map((c) => ({
        name: c.name,
        role: c.kind === 'continuous' ? c.role : 'categorical',
        labels: c.kind === 'categorical' ? c.labels.filter((_, i) => i !== c.missingIndex) : undefined,
      })),
      encodedWidth: m.transformer.layout.width,
      epochsTrained: m.loaded ? (this.epochs.at(-1)?.epoch ?? 0) : m.trainer.epochsDone,
      usedEpoch: m.usedEpoch,
      trainRows: m.trainRows,
      settings: m.settings,
      loaded: m.loaded,
    };
  }

  isBusy(): boolean {
    return this.phase === 'preparing' || this.phase === 'training' || this.phase === 'paused';
  }

  pause(): void {
    if (this.phase === 'training' || this.phase === 'preparing') this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.wake?.();
  }

  cancel(): void {
    if (!this.isBusy()) return;
    this.cancelled = true;
    this.paused = false;
    this.wake?.();
  }

  /**
   * Train on the train split. Resolves when training ends (finished, cancelled or failed); events
   * arrive through onEvent meanwhile. Refuses to start (needs-confirmation) on a width warning
   * unless acknowledged.
   */
  async train(partial: Partial<TrainingSettings>, onEvent: (e: TrainingEvent) => void, options: TrainOptions = {}): Promise<TrainingOutcome> {
    if (this.isBusy()) throw new Error('Training is already running: pause or cancel it first.');
    const resume = options.resumeFrom ?? null;
    const settings = resolveTrainingSettings(resume ? resume.settings : partial);
    const plan = this.plan(settings);
    if (plan.columns.length === 0) throw new Error(plan.warning ?? 'No modelled column.');
    if (plan.warning && !options.acknowledgeWarning && !resume) return { status: 'needs-confirmation', plan };

    const started = performance.now();
    const emit = (e: TrainingEvent) => {
      try {
        onEvent(e);
      } catch {
        // a closed page must not stop training
      }
    };
    const setPhase = (phase: TrainingPhase, message: string) => {
      this.phase = phase;
      this.message = message;
      emit({ type: 'phase', phase, message });
    };
    this.paused = false;
    this.cancelled = false;
    this.settings = settings;
    this.epochs = [];
    this.probes = [];
    this.divergences = [];
    this.live = null;
    this.synthetic = null;
    this.model?.trainer.dispose();
    this.model = null;
    if (resume) {
      this.epochs = resume.history.epochs.filter((p) => p.epoch <= resume.epoch);
      this.probes = resume.history.probes.filter((p) => p.epoch <= resume.epoch);
      this.divergences = resume.history.divergences.filter((d) => d.epoch <= resume.epoch);
    }

    let trainer: GanTrainer | null = null;
    try {
      setPhase('preparing', `Fitting the data transformer on ${plan.trainRows.toLocaleString('en-US')} training rows…`);
      const { schema: fullSchema } = this.data.cleaned();
      const schema: DatasetSchema = { ...fullSchema, columns: modelledColumns(fullSchema), rowCount: plan.trainRows };
      const train = this.data.trainTable().select(schema.columns.map((c) => c.name));
      // let a pause/cancel message in before the (seconds-long) mixture fits
      await new Promise((r) => setTimeout(r, 0));
      const transformer = resume ? DataTransformer.fromJSON(resume.transformer) : fitDataTransformer(train, schema, { seed: settings.seed, mixture: { maxModes: settings.maxModes } });
      if (this.cancelled) return this.finishCancelled(started, setPhase);
      const n = train.numRows();
      const encoded = transformer.transform(train, createRng((settings.seed ^ 0x5eed) >>> 0));
      const layout = transformer.layout;
      const sampler = layout.condWidth > 0 ? ConditionalSampler.fromEncoded(encoded, n, layout) : null;
      const gan = ganPart(settings);
      trainer = createGanTrainer(encoded, n, layout, sampler, gan, createRng(resume ? (settings.seed + resume.epoch) >>> 0 : settings.seed));
      if (resume) {
        trainer.setWeights(resume.weights);
        trainer = offsetTrainer(trainer, resume.epoch);
        setPhase('preparing', `Resuming from the checkpoint of epoch ${resume.epoch} (weights restored; the optimiser's moments restart).`);
      }
      const model: Model = { transformer, trainer, schema, settings, trainRows: n, usedEpoch: null, loaded: false, name: `GAN on ${n} rows` };
      this.model = model;

      const probe = this.makeProbe(train, schema, transformer, settings, {
        liveColumns: (options.liveColumns ?? plan.liveColumns).filter((c) => schema.columns.some((s) => s.name === c)),
        scatterPair: options.scatterPair === undefined ? plan.scatterPair : options.scatterPair,
        target: plan.target,
      });
      let best: { epoch: number; score: number; weights: NamedWeight[] } | null = null;
      let lastScore = -Infinity;
      const recent: number[] = [];
      let divergedInARow = 0;
      setPhase('training', `Training: ${settings.epochs} epochs of ${trainer.stepsPerEpoch} steps (layout width ${layout.width}).`);

      const runProbe = async (epoch: number) => {
        const p = await probe(trainer!, epoch);
        const isBest = !best || p.score > best.score;
        if (isBest && Number.isFinite(p.score)) best = { epoch, score: p.score, weights: trainer!.getWeights() };
        lastScore = p.score;
        const point: ProbePoint = { ...p.point, best: isBest };
        this.probes.push(point);
        this.live = p.live;
        emit({ type: 'probe', point, live: p.live });
      };

      while (trainer.epochsDone < settings.epochs && !this.cancelled) {
        if (this.paused) {
          setPhase('paused', `Paused after epoch ${trainer.epochsDone}. Resume to continue, or generate / save what the model has learned so far.`);
          await new Promise<void>((resolve) => {
            this.wake = resolve;
            if (!this.paused) resolve();
          });
          this.wake = null;
          if (this.cancelled) break;
          setPhase('training', `Training resumed at epoch ${trainer.epochsDone + 1}.`);
        }
        const r = await trainer.trainEpoch(() => this.paused || this.cancelled);
        if (r.stopped) continue;
        if (r.restored) {
          divergedInARow++;
          const message = `The losses exploded during epoch ${trainer.epochsDone + 1}; the last good weights were restored and the epoch is repeated. If this keeps happening, lower the learning rates (e.g. halve lrG and lrD).`;
          this.divergences.push({ epoch: trainer.epochsDone + 1, message });
          emit({ type: 'divergence', epoch: trainer.epochsDone + 1, message });
          if (divergedInARow >= MAX_DIVERGENCES_IN_A_ROW) {
            throw new Error(`Training diverged ${MAX_DIVERGENCES_IN_A_ROW} times in a row at epoch ${trainer.epochsDone + 1}. Lower the learning rates (lrG, lrD) and start again.`);
          }
          continue;
        }
        divergedInARow = 0;
        recent.push(r.seconds);
        if (recent.length > 5) recent.shift();
        const spe = recent.reduce((s, x) => s + x, 0) / recent.length;
        const point: EpochPoint = {
          epoch: r.epoch,
          epochs: settings.epochs,
          lossG: r.lossG,
          lossD: r.lossD,
          penalty: r.penalty,
          seconds: r.seconds,
          secondsPerEpoch: spe,
          etaSeconds: spe * (settings.epochs - r.epoch),
          elapsedSeconds: (performance.now() - started) / 1000,
        };
        this.epochs.push(point);
        emit({ type: 'epoch', point });
        if (r.epoch % settings.probeEvery === 0 || r.epoch === settings.epochs) await runProbe(r.epoch);
        await this.onEpochDone?.(r.epoch);
      }

      const done = trainer.epochsDone;
      if (done > 0 && this.probes.at(-1)?.epoch !== done) await runProbe(done);
      const keepBest = options.keepBest ?? true;
      const b = best as { epoch: number; score: number; weights: NamedWeight[] } | null;
      let note = '';
      if (keepBest && b && b.score > lastScore && b.epoch !== done) {
        trainer.setWeights(b.weights);
        model.usedEpoch = b.epoch;
        note = ` Using the checkpoint of epoch ${b.epoch} (best quality probe ${b.score.toFixed(3)}; the last epoch scored ${lastScore.toFixed(3)}).`;
      } else {
        model.usedEpoch = done;
      }
      const seconds = (performance.now() - started) / 1000;
      if (this.cancelled) {
        const message = done > 0 ? `Cancelled after ${done} epoch(s); the model as trained so far can still generate.${note}` : 'Cancelled before the first epoch finished.';
        if (done === 0) {
          trainer.dispose();
          this.model = null;
        }
        setPhase('cancelled', message);
        return { status: 'cancelled', message, epochs: done, usedEpoch: done ? model.usedEpoch : null, seconds };
      }
      const message = `Finished ${done} epochs in ${Math.round(seconds)} s.${note}`;
      setPhase('finished', message);
      return { status: 'finished', message, epochs: done, usedEpoch: model.usedEpoch, seconds };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const kept = this.model && this.model.trainer.epochsDone > 0;
      if (!kept) {
        trainer?.dispose();
        this.model = null;
      } else if (this.model) {
        this.model.usedEpoch = this.model.trainer.epochsDone;
      }
      setPhase('failed', message + (kept ? ' The model as trained before the failure can still generate.' : ''));
      return { status: 'failed', message, epochs: kept ? this.model!.trainer.epochsDone : 0, usedEpoch: this.model?.usedEpoch ?? null, seconds: (performance.now() - started) / 1000 };
    } finally {
      this.paused = false;
      this.wake = null;
    }
  }

  private finishCancelled(started: number, setPhase: (p: TrainingPhase, m: string) => void): TrainingOutcome {
    const message = 'Cancelled before training started.';
    setPhase('cancelled', message);
    return { status: 'cancelled', message, epochs: 0, usedEpoch: null, seconds: (performance.now() - started) / 1000 };
  }

  /** The probe's fixed parts (real sample, columns, seed) and a function running one probe. */
  private makeProbe(
    train: ColumnTable,
    schema: DatasetSchema,
    transformer: DataTransformer,
    settings: TrainingSettings,
    view: { liveColumns: string[]; scatterPair: [string, string] | null; target: string | null },
  ) {
    const rng = createRng((settings.seed + 1013) >>> 0);
    const order = shuffledIndices(train.numRows(), rng);
    const take = Math.min(PROBE_REAL_ROWS, train.numRows());
    const realRows = Array.from(order.subarray(0, take));
    const roleOf = new Map(schema.columns.map((c) => [c.name, c.role]));
    const names: string[] = [];
    const add = (n: string | null | undefined) => {
      if (n && roleOf.has(n) && !names.includes(n) && names.length < PROBE_MAX_COLUMNS) names.push(n);
    };
    view.liveColumns.forEach(add);
    view.scatterPair?.forEach(add);
    add(view.target);
    schema.columns.forEach((c) => add(c.name));
    const qualityColumns: QualityColumn[] = names.map((name) => ({ name, kind: isNumericRole(roleOf.get(name)!) ? 'continuous' : 'discrete' }));
    const real: Record<string, unknown[]> = {};
    const needed = new Set([...names, ...view.liveColumns, ...(view.scatterPair ?? [])]);
    for (const name of needed) {
      const src = train.array(name) as ArrayLike<unknown>;
      real[name] = realRows.map((i) => src[i]);
    }
    const probeSeed = (settings.seed + 7919) >>> 0;
    return async (trainer: GanTrainer, epoch: number) => {
      const t0 = performance.now();
      const synth = transformer.inverse(await trainer.sample(PROBE_ROWS, undefined, probeSeed), PROBE_ROWS);
      const gen: Record<string, unknown[]> = {};
      for (const name of needed) gen[name] = Array.from(synth.array(name) as ArrayLike<unknown>);
      const report = qualityReport(real as never, gen as never, qualityColumns);
      const columnShapes = report.columnShapes;
      const pairTrends = Number.isNaN(report.columnPairTrends) ? columnShapes : report.columnPairTrends;
      const score = (columnShapes + pairTrends) / 2;
      const histograms = view.liveColumns.map((c) => compareColumn(c, isNumericRole(roleOf.get(c)!) ? 'continuous' : 'categorical', real[c], gen[c]));
      let scatter: LiveView['scatter'] = null;
      if (view.scatterPair) {
        const [x, y] = view.scatterPair;
        const points: NonNullable<LiveView['scatter']>['points'] = [];
        const push = (xs: unknown[], ys: unknown[], source: 'real' | 'generated') => {
          let k = 0;
          for (let i = 0; i < xs.length && k < LIVE_POINTS; i++) {
            if (typeof xs[i] === 'number' && typeof ys[i] === 'number') {
              points.push({ x: xs[i] as number, y: ys[i] as number, source });
              k++;
            }
          }
        };
        push(real[x], real[y], 'real');
        push(gen[x], gen[y], 'generated');
        scatter = { x, y, points };
      }
      return {
        score,
        point: { epoch, columnShapes, pairTrends, score, best: false, seconds: (performance.now() - t0) / 1000 },
        live: { epoch, histograms, scatter },
      };
    };
  }

  /** Generate n rows in chunks into the current synthetic table. */
  async generate(n: number, options: GenerateOptions = {}, onProgress?: (done: number, total: number) => void): Promise<GenerationSummary> {
    const m = this.model;
    if (!m) throw new Error('No trained model: train one or load a saved model first.');
    if (this.phase === 'training' || this.phase === 'preparing') throw new Error('Training is running: pause it (or wait until it finishes) to generate.');
    if (!Number.isInteger(n) || n < 1) throw new Error(`The number of rows must be a whole number ≥ 1, got ${n}`);
    const fixed = Object.fromEntries(Object.entries(options.fixed ?? {}).filter(([, v]) => v !== undefined && v !== ''));
    const baseSeed = options.seed ?? (m.settings.seed * 1_000_003 + 17 + this.generations++) >>> 0;
    const condition = Object.keys(fixed).length ? fixed : undefined;
    const t0 = performance.now();
    const parts: ColumnTable[] = [];
    // The condition vector makes the fixed labels likely, not certain: rows that miss them are
    // rejected and drawn again (as SDV's conditional sampling does), up to MAX_DRAWN_FACTOR x n rows.
    let have = 0;
    let drawn = 0;
    let accepted = 0;
    for (let round = 0; have < n && drawn < MAX_DRAWN_FACTOR * n; round++) {
      const rate = drawn > 0 ? Math.max(0.05, accepted / drawn) : 1;
      const b = Math.min(GENERATE_CHUNK, Math.max(100, Math.ceil((n - have) / rate)));
      const matrix = await m.trainer.sample(b, condition, (baseSeed + round * 7907) >>> 0);
      let t = m.transformer.inverse(matrix, b);
      drawn += b;
      if (condition) {
        const keep = matchingRows(t, condition);
        accepted += keep.length;
        t = takeRows(t, keep);
      } else {
        accepted += b;
      }
      if (t.numRows() > n - have) t = takeRows(t, Array.from({ length: n - have }, (_, i) => i));
      if (t.numRows() > 0) parts.push(t);
      have += t.numRows();
      onProgress?.(have, n);
      await new Promise((r) => setTimeout(r, 0));
    }
    let forced = 0;
    if (have < n && condition) {
      // the model almost never produces this combination: fill the rest with the labels set by hand
      forced = n - have;
      const matrix = await m.trainer.sample(forced, condition, (baseSeed + 104729) >>> 0);
      const t = m.transformer.inverse(matrix, forced);
      parts.push(t.assign(Object.fromEntries(Object.entries(condition).map(([c, v]) => [c, new Array<string | null>(forced).fill(v.startsWith(MISSING_LABEL) ? null : v)]))));
      onProgress?.(n, n);
    }
    const table = parts.length === 1 ? parts[0] : parts[0].concat(...parts.slice(1));
    this.synthetic = table;
    this.onSynthetic(table, { ...m.schema, rowCount: n });
    const columns = table.columnNames();
    const preview: (string | null)[][] = [];
    for (let i = 0; i < Math.min(5, n); i++) preview.push(columns.map((c) => {
      const v = table.column(c)!.at(i);
      return v === null || v === undefined ? null : String(v);
    }));
    return { rows: n, columns, seconds: (performance.now() - t0) / 1000, fixed, acceptance: drawn ? accepted / drawn : 1, forced, preview };
  }

  /** The model's current weights, transformer and history (persistence, project-api.ts); null without a model. */
  checkpoint(): GanCheckpoint | null {
    const m = this.model;
    if (!m) return null;
    return {
      epoch: m.loaded ? (this.epochs.at(-1)?.epoch ?? 0) : m.trainer.epochsDone,
      settings: m.settings,
      transformer: m.transformer.toJSON(),
      schema: m.schema,
      trainRows: m.trainRows,
      weights: m.trainer.getWeights(),
      usedEpoch: m.usedEpoch,
      history: { epochs: this.epochs.slice(), probes: this.probes.slice(), divergences: this.divergences.slice() },
    };
  }

  syntheticTable(): ColumnTable | null {
    return this.synthetic;
  }

  syntheticCsv(): string {
    if (!this.synthetic || !this.model) throw new Error('Nothing generated yet.');
    return tableToCsv(this.synthetic, this.model.schema.columns);
  }

  /** Everything needed to generate later, as plain JSON (weights base64). */
  toModelJSON(name?: string): GanModelJSON {
    const m = this.model;
    if (!m) throw new Error('No trained model to save.');
    return {
      format: 'synthcredit.gan-model',
      version: 1,
      name: name ?? m.name,
      savedAt: new Date().toISOString(),
      schema: m.schema,
      transformer: m.transformer.toJSON(),
      settings: m.settings,
      weights: m.trainer.getWeights().map((w) => ({ name: w.name, shape: w.shape, base64: floatsToBase64(w.data) })),
      history: {
        epochs: this.epochs.slice(),
        probes: this.probes.slice(),
        divergences: this.divergences.slice(),
        usedEpoch: m.usedEpoch,
        trainRows: m.trainRows,
        backend: tf.getBackend(),
      },
    };
  }

  /** Replace the current model by a saved one (generation only; training starts afresh). */
  loadModelJSON(input: unknown): ModelInfo {
    if (this.isBusy()) throw new Error('Training is running: cancel it before loading a model.');
    const json = validateModelJSON(input);
    const transformer = DataTransformer.fromJSON(json.transformer);
    const settings = resolveTrainingSettings(json.settings);
    const layout = transformer.layout;
    const sampler = layout.condWidth > 0 ? ConditionalSampler.fromCategoryCounts(layout, transformer.categoryCounts()) : null;
    const trainer = createGanTrainer(new Float32Array(0), 0, layout, sampler, ganPart(settings), createRng(settings.seed));
    try {
      trainer.setWeights(json.weights.map((w) => ({ name: w.name, shape: w.shape, data: base64ToFloats(w.base64) })));
    } catch (e) {
      trainer.dispose();
      throw new Error(`The model's weights do not fit its settings: ${(e as Error).message}`);
    }
    this.model?.trainer.dispose();
    this.model = {
      transformer,
      trainer,
      schema: json.schema,
      settings,
      trainRows: json.history?.trainRows ?? 0,
      usedEpoch: json.history?.usedEpoch ?? null,
      loaded: true,
      name: json.name,
    };
    this.settings = settings;
    this.epochs = json.history?.epochs ?? [];
    this.probes = json.history?.probes ?? [];
    this.divergences = json.history?.divergences ?? [];
    this.live = null;
    this.synthetic = null;
    this.phase = 'idle';
    this.message = `Loaded "${json.name}" (saved ${json.savedAt}).`;
    return this.modelInfo()!;
  }

  dispose(): void {
    this.cancel();
    this.model?.trainer.dispose();
    this.model = null;
  }
}
