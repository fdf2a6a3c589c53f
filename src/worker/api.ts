/**
 * The worker's API, exposed to the page with Comlink. Everything heavy (parsing,
 * statistics, TensorFlow.js) runs here so the page never freezes.
 */
import * as Comlink from 'comlink';
import { chooseBackend, probeBackends, type BackendName, type BackendStatus, type BackendProbe } from './backend';
import { DatasetSession, type LoadOutcome, type LoadRequest, type DatasetSummary } from './dataset-session';
import type { ColumnRole, DatasetSchema } from '../core/data/schema';

export type ProgressCallback = (bytesRead: number, totalBytes?: number) => void;

const session = new DatasetSession();
let loadAbort: AbortController | null = null;

function throttled(cb: ProgressCallback): ProgressCallback {
  // Posting a message per chunk would flood the page; ~10 updates a second is smooth.
  let last = 0;
  return (read, total) => {
    const now = performance.now();
    if (now - last > 100 || (total !== undefined && read >= total)) {
      last = now;
      cb(read, total);
    }
  };
}

export const workerApi = {
  async backends(): Promise<BackendProbe[]> {
    return probeBackends();
  },

  async useBackend(requested?: BackendName): Promise<BackendStatus> {
    return chooseBackend(requested);
  },

  async loadFile(file: Blob, request: LoadRequest, onProgress: ProgressCallback): Promise<LoadOutcome> {
    loadAbort?.abort();
    loadAbort = new AbortController();
    return session.load(() => file.stream(), { ...request, totalBytes: file.size }, throttled(onProgress), loadAbort.signal);
  },

  async loadUrl(url: string, request: LoadRequest, onProgress: ProgressCallback): Promise<LoadOutcome> {
    loadAbort?.abort();
    loadAbort = new AbortController();
    const signal = loadAbort.signal;
    const first = await fetch(url, { signal });
    if (!first.ok || !first.body) {
      return { ok: false, error: { code: 'fetch', message: `Could not read ${request.name} (${first.status})`, canSkipRaggedRows: false } };
    }
    const total = Number(first.headers.get('content-length')) || undefined;
    let firstBody: ReadableStream<Uint8Array> | null = first.body;
    // The loader may reopen the stream (to decode again as Windows-1252); fetch again then.
    const open = (): ReadableStream<Uint8Array> => {
      if (firstBody) {
        const b = firstBody;
        firstBody = null;
        return b;
      }
      const chunks = new TransformStream<Uint8Array, Uint8Array>();
      fetch(url, { signal }).then((r) => r.body!.pipeTo(chunks.writable)).catch((e) => chunks.writable.abort(e));
      return chunks.readable;
    };
    return session.load(open, { ...request, totalBytes: total }, throttled(onProgress), signal);
  },

  cancelLoad(): void {
    loadAbort?.abort();
  },

  dataset(): DatasetSummary | null {
    return session.current();
  },

  rows(start: number, count: number): (string | null)[][] {
    return session.rows(start, count);
  },

  setRole(column: string, role: ColumnRole): DatasetSchema {
    return session.setRole(column, role);
  },

  setTarget(column: string | null, positiveLabel?: string): DatasetSchema {
    return session.setTarget(column, positiveLabel);
  },
};

export type WorkerApi = typeof workerApi;

Comlink.expose(workerApi);
