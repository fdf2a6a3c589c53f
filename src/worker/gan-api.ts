/**
 * The GAN step's worker methods (steps 3-4: train, live view, save / load, generate). Spread into
 * the worker API (`...createGanApi(prepared)` in api.ts), so every method name starts with `gan`.
 * The session logic is in gan-session.ts; saved models live in IndexedDB (model-store.ts).
 */
import type { PreparedData } from './prepared-data';
import { GanSession, type GenerateOptions, type GenerationSummary, type ModelInfo, type TrainingEvent, type TrainingOutcome, type TrainingPlan, type TrainingState, type TrainOptions, type TrainingSettings } from './gan-session';
import { deleteModel, getModel, listModels, putModel, type StoredModelInfo } from './model-store';
import { setSyntheticTable } from './synthetic-registry';
import { projectHooks } from './project-api';
import type { DataProvenance } from './provenance';
import { rareCopyFilter } from '../core/generate/rare-copies';
import { readJsonFile } from './read-json-file';

export function createGanApi(prepared: PreparedData) {
  const session = new GanSession(prepared, (generated) => {
    const s = session.modelInfo();
    // the copy guard: rows equal to a real training row that fewer than 5 training rows share are dropped
    let table = generated;
    let copiesRejected: number | null = null;
    try {
      const train = prepared.trainTable();
      const names = generated.columnNames();
      if (names.every((c) => train.columnNames().includes(c))) {
        const guarded = rareCopyFilter(train, names)(generated);
        table = guarded.table;
        copiesRejected = guarded.rejected;
      }
    } catch {
      // no split or other data loaded: the rows cannot be checked (copiesRejected stays null)
    }
    setSyntheticTable(table, s ? `CTGAN, ${s.usedEpoch ?? s.epochsTrained} epochs, seed ${s.settings.seed}` : 'CTGAN', {
      engineKind: 'ctgan',
      settings: s ? { seed: s.settings.seed, epochs: s.usedEpoch ?? s.epochsTrained } : null,
      // kept with the model (gan-session.ts), its saved file and its project checkpoint
      trainedOn: session.provenance(),
      copiesRejected,
    });
    return table;
  });
  projectHooks.attachGan(session);

  return {
    /** Columns, encoded width and any width warning, before training (makes the default 80/20 split if none exists). */
    ganPlan(settings?: Partial<TrainingSettings>): TrainingPlan {
      return session.plan(settings);
    },

    /** Train on the train split; resolves when training ends. Events (epoch, probe, divergence, phase) arrive through onEvent. */
    async ganTrain(settings: Partial<TrainingSettings>, onEvent: (e: TrainingEvent) => unknown, options?: TrainOptions): Promise<TrainingOutcome> {
      // a proxied callback returns a promise; a page that went away must not leave unhandled rejections
      if (options?.resume) {
        const resumeFrom = await projectHooks.resumePoint();
        if (!resumeFrom) throw new Error('There is no saved checkpoint to resume from.');
        options = { ...options, resumeFrom };
      }
      const outcome = await session.train(settings, (e) => void Promise.resolve(onEvent(e)).catch(() => undefined), options);
      projectHooks.ganEnded(outcome);
      return outcome;
    },

    /** What the current GAN model was trained on (null: unknown, e.g. a model file saved before this was recorded). */
    ganProvenance(): DataProvenance | null {
      return session.provenance();
    },

    ganPause(): void {
      session.pause();
    },

    ganResume(): void {
      session.resume();
    },

    ganCancel(): void {
      session.cancel();
    },

    /** Everything the training screen shows, for a page that (re)opens it mid-training. */
    ganState(): TrainingState {
      return session.state();
    },

    /** Generate n rows into the current synthetic table (registered for the risk models). */
    async ganGenerate(n: number, options: GenerateOptions, onProgress?: (done: number, total: number) => unknown): Promise<GenerationSummary> {
      return session.generate(n, options, onProgress ? (d, t) => void Promise.resolve(onProgress(d, t)).catch(() => undefined) : undefined);
    },

    /** The current synthetic table as CSV (formula-like cells escaped). */
    ganSyntheticCsv(): string {
      return session.syntheticCsv();
    },

    async ganSaveModel(name?: string): Promise<StoredModelInfo> {
      return putModel(session.toModelJSON(name));
    },

    async ganListModels(): Promise<StoredModelInfo[]> {
      return listModels();
    },

    async ganLoadModel(id: string): Promise<ModelInfo> {
      return session.loadModelJSON(await getModel(id));
    },

    async ganDeleteModel(id: string): Promise<void> {
      return deleteModel(id);
    },

    /** The model as one JSON file's text (schema, transformer, weights, settings, history). */
    ganExportModel(name?: string): string {
      return JSON.stringify(session.toModelJSON(name));
    },

    /** Load a model file chosen by the user. */
    async ganImportModel(file: Blob): Promise<ModelInfo> {
      const parsed = await readJsonFile(file, 'a SynthCredit GAN model');
      return session.loadModelJSON(parsed);
    },
  };
}
