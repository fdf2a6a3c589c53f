/**
 * The GAN step held in the worker: trains CTGAN on the TRAIN part of the prepared data (the test
 * part stays held out), reports every epoch, probes quality every few epochs against a validation
 * part of the training rows that the GAN does not fit (live view and checkpoint choice), keeps
 * the best checkpoint, pauses / resumes / cancels between steps, saves and loads the
 * trained model as JSON, and generates synthetic rows.
 *
 * The training loop and the probe are core's (core/gan/train-loop.ts, quality-probe.ts), shared
 * with the benchmark; the plan, the live view, the model file and fixed-label generation have
 * their own files here. No DOM, no IndexedDB and no backend choice here (see gan-api.ts,
 * model-store.ts, backend.ts), so the whole session runs in Node tests on the cpu backend.
 */
import * as tf from '@tensorflow/tfjs';
import type { ColumnTable } from 'arquero';
import type { DatasetSchema } from '../core/data/schema';
import { DataTransformer } from '../core/transform/data-transformer';
import { createGanTrainer, type GanTrainer } from '../core/gan/trainer';
import { isNumericRole, modelledColumns } from '../core/gan/probe-columns';
import { encodeForTraining, validationProbe, type ProbeView } from '../core/gan/training-setup';
import { runTrainingLoop } from '../core/gan/train-loop';
import { createRng } from '../core/util/random';
import { ganPart, resolveTrainingSettings, type TrainingSettings } from './gan-settings-presets';
import type {
  EpochPoint,
  GanCheckpoint,
  GenerateOptions,
  GenerationSummary,
  LiveView,
  ModelInfo,
  ProbePoint,
  TrainingDataSource,
  TrainingEvent,
  TrainingOutcome,
  TrainingPhase,
  TrainingPlan,
  TrainingState,
  TrainOptions,
} from './gan-session-types';
import { floatsToBase64, validateModelJSON, type GanModelJSON } from './gan-model-file';
import { compareColumn, liveScatter } from './gan-live-view';
import { planTraining } from './gan-training-plan';
import { generateWithFixedLabels } from './gan-fixed-label-rows';
import { offsetTrainer } from './offset-trainer';
import { ganFromModelFile } from './gan-model-trainer';
import { toSafeCsv } from '../core/data/export';
import { checkProvenance, type DataProvenance } from './provenance';

export * from './gan-settings-presets';
export * from './gan-session-types';
export * from './gan-model-file';
export { compareColumn } from './gan-live-view';
export { WIDE_ENCODING, MANY_LABELS } from './gan-training-plan';
export { PROBE_ROWS, PROBE_REAL_ROWS } from '../core/gan/quality-probe';

interface Model {
  transformer: DataTransformer;
  trainer: GanTrainer;
  schema: DatasetSchema;
  settings: TrainingSettings;
  trainRows: number;
  usedEpoch: number | null;
  loaded: boolean;
  name: string;
  /** the data, recipe and split the weights were trained on; null: unknown */
  provenance: DataProvenance | null;
}

// ---------------------------------------------------------------- the session

export class GanSession {
  private phase: TrainingPhase = 'idle';
  private message = '';
  private settings: TrainingSettings | null = null;
  private epochs: EpochPoint[] = [];
  private probes: ProbePoint[] = [];
  private divergences: { epoch: number; message: string }[] = [];
  private live: LiveView | null = null;
  private model: Model | null = null;
  private synthetic: ColumnTable | null = null;
  private paused = false;
  private cancelled = false;
  private wake: (() => void) | null = null;
  private generations = 0;
  /** persistence hook (project-api.ts): called after every counted epoch, between epochs */
  onEpochDone: ((epoch: number) => void | Promise<void>) | null = null;

  constructor(
    private readonly data: TrainingDataSource,
    /** called with each generated table (the synthetic registry) */
    /** told of every generated table; may return the table to keep instead (gan-api.ts drops copies of rare real rows) */
    private readonly onSynthetic: (table: ColumnTable, schema: DatasetSchema) => ColumnTable | void = () => {},
  ) {}

  /** Columns, encoded width and warnings, without fitting anything. Makes the default split if none exists. */
  plan(partial: Partial<TrainingSettings> = {}): TrainingPlan {
    return planTraining(this.data, partial.maxModes ?? resolveTrainingSettings({}).maxModes);
  }

  state(): TrainingState {
    return {
      phase: this.phase,
      message: this.message,
      settings: this.settings,
      epochs: this.epochs.slice(),
      probes: this.probes.slice(),
      divergences: this.divergences.slice(),
      live: this.live,
      backend: tf.getBackend(),
      model: this.modelInfo(),
    };
  }

  modelInfo(): ModelInfo | null {
    const m = this.model;
    if (!m) return null;
    return {
      name: m.name,
      columns: m.transformer.columns.map((c) => ({
        name: c.name,
        role: c.kind === 'continuous' ? c.role : 'categorical',
        labels: c.kind === 'categorical' ? c.labels.filter((_, i) => i !== c.missingIndex) : undefined,
      })),
      encodedWidth: m.transformer.layout.width,
      epochsTrained: m.loaded ? (this.epochs.at(-1)?.epoch ?? 0) : m.trainer.epochsDone,
      usedEpoch: m.usedEpoch,
      trainRows: m.trainRows,
      settings: m.settings,
      loaded: m.loaded,
    };
  }

  isBusy(): boolean {
    return this.phase === 'preparing' || this.phase === 'training' || this.phase === 'paused';
  }

  pause(): void {
    if (this.phase === 'training' || this.phase === 'preparing') this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.wake?.();
  }

  cancel(): void {
    if (!this.isBusy()) return;
    this.cancelled = true;
    this.paused = false;
    this.wake?.();
  }

  /**
   * Train on the train split. Resolves when training ends (finished, cancelled or failed); events
   * arrive through onEvent meanwhile. Refuses to start (needs-confirmation) on a width warning
   * unless acknowledged.
   */
  async train(partial: Partial<TrainingSettings>, onEvent: (e: TrainingEvent) => void, options: TrainOptions = {}): Promise<TrainingOutcome> {
    if (this.isBusy()) throw new Error('Training is already running: pause or cancel it first.');
    const resume = options.resumeFrom ?? null;
    const settings = resolveTrainingSettings(resume ? resume.settings : partial);
    const plan = this.plan(settings);
    if (plan.columns.length === 0) throw new Error(plan.warning ?? 'No modelled column.');
    if (plan.warning && !options.acknowledgeWarning && !resume) return { status: 'needs-confirmation', plan };

    const started = performance.now();
    const emit = (e: TrainingEvent) => {
      try {
        onEvent(e);
      } catch {
        // a closed page must not stop training
      }
    };
    const setPhase = (phase: TrainingPhase, message: string) => {
      this.phase = phase;
      this.message = message;
      emit({ type: 'phase', phase, message });
    };
    this.paused = false;
    this.cancelled = false;
    this.settings = settings;
    this.epochs = [];
    this.probes = [];
    this.divergences = [];
    this.live = null;
    this.synthetic = null;
    this.model?.trainer.dispose();
    this.model = null;
    if (resume) {
      this.epochs = resume.history.epochs.filter((p) => p.epoch <= resume.epoch);
      this.probes = resume.history.probes.filter((p) => p.epoch <= resume.epoch);
      this.divergences = resume.history.divergences.filter((d) => d.epoch <= resume.epoch);
    }

    let trainer: GanTrainer | null = null;
    try {
      setPhase('preparing', `Fitting the data transformer on ${(plan.trainRows - plan.validationRows).toLocaleString('en-US')} training rows (${plan.validationRows.toLocaleString('en-US')} more are held out to choose the checkpoint)…`);
      const { schema: fullSchema } = this.data.cleaned();
      const schema: DatasetSchema = { ...fullSchema, columns: modelledColumns(fullSchema), rowCount: plan.trainRows };
      const train = this.data.trainTable().select(schema.columns.map((c) => c.name));
      // let a pause/cancel message in before the (seconds-long) mixture fits
      await new Promise((r) => setTimeout(r, 0));
      // the validation part of the training rows is held out: the probe chooses checkpoints on it
      const prepared = encodeForTraining(train, schema, {
        seed: settings.seed,
        maxModes: settings.maxModes,
        transformer: resume ? DataTransformer.fromJSON(resume.transformer) : undefined,
      });
      if (this.cancelled) return this.finishCancelled(started, setPhase);
      const { transformer, encoded, sampler } = prepared;
      const n = prepared.rows;
      const layout = transformer.layout;
      const gan = ganPart(settings);
      trainer = createGanTrainer(encoded, n, layout, sampler, gan, createRng(resume ? (settings.seed + resume.epoch) >>> 0 : settings.seed));
      if (resume) {
        trainer.setWeights(resume.weights);
        trainer = offsetTrainer(trainer, resume.epoch);
        setPhase('preparing', `Resuming from the checkpoint of epoch ${resume.epoch} (weights restored; the optimiser's moments restart).`);
      }
      // taken after plan() made the default split; a resumed run learned from the checkpoint's rows
      // too, so its record is kept only when those were the rows of the split in use now
      const now = this.data.provenance?.() ?? null;
      const provenance = resume && checkProvenance(resume.provenance, now).state !== 'match' ? null : now;
      const model: Model = { transformer, trainer, schema, settings, trainRows: n, usedEpoch: null, loaded: false, name: `GAN on ${n} rows`, provenance };
      this.model = model;

      const view: ProbeView = {
        liveColumns: (options.liveColumns ?? plan.liveColumns).filter((c) => schema.columns.some((s) => s.name === c)),
        scatterPair: options.scatterPair === undefined ? plan.scatterPair : options.scatterPair,
        target: plan.target,
      };
      const probe = validationProbe(prepared, schema, settings.seed, view);
      const roleOf = new Map(schema.columns.map((c) => [c.name, c.role]));
      const recent: number[] = [];
      setPhase('training', `Training: ${settings.epochs} epochs of ${trainer.stepsPerEpoch} steps (layout width ${layout.width}).`);

      const loop = await runTrainingLoop(
        trainer,
        probe,
        { epochs: settings.epochs, probeEvery: settings.probeEvery, keepBest: options.keepBest ?? true, probedEpoch: this.probes.at(-1)?.epoch },
        {
          cancelled: () => this.cancelled,
          paused: () => this.paused,
          beforeEpoch: async () => {
            if (!this.paused) return;
            setPhase('paused', `Paused after epoch ${trainer!.epochsDone}. Resume to continue, or generate / save what the model has learned so far.`);
            await new Promise<void>((resolve) => {
              this.wake = resolve;
              if (!this.paused) resolve();
            });
            this.wake = null;
            if (!this.cancelled) setPhase('training', `Training resumed at epoch ${trainer!.epochsDone + 1}.`);
          },
          onDivergence: (epoch, message) => {
            this.divergences.push({ epoch, message });
            emit({ type: 'divergence', epoch, message });
          },
          onEpoch: (r) => {
            recent.push(r.seconds);
            if (recent.length > 5) recent.shift();
            const spe = recent.reduce((s, x) => s + x, 0) / recent.length;
            const point: EpochPoint = {
              epoch: r.epoch,
              epochs: settings.epochs,
              lossG: r.lossG,
              lossD: r.lossD,
              penalty: r.penalty,
              seconds: r.seconds,
              secondsPerEpoch: spe,
              etaSeconds: spe * (settings.epochs - r.epoch),
              elapsedSeconds: (performance.now() - started) / 1000,
            };
            this.epochs.push(point);
            emit({ type: 'epoch', point });
          },
          onProbe: (epoch, p, best) => {
            const point: ProbePoint = { epoch, columnShapes: p.columnShapes, pairTrends: p.pairTrends, score: p.score, best, seconds: p.seconds };
            const live: LiveView = {
              epoch,
              histograms: view.liveColumns.map((c) => compareColumn(c, isNumericRole(roleOf.get(c)!) ? 'continuous' : 'categorical', p.real[c], p.generated[c])),
              scatter: liveScatter(view.scatterPair, p.real, p.generated),
            };
            this.probes.push(point);
            this.live = live;
            emit({ type: 'probe', point, live });
          },
          afterEpoch: async (epoch) => {
            await this.onEpochDone?.(epoch);
          },
        },
      );
      const done = loop.epochsDone;
      model.usedEpoch = loop.usedEpoch;
      const note = loop.restoredBest
        ? ` Using the checkpoint of epoch ${loop.best!.epoch} (best quality probe ${loop.best!.score.toFixed(3)}; the last epoch scored ${loop.lastScore.toFixed(3)}).`
        : '';
      const seconds = (performance.now() - started) / 1000;
      if (this.cancelled) {
        const message = done > 0 ? `Cancelled after ${done} epoch(s); the model as trained so far can still generate.${note}` : 'Cancelled before the first epoch finished.';
        if (done === 0) {
          trainer.dispose();
          this.model = null;
        }
        setPhase('cancelled', message);
        return { status: 'cancelled', message, epochs: done, usedEpoch: done ? model.usedEpoch : null, seconds };
      }
      const message = `Finished ${done} epochs in ${Math.round(seconds)} s.${note}`;
      setPhase('finished', message);
      return { status: 'finished', message, epochs: done, usedEpoch: model.usedEpoch, seconds };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const kept = this.model && this.model.trainer.epochsDone > 0;
      if (!kept) {
        trainer?.dispose();
        this.model = null;
      } else if (this.model) {
        this.model.usedEpoch = this.model.trainer.epochsDone;
      }
      setPhase('failed', message + (kept ? ' The model as trained before the failure can still generate.' : ''));
      return { status: 'failed', message, epochs: kept ? this.model!.trainer.epochsDone : 0, usedEpoch: this.model?.usedEpoch ?? null, seconds: (performance.now() - started) / 1000 };
    } finally {
      this.paused = false;
      this.wake = null;
    }
  }

  private finishCancelled(started: number, setPhase: (p: TrainingPhase, m: string) => void): TrainingOutcome {
    const message = 'Cancelled before training started.';
    setPhase('cancelled', message);
    return { status: 'cancelled', message, epochs: 0, usedEpoch: null, seconds: (performance.now() - started) / 1000 };
  }

  /** Generate n rows in chunks into the current synthetic table. */
  async generate(n: number, options: GenerateOptions = {}, onProgress?: (done: number, total: number) => void): Promise<GenerationSummary> {
    const m = this.model;
    if (!m) throw new Error('No trained model: train one or load a saved model first.');
    if (this.phase === 'training' || this.phase === 'preparing') throw new Error('Training is running: pause it (or wait until it finishes) to generate.');
    if (!Number.isInteger(n) || n < 1) throw new Error(`The number of rows must be a whole number ≥ 1, got ${n}`);
    const fixed = Object.fromEntries(Object.entries(options.fixed ?? {}).filter(([, v]) => v !== undefined && v !== ''));
    const baseSeed = options.seed ?? (m.settings.seed * 1_000_003 + 17 + this.generations++) >>> 0;
    const t0 = performance.now();
    const generated = await generateWithFixedLabels(m, n, fixed, baseSeed, onProgress);
    const { acceptance, forced } = generated;
    const table = this.onSynthetic(generated.table, { ...m.schema, rowCount: n }) ?? generated.table;
    this.synthetic = table;
    const columns = table.columnNames();
    const preview: (string | null)[][] = [];
    for (let i = 0; i < Math.min(5, table.numRows()); i++) preview.push(columns.map((c) => {
      const v = table.column(c)!.at(i);
      return v === null || v === undefined ? null : String(v);
    }));
    return { rows: table.numRows(), columns, seconds: (performance.now() - t0) / 1000, fixed, acceptance, forced, preview };
  }

  /** The model's current weights, transformer and history (persistence, project-api.ts); null without a model. */
  checkpoint(): GanCheckpoint | null {
    const m = this.model;
    if (!m) return null;
    return {
      epoch: m.loaded ? (this.epochs.at(-1)?.epoch ?? 0) : m.trainer.epochsDone,
      settings: m.settings,
      transformer: m.transformer.toJSON(),
      schema: m.schema,
      trainRows: m.trainRows,
      weights: m.trainer.getWeights(),
      usedEpoch: m.usedEpoch,
      history: { epochs: this.epochs.slice(), probes: this.probes.slice(), divergences: this.divergences.slice() },
      provenance: m.provenance,
    };
  }

  syntheticTable(): ColumnTable | null {
    return this.synthetic;
  }

  syntheticCsv(): string {
    if (!this.synthetic || !this.model) throw new Error('Nothing generated yet.');
    return toSafeCsv(this.synthetic, { columns: this.model.schema.columns });
  }

  /** Everything needed to generate later, as plain JSON (weights base64). */
  toModelJSON(name?: string): GanModelJSON {
    const m = this.model;
    if (!m) throw new Error('No trained model to save.');
    return {
      format: 'synthcredit.gan-model',
      version: 1,
      name: name ?? m.name,
      savedAt: new Date().toISOString(),
      schema: m.schema,
      transformer: m.transformer.toJSON(),
      settings: m.settings,
      weights: m.trainer.getWeights().map((w) => ({ name: w.name, shape: w.shape, base64: floatsToBase64(w.data) })),
      history: {
        epochs: this.epochs.slice(),
        probes: this.probes.slice(),
        divergences: this.divergences.slice(),
        usedEpoch: m.usedEpoch,
        trainRows: m.trainRows,
        backend: tf.getBackend(),
      },
      provenance: m.provenance,
    };
  }

  /** What the current model was trained on (null: no model, or unknown). */
  provenance(): DataProvenance | null {
    return this.model?.provenance ?? null;
  }

  /** Replace the current model by a saved one (generation only; training starts afresh). */
  loadModelJSON(input: unknown): ModelInfo {
    if (this.isBusy()) throw new Error('Training is running: cancel it before loading a model.');
    const json = validateModelJSON(input);
    const { transformer, settings, trainer } = ganFromModelFile(json);
    this.model?.trainer.dispose();
    this.model = {
      transformer,
      trainer,
      schema: json.schema,
      settings,
      trainRows: json.history?.trainRows ?? 0,
      usedEpoch: json.history?.usedEpoch ?? null,
      loaded: true,
      name: json.name,
      provenance: json.provenance ?? null,
    };
    this.settings = settings;
    this.epochs = json.history?.epochs ?? [];
    this.probes = json.history?.probes ?? [];
    this.divergences = json.history?.divergences ?? [];
    this.live = null;
    this.synthetic = null;
    this.phase = 'idle';
    this.message = `Loaded "${json.name}" (saved ${json.savedAt}).`;
    return this.modelInfo()!;
  }

  dispose(): void {
    this.cancel();
    this.model?.trainer.dispose();
    this.model = null;
  }
}
