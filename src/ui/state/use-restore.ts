/**
 * Restore-on-start and the page's view of project persistence. The worker saves the project to
 * IndexedDB as it changes (worker/project-api.ts); this hook reopens it when the page starts and
 * after every worker restart (crash, hang, "Restart compute worker", opening another project):
 * it re-selects the backend (the next one when the GPU backend looked like the cause), restores the
 * dataset, roles, recipe, split and step, and offers to resume an interrupted training run.
 */
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { worker, Comlink, useWorkerHealth, workerHealth, isWorkerGone } from '../worker-client';
import { useProject, recipeSummaryOf, type StepId } from './project';
import { clearTrainingError, refreshTraining, startTraining } from '../components/train/training-store';
import type { ProjectEvent, ProjectMeta, ResumeOffer } from '../../worker/project-api';
import type { BackendName } from '../../worker/backend';
import type { TrainingSettings } from '../../worker/gan-session';

export interface PersistenceView {
  /** the project restore has run (the step is saved from then on) */
  restored: boolean;
  restoring: boolean;
  project: ProjectMeta | null;
  save: 'idle' | 'pending' | 'saved' | 'error';
  savedAt: string | null;
  /** the epoch of the last saved GAN checkpoint in this session */
  checkpointEpoch: number | null;
  error: { message: string; storageFull: boolean } | null;
  resume: ResumeOffer | null;
  notices: string[];
  /** navigator.storage.persist() answer; null before asking / unsupported */
  persisted: boolean | null;
  /** the worker's backend was switched after a backend fault */
  backendSwitched: string | null;
}

const INITIAL: PersistenceView = {
  restored: false,
  restoring: false,
  project: null,
  save: 'idle',
  savedAt: null,
  checkpointEpoch: null,
  error: null,
  resume: null,
  notices: [],
  persisted: null,
  backendSwitched: null,
};

let view: PersistenceView = INITIAL;
const listeners = new Set<() => void>();

function set(next: Partial<PersistenceView>): void {
  view = { ...view, ...next };
  listeners.forEach((l) => l());
}

export function usePersistence(): PersistenceView {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => view,
  );
}

export function dismissSaveError(): void {
  set({ error: null, save: 'idle' });
}

export function dismissNotices(): void {
  set({ notices: [] });
}

function onProjectEvent(e: ProjectEvent): void {
  switch (e.type) {
    case 'pending':
      set({ save: 'pending' });
      break;
    case 'saved':
      set({ save: 'saved', savedAt: e.at, error: null, checkpointEpoch: e.checkpointEpoch ?? view.checkpointEpoch });
      break;
    case 'save-failed':
      set({ save: 'error', error: { message: e.message, storageFull: e.storageFull } });
      break;
  }
}

const STEPS: StepId[] = ['load', 'explore', 'train', 'generate', 'validate', 'risk', 'evaluate', 'apply'];

/**
 * The backend to fall back to after a GPU fault. WebGPU and WebGL share the GPU and its driver, so a
 * lost device usually takes both down: fall back to WASM (CPU), and from WASM to plain CPU.
 */
function nextBackend(failed: BackendName | undefined): BackendName | undefined {
  if (failed === 'webgpu' || failed === 'webgl') return 'wasm';
  if (failed === 'wasm') return 'cpu';
  return undefined;
}

/** Start the interrupted run again from its checkpoint (weights restored; Adam moments restart). */
export async function resumeTraining(): Promise<void> {
  const offer = view.resume;
  if (!offer) return;
  set({ resume: null });
  clearTrainingError();
  const run = startTraining(offer.settings as unknown as TrainingSettings, { resume: true });
  // (WorkerStatusBanner fetches the checkpoint's history once the resumed run is under way)
  const outcome = await run;
  if (!outcome) set({ resume: offer });
}

export async function discardResume(): Promise<void> {
  set({ resume: null });
  await worker().projectDiscardResume();
}

/** Ask the browser to keep this site's storage (no eviction under storage pressure). */
async function askPersistence(): Promise<void> {
  try {
    const storage = navigator.storage;
    if (!storage?.persist) return;
    const already = await storage.persisted();
    set({ persisted: already || (await storage.persist()) });
  } catch {
    set({ persisted: null });
  }
}

/**
 * Used once, in App's shell: restores on start and after every worker restart, and saves the step.
 */
export function useProjectPersistence(): void {
  const { state, dispatch } = useProject();
  const health = useWorkerHealth();
  const backendRef = useRef(state.backend);
  backendRef.current = state.backend;
  const datasetRef = useRef(state.dataset);
  datasetRef.current = state.dataset;
  const doneFor = useRef(-1);
  // a failed backend choice must not keep the project closed
  const backendReady = state.backend !== null || state.backendError !== null;

  useEffect(() => {
    void askPersistence();
  }, []);

  useEffect(() => {
    const generation = health.generation;
    if (doneFor.current === generation) return;
    // first start: BackendPicker selects the backend; restore once it has (a GAN model needs one)
    if (generation === 0 && !backendReady) return;
    doneFor.current = generation;
    let live = true;
    const restore = async () => {
      set({ restoring: true, restored: false });
      try {
        if (generation > 0) {
          // a fresh worker has no backend yet: the same one as before, or the next one after a backend fault
          const before = backendRef.current;
          const incident = workerHealth().incident;
          const fallback = incident?.backendFault ? nextBackend(before?.active) : undefined;
          const requested = fallback ?? (before?.chosenByUser ? before.active : undefined);
          try {
            const status = await worker().useBackend(requested);
            dispatch({ type: 'backend', status });
            set({ backendSwitched: fallback && status.active !== before?.active ? status.active : null });
          } catch (e) {
            dispatch({ type: 'backend-error', message: (e as Error).message });
          }
          dispatch({ type: 'project-reset' });
        }
        await worker().projectSubscribe(Comlink.proxy(onProjectEvent));
        // the user loaded a file before the saved project could be reopened: their action wins
        // (reopening now would replace what they just loaded and move them to another step)
        if (generation === 0 && datasetRef.current) {
          const list = await worker().projectList();
          set({ project: list.projects.find((p) => p.id === list.currentId) ?? null, resume: null, notices: [] });
          return;
        }
        const r = await worker().projectRestore();
        if (!live) return;
        const list = await worker().projectList();
        const project = r?.project ?? list.projects.find((p) => p.id === list.currentId) ?? null;
        if (r?.dataset) {
          dispatch({ type: 'dataset-loaded', dataset: r.dataset });
          if (r.recipe) dispatch({ type: 'recipe-changed', recipe: recipeSummaryOf(r.recipe) });
          dispatch({ type: 'split-changed', split: r.split });
        }
        if (r && STEPS.includes(r.step as StepId)) dispatch({ type: 'go', step: r.step as StepId });
        set({
          project,
          resume: r?.resume ?? null,
          notices: r?.notices ?? [],
          checkpointEpoch: null,
        });
        clearTrainingError();
        await refreshTraining().catch(() => undefined);
      } catch (e) {
        if (!isWorkerGone(e)) set({ notices: [`The saved project could not be reopened: ${(e as Error).message}`] });
      } finally {
        if (live) set({ restoring: false, restored: true });
      }
    };
    void restore();
    return () => {
      live = false;
    };
  }, [health.generation, backendReady, dispatch]);

  // where the user is: saved with the project (only once restored, so the start page does not overwrite it)
  const restored = usePersistence().restored;
  useEffect(() => {
    if (restored) void worker().projectSetStep(state.step).catch(() => undefined);
  }, [state.step, restored]);

  // the project's name follows a dataset load (a project is created on the first load)
  useEffect(() => {
    if (!restored || !state.dataset) return;
    const t = setTimeout(() => {
      void worker()
        .projectList()
        .then((l) => set({ project: l.projects.find((p) => p.id === l.currentId) ?? null }))
        .catch(() => undefined);
    }, 800);
    return () => clearTimeout(t);
  }, [state.dataset, restored]);
}

/** Refresh the current project's entry (after a rename, say). */
export function setCurrentProject(project: ProjectMeta | null): void {
  set({ project });
}
