/**
 * Customers-and-transactions mode in the worker (every name starts with `streams`): propose the
 * key, time, profile and event columns of the cleaned table, fit the sequential engine on the
 * training customers (held-out customers split off by customer, optionally also by time) with
 * progress (fraction, message, ETA) and cancel, generate customers with their streams as the
 * three downloads (customers, transactions, joined; written in the input's formats), the stream
 * metrics of the last generation with per-customer privacy against the held-out customers, and
 * save / load the engine as JSON. The fitted engine, its entity roles and its provenance are saved
 * with the project (project-api.ts, part `streams`) and put back after a reload or worker restart.
 * The Load, Train, Generate and Validate screens use it (src/ui/components/streams); the streams
 * panel of Validate is streamsReport (streams-report.ts). Spread into the worker API.
 */
import type { PreparedData } from './prepared-data';
import { projectHooks } from './project-api';
import type { StoredStreams } from './project-store';
import { proposeStreams, restoreDateParts, type StreamProposal } from '../core/data/entities';
import type { JoinDatePartsStep } from '../core/data/clean';
import { takeRows } from '../core/data/eda/columns';
import type { DatasetSchema } from '../core/data/schema';
import { fitSequential, linkedTables, linkedTablesCsv, sequentialFromJSON, streamSpecProblems, type FittedSequential, type LinkedTables, type StreamSpec } from '../core/engines/sequential';
import { EngineStoppedError, type EngineJson } from '../core/engines/types';
import { customerDcrRatio, customerSummaries, laterPeriodStart, splitByCustomer, streamColumnsFor, streamFidelity, streamView, type StreamFidelity } from '../core/quality/streams';
import type { ColumnTable } from 'arquero';
import { buildStreamsReport, type StreamsReport } from './streams-report';

export interface StreamsProgress {
  fraction: number;
  message: string;
  /** seconds left, estimated from the pace so far; null at the start */
  etaSeconds: number | null;
}

export type StreamsFitOutcome = { status: 'done'; seconds: number } | { status: 'cancelled' } | { status: 'failed'; error: string };

export interface StreamsDownloads {
  customers: string;
  transactions: string;
  joined: string;
  nCustomers: number;
  nTransactions: number;
}

/**
 * Which real customers the engine never sees: `testFraction` of the customers (by customer, never
 * by row; seeded). With `laterFraction` the split is by time too: the held-out customers keep
 * their events in the later period (the latest `laterFraction` of all events) and the training
 * customers their events before it.
 */
export interface StreamsHoldout {
  testFraction: number;
  seed: number;
  laterFraction: number | null;
}

export const DEFAULT_STREAMS_HOLDOUT: Readonly<StreamsHoldout> = Object.freeze({ testFraction: 0.2, seed: 0, laterFraction: null });

/** Where the current engine came from (saved with it in the project). */
export interface StreamsProvenance {
  source: 'fitted' | 'imported';
  /** the entity roles it was trained with */
  spec: StreamSpec;
  seed: number | null;
  /** ISO time of the fit or the import */
  at: string;
  seconds: number | null;
  /** null for an imported engine (its training data is unknown) */
  holdout: StreamsHoldout | null;
  /** epoch ms where the later period starts (split by time), else null */
  laterPeriodFrom: number | null;
  trainRows: number | null;
  trainCustomers: number | null;
  heldOutRows: number | null;
  heldOutCustomers: number | null;
}

/** Stream metrics of the last generation against the training customers, and privacy against held-out ones. */
export interface StreamsValidation extends StreamFidelity {
  heldOut: {
    customers: number;
    rows: number;
    laterPeriodFrom: number | null;
    /** median synthetic-to-training distance / median held-out-to-training distance of customer summaries (>= 1: no closer than new real customers); null without held-out customers */
    dcrRatio: number | null;
  };
}

function checkHoldout(h: StreamsHoldout): StreamsHoldout {
  if (!(h.testFraction > 0 && h.testFraction < 1)) throw new Error(`The held-out share of customers must lie between 0 and 1 (got ${h.testFraction}).`);
  if (!Number.isInteger(h.seed)) throw new Error(`The split's seed must be a whole number (got ${h.seed}).`);
  if (h.laterFraction !== null && !(h.laterFraction > 0 && h.laterFraction < 1)) throw new Error(`The later period must be a share of the events between 0 and 1 (got ${h.laterFraction}).`);
  return { testFraction: h.testFraction, seed: h.seed, laterFraction: h.laterFraction };
}

/** The training and held-out rows of the cleaned table under a holdout (deterministic: same table, same rows). */
export function streamsHoldoutRows(table: ColumnTable, spec: StreamSpec, holdout: StreamsHoldout) {
  const from = holdout.laterFraction === null ? null : laterPeriodStart(table, spec.time, holdout.laterFraction);
  const split = splitByCustomer(table, spec.key, spec.time, holdout.testFraction, holdout.seed, from, from !== null);
  return { ...split, laterPeriodFrom: from };
}

/** What the worker holds in this mode, for a screen that opens (or reopens) after the fact. */
export interface StreamsState {
  model: StreamsProvenance | null;
  /** the last generation (null after a new fit, an import or a restore) */
  generated: { nCustomers: number; nTransactions: number; seed: number } | null;
}

export function createStreamsApi(prepared: PreparedData) {
  let fitted: FittedSequential | null = null;
  let provenance: StreamsProvenance | null = null;
  let holdout: StreamsHoldout = { ...DEFAULT_STREAMS_HOLDOUT };
  let stop = false;
  let lastJoined: ColumnTable | null = null;
  // the synthetic customers (modelled profile columns) of the last generation, for the copied-profile check
  let lastCustomers: ColumnTable | null = null;
  let lastGenerated: StreamsState['generated'] = null;
  const forgetGeneration = () => {
    lastJoined = null;
    lastCustomers = null;
    lastGenerated = null;
  };

  const save = () => {
    if (!fitted || !provenance) return;
    const stored: StoredStreams = { savedAt: new Date().toISOString(), engine: JSON.stringify(fitted.toJSON()), provenance };
    projectHooks.streamsChanged(stored);
  };

  const requireSpecFits = (spec: StreamSpec, table: ColumnTable, schema: DatasetSchema) => {
    const problems = streamSpecProblems(spec, table, schema);
    if (problems.length > 0) throw new Error(`The engine's columns do not fit the cleaned table: ${problems.join('; ')}.`);
  };

  /**
   * The downloads in the input's layout when the time was joined from date parts by a recipe step
   * (Year, Month, Day, Time written back in their places; entities/date-parts-output.ts), with the
   * part columns' schemas as loaded, so the writer keeps their formats.
   */
  const inInputLayout = (linked: LinkedTables, time: string, schema: DatasetSchema): { linked: LinkedTables; schema: DatasetSchema } => {
    const step = prepared.recipe().find((x): x is JoinDatePartsStep => x.enabled && x.kind === 'joinDateParts' && x.output === time && x.dropParts);
    if (!step) return { linked, schema };
    const source = prepared.source();
    const names = [step.year, step.month, step.day, step.time].filter((c): c is string => c !== null);
    const parts = source.schema.columns.filter((c) => names.includes(c.name));
    if (parts.length !== names.length) return { linked, schema };
    const samples = Object.fromEntries(names.map((n) => [n, Array.from(source.table.array(n) as ArrayLike<unknown>).find((v) => v !== null && v !== undefined)]));
    const transactionsOrder = linked.transactions.columnNames().flatMap((c) => (c === time ? names : [c]));
    const clock = step.time ? Array.from(source.table.array(step.time) as ArrayLike<unknown>).filter((v): v is number => typeof v === 'number') : [];
    const clockStep = clock.length > 0 && clock.every((v) => v % 60 === 0) ? 60 : 1;
    return {
      linked: {
        customers: linked.customers,
        transactions: restoreDateParts(linked.transactions, step, parts, samples, transactionsOrder, clockStep),
        joined: restoreDateParts(linked.joined, step, parts, samples, source.table.columnNames(), clockStep),
      },
      schema: { ...schema, columns: [...schema.columns.filter((c) => !names.includes(c.name)), ...parts] },
    };
  };

  projectHooks.attachStreams((stored) => {
    const engine = sequentialFromJSON(JSON.parse(stored.engine) as EngineJson);
    const { table, schema } = prepared.cleaned();
    requireSpecFits(engine.spec, table, schema);
    fitted = engine;
    provenance = stored.provenance as StreamsProvenance;
    if (provenance.holdout) holdout = provenance.holdout;
    forgetGeneration();
  });

  return {
    streamsPropose(key?: string[]): StreamProposal | null {
      const { table, schema } = prepared.cleaned();
      return proposeStreams(table, schema, key);
    },

    /** The held-out split the next fit uses (default: 20 % of the customers, seed 0, no later period). */
    streamsHoldout(): StreamsHoldout {
      return { ...holdout };
    },

    /** Set the held-out split for the next fit; refused with a message when out of range. */
    streamsSetHoldout(next: StreamsHoldout): StreamsHoldout {
      holdout = checkHoldout(next);
      return { ...holdout };
    },

    /** Fit on the training customers of the current holdout; the engine is then saved with the project. */
    async streamsFit(spec: StreamSpec, seed = 0, onProgress?: (p: StreamsProgress) => unknown): Promise<StreamsFitOutcome> {
      const { table, schema } = prepared.cleaned();
      stop = false;
      const t0 = performance.now();
      try {
        requireSpecFits(spec, table, schema);
        const split = streamsHoldoutRows(table, spec, holdout);
        if (split.trainCustomers < 2) throw new Error(`Only ${split.trainCustomers} customer(s) are left for training after the held-out split: hold out fewer customers or a shorter later period.`);
        const train = takeRows(table, split.train);
        const engine = await fitSequential(train, schema, spec, { seed }, {
          shouldStop: () => stop,
          onProgress: (fraction, message) => {
            const elapsed = (performance.now() - t0) / 1000;
            void Promise.resolve(onProgress?.({ fraction, message, etaSeconds: fraction > 0.02 ? (elapsed * (1 - fraction)) / fraction : null })).catch(() => undefined);
          },
        });
        const seconds = (performance.now() - t0) / 1000;
        fitted = engine;
        forgetGeneration();
        provenance = {
          source: 'fitted',
          spec,
          seed,
          at: new Date().toISOString(),
          seconds,
          holdout: { ...holdout },
          laterPeriodFrom: split.laterPeriodFrom,
          trainRows: split.train.length,
          trainCustomers: split.trainCustomers,
          heldOutRows: split.test.length,
          heldOutCustomers: split.testCustomers,
        };
        save();
        return { status: 'done', seconds };
      } catch (e) {
        if (e instanceof EngineStoppedError) return { status: 'cancelled' };
        return { status: 'failed', error: (e as Error).message };
      }
    },

    streamsCancel(): void {
      stop = true;
    },

    /** The current engine's entity roles and provenance, or null when none is fitted, loaded or restored. */
    streamsModelInfo(): StreamsProvenance | null {
      return fitted && provenance ? { ...provenance } : null;
    },

    /** With progress (fraction, message, ETA); streamsCancel stops it with an error whose message starts with "Stopped". */
    async streamsGenerate(nCustomers: number, seed = 0, onProgress?: (p: StreamsProgress) => unknown): Promise<StreamsDownloads> {
      if (!fitted) throw new Error('Train the customers-and-transactions engine first.');
      const { table, schema } = prepared.cleaned();
      // another dataset, or a recipe that dropped a column, since the engine was trained
      requireSpecFits(fitted.spec, table, schema);
      stop = false;
      const t0 = performance.now();
      let streams;
      try {
        streams = await fitted.sample(nCustomers, seed, {
          shouldStop: () => stop,
          onProgress: (fraction, message) => {
            const elapsed = (performance.now() - t0) / 1000;
            void Promise.resolve(onProgress?.({ fraction, message, etaSeconds: fraction > 0.02 ? (elapsed * (1 - fraction)) / fraction : null })).catch(() => undefined);
          },
        });
      } catch (e) {
        if (e instanceof EngineStoppedError) throw new Error('Stopped: no customers were generated.');
        throw e;
      }
      // placeholders avoid every real value of the file, held-out customers included
      const linked = linkedTables(streams, table, schema, fitted.spec, seed);
      lastJoined = linked.joined;
      lastCustomers = streams.customers;
      lastGenerated = { nCustomers, nTransactions: linked.joined.numRows(), seed };
      const out = inInputLayout(linked, fitted.spec.time, schema);
      const csv = linkedTablesCsv(out.linked, out.schema);
      return { ...csv, nCustomers, nTransactions: linked.joined.numRows() };
    },

    /** Stream metrics of the last generation against the training customers; privacy against the held-out ones. */
    streamsValidate(): StreamsValidation {
      if (!fitted || !lastJoined) throw new Error('Generate customers first.');
      const { table, schema } = prepared.cleaned();
      const cols = streamColumnsFor(schema, fitted.spec);
      const h = provenance?.holdout ?? null;
      const split = h ? streamsHoldoutRows(table, fitted.spec, h) : null;
      const train = split ? takeRows(table, split.train) : table;
      const realView = streamView(train, cols);
      const synthView = streamView(lastJoined, cols);
      const f = streamFidelity(realView, synthView);
      let dcrRatio: number | null = null;
      if (split && split.test.length > 0) {
        const categories = cols.category ? [...new Set(Array.from(train.array(cols.category) as ArrayLike<string | null>))].filter((c): c is string => c !== null).sort() : [];
        const summaries = (v: ReturnType<typeof streamView>) => customerSummaries(v, categories);
        dcrRatio = customerDcrRatio(summaries(realView), summaries(streamView(takeRows(table, split.test), cols)), summaries(synthView)).ratio;
      }
      return {
        ...f,
        heldOut: { customers: split?.testCustomers ?? 0, rows: split?.test.length ?? 0, laterPeriodFrom: split?.laterPeriodFrom ?? null, dcrRatio },
      };
    },

    /**
     * The streams panel of Validate (streams-report.ts): the last generation against the training
     * customers, detection on per-customer summaries, privacy against the held-out customers.
     */
    async streamsReport(onProgress?: (p: StreamsProgress) => unknown): Promise<StreamsReport> {
      if (!fitted || !lastJoined || !lastCustomers) throw new Error('Generate customers first (step 4).');
      const { table, schema } = prepared.cleaned();
      const h = provenance?.holdout ?? null;
      const split = h ? streamsHoldoutRows(table, fitted.spec, h) : null;
      stop = false;
      const t0 = performance.now();
      try {
        return await buildStreamsReport(
          {
            all: table,
            train: split ? takeRows(table, split.train) : table,
            heldOut: split && split.test.length > 0 ? takeRows(table, split.test) : null,
            schema,
            spec: fitted.spec,
            joined: lastJoined,
            syntheticCustomers: lastCustomers,
            seed: provenance?.seed ?? 0,
            laterPeriodFrom: split?.laterPeriodFrom ?? null,
          },
          {
            shouldStop: () => stop,
            onProgress: (fraction, message) => {
              const elapsed = (performance.now() - t0) / 1000;
              void Promise.resolve(onProgress?.({ fraction, message, etaSeconds: fraction > 0.05 ? (elapsed * (1 - fraction)) / fraction : null })).catch(() => undefined);
            },
          },
        );
      } catch (e) {
        if ((e as Error).name === 'StreamsReportCancelled') throw new Error('Stopped: the streams report was cancelled.');
        throw e;
      }
    },

    streamsState(): StreamsState {
      return { model: fitted && provenance ? { ...provenance } : null, generated: lastGenerated };
    },

    streamsExportModel(): string {
      if (!fitted) throw new Error('No customers-and-transactions engine to save.');
      return JSON.stringify(fitted.toJSON());
    },

    /** Load an engine file; it becomes the current engine and is saved with the project. */
    streamsImportModel(text: string): StreamSpec {
      const engine = sequentialFromJSON(JSON.parse(text) as EngineJson);
      const { table, schema } = prepared.cleaned();
      requireSpecFits(engine.spec, table, schema);
      fitted = engine;
      forgetGeneration();
      provenance = {
        source: 'imported',
        spec: engine.spec,
        seed: null,
        at: new Date().toISOString(),
        seconds: null,
        holdout: null,
        laterPeriodFrom: null,
        trainRows: null,
        trainCustomers: null,
        heldOutRows: null,
        heldOutCustomers: null,
      };
      save();
      return fitted.spec;
    },
  };
}
