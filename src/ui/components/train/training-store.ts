/**
 * The training screen's view of the worker's GAN session, kept outside React so that leaving the
 * screen mid-training and coming back shows the same run: events keep arriving here while the
 * screen is closed, and a reopened screen asks the worker for the full state once.
 */
import { useSyncExternalStore } from 'react';
import { worker, Comlink } from '../../worker-client';
import type { TrainingEvent, TrainingOutcome, TrainingSettings, TrainingState, TrainOptions } from '../../../worker/gan-session';

export interface TrainView extends TrainingState {
  /** the last run's outcome (null while running or before the first run) */
  outcome: TrainingOutcome | null;
  /** a failure to even start (bad settings, no data) */
  error: string | null;
}

const EMPTY: TrainView = {
  phase: 'idle',
  message: '',
  settings: null,
  epochs: [],
  probes: [],
  divergences: [],
  live: null,
  backend: '',
  model: null,
  outcome: null,
  error: null,
};

let view: TrainView = EMPTY;
const listeners = new Set<() => void>();

function set(next: Partial<TrainView>): void {
  view = { ...view, ...next };
  listeners.forEach((l) => l());
}

function onEvent(e: TrainingEvent): void {
  switch (e.type) {
    case 'phase':
      set({ phase: e.phase, message: e.message });
      break;
    case 'epoch':
      set({ epochs: [...view.epochs, e.point] });
      break;
    case 'probe':
      set({ probes: [...view.probes, e.point], live: e.live });
      break;
    case 'divergence':
      set({ divergences: [...view.divergences, { epoch: e.epoch, message: e.message }] });
      break;
  }
}

/** Ask the worker for everything (on opening the screen, after loading a model). */
export async function refreshTraining(): Promise<void> {
  const s = await worker().ganState();
  set({ ...s });
}

/** Start a run; resolves with the outcome (needs-confirmation when the plan has a warning). */
export async function startTraining(settings: TrainingSettings, options: TrainOptions): Promise<TrainingOutcome | null> {
  set({ ...EMPTY, backend: view.backend, phase: 'preparing', message: 'Starting…', settings });
  try {
    const outcome = await worker().ganTrain(settings, Comlink.proxy(onEvent), options);
    if (outcome.status === 'needs-confirmation') set({ phase: 'idle', message: '' });
    else set({ outcome });
    await refreshTraining();
    return outcome;
  } catch (e) {
    set({ phase: 'idle', message: '', error: (e as Error).message });
    return null;
  }
}

export function clearTrainingError(): void {
  set({ error: null });
}

export function useTraining(): TrainView {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => view,
  );
}
