import type { ColumnTable } from 'arquero';
import type { DatasetSchema } from '../../data/schema.ts';
import { createRng, shuffledIndices } from '../../util/random.ts';
import { indexAboveCumulative } from '../../util/cumulative-search.ts';
import { codeFrequencies } from '../column-coder.ts';
import { resolveConditions } from '../conditions.ts';
import { sampleExactlyConditioned, type ExactRowDrawer } from '../exact-conditional-sampling.ts';
import { codeTable, yieldToEventLoop, type Codec, type CodecOptions } from '../engine-data.ts';
import {
  EngineStoppedError,
  type EngineColumn,
  type EngineJson,
  type FitHooks,
  type FittedEngine,
  type SampleConditions,
  type SampleOutcome,
  type SynthesisEngine,
} from '../types.ts';

/**
 * A latent class model: a mixture of K components, each a product of independent per-column
 * categorical distributions over the column codes (categories; point masses and quantile bins of
 * numbers, column-coder.ts), fitted by EM. Dependence between columns lives only in which
 * component a row comes from. Conditioning on fixed labels is exact: the component weights are
 * multiplied by P(label | component).
 */

export interface LatentClassOptions extends CodecOptions {
  components: number;
  maxIterations: number;
  /** stop when the mean log-likelihood per row improves by less than this */
  tolerance: number;
  /** pseudo-rows, spread as the column's marginal, added to every component's counts */
  smoothing: number;
  seed: number;
}

export const LATENT_CLASS_DEFAULTS: Readonly<LatentClassOptions> = Object.freeze({
  components: 100,
  maxIterations: 80,
  tolerance: 1e-4,
  smoothing: 1,
  seed: 0,
});

interface LatentClassJson extends EngineJson {
  kind: 'latent-class';
  version: 1;
  codec: Codec;
  weights: number[];
  /** per column: P(code | component), component-major (k * nCodes + code) */
  probabilities: number[][];
  options: LatentClassOptions;
  training: { iterations: number; logLikelihood: number[] };
}

class FittedLatentClass implements FittedEngine {
  readonly kind = 'latent-class';
  readonly columns: readonly EngineColumn[];
  private readonly nCodes: number[];
  /** per column: cumulative P(code | component), component-major */
  private readonly cumulative: Float64Array[];

  constructor(
    private readonly codec: Codec,
    private readonly weights: Float64Array,
    private readonly probabilities: Float64Array[],
    private readonly options: LatentClassOptions,
    private readonly training: LatentClassJson['training'],
  ) {
    this.columns = codec.columns;
    const K = weights.length;
    this.nCodes = probabilities.map((p) => p.length / K);
    this.cumulative = probabilities.map((p, j) => {
      const m = this.nCodes[j];
      const c = new Float64Array(p.length);
      for (let k = 0; k < K; k++) {
        let acc = 0;
        for (let v = 0; v < m; v++) c[k * m + v] = acc += p[k * m + v];
        for (let v = 0; v < m; v++) c[k * m + v] /= acc;
      }
      return c;
    });
  }

  async sample(n: number, conditions?: SampleConditions, seed = 0): Promise<ColumnTable> {
    return (await this.sampleWithStats(n, conditions, seed)).table;
  }

  async sampleWithStats(n: number, conditions: SampleConditions = {}, seed = 0): Promise<SampleOutcome> {
    const resolved = resolveConditions(this.codec.coders, conditions);
    const K = this.weights.length;
    const w = Float64Array.from(this.weights);
    for (const [j, code] of resolved.fixed) {
      const m = this.nCodes[j];
      for (let k = 0; k < K; k++) w[k] *= this.probabilities[j][k * m + code];
    }
    const cum = new Float64Array(K);
    let acc = 0;
    for (let k = 0; k < K; k++) cum[k] = acc += w[k];
    if (!(acc > 0)) throw new Error('the fixed labels have probability 0 under this model');
    for (let k = 0; k < K; k++) cum[k] /= acc;
    // the row's component, then each free column's code given it
    let component = 0;
    const drawer: ExactRowDrawer = {
      drawLatent: (rng) => {
        component = indexAboveCumulative(cum, rng.next());
      },
      drawCode: (j, rng) => {
        const m = this.nCodes[j];
        return indexAboveCumulative(this.cumulative[j], rng.next(), component * m, m);
      },
    };
    return sampleExactlyConditioned(this.codec, n, resolved, drawer, seed);
  }

  toJSON(): LatentClassJson {
    return {
      kind: 'latent-class',
      version: 1,
      columns: this.columns.map((c) => ({ ...c })),
      codec: this.codec,
      weights: Array.from(this.weights),
      probabilities: this.probabilities.map((p) => Array.from(p)),
      options: this.options,
      training: this.training,
    };
  }
}

async function fitLatentClass(
  train: ColumnTable,
  schema: DatasetSchema,
  partial: Partial<LatentClassOptions> = {},
  hooks: FitHooks = {},
): Promise<FittedEngine> {
  const o: LatentClassOptions = { ...LATENT_CLASS_DEFAULTS, ...partial };
  const { codec, codes, nCodes, nRows: n } = codeTable(train, schema, o);
  const J = codes.length;
  const K = Math.max(1, Math.min(o.components, n));
  const rng = createRng(o.seed);
  const marginals = codes.map((c, j) => codeFrequencies(c, nCodes[j]));

  // start: each component centred on a random training row, half its mass on that row's codes
  const logTheta = codes.map((_, j) => new Float64Array(nCodes[j] * K));
  const theta = codes.map((_, j) => new Float64Array(nCodes[j] * K));
  const seeds = shuffledIndices(n, rng).slice(0, K);
  for (let j = 0; j < J; j++) {
    const m = nCodes[j];
    for (let k = 0; k < K; k++) {
      for (let v = 0; v < m; v++) theta[j][k * m + v] = 0.5 * marginals[j][v];
      theta[j][k * m + codes[j][seeds[k]]] += 0.5;
    }
  }
  let logPi = new Float64Array(K).fill(-Math.log(K));
  const resp = new Float64Array(K);
  const counts = codes.map((_, j) => new Float64Array(nCodes[j] * K));
  const mass = new Float64Array(K);
  const logLikelihood: number[] = [];
  let iterations = 0;

  for (let it = 0; it < o.maxIterations; it++) {
    if (hooks.shouldStop?.()) throw new EngineStoppedError();
    // log θ laid out code-major (v * K + k) so a row adds contiguous K-vectors
    for (let j = 0; j < J; j++) {
      const m = nCodes[j];
      for (let k = 0; k < K; k++) for (let v = 0; v < m; v++) logTheta[j][v * K + k] = Math.log(theta[j][k * m + v]);
      counts[j].fill(0);
    }
    mass.fill(0);
    let ll = 0;
    for (let i = 0; i < n; i++) {
      resp.set(logPi);
      for (let j = 0; j < J; j++) {
        const lt = logTheta[j];
        const base = codes[j][i] * K;
        for (let k = 0; k < K; k++) resp[k] += lt[base + k];
      }
      let max = -Infinity;
      for (let k = 0; k < K; k++) if (resp[k] > max) max = resp[k];
      let sum = 0;
      for (let k = 0; k < K; k++) sum += resp[k] = Math.exp(resp[k] - max);
      ll += max + Math.log(sum);
      const inv = 1 / sum;
      for (let k = 0; k < K; k++) {
        const r = resp[k] * inv;
        // negligible responsibilities are skipped: most rows belong to a handful of components
        if (r < 1e-8) continue;
        mass[k] += r;
        for (let j = 0; j < J; j++) counts[j][k * nCodes[j] + codes[j][i]] += r;
      }
    }
    ll /= n;
    logLikelihood.push(ll);
    iterations = it + 1;
    for (let j = 0; j < J; j++) {
      const m = nCodes[j];
      for (let k = 0; k < K; k++) {
        const denom = mass[k] + o.smoothing;
        for (let v = 0; v < m; v++) theta[j][k * m + v] = (counts[j][k * m + v] + o.smoothing * marginals[j][v]) / denom;
      }
    }
    logPi = Float64Array.from(mass, (s) => Math.log((s + 1e-3) / (n + K * 1e-3)));
    hooks.onProgress?.(iterations / o.maxIterations, `EM iteration ${iterations}: mean log-likelihood ${ll.toFixed(4)}`);
    await yieldToEventLoop();
    if (it > 0 && ll - logLikelihood[it - 1] < o.tolerance) break;
  }
  hooks.onProgress?.(1, 'done');
  const weights = Float64Array.from(logPi, Math.exp);
  return new FittedLatentClass(codec, weights, theta, o, { iterations, logLikelihood });
}

export const latentClassEngine: SynthesisEngine<LatentClassOptions> = {
  kind: 'latent-class',
  label: 'Latent class mixture (EM)',
  defaultOptions: LATENT_CLASS_DEFAULTS,
  fit: fitLatentClass,
  fromJSON(json: EngineJson): FittedEngine {
    const j = json as LatentClassJson;
    if (j.kind !== 'latent-class' || j.version !== 1) throw new Error('not a latent-class engine (version 1)');
    return new FittedLatentClass(
      j.codec,
      Float64Array.from(j.weights),
      j.probabilities.map((p) => Float64Array.from(p)),
      j.options,
      j.training,
    );
  },
};
