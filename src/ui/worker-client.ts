/**
 * The page's handle on the compute worker: one worker per tab, created lazily, watched, and
 * restarted when it dies or hangs.
 *
 * Death is noticed three ways: the worker's `error` event (confirmed by a ping: an uncaught error
 * does not always kill a worker), a call that fails because the worker is gone (every pending
 * call is rejected with WorkerGoneError when the worker is replaced), and a heartbeat ping that
 * gets no answer. Long synchronous steps (fitting the transformer, a validation report, parsing)
 * block the worker's message loop and delay the answer, so the heartbeat is careful about false
 * alarms: with no call pending a silence of 20 s means a dead worker and it is restarted; while
 * calls are pending the worker may just be busy, so after 90 s of silence the page only says so
 * and offers "Restart compute worker" (it never kills work on its own). Training yields between
 * steps, so a training worker answers pings.
 */
import * as Comlink from 'comlink';
import { useSyncExternalStore } from 'react';
import type { WorkerApi } from '../worker/api';

export type IncidentKind = 'crashed' | 'unresponsive' | 'user-restart';

export interface WorkerIncident {
  kind: IncidentKind;
  /** what happened, in plain words */
  message: string;
  /** the technical detail (error text), when there is one */
  detail: string | null;
  /** the cause looks like the GPU backend (device / context lost): the next backend is chosen */
  backendFault: boolean;
  at: number;
}

export interface WorkerHealth {
  /** increases on every (re)start; screens remount on a new generation */
  generation: number;
  status: 'running' | 'unresponsive' | 'restarting';
  incident: WorkerIncident | null;
  /** seconds since the worker last answered (while unresponsive) */
  silentSeconds: number;
}

/** A call that could not complete because the worker was stopped or died. */
export class WorkerGoneError extends Error {
  constructor(reason: string) {
    super(`The compute worker stopped (${reason}); what it was doing was interrupted.`);
    this.name = 'WorkerGoneError';
  }
}

export function isWorkerGone(e: unknown): boolean {
  return e instanceof WorkerGoneError || (e as { name?: string } | null)?.name === 'WorkerGoneError';
}

const BACKEND_FAULT = /device (was |is )?lost|devicelost|context (was |is )?lost|context_lost|webgl|webgpu|gpudevice|out of gpu memory|gpu/i;

/** Whether an error text points at the GPU backend rather than the data or the code. */
export function looksLikeBackendFault(text: string | null | undefined): boolean {
  return !!text && BACKEND_FAULT.test(text);
}

const PING_EVERY_MS = 5_000;
const SILENCE_IDLE_MS = 20_000;
const SILENCE_BUSY_MS = 90_000;
const ERROR_PROBE_MS = 10_000;

interface Running {
  worker: Worker;
  remote: Comlink.Remote<WorkerApi>;
  guarded: Comlink.Remote<WorkerApi>;
  kill: (e: Error) => void;
  dead: Promise<never>;
  pending: number;
  lastAnswer: number;
  pingInFlight: boolean;
  timer: ReturnType<typeof setInterval> | null;
  lastTick: number;
}

let running: Running | null = null;
let health: WorkerHealth = { generation: 0, status: 'running', incident: null, silentSeconds: 0 };
const listeners = new Set<() => void>();

function setHealth(next: Partial<WorkerHealth>): void {
  health = { ...health, ...next };
  listeners.forEach((l) => l());
}

/** Every top-level call is tracked (pending count) and rejected when the worker goes away. */
function guard(r: Running): Comlink.Remote<WorkerApi> {
  return new Proxy(r.remote, {
    get(target, prop) {
      if (prop === 'then') return undefined;
      if (typeof prop === 'symbol') return Reflect.get(target, prop);
      const method = (target as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[prop];
      return (...args: unknown[]) => {
        const quiet = prop === 'workerPing';
        if (!quiet) r.pending++;
        const call = Promise.race([method(...args), r.dead]);
        return call.finally(() => {
          if (!quiet) r.pending--;
          r.lastAnswer = Date.now();
        });
      };
    },
  }) as Comlink.Remote<WorkerApi>;
}

function start(): Running {
  const w = new Worker(new URL('../worker/api.ts', import.meta.url), { type: 'module', name: 'synthcredit-compute' });
  let kill: (e: Error) => void = () => undefined;
  const dead = new Promise<never>((_, reject) => {
    kill = reject;
  });
  dead.catch(() => undefined);
  const remote = Comlink.wrap<WorkerApi>(w);
  const r: Running = { worker: w, remote, guarded: remote, kill, dead, pending: 0, lastAnswer: Date.now(), pingInFlight: false, timer: null, lastTick: Date.now() };
  r.guarded = guard(r);
  w.addEventListener('error', (ev) => {
    const detail = ev.message || 'the worker reported an error without a message';
    void probe(r, ERROR_PROBE_MS).then((alive) => {
      if (!alive && running === r) restartWorker('crashed', detail);
    });
  });
  w.addEventListener('messageerror', () => undefined);
  r.timer = setInterval(() => heartbeat(r), PING_EVERY_MS);
  return r;
}

/** Ping; true when the worker answers within ms. */
async function probe(r: Running, ms: number): Promise<boolean> {
  const answer = (r.guarded.workerPing() as Promise<number>).then(
    () => true,
    () => false,
  );
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms));
  return Promise.race([answer, timeout]);
}

function heartbeat(r: Running): void {
  if (running !== r) return;
  const now = Date.now();
  // a late tick means this page (or the machine) was asleep: judge nothing, start counting afresh
  if (now - r.lastTick > 3 * PING_EVERY_MS) r.lastAnswer = now;
  r.lastTick = now;
  if (!r.pingInFlight) {
    r.pingInFlight = true;
    (r.guarded.workerPing() as Promise<number>).then(
      () => {
        r.pingInFlight = false;
        r.lastAnswer = Date.now();
        if (running === r && health.status === 'unresponsive') setHealth({ status: 'running', silentSeconds: 0, incident: health.incident?.kind === 'unresponsive' ? null : health.incident });
      },
      () => {
        r.pingInFlight = false;
      },
    );
  }
  const silent = now - r.lastAnswer;
  if (r.pending === 0 && silent > SILENCE_IDLE_MS) {
    restartWorker('crashed', `no answer to the heartbeat for ${Math.round(silent / 1000)} s while idle`);
  } else if (r.pending > 0 && silent > SILENCE_BUSY_MS) {
    setHealth({
      status: 'unresponsive',
      silentSeconds: Math.round(silent / 1000),
      incident: {
        kind: 'unresponsive',
        message: `The compute worker has not answered for ${Math.round(silent / 1000)} s. It may be busy with a long step, or it may have hung. You can keep waiting, or restart it (your project is saved; training can resume from its last checkpoint).`,
        detail: null,
        backendFault: false,
        at: now,
      },
    });
  }
}

export function worker(): Comlink.Remote<WorkerApi> {
  if (!running) running = start();
  return running.guarded;
}

const MESSAGES: Record<IncidentKind, string> = {
  crashed: 'The compute worker stopped unexpectedly (it crashed or ran out of memory). It was restarted and your project was reopened from its last save.',
  unresponsive: 'The compute worker did not answer, so it was restarted. Your project was reopened from its last save.',
  'user-restart': 'The compute worker was restarted, as you asked. Your project was reopened from its last save.',
};

/**
 * Stop the worker (rejecting every pending call with WorkerGoneError) and start a fresh one. The
 * page's persistence hook (state/use-restore.ts) sees the new generation, re-selects the backend and
 * restores the project.
 */
export function restartWorker(kind: IncidentKind = 'user-restart', detail: string | null = null): void {
  const old = running;
  setHealth({ status: 'restarting' });
  if (old) {
    if (old.timer) clearInterval(old.timer);
    old.kill(new WorkerGoneError(kind === 'user-restart' ? 'restarted by you' : detail ?? kind));
    old.worker.terminate();
  }
  running = start();
  setHealth({
    generation: health.generation + 1,
    status: 'running',
    silentSeconds: 0,
    incident: { kind, message: MESSAGES[kind], detail, backendFault: looksLikeBackendFault(detail), at: Date.now() },
  });
}

export function dismissIncident(): void {
  setHealth({ incident: null });
}

export function workerHealth(): WorkerHealth {
  return health;
}

export function subscribeWorkerHealth(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useWorkerHealth(): WorkerHealth {
  return useSyncExternalStore(subscribeWorkerHealth, workerHealth);
}

export { Comlink };
