/** Starting a trainer from a checkpoint: its epoch count continues from the checkpoint's epoch. */
import type { GanTrainer } from '../core/gan/trainer';

/** A trainer whose epoch count starts at `offset` (a resumed run counts on from its checkpoint). */
export function offsetTrainer(t: GanTrainer, offset: number): GanTrainer {
  return {
    settings: t.settings,
    get epochsDone() {
      return t.epochsDone + offset;
    },
    stepsPerEpoch: t.stepsPerEpoch,
    trainEpoch: async (shouldStop) => {
      const r = await t.trainEpoch(shouldStop);
      return { ...r, epoch: r.epoch + offset };
    },
    sample: (n, c, seed) => t.sample(n, c, seed),
    getWeights: () => t.getWeights(),
    setWeights: (w) => t.setWeights(w),
    dispose: () => t.dispose(),
  };
}
