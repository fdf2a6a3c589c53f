export type {
  EngineColumn,
  EngineJson,
  FitHooks,
  FittedEngine,
  SampleConditions,
  SampleOutcome,
  SampleStats,
  SynthesisEngine,
  ValueRange,
} from './types.ts';
export { EngineConditionError, EngineStoppedError } from './types.ts';
export { ENGINES, engineFromJSON } from './registry.ts';
export { arCartEngine, AR_CART_DEFAULTS, type ArCartOptions } from './ar-cart/ar-cart-engine.ts';
export { latentClassEngine, LATENT_CLASS_DEFAULTS, type LatentClassOptions } from './latent-class/latent-class-engine.ts';
export { modelledColumns, type CodecOptions } from './engine-data.ts';
export { dpMstEngine, DP_MST_DEFAULTS, type DpMstOptions } from './dp/dp-mst-engine.ts';
export type { DpGuarantee, DpMeasurement } from './dp/guarantee.ts';
