/** The GAN step's data shapes, shared by the session, the worker API and the page. */
import type { ColumnTable } from 'arquero';
import type { ColumnRole, DatasetSchema } from '../core/data/schema';
import type { DataTransformerJSON } from '../core/transform/data-transformer';
import type { NamedWeight } from '../core/gan/trainer';
import type { TrainingSettings } from './gan-settings-presets';
import type { DataProvenance } from './provenance';

/** What the session needs from the prepared data (PreparedData has all of it). */
export interface TrainingDataSource {
  cleaned(): { table: ColumnTable; schema: DatasetSchema };
  split(): unknown | null;
  makeSplit(testFraction: number, seed: number): unknown;
  trainTable(): ColumnTable;
  /** the data, recipe and split training would use now (kept with the model; PreparedData has it) */
  provenance?(): DataProvenance | null;
}

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
  /** of trainRows, held out from fitting: the probe chooses the checkpoint on them (core/gan/validation-rows.ts) */
  validationRows: number;
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
  /** what these weights were trained on (null: unknown) */
  provenance?: DataProvenance | null;
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
