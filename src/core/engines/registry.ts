import { arCartEngine } from './ar-cart/ar-cart-engine.ts';
import { dpMstEngine } from './dp/dp-mst-engine.ts';
import { latentClassEngine } from './latent-class/latent-class-engine.ts';
import type { EngineJson, FittedEngine, SynthesisEngine } from './types.ts';

/** Every engine by kind, so the worker can fit or restore any of them the same way. */
export const ENGINES: Record<string, SynthesisEngine<any>> = {
  [arCartEngine.kind]: arCartEngine,
  [latentClassEngine.kind]: latentClassEngine,
  [dpMstEngine.kind]: dpMstEngine,
};

export function engineFromJSON(json: EngineJson): FittedEngine {
  const engine = ENGINES[json?.kind];
  if (!engine) throw new Error(`unknown engine kind "${String(json?.kind)}"`);
  return engine.fromJSON(json);
}
