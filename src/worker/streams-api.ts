/**
 * Customers-and-transactions mode in the worker (every name starts with `streams`): propose the
 * key, time, profile and event columns of the cleaned table, fit the sequential engine with
 * progress (fraction, message, ETA) and cancel, generate customers with their streams as the
 * three downloads (customers, transactions, joined; written in the input's formats), the stream
 * metrics of the last generation, and save / load the engine as JSON. Spread into the worker API.
 * No UI uses it yet.
 */
import type { PreparedData } from './prepared-data';
import { proposeStreams, type StreamProposal } from '../core/data/entities';
import { fitSequential, linkedTables, linkedTablesCsv, sequentialFromJSON, type FittedSequential, type StreamSpec } from '../core/engines/sequential';
import { EngineStoppedError, type EngineJson } from '../core/engines/types';
import { streamColumnsFor, streamFidelity, streamView, type StreamFidelity } from '../core/quality/streams';
import type { ColumnTable } from 'arquero';

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

export function createStreamsApi(prepared: PreparedData) {
  let fitted: FittedSequential | null = null;
  let stop = false;
  let lastJoined: ColumnTable | null = null;

  return {
    streamsPropose(key?: string[]): StreamProposal | null {
      const { table, schema } = prepared.cleaned();
      return proposeStreams(table, schema, key);
    },

    async streamsFit(spec: StreamSpec, seed = 0, onProgress?: (p: StreamsProgress) => unknown): Promise<StreamsFitOutcome> {
      const { table, schema } = prepared.cleaned();
      stop = false;
      const t0 = performance.now();
      try {
        fitted = await fitSequential(table, schema, spec, { seed }, {
          shouldStop: () => stop,
          onProgress: (fraction, message) => {
            const elapsed = (performance.now() - t0) / 1000;
            void Promise.resolve(onProgress?.({ fraction, message, etaSeconds: fraction > 0.02 ? (elapsed * (1 - fraction)) / fraction : null })).catch(() => undefined);
          },
        });
        return { status: 'done', seconds: (performance.now() - t0) / 1000 };
      } catch (e) {
        if (e instanceof EngineStoppedError) return { status: 'cancelled' };
        return { status: 'failed', error: (e as Error).message };
      }
    },

    streamsCancel(): void {
      stop = true;
    },

    async streamsGenerate(nCustomers: number, seed = 0): Promise<StreamsDownloads> {
      if (!fitted) throw new Error('Train the customers-and-transactions engine first.');
      const { table, schema } = prepared.cleaned();
      const streams = await fitted.sample(nCustomers, seed);
      const linked = linkedTables(streams, table, schema, fitted.spec, seed);
      lastJoined = linked.joined;
      const csv = linkedTablesCsv(linked, schema);
      return { ...csv, nCustomers, nTransactions: linked.joined.numRows() };
    },

    /** Stream metrics of the last generation against the cleaned real table. */
    streamsValidate(): StreamFidelity {
      if (!fitted || !lastJoined) throw new Error('Generate customers first.');
      const { table, schema } = prepared.cleaned();
      const cols = streamColumnsFor(schema, fitted.spec);
      return streamFidelity(streamView(table, cols), streamView(lastJoined, cols));
    },

    streamsExportModel(): string {
      if (!fitted) throw new Error('No customers-and-transactions engine to save.');
      return JSON.stringify(fitted.toJSON());
    },

    streamsImportModel(text: string): StreamSpec {
      fitted = sequentialFromJSON(JSON.parse(text) as EngineJson);
      return fitted.spec;
    },
  };
}
