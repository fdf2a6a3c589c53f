/**
 * Step 4's worker methods (every name starts with `gen`): generate up to 1,000,000 rows from the
 * trained GAN under a what-if condition and constraints, in chunks with progress and cancel, put
 * identifier / text placeholders in (or drop those columns), register the result as the current
 * synthetic table, and hand it to the page as a CSV Blob (core/data/export: formula-safe, the input's formats).
 *
 * The GAN session lives inside gan-api.ts; this file reaches the trained model only through the
 * session's public worker methods (ganState, ganExportModel), rebuilding a generation-only copy of
 * the generator from the exported model (as loading a saved model does). The copy is cached until
 * the model changes.
 */
import type { ColumnTable } from 'arquero';
import type { PreparedData } from './prepared-data';
import type { DatasetSchema } from '../core/data/schema';
import { DataTransformer, type ContinuousColumnTransform } from '../core/transform/data-transformer';
import type { GanTrainer } from '../core/gan/trainer';
import { safeCsvBlob } from '../core/data/export';
import {
  applyIdentifierColumns,
  conditionClauses,
  describeWhatIf,
  formatPercent,
  generateWithRejection,
  GenerationRefusedError,
  makePlaceholders,
  planIdentifierColumns,
  rareCopyFilter,
  rangeConstraint,
  replayCheck,
  suggestConstraints,
  PLACEHOLDER_LABELS,
  type ClauseStat,
  type Constraint,
  type IdentifierColumnPlan,
  type IdentifierMode,
  type PlaceholderKind,
  type WhatIf,
} from '../core/generate';
import { compareColumn, validateModelJSON, type ColumnComparison, type GanModelJSON, type TrainingState } from './gan-session';
import { ganFromModelFile } from './gan-model-trainer';
import type { GenColumn } from './gen-column';
import { setSyntheticTable, type EngineKind } from './synthetic-registry';
import type { DataProvenance } from './provenance';
import { activeEngineSession, type CurrentEngine } from './engine-session';

/** What this file needs from the GAN step's worker methods (gan-api.ts). */
export interface GanAccess {
  ganState(): TrainingState;
  ganExportModel(name?: string): string;
  /** what the GAN model was trained on (null: unknown) */
  ganProvenance(): DataProvenance | null;
}

export const MAX_GENERATED_ROWS = 1_000_000;
const PREVIEW_ROWS = 20;

export type { GenColumn } from './gen-column';

export interface GenIdentifierColumn extends IdentifierColumnPlan {
  /** what the placeholders look like, in words */
  description: string;
  /** three placeholders, to show the shape */
  examples: string[];
}

export interface GenerateSetup {
  /** null: nothing to generate from; `message` says what to do */
  model: { name: string; epochs: number; usedEpoch: number | null; trainRows: number; loaded: boolean; engine?: { kind: string; label: string; seconds: number } } | null;
  /** training is running: generation must wait */
  busy: boolean;
  message: string | null;
  columns: GenColumn[];
  suggestions: Constraint[];
  identifiers: GenIdentifierColumn[];
  target: string | null;
  positiveLabel: string | null;
}

export interface GenerateRequest {
  n: number;
  conditions: WhatIf;
  /** every constraint the page shows; only enabled ones apply */
  constraints: Constraint[];
  /** identifier / text column → placeholder (default) or drop */
  identifiers: Record<string, IdentifierMode>;
  seed?: number;
  chunkSize?: number;
}

export interface GenerateProgress {
  accepted: number;
  n: number;
  drawn: number;
  attempts: number;
}

export type GenerateOutcome =
  | {
      status: 'done' | 'stopped';
      rows: number;
      requested: number;
      columns: string[];
      acceptanceRate: number;
      drawn: number;
      seconds: number;
      preview: (string | null)[][];
      clauses: ClauseStat[];
      /** real identifier / text values found in the output (0: nothing replayed) */
      replayFound: number;
      /** candidates the copy guard rejected: equal to a real training row that fewer than 5 training rows share */
      copiesRejected: number;
      /** null when the guard ran; otherwise why it could not (a model trained on other data) */
      copyGuardOff: string | null;
      placeholders: { name: string; kind: PlaceholderKind }[];
      dropped: string[];
      condition: string;
    }
  | { status: 'refused' | 'failed'; message: string };

export interface GenerateComparison extends ColumnComparison {
  /** which real rows the synthetic ones are compared with */
  realRows: number;
  realLabel: string;
}

interface BuiltModel {
  key: string;
  json: GanModelJSON;
  transformer: DataTransformer;
  trainer: GanTrainer;
}

function modelKey(state: TrainingState): string | null {
  const m = state.model;
  if (!m) return null;
  return JSON.stringify([m.name, m.epochsTrained, m.usedEpoch, m.trainRows, m.loaded, m.settings.seed, m.encodedWidth, state.epochs.length, state.epochs.at(-1)?.elapsedSeconds ?? 0, state.message]);
}

/** The GAN model's identity (engine-api.ts records it when an engine model becomes current). */
export const ganModelKey = modelKey;

/**
 * The engine model (engine-session.ts) when it is the current model: it exists and no GAN was
 * trained or loaded after it (the GAN's identity is still the one recorded when it was fitted).
 */
function currentEngine(state: TrainingState): CurrentEngine | null {
  const e = activeEngineSession()?.current() ?? null;
  return e && e.ganKey === modelKey(state) ? e : null;
}

/** The model step 4 generates from now: the one fitted, trained or loaded last. */
export interface CurrentModel {
  source: 'engine' | 'gan' | null;
  /** 'ar-cart', 'latent-class' or 'ctgan' */
  kind: string | null;
  /** for the user, e.g. "Sequential trees" */
  label: string | null;
  name: string | null;
}

export function createGenerateApi(prepared: PreparedData, gan: () => GanAccess) {
  let built: BuiltModel | null = null;
  let running = false;
  let cancelled = false;
  let last: { table: ColumnTable; conditions: WhatIf; schema: DatasetSchema } | null = null;

  /** The trained model as a generation-only copy (rebuilt when the session's model changed). */
  const model = (): BuiltModel | null => {
    const state = gan().ganState();
    const key = modelKey(state);
    if (!key) {
      built?.trainer.dispose();
      built = null;
      return null;
    }
    if (built && built.key === key) return built;
    const json = validateModelJSON(JSON.parse(gan().ganExportModel()));
    const { transformer, trainer } = ganFromModelFile(json);
    built?.trainer.dispose();
    built = { key, json, transformer, trainer };
    return built;
  };

  /** Real rows: the cleaned table (for placeholders and the replay check) and its train part (for suggestions). */
  const realTables = (): { all: ColumnTable; train: ColumnTable; schema: DatasetSchema } | null => {
    try {
      const { table, schema } = prepared.cleaned();
      let train = table;
      try {
        train = prepared.trainTable();
      } catch {
        // no split yet: every row counts as training data for the suggestions
      }
      return { all: table, train, schema };
    } catch {
      return null;
    }
  };

  const describeColumns = (transformer: DataTransformer): GenColumn[] =>
    transformer.columns.map((c) =>
      c.kind === 'categorical'
        ? { name: c.name, role: 'categorical' as const, labels: c.labels.filter((_, i) => i !== c.missingIndex) }
        : { name: c.name, role: c.role, min: c.min, max: c.max, integer: c.integer },
    );

  /** genSetup for the current engine model (engine-session.ts). */
  const engineSetup = (engine: CurrentEngine): GenerateSetup => {
    const info = engine.info;
    const real = realTables();
    const schema = engineSchema(engine, real?.schema ?? null);
    const sameData = real !== null && info.columns.every((c) => real.train.column(c.name));
    const suggestions = sameData
      ? suggestConstraints(real.train.select(info.columns.map((c) => c.name)), schema)
      : info.columns.filter((c) => c.role === 'continuous' && c.min !== undefined && c.max !== undefined).map((c) => rangeConstraint(c.name, c.min!, c.max!, 'the range seen in training'));
    const identifiers: GenIdentifierColumn[] = real
      ? planIdentifierColumns(real.all, real.schema).map((p) => ({
          ...p,
          description: PLACEHOLDER_LABELS[p.kind],
          examples: makePlaceholders(real.all.array(p.name) as ArrayLike<unknown>, 3, p.kind, { seed: 4242, unique: p.role === 'identifier', nullRate: 0 }).map((v) => v ?? ''),
        }))
      : [];
    return {
      model: { name: info.name, epochs: 0, usedEpoch: null, trainRows: info.trainRows, loaded: info.loaded, engine: { kind: info.kind, label: info.label, seconds: info.seconds } },
      busy: false,
      message: null,
      columns: info.columns,
      suggestions,
      identifiers,
      target: info.target,
      positiveLabel: info.positiveLabel,
    };
  };

  return {
    /** What the Generate screen offers: the model's columns, suggested constraints, identifier handling. */
    /** Which model generates now, so steps 3 and 4 name the same one (same rule as genSetup). */
    genCurrentModel(): CurrentModel {
      const state = gan().ganState();
      const engine = currentEngine(state);
      if (engine) return { source: 'engine', kind: engine.info.kind, label: engine.info.label, name: engine.info.name };
      if (state.model) return { source: 'gan', kind: 'ctgan', label: 'GAN (CTGAN)', name: state.model.name };
      return { source: null, kind: null, label: null, name: null };
    },

    genSetup(): GenerateSetup {
      const state = gan().ganState();
      const busy = state.phase === 'preparing' || state.phase === 'training';
      const empty: GenerateSetup = { model: null, busy, message: null, columns: [], suggestions: [], identifiers: [], target: null, positiveLabel: null };
      const engine = currentEngine(state);
      if (engine) return engineSetup(engine);
      if (!state.model) {
        return {
          ...empty,
          message: busy
            ? 'The GAN is training right now. Generation can start once training has finished (or is paused after the first epoch).'
            : 'No trained model yet. Go to step 3 (Train GAN) and train a model (the quick preset takes a few minutes) or import a saved one, then come back here to generate.',
        };
      }
      const m = model();
      if (!m) return { ...empty, message: 'No trained model yet. Train one in step 3 first.' };
      const schema = m.json.schema;
      const real = realTables();
      const sameData = real !== null && schema.columns.every((c) => real.train.column(c.name));
      const suggestions = sameData
        ? suggestConstraints(real.train.select(schema.columns.map((c) => c.name)), schema)
        : m.transformer.columns
            .filter((c): c is ContinuousColumnTransform => c.kind === 'continuous' && c.role === 'continuous')
            .map((c) => rangeConstraint(c.name, c.min, c.max, 'the range seen in training'));
      const identifiers: GenIdentifierColumn[] = real
        ? planIdentifierColumns(real.all, real.schema).map((p) => ({
            ...p,
            description: PLACEHOLDER_LABELS[p.kind],
            examples: makePlaceholders(real.all.array(p.name) as ArrayLike<unknown>, 3, p.kind, { seed: 4242, unique: p.role === 'identifier', nullRate: 0 }).map((v) => v ?? ''),
          }))
        : [];
      const info = state.model;
      return {
        model: { name: info.name, epochs: info.epochsTrained, usedEpoch: info.usedEpoch, trainRows: info.trainRows, loaded: info.loaded },
        busy,
        message: busy ? 'Training is running: pause it (or wait until it finishes) to generate.' : null,
        columns: describeColumns(m.transformer),
        suggestions,
        identifiers,
        target: schema.target,
        positiveLabel: schema.positiveLabel,
      };
    },

    /** Generate request.n rows; progress after every chunk; genCancel stops between chunks and keeps the rows so far. */
    async genRun(request: GenerateRequest, onProgress?: (p: GenerateProgress) => unknown): Promise<GenerateOutcome> {
      if (running) return { status: 'failed', message: 'A generation is already running.' };
      const state = gan().ganState();
      const engine = currentEngine(state);
      if (!engine && (state.phase === 'preparing' || state.phase === 'training')) return { status: 'failed', message: 'Training is running: pause it (or wait until it finishes) to generate.' };
      const n = request.n;
      if (!Number.isInteger(n) || n < 1 || n > MAX_GENERATED_ROWS) {
        return { status: 'failed', message: `The number of rows must be a whole number from 1 to ${MAX_GENERATED_ROWS.toLocaleString('en-US')}.` };
      }
      running = true;
      cancelled = false;
      const t0 = performance.now();
      try {
        const m = engine ? null : model();
        if (!engine && !m) return { status: 'failed', message: 'No trained model yet. Train one in step 3 first.' };
        const columns: GenColumn[] = engine ? engine.info.columns : describeColumns(m!.transformer);
        const byName = new Map(columns.map((c) => [c.name, c]));
        const fixed = Object.fromEntries(Object.entries(request.conditions.fixed).filter(([, v]) => v !== ''));
        for (const [c, v] of Object.entries(fixed)) {
          const col = byName.get(c);
          if (!col) return { status: 'failed', message: `"${c}" is not a column the model generates, so it cannot be fixed.` };
          if (col.role !== 'categorical') return { status: 'failed', message: `"${c}" is numeric: give it a range (e.g. ${c} < …) instead of a fixed value.` };
          if (!col.labels!.includes(v)) return { status: 'failed', message: `"${c}" never held "${v}" in the training data (labels: ${col.labels!.join(', ')}).` };
        }
        for (const cmp of request.conditions.compare) {
          const col = byName.get(cmp.column);
          if (!col || col.role === 'categorical') return { status: 'failed', message: `"${cmp.column}" is not a numeric column the model generates.` };
          if (!Number.isFinite(cmp.value)) return { status: 'failed', message: `The condition on "${cmp.column}" needs a number.` };
        }
        const conditions: WhatIf = { fixed, compare: request.conditions.compare };
        const real = realTables();
        const schema: DatasetSchema = engine ? engineSchema(engine, real?.schema ?? null) : m!.json.schema;
        const sameData = real !== null && schema.columns.every((c) => real.train.column(c.name));
        // The generator saw one fixed column per row in training: condition on the rarest fixed
        // label (the most selective, still in-distribution); rejection makes the rest exact.
        const condColumn = m ? rarestFixed(m.transformer, fixed) : null;
        const baseSeed = (request.seed ?? 1) >>> 0;
        // the copy guard: the engines apply it while sampling; the GAN's rows are filtered here
        let copiesRejected = 0;
        const ganGuard = !engine && sameData ? rareCopyFilter(real.train, schema.columns.map((c) => c.name)) : null;
        const copyGuardOff = engine || ganGuard ? null : 'The model was trained on other data than the data loaded now, so its rows could not be checked against the training rows.';
        const report = onProgress ? (p: GenerateProgress) => void Promise.resolve(onProgress(p)).catch(() => undefined) : undefined;
        const result = await generateWithRejection(
          async (size, req) => {
            const chunkSeed = (baseSeed * 7919 + req.chunk * 104729 + 1) >>> 0;
            // an engine fixes the labels itself (exactly, where its order allows); ranges and constraints are rejection here
            if (engine) {
              const out = await engine.fitted.sampleWithStats(size, Object.keys(req.fixed).length > 0 ? { fixed: req.fixed } : undefined, chunkSeed);
              copiesRejected += out.stats.copiesRejected;
              return out.table;
            }
            const matrix = await m!.trainer.sample(size, condColumn ? { [condColumn]: req.fixed[condColumn] } : undefined, chunkSeed);
            const rows = m!.transformer.inverse(matrix, size);
            if (!ganGuard) return rows;
            const guarded = ganGuard(rows);
            copiesRejected += guarded.rejected;
            return guarded.table;
          },
          {
            n,
            conditions,
            constraints: request.constraints,
            chunkSize: request.chunkSize,
            real: sameData ? real.train : undefined,
            onProgress: report,
            shouldStop: () => cancelled,
          },
        );
        // identifier and text columns: placeholders or dropped, never learnt or copied
        let table = result.table;
        let plans: IdentifierColumnPlan[] = [];
        if (real) {
          plans = planIdentifierColumns(real.all, real.schema).map((p) => ({ ...p, mode: request.identifiers[p.name] ?? 'placeholder' }));
          table = applyIdentifierColumns(table, real.all, real.schema, plans, baseSeed);
        }
        const kept = plans.filter((p) => p.mode === 'placeholder');
        const replayFound = real ? replayCheck(real.all, table, kept.map((p) => p.name)) : 0;
        const condition = describeWhatIf(conditions);
        const source = engine
          ? `${engine.info.label} (${engine.info.kind}, fitted in ${engine.info.seconds.toFixed(1)} s), seed ${baseSeed}${condition === 'no condition' ? '' : `, ${condition}`}, acceptance ${formatPercent(result.acceptanceRate)}`
          : `CTGAN (${m!.json.name}, ${state.model?.usedEpoch ?? state.model?.epochsTrained ?? '?'} epochs), seed ${baseSeed}${condition === 'no condition' ? '' : `, ${condition}`}, acceptance ${formatPercent(result.acceptanceRate)}`;
        setSyntheticTable(
          table,
          source,
          engine
            ? {
                engineKind: engine.info.kind as EngineKind,
                settings: { seed: engine.info.seed, sampleSeed: baseSeed },
                modelKey: `engine-${engine.version}`,
                trainedOn: engine.info.trainedOn ?? null,
                copiesRejected,
              }
            : {
                engineKind: 'ctgan',
                settings: { seed: state.model?.settings.seed ?? null, epochs: state.model?.usedEpoch ?? state.model?.epochsTrained ?? null, sampleSeed: baseSeed },
                modelKey: modelKey(state),
                trainedOn: gan().ganProvenance(),
                copiesRejected: ganGuard ? copiesRejected : null,
              },
        );
        last = { table, conditions, schema: real?.schema ?? schema };
        const names = table.columnNames();
        const preview: (string | null)[][] = [];
        const arrays = names.map((c) => table.array(c) as ArrayLike<unknown>);
        for (let i = 0; i < Math.min(PREVIEW_ROWS, table.numRows()); i++) preview.push(arrays.map((a) => (a[i] === null || a[i] === undefined ? null : String(a[i]))));
        return {
          status: result.stopped ? 'stopped' : 'done',
          rows: table.numRows(),
          requested: n,
          columns: names,
          acceptanceRate: result.acceptanceRate,
          drawn: result.drawn,
          seconds: (performance.now() - t0) / 1000,
          preview,
          clauses: result.clauses,
          replayFound,
          copiesRejected,
          copyGuardOff,
          placeholders: kept.map((p) => ({ name: p.name, kind: p.kind })),
          dropped: plans.filter((p) => p.mode === 'drop').map((p) => p.name),
          condition,
        };
      } catch (e) {
        if (e instanceof GenerationRefusedError) return { status: 'refused', message: e.message };
        return { status: 'failed', message: e instanceof Error ? e.message : String(e) };
      } finally {
        running = false;
      }
    },

    /** Stop the running generation after the current chunk (the rows so far are kept). */
    genCancel(): void {
      cancelled = true;
    },

    /** Real vs synthetic distribution of one column; real rows meeting the same condition when there are any. */
    genCompare(column: string): GenerateComparison {
      if (!last) throw new Error('Nothing generated yet.');
      const synth = last.table;
      if (!synth.column(column)) throw new Error(`The synthetic table has no column "${column}".`);
      const real = realTables();
      if (!real || !real.train.column(column)) throw new Error(`The real data has no column "${column}".`);
      const role = last.schema.columns.find((c) => c.name === column)?.role;
      const kind = role === 'continuous' || role === 'datetime' ? 'continuous' : 'categorical';
      let realRows: ArrayLike<unknown> = real.train.array(column) as ArrayLike<unknown>;
      let realLabel = 'all real training rows';
      const clauses = conditionClauses(last.conditions);
      const conditionColumns = [...Object.keys(last.conditions.fixed), ...last.conditions.compare.map((c) => c.column)];
      if (clauses.length > 0 && conditionColumns.every((c) => real.train.column(c))) {
        const tests = clauses.map((c) => c.bind(real.train));
        const all = real.train.array(column) as ArrayLike<unknown>;
        const picked: unknown[] = [];
        for (let i = 0; i < all.length; i++) if (tests.every((t) => t(i))) picked.push(all[i]);
        if (picked.length > 0) {
          realRows = picked;
          realLabel = `the ${picked.length.toLocaleString('en-US')} real training rows with ${describeWhatIf(last.conditions)}`;
        } else {
          realLabel = `all real training rows (none has ${describeWhatIf(last.conditions)})`;
        }
      }
      // whole numbers with few distinct values (AGE under a condition, counts) read best one bar per value
      const meta = columnMeta(last.schema, column);
      const useValues = kind === 'continuous' && meta?.integer === true && fewDistinct(realRows, 12);
      const cmp = compareColumn(column, useValues ? 'categorical' : kind, realRows, synth.array(column) as ArrayLike<unknown>);
      return { ...cmp, realRows: realRows.length, realLabel };
    },

    /** The generated table as CSV by the app's one writer: formula-safe, values in the input file's formats. */
    genCsv(): Blob {
      if (!last) throw new Error('Nothing generated yet.');
      return safeCsvBlob(last.table, { columns: last.schema.columns });
    },
  };
}

/** The engine model's columns as a schema: the real schema's entries when the data is loaded. */
function engineSchema(engine: CurrentEngine, real: DatasetSchema | null): DatasetSchema {
  const info = engine.info;
  const byName = new Map((real?.columns ?? []).map((c) => [c.name, c]));
  const columns = info.columns.map(
    (c) =>
      byName.get(c.name) ?? {
        name: c.name,
        role: c.role,
        inferredRole: c.role,
        reason: 'from the engine model',
        numeric: c.role !== 'categorical',
        integer: c.integer ?? false,
        missing: 0,
        distinct: c.labels?.length ?? 0,
      },
  );
  return { columns, target: info.target, positiveLabel: info.positiveLabel, rowCount: info.trainRows };
}

function columnMeta(schema: DatasetSchema, column: string) {
  return schema.columns.find((c) => c.name === column);
}

function fewDistinct(values: ArrayLike<unknown>, limit: number): boolean {
  const seen = new Set<unknown>();
  for (let i = 0; i < values.length; i++) {
    if (values[i] === null || values[i] === undefined) continue;
    seen.add(values[i]);
    if (seen.size > limit) return false;
  }
  return seen.size > 0;
}

/** Of the fixed columns, the one whose label was rarest in training (null: none fixed). */
function rarestFixed(transformer: DataTransformer, fixed: Record<string, string>): string | null {
  let best: string | null = null;
  let bestShare = Infinity;
  for (const c of transformer.columns) {
    if (c.kind !== 'categorical' || fixed[c.name] === undefined) continue;
    const total = c.counts.reduce((s, k) => s + k, 0);
    const share = (c.counts[c.labels.indexOf(fixed[c.name])] ?? 0) / Math.max(1, total);
    if (share < bestShare) {
      bestShare = share;
      best = c.name;
    }
  }
  return best;
}
