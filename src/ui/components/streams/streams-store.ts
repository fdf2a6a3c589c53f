/**
 * What the streams panels show, kept in the page so it survives leaving a screen while the worker
 * fits, generates or scores (the tables themselves stay in the worker; the downloads are the CSV
 * texts the worker wrote). Cleared when the worker restarts or another dataset is loaded.
 */
import { useSyncExternalStore } from 'react';
import type { StreamsDownloads, StreamsFitOutcome, StreamsProgress } from '../../../worker/streams-api';
import type { StreamsReport } from '../../../worker/streams-report';

export interface StreamsTask<T> {
  running: boolean;
  progress: StreamsProgress | null;
  result: T | null;
  /** a failure or a cancel, in words */
  error: string | null;
  /** true when the error is a cancel the user asked for */
  stopped: boolean;
}

export interface StreamsView {
  /** which dataset (name|rows) and worker generation these results belong to */
  owner: string;
  fit: StreamsTask<Extract<StreamsFitOutcome, { status: 'done' }>>;
  generate: StreamsTask<StreamsDownloads & { seed: number }>;
  report: StreamsTask<StreamsReport>;
}

const idle = <T>(): StreamsTask<T> => ({ running: false, progress: null, result: null, error: null, stopped: false });

let view: StreamsView = { owner: '', fit: idle(), generate: idle(), report: idle() };
const listeners = new Set<() => void>();

export function streamsView(): StreamsView {
  return view;
}

export function setStreamsTask<K extends 'fit' | 'generate' | 'report'>(key: K, next: Partial<StreamsView[K]>): void {
  view = { ...view, [key]: { ...view[key], ...next } };
  listeners.forEach((l) => l());
}

/**
 * Forget every result when the data or the worker behind them changed. Called while rendering,
 * so it notifies nobody: every reader takes the new snapshot on its own render.
 */
export function claimStreamsView(owner: string): void {
  if (view.owner === owner) return;
  view = { owner, fit: idle(), generate: idle(), report: idle() };
}

export function useStreamsView(): StreamsView {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => view,
  );
}

export function formatEta(s: number | null): string {
  if (s === null || !Number.isFinite(s) || s < 0) return '';
  if (s < 60) return `about ${Math.ceil(s)} s left`;
  return `about ${Math.floor(s / 60)} min ${Math.round(s % 60)} s left`;
}
