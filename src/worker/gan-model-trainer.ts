/** A generation-only GAN rebuilt from a saved model file: the Train screen's loaded model and the Generate step's copy. */
import { DataTransformer } from '../core/transform/data-transformer';
import { ConditionalSampler } from '../core/gan/conditional-sampler';
import { createGanTrainer, type GanTrainer } from '../core/gan/trainer';
import { createRng } from '../core/util/random';
import { ganPart, resolveTrainingSettings, type TrainingSettings } from './gan-settings-presets';
import { base64ToFloats, type GanModelJSON } from './gan-model-file';

export interface RebuiltGan {
  transformer: DataTransformer;
  settings: TrainingSettings;
  /** holds the saved weights and no training rows; the caller disposes it */
  trainer: GanTrainer;
}

/** Throws a message a user can act on when the weights do not fit the file's own settings. */
export function ganFromModelFile(json: GanModelJSON): RebuiltGan {
  const transformer = DataTransformer.fromJSON(json.transformer);
  const settings = resolveTrainingSettings(json.settings);
  const layout = transformer.layout;
  const sampler = layout.condWidth > 0 ? ConditionalSampler.fromCategoryCounts(layout, transformer.categoryCounts()) : null;
  const trainer = createGanTrainer(new Float32Array(0), 0, layout, sampler, ganPart(settings), createRng(settings.seed));
  try {
    trainer.setWeights(json.weights.map((w) => ({ name: w.name, shape: w.shape, data: base64ToFloats(w.base64) })));
  } catch (e) {
    trainer.dispose();
    throw new Error(`The model's weights do not fit its settings: ${(e as Error).message}`);
  }
  return { transformer, settings, trainer };
}
