import type { Rng } from '../util/random.ts';
import { sampleByRejection, type Candidates, type ResolvedConditions } from './conditions.ts';
import type { Codec } from './engine-data.ts';
import type { SampleOutcome } from './types.ts';

/**
 * How a model that conditions exactly on fixed labels draws one row: first its latent part (a
 * mixture component, a tree's group states; the model's weights already hold the evidence of the
 * fixed labels), then the code of every free column given it.
 */
export interface ExactRowDrawer {
  /** draw the row's latent part; the drawer keeps it until the next call */
  drawLatent(rng: Rng): void;
  /** the code of free column j given the latent part */
  drawCode(column: number, rng: Rng): number;
}

/**
 * n rows from an exactly conditioning model: fixed columns take their label and draw nothing, so no
 * candidate misses a fixed label; ranges and the copy guard still reject (sampleByRejection).
 */
export function sampleExactlyConditioned(codec: Codec, n: number, resolved: ResolvedConditions, drawer: ExactRowDrawer, seed: number): SampleOutcome {
  const nCols = codec.coders.length;
  const generate = (batch: number, rng: Rng): Candidates => {
    const codes = Array.from({ length: nCols }, () => new Uint16Array(batch));
    for (let i = 0; i < batch; i++) {
      drawer.drawLatent(rng);
      for (let j = 0; j < nCols; j++) {
        const fixed = resolved.fixed.get(j);
        codes[j][i] = fixed !== undefined ? fixed : drawer.drawCode(j, rng);
      }
    }
    return { codes, ok: new Uint8Array(batch).fill(1) };
  };
  return sampleByRejection(codec, n, resolved, true, generate, seed);
}
