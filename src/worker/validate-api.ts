/**
 * Step 5 (validate) in the worker: the validation report of a synthetic table (quality, privacy,
 * utility), the run history, and the self-contained HTML export. Spread into the worker API
 * (`...createValidateApi(prepared)` in api.ts), so every method name starts with `validate`.
 */
import { buildValidationReport, reportToHtml, type ReportChart, type ValidationProgress, type ValidationReport } from '../core/quality/report';
import type { PreparedData } from './prepared-data';
import { RunHistory, type RunRecord, type RunRow, type RunTraining } from './run-history';
import { getSyntheticInfo, getSyntheticTable, setSyntheticTable } from './synthetic-registry';
import { activeEngineSession } from './engine-session';
import { projectHooks } from './project-api';
import { checkProvenance, type DataProvenance, type ProvenanceCheck } from './provenance';

export type { RunRecord, RunRow, RunTraining, RunScores } from './run-history';
export type { ProvenanceCheck } from './provenance';

export interface ValidateStatus {
  /** null when a report can be built; otherwise what the user must do first */
  problem: string | null;
  /** the run of the synthetic table the other steps use now */
  current: RunRecord | null;
  /** whether the current run was trained on the split in use now (null without a current run) */
  check: ProvenanceCheck | null;
  runs: RunRow[];
  /** a report is being built */
  busy: boolean;
}

export interface BuiltReport {
  runId: string;
  report: ValidationReport;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Whether the page's training facts describe the GAN model behind a run (seed and epochs, as data). */
function trainingMatches(run: RunRecord, t: RunTraining): boolean {
  const seed = t.settings && typeof t.settings.seed === 'number' ? t.settings.seed : null;
  const epochs = t.usedEpoch ?? t.epochsTrained;
  const runSeed = run.settings?.seed;
  const runEpochs = run.settings?.epochs;
  if (seed !== null && typeof runSeed === 'number' && runSeed !== seed) return false;
  if (epochs !== null && typeof runEpochs === 'number' && runEpochs !== epochs) return false;
  return true;
}

/** The current engine model's facts, when it is the model that drew the run (same model identity). */
function engineTraining(run: RunRecord): RunTraining | null {
  const current = activeEngineSession()?.current();
  if (!current || run.modelKey !== `engine-${current.version}` || current.info.kind !== run.engineKind) return null;
  const info = current.info;
  const dp = info.privacy ? { epsilon: info.privacy.epsilon, delta: info.privacy.delta, mechanism: info.privacy.mechanism, notProtected: info.privacy.unprotected } : {};
  return { settings: { engine: info.label, seed: info.seed, ...dp }, seconds: info.seconds, epochsTrained: null, usedEpoch: null, modelName: info.name, backend: null, loaded: info.loaded };
}

export function createValidateApi(prepared: PreparedData) {
  const history = new RunHistory();
  let busy = false;
  let stopRequested = false;
  projectHooks.attachRuns((runs) => history.restore(runs as RunRecord[]));

  const sync = (training?: RunTraining | null): RunRecord | null => {
    const info = getSyntheticInfo();
    const run = history.observe(getSyntheticTable(), info?.source ?? 'synthetic data', info?.createdAt ?? 0, info ?? {});
    const engine = run && run.engineKind !== 'ctgan' ? engineTraining(run) : null;
    if (run && engine) history.setTraining(run.id, engine);
    // the GAN's facts describe GAN runs only (never an engine run whose model is no longer current)
    else if (run && training && run.engineKind === 'ctgan' && trainingMatches(run, training)) history.setTraining(run.id, training);
    return run ? history.get(run.id) : null;
  };

  const provenanceNow = (): DataProvenance | null => {
    try {
      return prepared.provenance();
    } catch {
      return null;
    }
  };

  const check = (run: RunRecord | null): ProvenanceCheck | null => (run ? checkProvenance(run.trainedOn, provenanceNow()) : null);

  const problem = (): string | null => {
    try {
      prepared.cleaned();
    } catch {
      return 'No dataset is loaded. Load one in step 1, then train a GAN (step 3) and generate synthetic rows (step 4).';
    }
    if (!prepared.split()) return 'There is no train/test split yet. Make one in step 2, train a GAN in step 3 and generate synthetic rows in step 4.';
    if (!getSyntheticTable()) return 'No synthetic data yet. Train a GAN in step 3, then generate synthetic rows in step 4; then come back here.';
    return null;
  };

  const status = (): ValidateStatus => {
    const current = history.current();
    return { problem: problem(), current, check: check(current), runs: history.list(), busy };
  };

  return {
    /** What can be validated now, the current run and every run so far (records the current table as a run). */
    validateStatus(training?: RunTraining | null): ValidateStatus {
      sync(training);
      return status();
    },

    /** Record the current synthetic table as a run (call right after generating); returns it. */
    validateRecordRun(training?: RunTraining | null): RunRecord | null {
      return sync(training);
    },

    /**
     * Build the report of a run (default: the current synthetic table) against the real train and
     * test split. Takes seconds (privacy distances, two models twice); progress arrives meanwhile.
     */
    async validateBuildReport(runId?: string | null, onProgress?: (p: ValidationProgress) => unknown): Promise<BuiltReport> {
      if (busy) throw new Error('A report is already being built.');
      const current = sync();
      const id = runId ?? current?.id ?? null;
      const p = problem();
      if (!id) throw new Error(p ?? 'No synthetic data yet.');
      const table = history.table(id);
      if (!table) throw new Error('This run’s synthetic data is no longer kept (only the most recent runs are); its scores stay in the history.');
      const split = prepared.split();
      if (!split) throw new Error('There is no train/test split yet.');
      const run = history.get(id)!;
      // never score a table against a split it was not trained on: the page offers to go back to that split or to retrain
      const verdict = check(run)!;
      if (verdict.state === 'mismatch') throw new Error(verdict.message);
      const splitNow = provenanceNow()?.split.trainHash ?? null;
      busy = true;
      stopRequested = false;
      try {
        const report = (cb?: (p: ValidationProgress) => void) =>
          buildValidationReport({
            train: prepared.trainTable(),
            test: prepared.testTable(),
            synthetic: table,
            schema: prepared.cleaned().schema,
            seed: split.seed,
            source: run.source,
            generatedAt: new Date().toISOString(),
            onProgress: cb,
            shouldStop: () => stopRequested,
          });
        const post = onProgress ? (x: ValidationProgress) => void Promise.resolve(onProgress(x)).catch(() => undefined) : undefined;
        post?.({ stage: 'quality', fraction: 0, message: 'Reading the tables' });
        // let the page show the progress bar before the long synchronous part starts
        await new Promise((r) => setTimeout(r, 0));
        const built = await report(post);
        history.setReport(id, built, splitNow);
        return { runId: id, report: built };
      } catch (e) {
        throw new Error(`The report could not be built: ${message(e)}`);
      } finally {
        busy = false;
      }
    },

    /** Stop the report being built, at its next stage (a second at most, or one long stage). */
    validateCancel(): void {
      if (busy) stopRequested = true;
    },

    /** The last report built for a run (default: the current one), or null. */
    validateReport(runId?: string | null): BuiltReport | null {
      const id = runId ?? sync()?.id ?? null;
      const report = id ? history.report(id) : null;
      // a report scored on another split than the one in use now is not shown as current (its scores stay in the history)
      if (!id || !report || history.reportSplit(id) !== (provenanceNow()?.split.trainHash ?? null)) return null;
      return { runId: id, report };
    },

    /** Whether a run (default: the current one) was trained on the split in use now. */
    validateCheck(runId?: string | null): ProvenanceCheck | null {
      const id = runId ?? sync()?.id ?? null;
      return check(id ? history.get(id) : null);
    },

    /**
     * Go back to the recipe and split a run (default: the current one) was trained on, so it can be
     * scored against the rows it never saw. Risk results judged on the other split are dropped.
     */
    validateRestoreTrainedSplit(runId?: string | null): ValidateStatus {
      const id = runId ?? sync()?.id ?? null;
      const run = id ? history.get(id) : null;
      if (!run?.trainedOn) throw new Error('This run does not record the split it was trained on; retrain to score it on a known split.');
      prepared.restoreProvenance(run.trainedOn);
      projectHooks.changed();
      return status();
    },

    validateRuns(): RunRow[] {
      sync();
      return history.list();
    },

    /** Make a kept run's synthetic table the current one again (for the risk models and exports). */
    validateUseRun(runId: string): ValidateStatus {
      const run = history.get(runId);
      const table = history.table(runId);
      if (!run || !table) throw new Error('This run’s synthetic data is no longer kept.');
      setSyntheticTable(table, run.source, {
        engineKind: run.engineKind ?? 'other',
        settings: run.settings ?? null,
        modelKey: run.modelKey ?? null,
        trainedOn: run.trainedOn ?? null,
        copiesRejected: run.copiesRejected ?? null,
      });
      sync();
      return status();
    },

    /** The report of a run as one self-contained HTML file (charts: SVG markup drawn by the page). */
    validateExportHtml(runId: string, charts: ReportChart[]): string {
      const report = history.report(runId);
      if (!report) throw new Error('Build the report first.');
      return reportToHtml(report, charts);
    },
  };
}
