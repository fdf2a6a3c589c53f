/**
 * The second engines' worker methods (every name starts with `engine`): fit sequential trees or
 * the mixture model with progress and cancel, and save / load the fitted model (one JSON file, or
 * the browser's IndexedDB beside the GAN models). Spread into the worker API
 * (`...createEngineApi(prepared, () => workerApi)` in api.ts). The fitted model becomes the
 * current model: generate-api.ts samples from it until a GAN is trained or loaded after it.
 */
import type { PreparedData } from './prepared-data';
import { EngineSession, setActiveEngineSession, type EngineFile, type EngineFitOutcome, type EngineFitRequest, type EngineModelInfo, type EngineProgress, type EngineState } from './engine-session';
import { ganModelKey, type GanAccess } from './generate-api';
import { idbRequest, keyedObjectStore } from './idb';
import { dpUtilitySweep, type DpSweepPoint, type DpSweepRequest } from './dp-sweep';
import { isModelledRole, type DatasetSchema } from '../core/data/schema';
import { EngineStoppedError } from '../core/engines';

export type { DpSweepPoint, DpSweepRequest } from './dp-sweep';

export type DpSweepOutcome = { status: 'done'; points: DpSweepPoint[] } | { status: 'stopped'; points: DpSweepPoint[] } | { status: 'failed'; message: string };

export interface DpSweepProgress {
  fraction: number;
  message: string;
  points: DpSweepPoint[];
  elapsedSeconds: number;
}
import { projectHooks } from './project-api';
import { readJsonFile } from './read-json-file';

export type { EngineFitOutcome, EngineFitRequest, EngineModelInfo, EngineProgress, EngineState } from './engine-session';

const DB_NAME = 'synthcredit-engine-models';
const STORE = 'models';

export interface StoredEngineInfo {
  id: string;
  name: string;
  kind: string;
  label: string;
  savedAt: string;
  columns: number;
  seconds: number;
  /** size of the JSON (UTF-16 length as an estimate) */
  bytes: number;
}

const store = keyedObjectStore(DB_NAME, STORE);

export function createEngineApi(prepared: PreparedData, gan: () => GanAccess) {
  const session = new EngineSession(prepared);
  setActiveEngineSession(session);
  const becameCurrent = () => {
    session.markGanKey(ganModelKey(gan().ganState()));
    // saved with the project, so a reload or a worker restart keeps it
    projectHooks.engineChanged(session.toFile());
  };
  projectHooks.attachEngine((file, current) => {
    session.loadFile(file);
    // not current: a GAN trained after it stays the model step 4 uses
    session.markGanKey(current ? ganModelKey(gan().ganState()) : 'superseded by a later GAN');
  });
  let sweepRunning = false;
  let sweepStop = false;

  return {
    /** Fit an engine on the train split; progress arrives through onProgress; resolves when done, cancelled or failed. */
    async engineFit(req: EngineFitRequest, onProgress?: (p: EngineProgress) => unknown): Promise<EngineFitOutcome> {
      if (sweepRunning) return { status: 'failed', message: 'The epsilon sweep is running: wait for it or cancel it first.' };
      const post = onProgress ? (p: EngineProgress) => void Promise.resolve(onProgress(p)).catch(() => undefined) : undefined;
      const outcome = await session.fit(req, post);
      if (outcome.status === 'done') becameCurrent();
      return outcome;
    },

    engineCancel(): void {
      session.cancel();
    },

    /**
     * The DP engine's utility against epsilon on this data (dp-sweep.ts): fits at each epsilon on
     * the train split and scores on the test split; progress with the points so far; cancellable.
     */
    async engineDpSweep(req: DpSweepRequest, onProgress?: (p: DpSweepProgress) => unknown): Promise<DpSweepOutcome> {
      if (sweepRunning) return { status: 'failed', message: 'A sweep is already running.' };
      if (session.state().phase === 'fitting') return { status: 'failed', message: 'An engine is being fitted: wait for it or cancel it first.' };
      sweepRunning = true;
      sweepStop = false;
      const t0 = performance.now();
      let points: DpSweepPoint[] = [];
      try {
        const full = prepared.cleaned().schema;
        if (!prepared.split()) prepared.makeSplit(0.2, 42);
        const schema: DatasetSchema = { ...full, columns: full.columns.filter((c) => isModelledRole(c.role)) };
        const names = schema.columns.map((c) => c.name);
        const train = prepared.trainTable().select(names);
        schema.rowCount = train.numRows();
        points = await dpUtilitySweep(train, prepared.testTable().select(names), schema, req, {
          shouldStop: () => sweepStop,
          onProgress: (fraction, message, done) => {
            points = done;
            if (onProgress) void Promise.resolve(onProgress({ fraction, message, points: [...done], elapsedSeconds: (performance.now() - t0) / 1000 })).catch(() => undefined);
          },
        });
        return { status: 'done', points };
      } catch (e) {
        if (e instanceof EngineStoppedError) return { status: 'stopped', points };
        return { status: 'failed', message: e instanceof Error ? e.message : String(e) };
      } finally {
        sweepRunning = false;
      }
    },

    engineDpSweepCancel(): void {
      sweepStop = true;
    },

    engineState(): EngineState {
      return session.state();
    },

    /** The current engine model as one JSON file's text. */
    engineExportModel(name?: string): string {
      return JSON.stringify(session.toFile(name));
    },

    async engineImportModel(file: Blob): Promise<EngineModelInfo> {
      const parsed = await readJsonFile(file, 'a SynthCredit engine model');
      const info = session.loadFile(parsed);
      becameCurrent();
      return info;
    },

    async engineSaveModel(name?: string): Promise<StoredEngineInfo> {
      const file: EngineFile = session.toFile(name);
      const json = JSON.stringify(file);
      const info: StoredEngineInfo = {
        id: `${file.savedAt}-${Math.random().toString(36).slice(2, 8)}`,
        name: file.info.name,
        kind: file.info.kind,
        label: file.info.label,
        savedAt: file.savedAt,
        columns: file.info.columns.length,
        seconds: file.info.seconds,
        bytes: json.length,
      };
      await idbRequest((await store('readwrite')).put({ id: info.id, info, json }));
      return info;
    },

    async engineListModels(): Promise<StoredEngineInfo[]> {
      const all = (await idbRequest((await store('readonly')).getAll())) as { info: StoredEngineInfo }[];
      return all.map((r) => r.info).sort((a, b) => (a.savedAt < b.savedAt ? 1 : -1));
    },

    async engineLoadModel(id: string): Promise<EngineModelInfo> {
      const r = (await idbRequest((await store('readonly')).get(id))) as { json: string } | undefined;
      if (!r) throw new Error('That saved model no longer exists.');
      const info = session.loadFile(JSON.parse(r.json));
      becameCurrent();
      return info;
    },

    async engineDeleteModel(id: string): Promise<void> {
      await idbRequest((await store('readwrite')).delete(id));
    },
  };
}
