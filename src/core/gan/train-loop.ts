/**
 * The GAN training loop shared by the app's worker (gan-session.ts) and the benchmark
 * (bench/synth-runs.ts): train epoch after epoch, probe every `probeEvery` epochs (and after the
 * last one), keep the weights of the best probe, and at the end use them when they beat the last
 * epoch's. A diverged epoch (the trainer restored its last good weights) is repeated; several in a
 * row stop training with advice. Pause and cancel come in through the hooks, between steps.
 */
import type { EpochResult, GanTrainer, NamedWeight } from './trainer';
import type { ProbeResult, QualityProbe } from './quality-probe';

/** consecutive diverged epochs after which training stops */
export const MAX_DIVERGENCES_IN_A_ROW = 3;

export interface TrainLoopOptions {
  epochs: number;
  /** probe every this many epochs (0: only after the last epoch) */
  probeEvery: number;
  /** at the end, use the checkpoint with the best probe score when it beats the last one (default true) */
  keepBest?: boolean;
  /** the epoch already probed before this loop started (a resumed run), if any */
  probedEpoch?: number;
}

export interface TrainLoopHooks {
  /** cancel: the loop ends after the current step and the model keeps what it learnt */
  cancelled?: () => boolean;
  /** pause: the current epoch ends early (not counted) and beforeEpoch is awaited */
  paused?: () => boolean;
  /** awaited before every epoch (the worker waits here while paused) */
  beforeEpoch?: () => Promise<void>;
  onEpoch?: (r: EpochResult) => void;
  onDivergence?: (epoch: number, message: string) => void;
  onProbe?: (epoch: number, probe: ProbeResult, best: boolean) => void;
  /** awaited after every counted epoch and its probe (the worker saves a checkpoint here) */
  afterEpoch?: (epoch: number) => void | Promise<void>;
}

export interface TrainLoopResult {
  epochsDone: number;
  /** the epoch whose weights the trainer holds at the end */
  usedEpoch: number;
  /** the best probe (its weights are in use when usedEpoch is its epoch) */
  best: { epoch: number; score: number } | null;
  /** the last probe's score (-Infinity without a probe) */
  lastScore: number;
  /** the best checkpoint replaced the last epoch's weights */
  restoredBest: boolean;
}

export async function runTrainingLoop(trainer: GanTrainer, probe: QualityProbe, o: TrainLoopOptions, hooks: TrainLoopHooks = {}): Promise<TrainLoopResult> {
  const cancelled = hooks.cancelled ?? (() => false);
  const paused = hooks.paused ?? (() => false);
  let best: { epoch: number; score: number; weights: NamedWeight[] } | null = null;
  let lastScore = -Infinity;
  let probedEpoch = o.probedEpoch ?? -1;
  let divergedInARow = 0;

  const runProbe = async (epoch: number) => {
    const p = await probe(trainer);
    const isBest = !best || p.score > best.score;
    if (isBest && Number.isFinite(p.score)) best = { epoch, score: p.score, weights: trainer.getWeights() };
    lastScore = p.score;
    probedEpoch = epoch;
    hooks.onProbe?.(epoch, p, isBest);
  };

  while (trainer.epochsDone < o.epochs && !cancelled()) {
    if (hooks.beforeEpoch) {
      await hooks.beforeEpoch();
      if (cancelled()) break;
    }
    const r = await trainer.trainEpoch(() => paused() || cancelled());
    if (r.stopped) continue;
    if (r.restored) {
      divergedInARow++;
      const epoch = trainer.epochsDone + 1;
      hooks.onDivergence?.(
        epoch,
        `The losses exploded during epoch ${epoch}; the last good weights were restored and the epoch is repeated. If this keeps happening, lower the learning rates (e.g. halve lrG and lrD).`,
      );
      if (divergedInARow >= MAX_DIVERGENCES_IN_A_ROW) {
        throw new Error(`Training diverged ${MAX_DIVERGENCES_IN_A_ROW} times in a row at epoch ${epoch}. Lower the learning rates (lrG, lrD) and start again.`);
      }
      continue;
    }
    divergedInARow = 0;
    hooks.onEpoch?.(r);
    if ((o.probeEvery > 0 && r.epoch % o.probeEvery === 0) || r.epoch === o.epochs) await runProbe(r.epoch);
    await hooks.afterEpoch?.(r.epoch);
  }

  const done = trainer.epochsDone;
  if (done > 0 && probedEpoch !== done) await runProbe(done);
  const b = best as { epoch: number; score: number; weights: NamedWeight[] } | null;
  const restoredBest = (o.keepBest ?? true) && b !== null && b.score > lastScore && b.epoch !== done;
  if (restoredBest) trainer.setWeights(b!.weights);
  return { epochsDone: done, usedEpoch: restoredBest ? b!.epoch : done, best: b && { epoch: b.epoch, score: b.score }, lastScore, restoredBest };
}
