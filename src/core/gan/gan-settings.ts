/** CTGAN's hyper-parameters (ctgan 0.x defaults); tests shrink the network, the app keeps these. */
export interface GanSettings {
  embeddingDim: number;
  generatorDims: number[];
  discriminatorDims: number[];
  /** samples per PacGAN group; batchSize must be a multiple */
  pac: number;
  batchSize: number;
  epochs: number;
  /** discriminator updates per generator update */
  discriminatorSteps: number;
  lrG: number;
  lrD: number;
  betas: [number, number];
  /** torch Adam weight_decay (L2 added to the gradient), on both networks */
  weightDecay: number;
  gpLambda: number;
  seed: number;
  /** |loss| above this (or NaN) counts as divergence: the last good snapshot is restored */
  divergenceThreshold: number;
  /** dense layers with the transpose+matMul custom gradient (see dense.ts) */
  fastGradient: boolean;
}

export const DEFAULT_GAN_SETTINGS: Readonly<GanSettings> = Object.freeze({
  embeddingDim: 128,
  generatorDims: [256, 256],
  discriminatorDims: [256, 256],
  pac: 10,
  batchSize: 500,
  epochs: 300,
  discriminatorSteps: 1,
  lrG: 2e-4,
  lrD: 2e-4,
  betas: [0.5, 0.9] as [number, number],
  weightDecay: 1e-6,
  gpLambda: 10,
  seed: 0,
  divergenceThreshold: 1e5,
  fastGradient: true,
});

export function resolveGanSettings(partial: Partial<GanSettings> = {}): GanSettings {
  const s: GanSettings = { ...DEFAULT_GAN_SETTINGS, betas: [...DEFAULT_GAN_SETTINGS.betas], ...partial };
  const positiveInt = (name: keyof GanSettings) => {
    const v = s[name] as number;
    if (!Number.isInteger(v) || v < 1) throw new Error(`${name} must be a positive integer, got ${v}`);
  };
  (['embeddingDim', 'pac', 'batchSize', 'epochs', 'discriminatorSteps'] as const).forEach(positiveInt);
  if (s.batchSize % s.pac !== 0) throw new Error(`batchSize ${s.batchSize} must be a multiple of pac ${s.pac}`);
  if ([...s.generatorDims, ...s.discriminatorDims].some((d) => !Number.isInteger(d) || d < 1)) throw new Error('layer widths must be positive integers');
  return s;
}
