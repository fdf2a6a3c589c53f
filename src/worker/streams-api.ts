/**
 * Customers-and-transactions mode in the worker (every name starts with `streams`): propose the
 * key, time, profile and event columns of the cleaned table, fit the sequential engine with
 * progress (fraction, message, ETA) and cancel, generate customers with their streams as the
 * three downloads (customers, transactions, joined; written in the input's formats), the stream
 * metrics of the last generation, and save / load the engine as JSON. Spread into the worker API.
 * The Load, Train, Generate and Validate screens use it (src/ui/components/streams). A fit may hold
 * out a share of the customers (split by customer, never by row) for the per-customer privacy check.
 */
import type { PreparedData } from './prepared-data';
import { proposeStreams, type StreamProposal } from '../core/data/entities';
import { fitSequential, linkedTables, linkedTablesCsv, sequentialFromJSON, type FittedSequential, type StreamSpec } from '../core/engines/sequential';
import { EngineStoppedError, type EngineJson } from '../core/engines/types';
import { streamColumnsFor, streamFidelity, streamView, type StreamFidelity } from '../core/quality/streams';
import type { ColumnTable } from 'arquero';
import { splitByCustomer } from '../core/quality/streams';
import { takeRows } from '../core/data/eda/columns';
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

/** What the worker holds in this mode, for a screen that opens (or reopens) after the fact. */
export interface StreamsState {
  fitted: { spec: StreamSpec; seconds: number | null; trainCustomers: number | null; heldOutCustomers: number; loaded: boolean } | null;
  generated: { nCustomers: number; nTransactions: number; seed: number } | null;
}

export function createStreamsApi(prepared: PreparedData) {
  let fitted: FittedSequential | null = null;
  let stop = false;
  let lastJoined: ColumnTable | null = null;
  // the customers split of the last fit (null = fitted on every customer, or loaded from a file)
  let fitSplit: { train: ColumnTable; heldOut: ColumnTable | null; trainCustomers: number; heldOutCustomers: number; seconds: number; seed: number } | null = null;
  let lastCustomers: ColumnTable | null = null;
  let lastGenerated: StreamsState['generated'] = null;

  return {
    streamsPropose(key?: string[]): StreamProposal | null {
      const { table, schema } = prepared.cleaned();
      return proposeStreams(table, schema, key);
    },

    /** holdoutShare > 0: that share of the customers (all their events) is kept out of the fit. */
    async streamsFit(spec: StreamSpec, seed = 0, onProgress?: (p: StreamsProgress) => unknown, holdoutShare = 0): Promise<StreamsFitOutcome> {
      const { table, schema } = prepared.cleaned();
      stop = false;
      const t0 = performance.now();
      try {
        let train = table;
        let heldOut: ColumnTable | null = null;
        let counts = { train: 0, heldOut: 0 };
        if (holdoutShare > 0) {
          const split = splitByCustomer(table, spec.key, spec.time, holdoutShare, seed);
          train = takeRows(table, split.train);
          heldOut = takeRows(table, split.test);
          counts = { train: split.trainCustomers, heldOut: split.testCustomers };
        }
        fitted = await fitSequential(train, schema, spec, { seed }, {
          shouldStop: () => stop,
          onProgress: (fraction, message) => {
            const elapsed = (performance.now() - t0) / 1000;
            void Promise.resolve(onProgress?.({ fraction, message, etaSeconds: fraction > 0.02 ? (elapsed * (1 - fraction)) / fraction : null })).catch(() => undefined);
          },
        });
        const seconds = (performance.now() - t0) / 1000;
        fitSplit = { train, heldOut, trainCustomers: counts.train, heldOutCustomers: counts.heldOut, seconds, seed };
        lastJoined = null;
        lastCustomers = null;
        lastGenerated = null;
        return { status: 'done', seconds };
      } catch (e) {
        if (e instanceof EngineStoppedError) return { status: 'cancelled' };
        return { status: 'failed', error: (e as Error).message };
      }
    },

    streamsCancel(): void {
      stop = true;
    },

    /** Cancel with streamsCancel: it then throws an error whose message starts with "Stopped". */
    async streamsGenerate(nCustomers: number, seed = 0, onProgress?: (p: StreamsProgress) => unknown): Promise<StreamsDownloads> {
      if (!fitted) throw new Error('Train the customers-and-transactions engine first.');
      const { table, schema } = prepared.cleaned();
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
      const linked = linkedTables(streams, table, schema, fitted.spec, seed);
      lastJoined = linked.joined;
      lastCustomers = streams.customers;
      lastGenerated = { nCustomers, nTransactions: linked.joined.numRows(), seed };
      const csv = linkedTablesCsv(linked, schema);
      return { ...csv, nCustomers, nTransactions: linked.joined.numRows() };
    },

    /** Stream metrics of the last generation against the cleaned real table. */
    streamsValidate(): StreamFidelity {
      if (!fitted || !lastJoined) throw new Error('Generate customers first.');
      const { table, schema } = prepared.cleaned();
      const cols = streamColumnsFor(schema, fitted.spec);
      return streamFidelity(streamView(fitSplit?.train ?? table, cols), streamView(lastJoined, cols));
    },

    /** The streams panel of Validate (streams-report.ts), against the customers the engine was fitted on. */
    async streamsReport(onProgress?: (p: StreamsProgress) => unknown): Promise<StreamsReport> {
      if (!fitted || !lastJoined || !lastCustomers) throw new Error('Generate customers first (step 4).');
      const { table, schema } = prepared.cleaned();
      stop = false;
      const t0 = performance.now();
      try {
        return await buildStreamsReport(
          { all: table, train: fitSplit?.train ?? table, heldOut: fitSplit?.heldOut ?? null, schema, spec: fitted.spec, joined: lastJoined, syntheticCustomers: lastCustomers, seed: fitSplit?.seed ?? 0 },
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
      return {
        fitted: fitted
          ? { spec: fitted.spec, seconds: fitSplit?.seconds ?? null, trainCustomers: fitSplit ? fitSplit.trainCustomers || null : null, heldOutCustomers: fitSplit?.heldOutCustomers ?? 0, loaded: !fitSplit }
          : null,
        generated: lastGenerated,
      };
    },

    streamsExportModel(): string {
      if (!fitted) throw new Error('No customers-and-transactions engine to save.');
      return JSON.stringify(fitted.toJSON());
    },

    streamsImportModel(text: string): StreamSpec {
      fitted = sequentialFromJSON(JSON.parse(text) as EngineJson);
      fitSplit = null;
      lastJoined = null;
      lastCustomers = null;
      lastGenerated = null;
      return fitted.spec;
    },
  };
}
