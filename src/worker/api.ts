/**
 * The worker's API, exposed to the page with Comlink. Everything heavy (parsing,
 * statistics, TensorFlow.js) runs here so the page never freezes.
 */
import * as Comlink from 'comlink';
import { chooseBackend, probeBackends, type BackendName, type BackendStatus, type BackendProbe } from './backend';
import { DatasetSession, type LoadOutcome, type LoadRequest, type DatasetSummary } from './dataset-session';
import type { ColumnRole, DatasetSchema } from '../core/data/schema';
import { PreparedData, type RecipeEdit, type RecipeOutcome, type RecipeState, type QualityFindingView, type PairView, type SplitSummary } from './prepared-data';
import type { CleaningStep } from '../core/data/clean';
import type { ColumnSummary, Histogram, TargetBalance, AssociationMatrix } from '../core/data/eda';
import { createRiskApi } from './risk-api';
import { createGanApi } from './gan-api';
import { createValidateApi } from './validate-api';
import { createRefineApi } from './refine-api';
import { createGenerateApi } from './generate-api';
import { createProjectApi, projectHooks } from './project-api';
import { createApplyApi } from './apply-api';
import { createEngineApi } from './engine-api';
import { createTestFileApi } from './test-file-api';
import { createStreamsApi } from './streams-api';

export type ProgressCallback = (bytesRead: number, totalBytes?: number) => void;

const session = new DatasetSession();
/** the loaded dataset's recipe, cleaned table and split (reset when a new dataset is loaded) */
const prepared = new PreparedData(session);
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
  ...createRiskApi(prepared),
  ...createGanApi(prepared),
  ...createValidateApi(prepared),
  ...createRefineApi(prepared),
  ...createGenerateApi(prepared, (): import('./generate-api').GanAccess => workerApi),
  ...createProjectApi(session, prepared),
  ...createApplyApi(prepared, (): import('./apply-api').ApplyAccess => workerApi),
  ...createEngineApi(prepared, (): import('./generate-api').GanAccess => workerApi),
  ...createTestFileApi(prepared, () => projectHooks.changed()),
  ...createStreamsApi(prepared),
  async backends(): Promise<BackendProbe[]> {
    return probeBackends();
  },

  async useBackend(requested?: BackendName): Promise<BackendStatus> {
    return chooseBackend(requested);
  },

  async loadFile(file: Blob, request: LoadRequest, onProgress: ProgressCallback): Promise<LoadOutcome> {
    loadAbort?.abort();
    loadAbort = new AbortController();
    return projectHooks.afterLoad(await session.load(() => file.stream(), { ...request, totalBytes: file.size }, throttled(onProgress), loadAbort.signal));
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
    return projectHooks.afterLoad(await session.load(open, { ...request, totalBytes: total }, throttled(onProgress), signal));
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

  /** How many values a role change would turn into missing (the page asks before such a change). */
  previewRole(column: string, role: ColumnRole) {
    return session.previewRole(column, role);
  },

  /** Refused when every value would become missing; needs allowLoss when some would. */
  setRole(column: string, role: ColumnRole, opts?: { allowLoss?: boolean }): DatasetSchema {
    const schema = session.setRole(column, role, opts);
    projectHooks.changed();
    return schema;
  },

  setTwoDigitYearPivot(column: string, pivot: number): DatasetSchema {
    const schema = session.setTwoDigitYearPivot(column, pivot);
    projectHooks.changed();
    return schema;
  },

  /** Choose the target and its event class (the outcome the models predict; default: the suggestion). */
  setTarget(column: string | null, positiveLabel?: string): DatasetSchema {
    const schema = session.setTarget(column, positiveLabel);
    projectHooks.changed();
    return schema;
  },

  /** The target's classes with their shares, the suggested event class and why. */
  targetClasses(column?: string) {
    return session.targetClasses(column);
  },

  // ---- step 2: clean and explore (see prepared-data.ts) ----

  /** Data-quality findings on the typed table, each with its suggested cleaning step. */
  qualityReport(): QualityFindingView[] {
    return prepared.qualityReport();
  },

  /** The recipe, what each step changed, and the cleaned schema. */
  recipe(): RecipeState {
    return prepared.recipeState();
  },

  /** Replace the whole recipe; refused with a message (recipe unchanged) when a step fails. */
  setRecipe(steps: CleaningStep[]): RecipeOutcome {
    return guardRecipe(() => prepared.setRecipe(steps));
  },

  editRecipe(edit: RecipeEdit): RecipeOutcome {
    return guardRecipe(() => prepared.editRecipe(edit));
  },

  exportRecipe(): string {
    return prepared.exportRecipe();
  },

  /** Import recipe JSON; an invalid file or one that does not fit the data leaves the recipe unchanged. */
  importRecipe(json: string): RecipeOutcome {
    return guardRecipe(() => prepared.importRecipe(json));
  },

  /** Descriptive statistics of every column of the cleaned table. */
  cleanedSummary(): ColumnSummary[] {
    return prepared.summary();
  },

  columnHistogram(column: string, bins?: number): Histogram {
    return prepared.histogram(column, bins);
  },

  /** Class balance of the target in the cleaned table; null without a target. */
  targetBalance(): TargetBalance | null {
    return prepared.targetBalance();
  },

  associationMatrix(): AssociationMatrix {
    return prepared.associations();
  },

  /** A ≤ 5,000-point sample (two numeric columns) or counts on all rows (otherwise) for the pair chart. */
  pairView(x: string, y: string): PairView {
    return prepared.pair(x, y);
  },

  /** Split the cleaned rows into train and test (stratified on the target), seeded. */
  makeSplit(testFraction: number, seed: number): SplitSummary {
    const split = prepared.makeSplit(testFraction, seed);
    projectHooks.changed();
    return split;
  },

  splitSummary(): SplitSummary | null {
    return prepared.splitSummary();
  },
};

function guardRecipe(run: () => RecipeOutcome): RecipeOutcome {
  try {
    const outcome = run();
    if (outcome.ok) projectHooks.changed();
    return outcome;
  } catch (e) {
    // e.g. no dataset loaded: still a message, never a crashed worker call
    const error = e instanceof Error ? e.message : String(e);
    return { ok: false, error, state: { steps: [], reports: {}, error: null, schema: { columns: [], target: null, positiveLabel: null, rowCount: 0 }, version: -1 } };
  }
}

export type WorkerApi = typeof workerApi;

Comlink.expose(workerApi);
