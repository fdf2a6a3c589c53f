/** Step 8's data shapes: what the page receives and what the worker keeps per model. */
import type { ColumnTable } from 'arquero';
import type { ComparisonRow } from '../core/risk/workbench/comparison';
import type { RiskResult } from '../core/risk/workbench/train-and-evaluate';
import {
  type ApplyModelFile,
  type CutoffStrategy,
  type ExplanationMethod,
  type FormField,
  type LoadedModel,
  type PdBin,
  type PortfolioLoss,
  type Reason,
  type ScorecardScaling,
  type StabilityResult,
  type StressShift,
} from '../core/risk/apply';
import type { TrainingState, GenerateOptions, GenerationSummary } from './gan-session';

/** What step 8 needs from the risk and GAN steps' worker methods. */
export interface ApplyAccess {
  riskComparison(): ComparisonRow[];
  riskModelJson(id: string): string;
  riskResult(id: string): RiskResult;
  ganState(): TrainingState;
  ganGenerate(n: number, options: GenerateOptions, onProgress?: (done: number, total: number) => unknown): Promise<GenerationSummary>;
}

export type ApplyScope = 'batch' | 'test';

export interface ApplyModelInfo {
  id: string;
  label: string;
  source: 'trained' | 'imported';
  kind: ApplyModelFile['modelKind'];
  /** test-split ROC AUC of a trained model */
  rocAuc: number | null;
}

export interface ApplyModelDetails extends ApplyModelInfo {
  target: string | null;
  positiveLabel: string | null;
  form: FormField[];
  cutoff: { pd: number; strategy: CutoffStrategy };
  scaling: ScorecardScaling;
  method: ExplanationMethod;
  /** the scopes with rows to work on */
  scopes: { id: ApplyScope; label: string; rows: number; labelled: boolean }[];
  /** model inputs (for stress shifts) with their training categories, if any */
  inputs: { name: string; categories: string[] | null }[];
  /** GAN labels per categorical column, when a trained GAN can generate a stressed portfolio */
  gan: { columns: { name: string; labels: string[] }[] } | null;
}

export interface ScreeningReason extends Reason {
  /** scorecard points this column earns (additive explanations only) */
  points: number | null;
  value: string | null;
}

export interface ScreeningResult {
  pd: number;
  decision: 'approve' | 'decline';
  cutoff: number;
  points: number;
  basePoints: number | null;
  method: ExplanationMethod;
  additive: boolean;
  /** every input column, largest effect first */
  reasons: ScreeningReason[];
  notes: string[];
}

export interface BatchProgress {
  stage: 'reading' | 'cleaning' | 'scoring' | 'done';
  fraction: number;
  detail: string;
}

export interface BatchSummary {
  fileName: string;
  rows: number;
  missingColumns: string[];
  extraColumns: string[];
  notes: string[];
  labelled: boolean;
  rocAuc: number | null;
  meanPd: number;
  approved: number;
  cutoff: number;
  histogram: PdBin[];
  /** the first rows: probability, decision, points, reasons */
  preview: { row: number; pd: number; decision: string; points: number; reasons: string[] }[];
}

export interface PortfolioRequest {
  scope: ApplyScope;
  /** EAD column (continuous), or null for `eadFixed` per row */
  eadColumn: string | null;
  eadFixed: number;
  lgd: number;
  segmentColumn: string | null;
  segmentBins?: number;
  stress?: { column: string; shift: StressShift } | null;
}

export interface PortfolioView {
  rows: number;
  base: PortfolioLoss;
  histogram: PdBin[];
  stressed: { description: string; loss: PortfolioLoss; histogram: PdBin[] } | null;
  /** columns usable as EAD (continuous) and as segments */
  eadColumns: string[];
  segmentColumns: string[];
}

export interface GanStressRequest {
  fixed: Record<string, string>;
  rows: number;
  eadColumn: string | null;
  eadFixed: number;
  lgd: number;
  scope: ApplyScope;
}

export interface GanStressView {
  rows: number;
  description: string;
  base: PortfolioLoss;
  stressed: PortfolioLoss;
  acceptance: number;
  forced: number;
}

export interface MonitoringView {
  scope: ApplyScope;
  rows: number;
  score: StabilityResult;
  features: StabilityResult[];
  alert: string | null;
}

export interface FraudQueueView {
  total: number;
  labelled: boolean;
  rows: { row: number; score: number; decision: string; label: number | null; reasons: string[] }[];
  precision: { k: number; precision: number; found: number }[] | null;
}

export interface ScopeData {
  /** cleaned rows with derived features (what the model reads) */
  table: ColumnTable;
  pd: Float64Array;
  reasons: Reason[][];
  labels: Float64Array | null;
}

export interface Entry {
  id: string;
  source: 'trained' | 'imported';
  rocAuc: number | null;
  loaded: LoadedModel;
  test: ScopeData | null;
  batch: (ScopeData & { raw: ColumnTable; fileName: string }) | null;
}
