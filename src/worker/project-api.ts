/**
 * Project persistence in the worker: saves the project to IndexedDB as it changes and restores it
 * into a fresh worker (after a reload, a crash or a worker restart). Spread into the worker API
 * (`...createProjectApi(session, prepared)` in api.ts); every method name starts with `project`.
 *
 * Other worker modules report changes through `projectHooks` (one-line calls where state changes);
 * the hooks read the current state lazily, so a burst of edits becomes one small write.
 * What is stored and why: project-store.ts.
 */
import * as aq from 'arquero';
import type { DatasetSession, LoadOutcome, DatasetSummary } from './dataset-session';
import type { PreparedData, RecipeState, SplitSummary } from './prepared-data';
import { base64ToFloats, floatsToBase64, readProvenance, type GanCheckpoint, type GanModelJSON, type GanSession, type TrainingOutcome, type TrainingSettings } from './gan-session';
import { onRunRecordsChanged } from './run-history';
import { onSyntheticTableChanged, setSyntheticTable } from './synthetic-registry';
import {
  decodeColumn,
  encodeColumn,
  indexedDbAdapter,
  isQuotaError,
  DEFAULT_CHECKPOINT_EVERY,
  ProjectStore,
  StorageFullError,
  type KvAdapter,
  type ProjectMeta,
  type StoredGan,
  type StoredEngine,
  type StoredRiskModel,
  type StoredState,
  type StoredStreams,
} from './project-store';
import { readJsonFile } from './read-json-file';

export type { ProjectMeta } from './project-store';

export type ProjectEvent =
  | { type: 'pending' }
  | { type: 'saved'; part: string; at: string; checkpointEpoch?: number }
  | { type: 'save-failed'; message: string; storageFull: boolean };

export interface ResumeOffer {
  /** the checkpoint's epoch: training continues from here */
  epoch: number;
  epochs: number;
  savedAt: string;
  /** the run's training settings */
  settings: Record<string, unknown>;
}

export interface RestoredProject {
  project: ProjectMeta;
  dataset: DatasetSummary | null;
  recipe: RecipeState | null;
  split: SplitSummary | null;
  step: string;
  resume: ResumeOffer | null;
  /** a GAN model (finished run or checkpoint) or an engine model was put back and can generate */
  modelRestored: boolean;
  /** a customers-and-transactions engine was put back and can generate (streams-api.ts) */
  streamsRestored: boolean;
  /** rows of the synthetic table put back (0: none was saved) */
  syntheticRows: number;
  /** what could not be restored, in words */
  notices: string[];
}

export interface ProjectList {
  projects: ProjectMeta[];
  currentId: string | null;
  checkpointEvery: number;
}

/** Risk models kept per project (the newest). */
const MAX_RISK_MODELS = 24;
const STATE_DEBOUNCE_MS = 250;

interface Persistence {
  datasetLoaded(): void;
  stateChanged(): void;
  ganEpoch(epoch: number): void;
  ganEnded(outcome: TrainingOutcome): void;
  resumePoint(): Promise<GanCheckpoint | null>;
  riskModel(model: Omit<StoredRiskModel, 'savedAt'>): void;
  runsChanged(runs: unknown[]): void;
  engineChanged(file: unknown): void;
  streamsChanged(stored: StoredStreams | null): void;
}

/** Puts a saved engine model back; `current` says whether it was the model step 4 used. */
type EngineRestorer = (file: unknown, current: boolean) => void;

let impl: Persistence | null = null;
let ganSession: GanSession | null = null;
/** puts saved risk models back into the risk step; returns how many it took */
let riskRestorer: ((models: StoredRiskModel[]) => number) | null = null;
/** puts the saved run history (scores, settings) back into the validate step */
let runsRestorer: ((runs: unknown[]) => number) | null = null;
let engineRestorer: EngineRestorer | null = null;
/** puts a saved customers-and-transactions engine back (streams-api.ts) */
let streamsRestorer: ((stored: StoredStreams) => void) | null = null;

/** Calls other worker modules make where project state changes. All no-ops until createProjectApi runs. */
export const projectHooks = {
  /** after a load: saves the dataset when the load worked; returns the outcome unchanged */
  afterLoad(outcome: LoadOutcome): LoadOutcome {
    if (outcome.ok) impl?.datasetLoaded();
    return outcome;
  },
  /** roles, target, recipe or split changed */
  changed(): void {
    impl?.stateChanged();
  },
  attachGan(session: GanSession): void {
    ganSession = session;
    session.onEpochDone = (epoch) => impl?.ganEpoch(epoch);
  },
  ganEnded(outcome: TrainingOutcome): void {
    impl?.ganEnded(outcome);
  },
  async resumePoint(): Promise<GanCheckpoint | null> {
    return impl ? impl.resumePoint() : null;
  },
  riskModel(model: Omit<StoredRiskModel, 'savedAt'>): void {
    impl?.riskModel(model);
  },
  attachRisk(restore: (models: StoredRiskModel[]) => number): void {
    riskRestorer = restore;
  },
  attachRuns(restore: (runs: unknown[]) => number): void {
    runsRestorer = restore;
  },
  runsChanged(runs: unknown[]): void {
    impl?.runsChanged(runs);
  },
  /** an engine model was fitted or loaded and became current: its model file */
  engineChanged(file: unknown): void {
    impl?.engineChanged(file);
  },
  attachEngine(restore: EngineRestorer): void {
    engineRestorer = restore;
  },
  /** the customers-and-transactions engine was fitted or loaded (null: it was dropped) */
  streamsChanged(stored: StoredStreams | null): void {
    impl?.streamsChanged(stored);
  },
  attachStreams(restore: (stored: StoredStreams) => void): void {
    streamsRestorer = restore;
  },
};

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The stored GAN part as the session's checkpoint (weights decoded). */
export function checkpointFromStored(gan: StoredGan): GanCheckpoint | null {
  const c = gan.checkpoint;
  if (!c) return null;
  return {
    epoch: c.epoch,
    settings: gan.settings as unknown as TrainingSettings,
    transformer: c.transformer as GanCheckpoint['transformer'],
    schema: c.schema,
    trainRows: c.trainRows,
    usedEpoch: c.usedEpoch,
    weights: c.weights.map((w) => ({ name: w.name, shape: w.shape, data: base64ToFloats(w.base64) })),
    history: gan.history as GanCheckpoint['history'],
    provenance: readProvenance(c.provenance),
  };
}

export function storedFromCheckpoint(cp: GanCheckpoint, ended: boolean, phase: string, savedAt: string): StoredGan {
  return {
    settings: cp.settings as unknown as Record<string, unknown>,
    ended,
    phase,
    history: cp.history,
    checkpoint: {
      epoch: cp.epoch,
      savedAt,
      transformer: cp.transformer,
      schema: cp.schema,
      trainRows: cp.trainRows,
      usedEpoch: cp.usedEpoch,
      weights: cp.weights.map((w) => ({ name: w.name, shape: w.shape, base64: floatsToBase64(w.data) })),
      provenance: cp.provenance ?? null,
    },
  };
}

/** A saved model file built from a checkpoint, so the session can generate from it after a restore. */
function modelJsonFromStored(gan: StoredGan, name: string): GanModelJSON | null {
  const c = gan.checkpoint;
  if (!c) return null;
  return {
    format: 'synthcredit.gan-model',
    version: 1,
    name,
    savedAt: c.savedAt,
    schema: c.schema,
    transformer: c.transformer as GanModelJSON['transformer'],
    settings: gan.settings as unknown as TrainingSettings,
    weights: c.weights,
    history: {
      epochs: gan.history.epochs as GanModelJSON['history']['epochs'],
      probes: gan.history.probes as GanModelJSON['history']['probes'],
      divergences: gan.history.divergences as GanModelJSON['history']['divergences'],
      usedEpoch: c.usedEpoch ?? c.epoch,
      trainRows: c.trainRows,
      backend: '',
    },
    provenance: readProvenance(c.provenance),
  };
}

export function createProjectApi(session: DatasetSession, prepared: PreparedData, adapter: KvAdapter = indexedDbAdapter()) {
  const store = new ProjectStore(adapter);
  let projectId: string | null = null;
  let idLoaded = false;
  let step = 'load';
  let every = DEFAULT_CHECKPOINT_EVERY;
  void store.checkpointEvery().then((n) => (every = n), () => undefined);
  let listener: ((e: ProjectEvent) => unknown) | null = null;
  let chain: Promise<unknown> = Promise.resolve();
  let stateTimer: ReturnType<typeof setTimeout> | null = null;
  let runsTimer: ReturnType<typeof setTimeout> | null = null;
  let pendingRuns: unknown[] | null = null;

  const emit = (e: ProjectEvent) => {
    if (!listener) return;
    try {
      void Promise.resolve(listener(e)).catch(() => undefined);
    } catch {
      // a page that went away
    }
  };

  /** Writes run one at a time, in order; a failure is reported and does not stop later writes. */
  const enqueue = (what: string, write: () => Promise<{ part: string; checkpointEpoch?: number } | null>) => {
    emit({ type: 'pending' });
    const next = chain.then(write).then(
      (r) => {
        if (r) emit({ type: 'saved', part: r.part, at: new Date().toISOString(), checkpointEpoch: r.checkpointEpoch });
      },
      (e) => {
        const storageFull = e instanceof StorageFullError || isQuotaError(e);
        emit({ type: 'save-failed', message: storageFull ? message(e instanceof StorageFullError ? e : new StorageFullError(what)) : `Could not save ${what}: ${message(e)}`, storageFull });
      },
    );
    chain = next;
    return next;
  };

  const currentId = async (): Promise<string | null> => {
    if (!idLoaded) {
      projectId = await store.currentId();
      idLoaded = true;
    }
    return projectId;
  };


  const stateNow = (): StoredState => {
    const summary = session.current();
    let recipe: StoredState['recipe'] = [];
    let split: StoredState['split'] = null;
    if (summary) {
      try {
        recipe = prepared.recipe();
        const s = prepared.splitSummary();
        // a separate test file is not stored with the project: it is loaded again by the user
        split = s && s.mode === 'random' ? { seed: s.seed, testFraction: s.testFraction } : null;
      } catch {
        // a recipe that fails on the data still has its steps
        recipe = prepared.recipe();
      }
    }
    return { step, schema: summary?.schema ?? null, recipe, split };
  };

  const saveState = () =>
    enqueue('the project state', async () => {
      const id = await currentId();
      if (!id) return null;
      await store.savePart(id, 'state', stateNow());
      return { part: 'state' };
    });

  const persistence: Persistence = {
    datasetLoaded() {
      const raw = session.rawTable();
      const summary = session.current();
      if (!raw || !summary) return;
      // encode now: a later load must not change what this write stores
      const columns = raw.columnNames().map((n) => encodeColumn(n, raw.array(n) as ArrayLike<unknown>));
      void enqueue('the dataset', async () => {
        let id = await currentId();
        if (!id) {
          id = (await store.create(summary.name.replace(/\.(csv|tsv|txt)(\.gz)?$/i, ''))).id;
          await store.setCurrent(id);
          projectId = id;
        }
        // a new dataset: earlier training, risk models, runs and synthetic rows belong to the old one
        for (const part of ['gan', 'risk', 'runs', 'engine', 'synthetic', 'streams'] as const) await store.deletePart(id, part);
        await store.savePart(id, 'dataset', { summary, columns });
        await store.savePart(id, 'state', stateNow());
        return { part: 'dataset' };
      });
    },

    stateChanged() {
      emit({ type: 'pending' });
      if (stateTimer) clearTimeout(stateTimer);
      stateTimer = setTimeout(() => {
        stateTimer = null;
        void saveState();
      }, STATE_DEBOUNCE_MS);
    },

    ganEpoch(epoch) {
      const gan = ganSession;
      if (!gan || projectId === null) return;
      if (epoch % every !== 0) return;
      // weights are read now, synchronously between epochs; encoding and writing happen in the queue
      const cp = gan.checkpoint();
      if (!cp || cp.epoch !== epoch) return;
      void enqueue(`the checkpoint of epoch ${epoch}`, async () => {
        const id = await currentId();
        if (!id) return null;
        await store.savePart(id, 'gan', storedFromCheckpoint(cp, false, 'training', new Date().toISOString()));
        return { part: 'gan', checkpointEpoch: epoch };
      });
    },

    ganEnded(outcome) {
      const gan = ganSession;
      if (!gan || outcome.status === 'needs-confirmation' || outcome.status === 'failed') return;
      // finished or cancelled by the user: store the weights in use; nothing left to resume
      const cp = gan.checkpoint();
      void enqueue('the trained GAN', async () => {
        const id = await currentId();
        if (!id) return null;
        if (cp) await store.savePart(id, 'gan', storedFromCheckpoint(cp, true, outcome.status, new Date().toISOString()));
        else await store.deletePart(id, 'gan');
        return { part: 'gan', checkpointEpoch: cp?.epoch };
      });
    },

    async resumePoint() {
      await chain;
      const id = await currentId();
      if (!id) return null;
      const gan = await store.loadPart(id, 'gan');
      return gan ? checkpointFromStored(gan) : null;
    },

    riskModel(model) {
      void enqueue('the risk model', async () => {
        const id = await currentId();
        if (!id) return null;
        const prev = (await store.loadPart(id, 'risk'))?.models ?? [];
        const models = [...prev, { ...model, savedAt: new Date().toISOString() }].slice(-MAX_RISK_MODELS);
        await store.savePart(id, 'risk', { models });
        return { part: 'risk' };
      });
    },

    engineChanged(file) {
      const engine: StoredEngine = { savedAt: new Date().toISOString(), file };
      void enqueue('the engine model', async () => {
        const id = await currentId();
        if (!id) return null;
        await store.savePart(id, 'engine', engine);
        return { part: 'engine' };
      });
    },

    streamsChanged(stored) {
      void enqueue('the customers-and-transactions engine', async () => {
        const id = await currentId();
        if (!id) return null;
        if (stored) await store.savePart(id, 'streams', stored);
        else await store.deletePart(id, 'streams');
        return { part: 'streams' };
      });
    },

    runsChanged(runs) {
      pendingRuns = runs;
      if (runsTimer) clearTimeout(runsTimer);
      runsTimer = setTimeout(() => {
        runsTimer = null;
        const r = pendingRuns;
        pendingRuns = null;
        void enqueue('the run history', async () => {
          const id = await currentId();
          if (!id || !r) return null;
          await store.savePart(id, 'runs', { runs: r });
          return { part: 'runs' };
        });
      }, STATE_DEBOUNCE_MS);
    },
  };
  impl = persistence;
  onRunRecordsChanged((records) => persistence.runsChanged(records));
  onSyntheticTableChanged((table, info) => {
    // encode now: a later table must not change what this write stores
    const columns = table ? table.columnNames().map((n) => encodeColumn(n, table.array(n) as ArrayLike<unknown>)) : null;
    void enqueue('the synthetic rows', async () => {
      const id = await currentId();
      if (!id) return null;
      if (columns && info) {
        const { engineKind, settings, modelKey, trainedOn, copiesRejected } = info;
        await store.savePart(id, 'synthetic', { source: info.source, createdAt: info.createdAt, columns, origin: { engineKind, settings, modelKey, trainedOn, copiesRejected } });
      } else await store.deletePart(id, 'synthetic');
      return { part: 'synthetic' };
    });
  });

  const flush = async () => {
    if (stateTimer) {
      clearTimeout(stateTimer);
      stateTimer = null;
      void saveState();
    }
    await chain;
  };

  return {
    /** Save-status events (pending, saved, save-failed) for the page. */
    projectSubscribe(onEvent: (e: ProjectEvent) => unknown): void {
      listener = onEvent;
    },

    /** Answers at once: the page's heartbeat (a worker busy with a long synchronous step answers late). */
    workerPing(): number {
      return Date.now();
    },

    /** Put the current project back into this (fresh) worker: dataset, roles, recipe, split, GAN model. */
    async projectRestore(): Promise<RestoredProject | null> {
      const id = await currentId();
      if (!id) return null;
      const meta = (await store.meta(id))!;
      const parts = await store.loadAll(id);
      const notices: string[] = [];
      if (parts.dataset) {
        const { summary, columns } = parts.dataset;
        const data: Record<string, unknown[]> = {};
        for (const c of columns) data[c.name] = decodeColumn(c);
        const raw = aq.table(data, columns.map((c) => c.name));
        session.restore(raw, { ...summary, schema: parts.state?.schema ?? summary.schema });
        const recipe = parts.state?.recipe ?? [];
        if (recipe.length > 0) {
          const out = prepared.setRecipe(recipe);
          if (!out.ok) notices.push(`The saved cleaning recipe no longer applies (${out.error}); it was not restored.`);
        }
        const split = parts.state?.split;
        if (split) {
          try {
            prepared.makeSplit(split.testFraction, split.seed);
          } catch (e) {
            notices.push(`The saved split could not be made again: ${message(e)}`);
          }
        }
      }
      step = parts.state?.step ?? (parts.dataset ? 'explore' : 'load');
      let resume: ResumeOffer | null = null;
      let modelRestored = false;
      const gan = parts.gan;
      if (gan?.checkpoint && parts.dataset) {
        const epochs = Number((gan.settings as { epochs?: unknown }).epochs) || 0;
        if (!gan.ended && gan.checkpoint.epoch < epochs) resume = { epoch: gan.checkpoint.epoch, epochs, savedAt: gan.checkpoint.savedAt, settings: gan.settings };
        const json = modelJsonFromStored(gan, gan.ended ? `GAN of project "${meta.name}"` : `Checkpoint of epoch ${gan.checkpoint.epoch}`);
        if (json && ganSession) {
          try {
            ganSession.loadModelJSON(json);
            modelRestored = true;
          } catch (e) {
            notices.push(`The saved GAN could not be restored: ${message(e)}`);
          }
        }
      }
      let engineRestored = false;
      if (parts.engine && parts.dataset && engineRestorer) {
        // the engine is what step 4 used unless a GAN was saved after it
        const ganAt = gan?.checkpoint?.savedAt ?? '';
        try {
          engineRestorer(parts.engine.file, modelRestored ? parts.engine.savedAt >= ganAt : true);
          engineRestored = true;
        } catch (e) {
          notices.push(`The saved engine model could not be restored: ${message(e)}`);
        }
      }
      let streamsRestored = false;
      if (parts.streams && parts.dataset && streamsRestorer) {
        try {
          streamsRestorer(parts.streams);
          streamsRestored = true;
        } catch (e) {
          notices.push(`The saved customers-and-transactions engine could not be restored: ${message(e)}`);
        }
      }
      let syntheticRows = 0;
      if (parts.synthetic && parts.dataset) {
        try {
          const data: Record<string, unknown[]> = {};
          for (const c of parts.synthetic.columns) data[c.name] = decodeColumn(c);
          const table = aq.table(data, parts.synthetic.columns.map((c) => c.name));
          setSyntheticTable(table, parts.synthetic.source, { ...parts.synthetic.origin, createdAt: parts.synthetic.createdAt });
          syntheticRows = table.numRows();
        } catch (e) {
          notices.push(`The saved synthetic rows could not be restored: ${message(e)}`);
        }
      }
      const riskModels = parts.risk?.models ?? [];
      if (riskModels.length > 0 && parts.dataset && riskRestorer) {
        try {
          const kept = riskRestorer(riskModels);
          if (kept < riskModels.length) notices.push(`${riskModels.length - kept} saved risk model(s) could not be restored (saved by an older version).`);
        } catch (e) {
          notices.push(`The saved risk models could not be restored: ${message(e)}`);
        }
      }
      const runs = parts.runs?.runs ?? [];
      if (runs.length > 0 && runsRestorer) {
        try {
          runsRestorer(runs);
        } catch (e) {
          notices.push(`The saved run history could not be restored: ${message(e)}`);
        }
      }
      const dataset = session.current();
      return {
        project: meta,
        dataset,
        recipe: dataset ? prepared.recipeState() : null,
        split: dataset ? prepared.splitSummary() : null,
        step,
        resume,
        modelRestored: modelRestored || engineRestored,
        streamsRestored,
        syntheticRows,
        notices,
      };
    },

    async projectList(): Promise<ProjectList> {
      return { projects: await store.list(), currentId: await currentId(), checkpointEvery: every };
    },

    /** Remember where the user is (saved with the state). */
    projectSetStep(next: string): void {
      if (next === step) return;
      step = next;
      if (projectId !== null) persistence.stateChanged();
    },

    /** Wait until every change so far is written. */
    async projectFlush(): Promise<void> {
      await flush();
    },

    /** A new empty project becomes current (the page then restarts the worker to start clean). */
    async projectNew(name: string): Promise<ProjectMeta> {
      await flush();
      const meta = await store.create(name || 'Untitled project');
      await store.setCurrent(meta.id);
      projectId = meta.id;
      idLoaded = true;
      return meta;
    },

    /** Make a saved project current (the page then restarts the worker, which restores it). */
    async projectOpen(id: string): Promise<void> {
      await flush();
      await store.setCurrent(id);
      projectId = id;
      idLoaded = true;
    },

    async projectRename(id: string, name: string): Promise<ProjectMeta> {
      return store.rename(id, name);
    },

    /** Delete a project; deleting the current one leaves no current project. */
    async projectDelete(id: string): Promise<void> {
      await flush();
      await store.delete(id);
      if (projectId === id) projectId = null;
    },

    /** The whole project as one JSON file's text (format synthcredit.project, version 1). */
    async projectExport(id?: string): Promise<{ name: string; json: string }> {
      await flush();
      const pid = id ?? (await currentId());
      if (!pid) throw new Error('There is no project to export yet: load a dataset first.');
      const file = await store.exportProject(pid);
      return { name: file.name, json: JSON.stringify(file) };
    },

    /** Store a project file as a new project and make it current (the page then restarts the worker). */
    async projectImport(file: Blob): Promise<ProjectMeta> {
      const parsed = await readJsonFile(file, 'a SynthCredit project');
      await flush();
      const meta = await store.importProject(parsed);
      await store.setCurrent(meta.id);
      projectId = meta.id;
      idLoaded = true;
      return meta;
    },

    async projectSetCheckpointEvery(n: number): Promise<void> {
      await store.setCheckpointEvery(n);
      every = n;
    },

    /** The user does not want to resume: the saved run counts as ended (its checkpoint stays usable). */
    async projectDiscardResume(): Promise<void> {
      await flush();
      const id = await currentId();
      if (!id) return;
      const gan = await store.loadPart(id, 'gan');
      if (!gan) return;
      await enqueue('the GAN state', async () => {
        await store.savePart(id, 'gan', { ...gan, ended: true });
        return { part: 'gan' };
      });
    },
  };
}
