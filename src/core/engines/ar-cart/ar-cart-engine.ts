import type { ColumnTable } from 'arquero';
import type { DatasetSchema } from '../../data/schema.ts';
import { createRng, shuffledIndices, type Rng } from '../../util/random.ts';
import type { ColumnCoder } from '../column-coder.ts';
import { resolveConditions, sampleByRejection, type Candidates } from '../conditions.ts';
import { codeTable, typedTable, yieldToEventLoop, type Codec, type CodecOptions, type CodedTable } from '../engine-data.ts';
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
import { cartFromJson, cartLeaf, cartToJson, drawFromLeaf, growCart, type CartJson, type CartTree } from './cart.ts';
import { normalScores } from '../normal.ts';
import { fitDonorOffsets } from '../donor-offsets.ts';
import { stretchToRangeEnds } from '../range-ends.ts';
import { rareRowTest } from '../rare-row-guard.ts';

/**
 * Sequential (autoregressive) synthesis by trees, as synthpop's CART method: columns are visited
 * in an order; the first is drawn from its marginal, every later one from the leaf its tree
 * reaches given the values drawn so far. Numbers are modelled through their codes (point masses
 * and quantile bins, column-coder.ts) and get a smoothed value inside the drawn bin. Amounts that
 * are often equal to an earlier one (a repeated bill, a bill paid in full) take that one's value
 * plus a training row's offset instead (donor-offsets.ts), and a training-sized sample reaches
 * out near the ends of each tail (range-ends.ts): without these a full-strength detector told the
 * rows apart by the bill and payment pairs (issue 18).
 */

export interface ArCartOptions extends CodecOptions {
  /** 'target-first' (target, categoricals, then numbers, each in schema order), 'schema', or explicit names */
  order: 'target-first' | 'schema' | string[];
  minLeaf: number;
  maxLeaves: number;
  minGainShare: number;
  /** each tree is grown on at most this many rows (seeded subsample); 0 = all */
  maxRows: number;
  /** keep equal and near amounts between linked columns (donor-offsets.ts) */
  donorOffsets: boolean;
  /** a sample of at least half the training rows, unconditioned, reaches near the training range's ends (range-ends.ts) */
  rangeEnds: boolean;
  seed: number;
}

export const AR_CART_DEFAULTS: Readonly<ArCartOptions> = Object.freeze({
  order: 'target-first',
  rangeBins: 48,
  minLeaf: 20,
  maxLeaves: 400,
  minGainShare: 1e-4,
  maxRows: 0,
  donorOffsets: true,
  rangeEnds: true,
  seed: 0,
});

interface ArCartJson extends EngineJson {
  kind: 'ar-cart';
  version: 1;
  codec: Codec;
  /** column indices in visiting order */
  order: number[];
  /** tree per position in the order; its predictor p is column order[p] */
  trees: CartJson[];
  options: ArCartOptions;
  /** training rows (absent in models saved before range ends: those never stretch) */
  trainRows?: number;
}

function visitingOrder(coded: CodedTable, schema: DatasetSchema, order: ArCartOptions['order']): number[] {
  const names = coded.codec.columns.map((c) => c.name);
  if (Array.isArray(order)) {
    const idx = order.map((n) => names.indexOf(n));
    const bad = order.filter((_, k) => idx[k] < 0);
    if (bad.length > 0) throw new Error(`order names unknown column(s): ${bad.join(', ')}`);
    if (new Set(idx).size !== names.length || idx.length !== names.length) throw new Error('order must name every modelled column once');
    return idx;
  }
  const all = names.map((_, j) => j);
  if (order === 'schema') return all;
  const t = schema.target === null ? -1 : names.indexOf(schema.target);
  const cat = all.filter((j) => j !== t && coded.codec.columns[j].role === 'categorical');
  const num = all.filter((j) => j !== t && coded.codec.columns[j].role !== 'categorical');
  return [...(t >= 0 ? [t] : []), ...cat, ...num];
}

class FittedArCart implements FittedEngine {
  readonly kind = 'ar-cart';
  readonly columns: readonly EngineColumn[];
  private readonly coders: ColumnCoder[];
  constructor(
    private readonly codec: Codec,
    private readonly order: number[],
    private readonly trees: CartTree[],
    private readonly options: ArCartOptions,
    private readonly trainRows: number | undefined,
  ) {
    this.columns = codec.columns;
    this.coders = codec.coders;
  }

  async sample(n: number, conditions?: SampleConditions, seed = 0): Promise<ColumnTable> {
    return (await this.sampleWithStats(n, conditions, seed)).table;
  }

  async sampleWithStats(n: number, conditions: SampleConditions = {}, seed = 0): Promise<SampleOutcome> {
    const resolved = resolveConditions(this.coders, conditions);
    // fixed columns at the head of the order are set, not drawn: exact; any later one is rejection
    let prefix = 0;
    while (prefix < this.order.length && resolved.fixed.has(this.order[prefix])) prefix++;
    const exact = prefix === resolved.fixed.size;
    const generate = (batch: number, rng: Rng): Candidates => this.generate(batch, rng, resolved.fixed);
    const outcome = sampleByRejection(this.codec, n, resolved, exact, generate, seed);
    const unconditioned = resolved.fixed.size === 0 && resolved.ranges.length === 0;
    if (!this.options.rangeEnds || !unconditioned || this.trainRows === undefined || n < this.trainRows / 2) return outcome;
    const values = this.columns.map((c) => Array.from(outcome.table.array(c.name) as ArrayLike<string | number | null>));
    stretchToRangeEnds(this.coders, values, rareRowTest(this.codec.rareRows), createRng(seed + 0x5eed));
    return { ...outcome, table: typedTable(this.columns, values) };
  }

  private generate(batch: number, rng: Rng, fixed: Map<number, number>): Candidates {
    const nCols = this.coders.length;
    const codes = Array.from({ length: nCols }, () => new Uint16Array(batch));
    const ok = new Uint8Array(batch).fill(1);
    const { order, trees } = this;
    let prefix = 0;
    while (prefix < order.length && fixed.has(order[prefix])) prefix++;
    for (let pos = 0; pos < prefix; pos++) codes[order[pos]].fill(fixed.get(order[pos])!);
    let row = 0;
    const codeOf = (p: number): number => codes[order[p]][row];
    for (row = 0; row < batch; row++) {
      for (let pos = prefix; pos < order.length; pos++) {
        const j = order[pos];
        const want = fixed.get(j);
        const tree = trees[pos];
        const c = drawFromLeaf(tree, cartLeaf(tree, codeOf), rng.next());
        codes[j][row] = c;
        if (want !== undefined && c !== want) {
          ok[row] = 0;
          break;
        }
      }
    }
    return { codes, ok };
  }

  toJSON(): ArCartJson {
    return {
      kind: 'ar-cart',
      version: 1,
      columns: this.columns.map((c) => ({ ...c })),
      codec: this.codec,
      order: this.order.slice(),
      trees: this.trees.map(cartToJson),
      options: this.options,
      ...(this.trainRows !== undefined ? { trainRows: this.trainRows } : {}),
    };
  }
}

async function fitArCart(
  train: ColumnTable,
  schema: DatasetSchema,
  partial: Partial<ArCartOptions> = {},
  hooks: FitHooks = {},
): Promise<FittedEngine> {
  const options: ArCartOptions = { ...AR_CART_DEFAULTS, ...partial };
  const coded = codeTable(train, schema, options);
  const order = visitingOrder(coded, schema, options.order);
  const rng = createRng(options.seed);
  const nUse = options.maxRows > 0 ? Math.min(options.maxRows, coded.nRows) : coded.nRows;
  const trees: CartTree[] = [];
  for (let pos = 0; pos < order.length; pos++) {
    if (hooks.shouldStop?.()) throw new EngineStoppedError();
    const j = order[pos];
    hooks.onProgress?.(pos / order.length, `tree for ${coded.codec.columns[j].name} (${pos + 1} of ${order.length})`);
    await yieldToEventLoop();
    const rows = nUse < coded.nRows ? shuffledIndices(coded.nRows, rng).slice(0, nUse) : Int32Array.from({ length: coded.nRows }, (_, i) => i);
    const predictors = order.slice(0, pos).map((k) => coded.codes[k]);
    const predictorCodes = order.slice(0, pos).map((k) => coded.nCodes[k]);
    const ordered = coded.codec.coders[j].kind === 'numeric';
    const score = ordered ? normalScores(coded.codes[j], coded.nCodes[j]) : null;
    trees.push(
      growCart(predictors, predictorCodes, coded.codes[j], coded.nCodes[j], score, rows, {
        minLeaf: options.minLeaf,
        maxLeaves: options.maxLeaves,
        minGainShare: options.minGainShare,
      }),
    );
  }
  if (options.donorOffsets) {
    const values = coded.codec.columns.map((c) => train.array(c.name) as ArrayLike<unknown>);
    coded.codec.offsets = fitDonorOffsets(coded.codec.coders, coded.codes, coded.nCodes, values, order, rng);
  }
  hooks.onProgress?.(1, 'done');
  return new FittedArCart(coded.codec, order, trees, options, coded.nRows);
}

export const arCartEngine: SynthesisEngine<ArCartOptions> = {
  kind: 'ar-cart',
  label: 'Sequential trees (CART)',
  defaultOptions: AR_CART_DEFAULTS,
  fit: fitArCart,
  fromJSON(json: EngineJson): FittedEngine {
    const j = json as ArCartJson;
    if (j.kind !== 'ar-cart' || j.version !== 1) throw new Error('not an ar-cart engine (version 1)');
    return new FittedArCart(j.codec, j.order, j.trees.map(cartFromJson), j.options, j.trainRows);
  },
};
