/**
 * The project's prepared data, held in the worker: the typed table and schema of the loaded
 * dataset, the cleaning recipe, the cleaned table it yields, and the train/test split of the
 * cleaned rows. Later steps (GAN training, validation, risk models) read `cleaned()`,
 * `trainTable()` and `testTable()`; the test part is held out from GAN training.
 *
 * The typed table is never modified: the cleaned table is recomputed from it whenever the recipe
 * (or the schema underneath it) changes, so undoing a step is just editing the recipe.
 */
import type { ColumnTable } from 'arquero';
import type { DatasetSession } from './dataset-session';
import type { DatasetSchema } from '../core/data/schema';
import {
  applyStep,
  dataQualityReport,
  parseRecipeJson,
  recipeToJson,
  addStep,
  moveStep,
  toggleStep,
  deleteStep,
  replaceStep,
  missingRecipeColumns,
  type CleaningStep,
  type QualityFinding,
  type StepReport,
} from '../core/data/clean';
import {
  summarize,
  histogramWithTargetRate,
  targetBalance,
  associationMatrix,
  sampleRowsForDrawing,
  type ColumnSummary,
  type Histogram,
  type TargetBalance,
  type AssociationMatrix,
} from '../core/data/eda';
import { labelColumn, numericColumn, takeRows } from '../core/data/eda/columns';
import { randomSplit, stratifiedSplit } from '../core/data/split';
import { applySchema } from '../core/data/infer';
import { Hasher, trainRowHash, type DataProvenance } from './provenance';

/** An edit of the recipe, as the page sends it. */
export type RecipeEdit =
  | { op: 'add'; step: CleaningStep }
  | { op: 'move'; from: number; to: number }
  | { op: 'toggle'; id: string; enabled?: boolean }
  | { op: 'delete'; id: string }
  | { op: 'replace'; step: CleaningStep };

export interface RecipeState {
  steps: CleaningStep[];
  /** what each enabled step did, keyed by step id (disabled steps have none) */
  reports: Record<string, StepReport>;
  /** a step that fails on the current data (e.g. after a role change); later steps were not applied */
  error: { stepId: string | null; message: string } | null;
  /** the cleaned data's schema (row count, columns, roles, target) */
  schema: DatasetSchema;
  /** increases whenever the cleaned table changes, so the page knows to refresh its views */
  version: number;
}

export type RecipeOutcome = { ok: true; state: RecipeState } | { ok: false; error: string; state: RecipeState };

export interface QualityFindingView extends QualityFinding {
  /** the suggested step (by id) is already in the recipe */
  inRecipe: boolean;
}

export interface SplitPart {
  rows: number;
  /** rows with a known target */
  targetKnown: number;
  positives: number;
  /** positives / targetKnown; null without a target */
  positiveRate: number | null;
}

export interface SplitSummary {
  /** 'test-file': every cleaned row trains, the test rows are a separate file's */
  mode: 'random' | 'test-file';
  /** the separate test file's name ('test-file' mode) */
  testFile: string | null;
  seed: number;
  testFraction: number;
  stratified: boolean;
  target: string | null;
  positiveLabel: string | null;
  train: SplitPart;
  test: SplitPart;
}

export interface SplitIndices {
  train: Int32Array;
  /** rows of the cleaned table; in 'test-file' mode rows of the cleaned test file */
  test: Int32Array;
  seed: number;
  testFraction: number;
  mode: 'random' | 'test-file';
}

/** A second file with the loaded dataset's columns, used as the test set (see useTestFile). */
export interface TestFileInfo {
  name: string;
  rows: number;
  fingerprint: string;
}

/** What the pair chart draws: sampled points for two numeric columns, else counts per cell. */
export type PairView =
  | {
      kind: 'scatter';
      x: string;
      y: string;
      /** rows with both values present (all used for the association) */
      total: number;
      points: { x: number; y: number; target: string | null }[];
      xDatetime: boolean;
      yDatetime: boolean;
    }
  | {
      kind: 'counts';
      x: string;
      y: string;
      total: number;
      /** axis labels in display order */
      xLabels: string[];
      yLabels: string[];
      cells: { x: string; y: string; count: number; positiveRate: number | null }[];
    };

const MAX_DRAWN_POINTS = 5000;
const MAX_PAIR_LEVELS = 25;
const NUMERIC_PAIR_BINS = 15;

interface Cleaned {
  table: ColumnTable;
  schema: DatasetSchema;
  reports: Record<string, StepReport>;
  error: RecipeState['error'];
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function isNumericRole(role: string): boolean {
  return role === 'continuous' || role === 'datetime';
}

/**
 * Apply the enabled steps in order, stopping at the first that fails. `applyRecipe` of the core
 * does the same but throws away the steps that worked; the page wants to show them.
 */
function runRecipe(table: ColumnTable, schema: DatasetSchema, steps: readonly CleaningStep[]): Cleaned {
  const reports: Record<string, StepReport> = {};
  const problems = missingRecipeColumns(table.columnNames(), steps);
  if (problems.length > 0) {
    const detail = problems.map((p) => `"${p.column}" (step "${p.stepId}")`).join(', ');
    return { table, schema, reports, error: { stepId: problems[0].stepId, message: `The recipe needs columns the data does not have: ${detail}` } };
  }
  let t = table;
  let s = schema;
  for (const step of steps) {
    if (!step.enabled) continue;
    try {
      const r = applyStep(t, s, step);
      t = r.table;
      s = r.schema;
      reports[step.id] = r.report;
    } catch (e) {
      return { table: t, schema: s, reports, error: { stepId: step.id, message: message(e) } };
    }
  }
  return { table: t, schema: s, reports, error: null };
}

function splitPart(codes: Int8Array, rows: Int32Array): SplitPart {
  let known = 0;
  let positives = 0;
  for (let i = 0; i < rows.length; i++) {
    const c = codes[rows[i]];
    if (c >= 0) {
      known++;
      positives += c;
    }
  }
  return { rows: rows.length, targetKnown: known, positives, positiveRate: known > 0 ? positives / known : null };
}

/** Hash of a raw table's cells (and its column names). */
function tableFingerprint(table: ColumnTable, extra: string): string {
  const h = new Hasher().text(extra);
  const names = table.columnNames();
  h.int(table.numRows());
  for (const n of names) {
    h.text(n);
    const col = table.column(n)!;
    for (let r = 0; r < table.numRows(); r++) {
      const v = col.at(r);
      h.text(v === null || v === undefined ? '\u2205' : String(v));
    }
  }
  return h.hex();
}

function enabledStepsJson(steps: readonly CleaningStep[]): string {
  return JSON.stringify(steps.filter((s) => s.enabled));
}

export class PreparedData {
  private steps: CleaningStep[] = [];
  private splitConfig: { seed: number; testFraction: number; mode: 'random' | 'test-file' } | null = null;
  private testFile: { name: string; raw: ColumnTable; fingerprint: string } | null = null;
  private testCache: { key: unknown; version: number; table: ColumnTable } | null = null;
  private fingerprintCache: { raw: unknown; schema: unknown; value: string } | null = null;
  /** identity of the loaded dataset: a new load gives a new `columns` array, a role change does not */
  private datasetKey: unknown = null;
  private sourceTable: ColumnTable | null = null;
  private cache: Cleaned | null = null;
  private splitCache: { version: number; split: SplitIndices; stratified: boolean } | null = null;
  private version = 0;

  constructor(private readonly session: DatasetSession) {}

  /** The typed table and schema as loaded (after role and target choices), before cleaning. */
  source(): { table: ColumnTable; schema: DatasetSchema } {
    const summary = this.session.current();
    if (!summary) throw new Error('No dataset is loaded');
    const table = this.session.typedTable();
    if (summary.columns !== this.datasetKey) {
      // a new dataset: its recipe and split start empty
      this.datasetKey = summary.columns;
      this.steps = [];
      this.splitConfig = null;
      this.testFile = null;
      this.testCache = null;
      this.cache = null;
    }
    if (table !== this.sourceTable) {
      // roles or target changed (or a new load): the recipe is replayed on the new typed table
      this.sourceTable = table;
      this.cache = null;
    }
    return { table, schema: summary.schema };
  }

  private current(): Cleaned {
    const src = this.source();
    if (!this.cache) {
      this.cache = runRecipe(src.table, src.schema, this.steps);
      this.version++;
    }
    return this.cache;
  }

  /** The cleaned table and schema: the recipe's enabled steps applied to the typed table. */
  cleaned(): { table: ColumnTable; schema: DatasetSchema } {
    const c = this.current();
    return { table: c.table, schema: c.schema };
  }

  recipe(): CleaningStep[] {
    this.source();
    return [...this.steps];
  }

  recipeState(): RecipeState {
    const c = this.current();
    return { steps: [...this.steps], reports: c.reports, error: c.error, schema: c.schema, version: this.version };
  }

  /**
   * Replace the recipe. A recipe that fails on this data is refused (the recipe stays as it was)
   * and the error says which step and why.
   */
  setRecipe(steps: CleaningStep[]): RecipeOutcome {
    return this.trySteps(steps, true);
  }

  /**
   * Edits are refused when they break a recipe that works. When the recipe already fails (a role
   * changed under it), edits are accepted so the user can repair it step by step; the state says
   * which step still fails.
   */
  private trySteps(steps: CleaningStep[], strict: boolean): RecipeOutcome {
    const src = this.source();
    const before = this.current();
    const trial = runRecipe(src.table, src.schema, steps);
    if (trial.error && (strict || before.error === null)) {
      return { ok: false, error: trial.error.message, state: this.recipeState() };
    }
    this.steps = [...steps];
    this.cache = trial;
    this.version++;
    return { ok: true, state: this.recipeState() };
  }

  editRecipe(edit: RecipeEdit): RecipeOutcome {
    const steps = this.recipe();
    let next: CleaningStep[];
    switch (edit.op) {
      case 'add':
        next = addStep(steps, edit.step);
        break;
      case 'move':
        next = moveStep(steps, edit.from, edit.to);
        break;
      case 'toggle':
        next = toggleStep(steps, edit.id, edit.enabled);
        break;
      case 'delete':
        next = deleteStep(steps, edit.id);
        break;
      case 'replace':
        next = replaceStep(steps, edit.step);
        break;
    }
    return this.trySteps(next, false);
  }

  exportRecipe(): string {
    return recipeToJson(this.recipe());
  }

  /** Import an exported recipe; an invalid file or one that does not fit this data leaves the recipe unchanged. */
  importRecipe(json: string): RecipeOutcome {
    let steps: CleaningStep[];
    try {
      steps = parseRecipeJson(json);
    } catch (e) {
      return { ok: false, error: message(e), state: this.recipeState() };
    }
    return this.setRecipe(steps);
  }

  /** Findings on the typed table (before cleaning), each marked when its fix is already in the recipe. */
  qualityReport(): QualityFindingView[] {
    const src = this.source();
    const ids = new Set(this.steps.map((s) => s.id));
    return dataQualityReport(src.table, src.schema).map((f) => ({ ...f, inRecipe: f.suggestedStep ? ids.has(f.suggestedStep.id) : false }));
  }

  summary(): ColumnSummary[] {
    const { table, schema } = this.cleaned();
    return summarize(table, schema, { topK: 5 });
  }

  targetBalance(): TargetBalance | null {
    const { table, schema } = this.cleaned();
    if (!schema.target || schema.positiveLabel === null || !table.columnNames().includes(schema.target)) return null;
    return targetBalance(table, schema.target, schema.positiveLabel);
  }

  /** Distribution of a column with the target's positive rate per bin (no rates without a target). */
  histogram(column: string, bins = 20): Histogram {
    const { table, schema } = this.cleaned();
    const col = schema.columns.find((c) => c.name === column);
    if (!col || !table.columnNames().includes(column)) throw new Error(`Unknown column "${column}"`);
    const numeric = isNumericRole(col.role);
    const opts = { bins, kind: numeric ? ('numeric' as const) : ('categorical' as const), clipQuantiles: numeric ? ([0.005, 0.995] as [number, number]) : undefined };
    if (schema.target && schema.positiveLabel !== null && table.columnNames().includes(schema.target)) {
      return histogramWithTargetRate(table, column, schema.target, schema.positiveLabel, opts);
    }
    // no target: every row's target is "missing", so every rate is null
    const noTarget = `${column}\u0000no-target`;
    const t = table.select(column).assign({ [noTarget]: new Array<null>(table.numRows()).fill(null) });
    return histogramWithTargetRate(t, column, noTarget, '1', opts);
  }

  associations(): AssociationMatrix {
    const { table, schema } = this.cleaned();
    return associationMatrix(table, schema);
  }

  /** The data behind the pair chart of two columns. */
  pair(x: string, y: string, seed = 1): PairView {
    const { table, schema } = this.cleaned();
    const cx = schema.columns.find((c) => c.name === x);
    const cy = schema.columns.find((c) => c.name === y);
    if (!cx || !cy || !table.columnNames().includes(x) || !table.columnNames().includes(y)) throw new Error(`Unknown column "${!cx ? x : y}"`);
    const target = schema.target && table.columnNames().includes(schema.target) ? schema.target : null;
    const nx = isNumericRole(cx.role);
    const ny = isNumericRole(cy.role);
    if (nx && ny) {
      const xs = numericColumn(table, x);
      const ys = numericColumn(table, y);
      const both: number[] = [];
      for (let i = 0; i < xs.length; i++) if (!Number.isNaN(xs[i]) && !Number.isNaN(ys[i])) both.push(i);
      const complete = takeRows(table.select(target && target !== x && target !== y ? [x, y, target] : [x, y]), both);
      const drawn = sampleRowsForDrawing(complete, MAX_DRAWN_POINTS, seed);
      const dx = drawn.array(x) as ArrayLike<number>;
      const dy = drawn.array(y) as ArrayLike<number>;
      const dt = target ? labelColumn(drawn, target) : null;
      const points = Array.from({ length: drawn.numRows() }, (_, i) => ({ x: dx[i], y: dy[i], target: dt ? dt[i] : null }));
      return { kind: 'scatter', x, y, total: both.length, points, xDatetime: cx.role === 'datetime', yDatetime: cy.role === 'datetime' };
    }
    // counts on all rows: categorical labels as they are, numeric values in equal-width bins
    const labelsOf = (name: string, numeric: boolean): { labels: (string | null)[]; order: string[] } => {
      if (!numeric) {
        const labels = labelColumn(table, name);
        const counts = new Map<string, number>();
        for (const v of labels) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
        const byCount = [...counts].sort((a, b) => b[1] - a[1]);
        const keep = new Set(byCount.slice(0, MAX_PAIR_LEVELS - 1).map(([k]) => k));
        const pooled = byCount.length > MAX_PAIR_LEVELS;
        const out = labels.map((v) => (v === null ? null : pooled && !keep.has(v) ? '(other)' : v));
        const order = [...(pooled ? keep : counts.keys())];
        const allNumbers = order.every((k) => k.trim() !== '' && Number.isFinite(Number(k)));
        order.sort((a, b) => (allNumbers ? Number(a) - Number(b) : a.localeCompare(b)));
        if (pooled) order.push('(other)');
        return { labels: out, order };
      }
      const h = histogramWithTargetRate(table.select(name).assign({ [`${name}\u0000t`]: new Array<null>(table.numRows()).fill(null) }), name, `${name}\u0000t`, '1', {
        bins: NUMERIC_PAIR_BINS,
        kind: 'numeric',
        clipQuantiles: [0.01, 0.99],
      });
      const vals = numericColumn(table, name);
      const bins = h.bins;
      const [lo, hi] = h.range ?? [0, 0];
      const width = bins.length > 0 && hi > lo ? (hi - lo) / bins.length : 0;
      const out = new Array<string | null>(vals.length);
      for (let i = 0; i < vals.length; i++) {
        const v = vals[i];
        if (Number.isNaN(v) || bins.length === 0) out[i] = null;
        else out[i] = bins[width > 0 ? Math.max(0, Math.min(bins.length - 1, Math.floor((v - lo) / width))) : 0].label;
      }
      return { labels: out, order: bins.map((b) => b.label) };
    };
    const lx = labelsOf(x, nx);
    const ly = labelsOf(y, ny);
    const codes = target ? labelColumn(table, target) : null;
    const positive = schema.positiveLabel;
    const cells = new Map<string, { x: string; y: string; count: number; known: number; positives: number }>();
    let total = 0;
    for (let i = 0; i < lx.labels.length; i++) {
      const a = lx.labels[i];
      const b = ly.labels[i];
      if (a === null || b === null) continue;
      total++;
      const key = `${a}\u0000${b}`;
      let cell = cells.get(key);
      if (!cell) cells.set(key, (cell = { x: a, y: b, count: 0, known: 0, positives: 0 }));
      cell.count++;
      const t = codes ? codes[i] : null;
      if (t !== null) {
        cell.known++;
        if (t === positive) cell.positives++;
      }
    }
    return {
      kind: 'counts',
      x,
      y,
      total,
      xLabels: lx.order,
      yLabels: ly.order,
      cells: [...cells.values()].map((c) => ({ x: c.x, y: c.y, count: c.count, positiveRate: c.known > 0 ? c.positives / c.known : null })),
    };
  }

  /** Split the cleaned rows: stratified on the target when there is one, else plain random. */
  makeSplit(testFraction = 0.2, seed = 42): SplitSummary {
    if (!(testFraction > 0 && testFraction < 1)) throw new Error(`The test fraction must be between 0 and 1 (exclusive), got ${testFraction}`);
    if (!Number.isInteger(seed) || seed < 0) throw new Error(`The seed must be a whole number ≥ 0, got ${seed}`);
    this.source();
    this.splitConfig = { seed, testFraction, mode: 'random' };
    this.splitCache = null;
    return this.splitSummary()!;
  }

  /**
   * Keep a second CSV (already read by the same loader) as the test set: it must have exactly the
   * loaded dataset's columns; it is typed with the same schema and cleaned with the same recipe.
   * Does not change the split: useTestFile() does.
   */
  setTestFile(raw: ColumnTable, name: string): TestFileInfo {
    const src = this.source();
    const expected = this.session.current()!.columns;
    const got = raw.columnNames();
    const missing = expected.filter((c) => !got.includes(c));
    const extra = got.filter((c) => !expected.includes(c));
    if (missing.length > 0 || extra.length > 0) {
      const parts = [
        missing.length > 0 ? `it lacks ${missing.map((c) => `"${c}"`).join(', ')}` : '',
        extra.length > 0 ? `it has columns the loaded data does not: ${extra.map((c) => `"${c}"`).join(', ')}` : '',
      ].filter(Boolean);
      throw new Error(`"${name}" does not have the columns of the loaded data: ${parts.join('; ')}.`);
    }
    if (raw.numRows() === 0) throw new Error(`"${name}" has no data rows.`);
    const previous = this.testFile;
    this.testFile = { name, raw, fingerprint: tableFingerprint(raw, name) };
    this.testCache = null;
    try {
      this.cleanedTestFile(src.schema);
    } catch (e) {
      this.testFile = previous;
      this.testCache = null;
      throw e;
    }
    if (this.splitConfig?.mode === 'test-file') this.splitCache = null;
    return this.testFileInfo()!;
  }

  testFileInfo(): TestFileInfo | null {
    if (!this.testFile) return null;
    let rows = 0;
    try {
      rows = this.cleanedTestFile(this.source().schema).numRows();
    } catch {
      rows = 0;
    }
    return { name: this.testFile.name, rows, fingerprint: this.testFile.fingerprint };
  }

  /** Split mode "all loaded rows train, test = the separate test file". */
  useTestFile(): SplitSummary {
    if (!this.testFile) throw new Error('Load a test file first.');
    this.source();
    this.splitConfig = { seed: 0, testFraction: 0, mode: 'test-file' };
    this.splitCache = null;
    return this.splitSummary()!;
  }

  /** The test file typed with the loaded schema and cleaned with the current recipe. */
  private cleanedTestFile(sourceSchema: DatasetSchema): ColumnTable {
    const f = this.testFile;
    if (!f) throw new Error('No test file is loaded.');
    this.current();
    if (this.testCache && this.testCache.key === f && this.testCache.version === this.version) return this.testCache.table;
    const typed = applySchema(f.raw, sourceSchema);
    const out = runRecipe(typed, sourceSchema, this.steps);
    if (out.error) throw new Error(`The cleaning recipe fails on the test file "${f.name}": ${out.error.message}`);
    this.testCache = { key: f, version: this.version, table: out.table };
    return out.table;
  }

  /** Identity of the loaded data: its cells, name and column roles (cached per load and schema). */
  datasetFingerprint(): string {
    const summary = this.session.current();
    const raw = this.session.rawTable();
    if (!summary || !raw) throw new Error('No dataset is loaded');
    const c = this.fingerprintCache;
    if (c && c.raw === raw && c.schema === summary.schema) return c.value;
    const roles = JSON.stringify([summary.schema.target, summary.schema.positiveLabel, summary.schema.columns.map((col) => [col.name, col.role])]);
    const value = tableFingerprint(raw, `${summary.name}\u0000${roles}`);
    this.fingerprintCache = { raw, schema: summary.schema, value };
    return value;
  }

  /** What a model trained now would be trained on; null before a split is made. */
  provenance(): DataProvenance | null {
    const s = this.split();
    if (!s) return null;
    const recipeVersion = new Hasher().text(enabledStepsJson(this.steps)).hex();
    const cleanedRows = this.cleaned().table.numRows();
    return {
      datasetFingerprint: this.datasetFingerprint(),
      datasetName: this.session.current()!.name,
      recipeVersion,
      recipeSteps: this.recipe(),
      split: {
        mode: s.mode,
        seed: s.seed,
        testFraction: s.testFraction,
        trainRows: s.train.length,
        testRows: s.test.length,
        trainHash: trainRowHash(recipeVersion, cleanedRows, s.train),
        testFile: s.mode === 'test-file' && this.testFile ? { name: this.testFile.name, fingerprint: this.testFile.fingerprint } : null,
      },
    };
  }

  /**
   * Go back to the recipe and split a model was trained on (same loaded data only). Checked by
   * the train row set's hash; on any failure the recipe and split stay as they were.
   */
  restoreProvenance(p: DataProvenance): SplitSummary {
    if (p.datasetFingerprint !== this.datasetFingerprint()) throw new Error('The loaded data is not the data this model was trained on, so its split cannot be rebuilt. Load that data again or retrain.');
    if (p.split.mode === 'test-file' && this.testFile?.fingerprint !== p.split.testFile?.fingerprint) {
      throw new Error(`This model was trained with the test file "${p.split.testFile?.name ?? '?'}" held out. Load that test file again to score against it.`);
    }
    const before = { steps: this.steps, split: this.splitConfig };
    const restore = () => {
      this.steps = before.steps;
      this.splitConfig = before.split;
      this.cache = null;
      this.splitCache = null;
    };
    if (enabledStepsJson(p.recipeSteps) !== enabledStepsJson(this.steps)) {
      const out = this.setRecipe(p.recipeSteps);
      if (!out.ok) throw new Error(`The recipe it was trained with no longer applies: ${out.error}`);
    }
    this.splitConfig = { seed: p.split.seed, testFraction: p.split.testFraction, mode: p.split.mode };
    this.splitCache = null;
    const now = this.provenance();
    if (!now || now.split.trainHash !== p.split.trainHash) {
      restore();
      throw new Error('The split it was trained on could not be rebuilt exactly (the training rows differ), so nothing was changed. Retrain on the current split.');
    }
    return this.splitSummary()!;
  }

  /**
   * The current split of the cleaned rows, or null before one is made. When the recipe changes
   * the split is redrawn from the same seed and fraction, so it always indexes the cleaned table.
   */
  split(): SplitIndices | null {
    const c = this.current();
    if (!this.splitConfig) return null;
    if (!this.splitCache || this.splitCache.version !== this.version) {
      const { seed, testFraction, mode } = this.splitConfig;
      const target = c.schema.target && c.table.columnNames().includes(c.schema.target) ? c.schema.target : null;
      if (mode === 'test-file') {
        const test = this.cleanedTestFile(this.source().schema);
        const train = Int32Array.from({ length: c.table.numRows() }, (_, i) => i);
        this.splitCache = { version: this.version, split: { train, test: Int32Array.from({ length: test.numRows() }, (_, i) => i), seed, testFraction, mode }, stratified: false };
      } else {
        const s = target ? stratifiedSplit(labelColumn(c.table, target), { seed, testFraction }) : randomSplit(c.table.numRows(), { seed, testFraction });
        this.splitCache = { version: this.version, split: { train: s.train, test: s.test, seed, testFraction, mode }, stratified: target !== null };
      }
    }
    return this.splitCache.split;
  }

  splitSummary(): SplitSummary | null {
    const s = this.split();
    if (!s || !this.splitCache) return null;
    const { table, schema } = this.cleaned();
    const target = schema.target && table.columnNames().includes(schema.target) ? schema.target : null;
    const codesOf = (t: ColumnTable): Int8Array => {
      const codes = new Int8Array(t.numRows()).fill(-1);
      if (target && schema.positiveLabel !== null && t.columnNames().includes(target)) {
        const labels = labelColumn(t, target);
        for (let i = 0; i < labels.length; i++) codes[i] = labels[i] === null ? -1 : labels[i] === schema.positiveLabel ? 1 : 0;
      }
      return codes;
    };
    const codes = codesOf(table);
    const fileMode = s.mode === 'test-file';
    return {
      mode: s.mode,
      testFile: fileMode ? (this.testFile?.name ?? null) : null,
      seed: s.seed,
      testFraction: s.testFraction,
      stratified: this.splitCache.stratified,
      target,
      positiveLabel: target ? schema.positiveLabel : null,
      train: splitPart(codes, s.train),
      test: fileMode ? splitPart(codesOf(this.testTable()), s.test) : splitPart(codes, s.test),
    };
  }

  /** Training rows of the cleaned table (the only rows the GAN may learn from). */
  trainTable(): ColumnTable {
    const s = this.split();
    if (!s) throw new Error('No train/test split has been made yet');
    return takeRows(this.cleaned().table, s.train);
  }

  /** Held-out rows of the cleaned table, for validation and risk-model evaluation only. */
  testTable(): ColumnTable {
    const s = this.split();
    if (!s) throw new Error('No train/test split has been made yet');
    if (s.mode === 'test-file') return this.cleanedTestFile(this.source().schema);
    return takeRows(this.cleaned().table, s.test);
  }
}
