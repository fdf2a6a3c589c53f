/**
 * Every synthetic table this session has produced, kept as a "run" with what made it (settings,
 * training time, source) and, once validated, its report scores, so runs can be compared side by
 * side and the best one marked.
 *
 * The GAN step only registers the current synthetic table (synthetic-registry.ts), so a run is
 * recorded when a validate call sees a table it has not seen before; a table replaced by another
 * before any validate call is missed (the Generate screen can call `validateRecordRun` right after
 * generating to record every one). The tables themselves are kept for the most recent runs only
 * (memory); an older run keeps its settings and scores. Its data cannot be regenerated exactly:
 * the GAN session draws with a seed it does not expose, and keeps only the latest model.
 */
import type { ColumnTable } from 'arquero';
import type { ValidationReport } from '../core/quality/report';
import { ENGINE_LABELS } from './engine-session';
import type { EngineKind, SyntheticOrigin } from './synthetic-registry';
import type { DataProvenance } from './provenance';

/** What the page knows about the training behind a run (from the GAN step's state). */
export interface RunTraining {
  /** the training settings as plain values (epochs, batch size, network sizes, seed, ...) */
  settings: Record<string, unknown> | null;
  /** wall-clock seconds of training */
  seconds: number | null;
  epochsTrained: number | null;
  /** the epoch whose weights generated the data (best checkpoint) */
  usedEpoch: number | null;
  modelName: string | null;
  backend: string | null;
  /** the model was loaded from a file rather than trained here */
  loaded: boolean;
}

export interface RunScores {
  overall: number;
  columnShapes: number;
  pairTrends: number;
  /** Column Pair Trends over the strongly associated pairs */
  strongPairs: number;
  strongPairCount: number;
  tstrAuc: number;
  trtrAuc: number;
  dcrRatio: number;
  exactCopies: number;
  miaAuc: number;
  replayCells: number;
  /** detection score (1 = indistinguishable); absent in runs validated before it existed */
  detection?: number;
}

export interface RunRecord {
  id: string;
  /** 1-based, in order of creation */
  number: number;
  source: string;
  /** the engine that made the data, by kind (absent in runs recorded before it was) */
  engineKind?: EngineKind;
  /** the engine's name for the user ("CTGAN", "Sequential trees", ...), from engineKind */
  engine?: string;
  /** the model's settings as plain values (seed, epochs used, sample seed) */
  settings?: Record<string, unknown> | null;
  /** identity of the model that drew the data */
  modelKey?: string | null;
  /** the data, recipe and split the model was trained on; null when unknown */
  trainedOn?: DataProvenance | null;
  /** candidates the copy guard rejected while generating; null when it did not run */
  copiesRejected?: number | null;
  createdAt: number;
  rows: number;
  columns: number;
  training: RunTraining | null;
  scores: RunScores | null;
  /** the synthetic table is still held, so the run can be validated again or made current */
  dataKept: boolean;
}

export interface RunRow extends RunRecord {
  /** the ranking score: mean of overall quality and strong-pair trends (NaN before validation) */
  rank: number;
  best: boolean;
  current: boolean;
}

/** Tables kept at most, and cells (rows x columns) over all kept tables at most. */
export const MAX_KEPT_TABLES = 8;
export const MAX_KEPT_CELLS = 12_000_000;

export function scoresOf(report: ValidationReport): RunScores {
  const lr = report.utility.models.find((m) => m.model === 'logistic-regression') ?? report.utility.models[0];
  return {
    overall: report.quality.overall,
    columnShapes: report.quality.columnShapes,
    pairTrends: report.quality.columnPairTrends,
    strongPairs: report.quality.strongPairs.columnPairTrends,
    strongPairCount: report.quality.strongPairs.nPairs,
    tstrAuc: lr ? lr.tstr : NaN,
    trtrAuc: lr ? lr.trtr : NaN,
    dcrRatio: report.privacy.dcr.ratio,
    exactCopies: report.privacy.exactCopies.count,
    miaAuc: report.privacy.membershipInference.auc,
    replayCells: report.privacy.replay.totalCells,
    ...(report.detection ? { detection: report.detection.score } : {}),
  };
}

/** The engine's name for the user, by kind. */
export function engineLabel(kind: EngineKind): string {
  if (kind === 'ctgan') return 'CTGAN';
  return ENGINE_LABELS[kind] ?? 'other';
}

/** Overall quality and strong-pair trends weigh equally; a run without strong pairs ranks on overall. */
export function rankScore(s: RunScores | null): number {
  if (!s) return NaN;
  if (Number.isNaN(s.strongPairs)) return s.overall;
  if (Number.isNaN(s.overall)) return s.strongPairs;
  return (s.overall + s.strongPairs) / 2;
}

/** Persistence (project-api.ts) listens to record changes: the run list with its scores is saved. */
let recordsListener: ((records: RunRecord[]) => void) | null = null;
export function onRunRecordsChanged(listener: ((records: RunRecord[]) => void) | null): void {
  recordsListener = listener;
}

interface Entry {
  record: RunRecord;
  table: ColumnTable | null;
  report: ValidationReport | null;
  /** the train/test split the report was scored against (trainHash of its provenance) */
  reportSplit: string | null;
}

export class RunHistory {
  private entries: Entry[] = [];
  private currentTable: ColumnTable | null = null;

  /**
   * Record the registry's current table as a run unless it is already one (same table object).
   * Returns the current run, or null when there is no synthetic table.
   */
  observe(table: ColumnTable | null, source: string, createdAt: number, origin: Partial<SyntheticOrigin> = {}): RunRecord | null {
    this.currentTable = table;
    if (!table) return null;
    const known = this.entries.find((e) => e.table === table || (e.table === null && e.record.createdAt === createdAt && e.record.source === source));
    if (known) {
      // a saved run's table put back by the project store (reload, worker restart): its data is here again
      if (known.table === null) {
        known.table = table;
        known.record = { ...known.record, dataKept: true };
      }
      return known.record;
    }
    const number = this.entries.length + 1;
    const record: RunRecord = {
      id: `run-${number}`,
      number,
      source,
      engineKind: origin.engineKind ?? 'other',
      engine: engineLabel(origin.engineKind ?? 'other'),
      settings: origin.settings ?? null,
      modelKey: origin.modelKey ?? null,
      trainedOn: origin.trainedOn ?? null,
      copiesRejected: origin.copiesRejected ?? null,
      createdAt,
      rows: table.numRows(),
      columns: table.numCols(),
      training: null,
      scores: null,
      dataKept: true,
    };
    this.entries.push({ record, table, report: null, reportSplit: null });
    this.evict();
    this.changed();
    return record;
  }

  /** The current table's run (the one the registry holds now). */
  current(): RunRecord | null {
    return this.entries.find((e) => e.table !== null && e.table === this.currentTable)?.record ?? null;
  }

  get(id: string): RunRecord | null {
    return this.entry(id)?.record ?? null;
  }

  table(id: string): ColumnTable | null {
    return this.entry(id)?.table ?? null;
  }

  report(id: string): ValidationReport | null {
    return this.entry(id)?.report ?? null;
  }

  /** The split (train row hash) the run's last report was scored against. */
  reportSplit(id: string): string | null {
    return this.entry(id)?.reportSplit ?? null;
  }

  /** Attach what the page knows about the training, unless the run already has it. */
  setTraining(id: string, training: RunTraining): void {
    const e = this.entry(id);
    if (e && !e.record.training) {
      e.record = { ...e.record, training };
      this.changed();
    }
  }

  setReport(id: string, report: ValidationReport, split: string | null = null): void {
    const e = this.entry(id);
    if (!e) throw new Error(`Unknown run "${id}"`);
    e.report = report;
    e.reportSplit = split;
    this.setScores(id, scoresOf(report));
  }

  setScores(id: string, scores: RunScores): void {
    const e = this.entry(id);
    if (!e) throw new Error(`Unknown run "${id}"`);
    e.record = { ...e.record, scores };
    this.changed();
  }

  /** The best validated run: highest rank score; ties go to the earlier run. */
  bestId(): string | null {
    let best: Entry | null = null;
    for (const e of this.entries) {
      const r = rankScore(e.record.scores);
      if (Number.isNaN(r)) continue;
      if (!best || r > rankScore(best.record.scores)) best = e;
    }
    return best?.record.id ?? null;
  }

  /** Every run, newest first, with rank, best and current marked. */
  list(): RunRow[] {
    const best = this.bestId();
    const current = this.current()?.id ?? null;
    return this.entries
      .map((e) => ({ ...e.record, rank: rankScore(e.record.scores), best: e.record.id === best, current: e.record.id === current }))
      .reverse();
  }

  clear(): void {
    this.entries = [];
    this.currentTable = null;
  }

  /** Runs of an earlier session (from the project store): scores and settings, no data kept. */
  restore(records: RunRecord[]): number {
    this.entries = records.map((record) => ({ record: { ...record, dataKept: false }, table: null, report: null, reportSplit: null }));
    this.currentTable = null;
    return this.entries.length;
  }

  private changed(): void {
    recordsListener?.(this.entries.map((e) => e.record));
  }

  private entry(id: string): Entry | undefined {
    return this.entries.find((e) => e.record.id === id);
  }

  /** Drop the oldest tables beyond the caps; the current table is always kept. */
  private evict(): void {
    let cells = 0;
    let kept = 0;
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const e = this.entries[i];
      if (!e.table) continue;
      const c = e.table.numRows() * e.table.numCols();
      if (e.table !== this.currentTable && (kept >= MAX_KEPT_TABLES || cells + c > MAX_KEPT_CELLS)) {
        e.table = null;
        e.record = { ...e.record, dataKept: false };
        continue;
      }
      kept++;
      cells += c;
    }
  }
}
