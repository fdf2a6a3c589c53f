import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { columnByName, type DatasetSchema } from '../../data/schema.ts';
import { createRng, shuffledIndices } from '../../util/random.ts';
import { arCartEngine, type ArCartOptions } from '../ar-cart/ar-cart-engine.ts';
import { cartFromJson, cartToJson, growCart, type CartJson, type CartTree } from '../ar-cart/cart.ts';
import { fitNumericCoder, type CategoricalCoder, type ColumnCoder, type NumericCoder } from '../column-coder.ts';
import { yieldToEventLoop } from '../engine-data.ts';
import { normalScores } from '../normal.ts';
import { EngineStoppedError, type EngineJson, type FitHooks, type FittedEngine } from '../types.ts';
import { groupStreams } from './customer-streams.ts';
import { classCount, classLabel, habitSummaries, kMeansClasses, standardise } from './customer-classes.ts';
import { habitVariables } from './habits.ts';
import { eventTrainingCodes } from './event-training-codes.ts';
import { planEventColumns, type EventColumnPlan } from './event-plan.ts';
import { fitProfilePredictor } from './profile-predictors.ts';
import { CLASS, EVENTS, FIRST_TIME, SPAN_DAYS, TARGET_EVENTS, TARGET_START, buildProfileTable, modelledProfileColumns } from './profile-table.ts';
import { generateStream, type CustomerPlan, type StreamSkeleton } from './stream-generator.ts';
import { fitDaySkeleton, type DaySkeleton } from './day-skeleton.ts';
import { layoutCodeCounts, layoutOffsets, MS_PER_DAY, SECONDS_PER_DAY, type StreamLayout } from './stream-layout.ts';
import { streamSpecProblems, type StreamSpec } from './stream-spec.ts';

/**
 * Customers and their transaction streams. Profiles (one row per customer, with the number of
 * events, the first event's time, the active span, the target episode and the customer's latent
 * class of habits as attributes) are synthesized by the tabular engine (ar-cart); each synthetic
 * customer's ordinary events are then placed on days drawn for the whole stream at once (the day
 * skeleton: the span and number of events fix the pace, the class its weekdays), and every event
 * variable is drawn in time order from a CART tree conditioned on the profile, the class and the
 * recent history (stream-layout.ts), so spending habits and fraud episodes carry over along a
 * stream and each synthetic customer keeps one customer's habits from its first event to its last.
 */

export interface SequentialOptions {
  seed: number;
  /** event trees: rows in a leaf at least */
  minLeaf: number;
  maxLeaves: number;
  minGainShare: number;
  /** each event tree is grown on at most this many events (seeded subsample); 0 = all */
  maxRows: number;
  /** quantile bins of event numbers */
  rangeBins: number;
  /** quantile bins of the time of day */
  todBins: number;
  /** ordinary events' days from a day skeleton (day-skeleton.ts) rather than event-by-event gaps */
  skeleton: boolean;
  /** latent customer classes (customer-classes.ts): how many; 0 = none, -1 = chosen from the number of customers */
  classes: number;
  /** settings of the profile engine */
  profile: Partial<ArCartOptions>;
}

export const SEQUENTIAL_DEFAULTS: Readonly<SequentialOptions> = Object.freeze({
  seed: 0,
  minLeaf: 40,
  maxLeaves: 300,
  minGainShare: 1e-4,
  maxRows: 80_000,
  rangeBins: 48,
  todBins: 96,
  classes: -1,
  skeleton: true,
  // few customers: a value five of them share is a point mass (spans of the whole period, fraud counts)
  profile: { minLeaf: 5, maxLeaves: 60, pointMinCount: 5, pointMinShare: 0.04 },
});

/** The synthetic customers (`__customer` numbers them) and their events, as typed tables. */
export interface SyntheticStreams {
  /** `__customer`, then the modelled profile columns */
  customers: ColumnTable;
  /** `__customer`, the time column, then the modelled event columns in the spec's order */
  events: ColumnTable;
}

export const CUSTOMER = '__customer';

interface SequentialJson extends EngineJson {
  kind: 'sequential';
  version: 1;
  spec: StreamSpec;
  targetColumn: string | null;
  profileEngine: EngineJson;
  layout: StreamLayout;
  /** every modelled event column's plan, time-derived ones included, in the spec's order */
  plans: EventColumnPlan[];
  trees: (CartJson | null)[];
  /** trees grown on the target's positive events only (empty without a target) */
  targetTrees: (CartJson | null)[];
  options: SequentialOptions;
  /** the time skeleton of ordinary events (absent in engines saved before it existed) */
  skeleton?: { days: DaySkeleton; todTree: CartJson; group: number } | null;
}

export class FittedSequential {
  readonly kind = 'sequential';
  constructor(
    readonly spec: StreamSpec,
    private readonly targetColumn: string | null,
    private readonly profileEngine: FittedEngine,
    private readonly layout: StreamLayout,
    private readonly plans: EventColumnPlan[],
    private readonly trees: (CartTree | null)[],
    private readonly targetTrees: (CartTree | null)[],
    private readonly options: SequentialOptions,
    private readonly skeleton: StreamSkeleton | null = null,
  ) {}

  /** n synthetic customers with their streams; same seed → same output. */
  async sample(nCustomers: number, seed = 0, hooks: FitHooks = {}): Promise<SyntheticStreams> {
    const profiles = await this.profileEngine.sample(nCustomers, undefined, seed);
    const rng = createRng((seed ^ 0x5bd1e995) >>> 0);
    const profileNames = profiles.columnNames().filter((n) => !n.startsWith('__'));
    const cols = profiles.columnNames().map((n) => [n, profiles.array(n) as ArrayLike<string | number | null>] as const);
    const byName = Object.fromEntries(cols);
    const customer: number[] = [];
    const time: number[] = [];
    const eventValues = this.plans.map(() => [] as (string | number | null)[]);
    const varIndex = new Map(this.layout.variables.map((v, j) => [v.name, j]));
    for (let c = 0; c < nCustomers; c++) {
      if (hooks.shouldStop?.()) throw new EngineStoppedError();
      if (c % 50 === 0) {
        hooks.onProgress?.(c / nCustomers, `customer ${c + 1} of ${nCustomers}`);
        await yieldToEventLoop();
      }
      const events = Math.max(1, Math.round(Number(byName[EVENTS][c] ?? 1)));
      const targetEvents = byName[TARGET_EVENTS] ? Math.max(0, Math.round(Number(byName[TARGET_EVENTS][c] ?? 0))) : 0;
      const share = byName[TARGET_START] ? Number(byName[TARGET_START][c] ?? 0) : 0;
      const plan: CustomerPlan = {
        profile: { ...Object.fromEntries(profileNames.map((n) => [n, byName[n][c]])), [EVENTS]: events, [CLASS]: byName[CLASS]?.[c] ?? null },
        events,
        firstTime: Number(byName[FIRST_TIME][c]),
        lastTime: Number(byName[FIRST_TIME][c]) + Math.max(0, Number(byName[SPAN_DAYS][c] ?? 0)) * 864e5,
        targetEvents,
        targetStart: Math.floor(Math.max(0, Math.min(1, share)) * events),
      };
      for (const e of generateStream(plan, this.layout, this.trees, this.targetTrees, rng, this.skeleton)) {
        customer.push(c);
        time.push(e.time);
        this.plans.forEach((p, k) => {
          if (p.name === this.targetColumn) eventValues[k].push(e.target);
          else if (p.how === 'time') eventValues[k].push(p.integer ? Math.round(e.time * p.scale) : e.time * p.scale);
          else eventValues[k].push(e.values[varIndex.get(p.name)!]);
        });
      }
    }
    hooks.onProgress?.(1, 'done');
    const customers = aq.table({ [CUSTOMER]: Array.from({ length: nCustomers }, (_, i) => i), ...Object.fromEntries(profileNames.map((n) => [n, Array.from(byName[n])])) }, [CUSTOMER, ...profileNames]);
    const data: Record<string, unknown[]> = { [CUSTOMER]: customer, [this.spec.time]: time };
    this.plans.forEach((p, k) => (data[p.name] = eventValues[k]));
    return { customers, events: aq.table(data, [CUSTOMER, this.spec.time, ...this.plans.map((p) => p.name)]) };
  }

  toJSON(): SequentialJson {
    return {
      kind: 'sequential',
      version: 1,
      columns: [],
      spec: this.spec,
      targetColumn: this.targetColumn,
      profileEngine: this.profileEngine.toJSON(),
      layout: this.layout,
      plans: this.plans,
      trees: this.trees.map((t) => (t ? cartToJson(t) : null)),
      targetTrees: this.targetTrees.map((t) => (t ? cartToJson(t) : null)),
      options: this.options,
      skeleton: this.skeleton ? { days: this.skeleton.days, todTree: cartToJson(this.skeleton.todTree), group: this.skeleton.group } : null,
    };
  }
}

export function sequentialFromJSON(json: EngineJson): FittedSequential {
  const j = json as SequentialJson;
  if (j.kind !== 'sequential' || j.version !== 1) throw new Error('not a sequential engine (version 1)');
  return new FittedSequential(j.spec, j.targetColumn, arCartEngine.fromJSON(j.profileEngine), j.layout, j.plans, j.trees.map((t) => (t ? cartFromJson(t) : null)), j.targetTrees.map((t) => (t ? cartFromJson(t) : null)), j.options, j.skeleton ? { days: j.skeleton.days, todTree: cartFromJson(j.skeleton.todTree), group: j.skeleton.group } : null);
}

function targetOf(schema: DatasetSchema, spec: StreamSpec): { column: string; positive: string } | null {
  const t = schema.target;
  if (!t || !spec.event.includes(t) || schema.positiveLabel === null) return null;
  return columnByName(schema, t)?.role === 'categorical' ? { column: t, positive: schema.positiveLabel } : null;
}

export async function fitSequential(
  table: ColumnTable,
  schema: DatasetSchema,
  spec: StreamSpec,
  partial: Partial<SequentialOptions> = {},
  hooks: FitHooks = {},
): Promise<FittedSequential> {
  const options: SequentialOptions = { ...SEQUENTIAL_DEFAULTS, ...partial, profile: { ...SEQUENTIAL_DEFAULTS.profile, ...partial.profile } };
  const problems = streamSpecProblems(spec, table, schema);
  if (problems.length > 0) throw new Error(problems.join('; '));
  const stop = () => {
    if (hooks.shouldStop?.()) throw new EngineStoppedError();
  };
  hooks.onProgress?.(0, 'grouping events per customer');
  const streams = groupStreams(table, spec.key, spec.time);
  if (streams.rows.length < 2) throw new Error('customers-and-transactions mode needs at least 2 customers');
  const target = targetOf(schema, spec);
  const profileCols = modelledProfileColumns(schema, spec.profile);
  const plans = planEventColumns(table, schema, spec.event, profileCols.filter((c) => c.role === 'continuous').map((c) => c.name), spec.time, streams, { rangeBins: options.rangeBins });
  // the classes group customers by the event columns that would keep a habit (few labels, or plain numbers)
  const modelled = plans.filter((p): p is Extract<EventColumnPlan, { how: 'plain' | 'anchored' }> => p.how !== 'time' && p.name !== target?.column);
  const habitCols = habitVariables({ variables: modelled })
    .map((j) => modelled[j])
    .filter((p): p is Extract<EventColumnPlan, { how: 'plain' }> => p.how === 'plain');
  const k = options.classes < 0 ? classCount(streams.rows.length) : options.classes;
  const habitColumns = { categorical: habitCols.filter((p) => p.coder.kind === 'categorical').map((p) => p.name), numeric: habitCols.filter((p) => p.coder.kind === 'numeric').map((p) => p.name) };
  const classes = k > 1 ? Array.from(kMeansClasses(standardise(habitSummaries(table, spec.time, streams, habitColumns)), k, options.seed), classLabel) : null;
  const profile = buildProfileTable(table, schema, spec.profile, spec.time, streams, target, classes);
  stop();
  hooks.onProgress?.(0.02, `profiles of ${streams.rows.length} customers`);
  const profileEngine = await arCartEngine.fit(profile.table, profile.schema, { ...options.profile, seed: options.seed });
  stop();
  const firstRows = Int32Array.from(streams.rows, (r) => r[0]);
  const perCustomer: Record<string, (string | number | null)[]> = { [EVENTS]: streams.rows.map((r) => r.length) };
  if (classes) perCustomer[CLASS] = classes;
  const predictors = [...profileCols.map((c) => ({ name: c.name, role: c.role })), { name: EVENTS, role: 'continuous' }, ...(classes ? [{ name: CLASS, role: 'categorical' }] : [])]
    .map((c) => {
      const column = c.name in perCustomer ? null : (table.array(c.name) as ArrayLike<string | number | null>);
      const values = column === null ? perCustomer[c.name] : Array.from(firstRows, (i) => column[i]);
      return fitProfilePredictor(c.name, c.role, values);
    })
    .filter((p): p is NonNullable<typeof p> => p !== null);
  const targetPlan = target ? plans.find((p) => p.name === target.column) : undefined;
  let targetLayout: StreamLayout['target'] = null;
  if (target && targetPlan && targetPlan.how === 'plain' && targetPlan.coder.kind === 'categorical') {
    const coder = targetPlan.coder as CategoricalCoder;
    const positive = coder.labels.indexOf(target.positive);
    const negative = coder.labels.findIndex((l) => l !== target.positive);
    if (positive >= 0 && negative >= 0) targetLayout = { coder, positive, negative };
  }
  const variables = plans.filter((p): p is Extract<EventColumnPlan, { how: 'plain' | 'anchored' }> => p.how !== 'time' && !(targetLayout && p.name === target!.column));
  // categorical event columns first, fewer labels first (category before merchant before amount):
  // a coarse column drawn first carries the customer's habits (its tree splits on the class), a
  // fine one drawn first from hundreds of labels leaves the coarse one no choice
  variables.sort((a, b) => (a.coder.kind === b.coder.kind ? labelCount(a.coder) - labelCount(b.coder) : a.coder.kind === 'categorical' ? -1 : 1));
  const gapCoder = fitNumericCoder({ name: 'gap_days', role: 'continuous', integer: true }, gapDaysOf(table, spec.time, streams), { rangeBins: 24, pointMinShare: 0.001, pointMinCount: 5 });
  const todCoder = fitNumericCoder({ name: 'time_of_day', role: 'continuous', integer: true }, timesOfDay(table, spec.time, streams), { rangeBins: options.todBins });
  const layout: StreamLayout = { profile: predictors, variables, target: targetLayout, gapCoder: gapCoder as NumericCoder, todCoder: todCoder as NumericCoder, habits: !classes };
  hooks.onProgress?.(0.08, 'coding the events');
  await yieldToEventLoop();
  const codes = eventTrainingCodes(table, spec.time, streams, layout, targetLayout ? target!.column : null, classes ? { [CLASS]: classes } : {});
  const o = layoutOffsets(layout);
  const nCodes = layoutCodeCounts(layout);
  const drawn = [o.weekday, o.gap, o.tod, ...variables.map((_, v) => o.firstVariable + v)];
  const trees: (CartTree | null)[] = new Array(o.length).fill(null);
  const targetTrees: (CartTree | null)[] = new Array(targetLayout ? o.length : 0).fill(null);
  const rng = createRng(options.seed);
  for (let k = 0; k < drawn.length; k++) {
    stop();
    const pos = drawn[k];
    const what = pos === o.weekday ? 'weekday' : pos === o.gap ? 'days between events' : pos === o.tod ? 'time of day' : variables[pos - o.firstVariable].name;
    hooks.onProgress?.(0.1 + (0.9 * k) / drawn.length, `tree for ${what} (${k + 1} of ${drawn.length})`);
    await yieldToEventLoop();
    // weekday, gap and time of day are drawn only for events that follow another
    const eligible: number[] = [];
    for (let e = 0; e < codes.nEvents; e++) if (pos > o.tod || codes.position[e] > 0) eligible.push(e);
    let rows = Int32Array.from(eligible);
    if (options.maxRows > 0 && rows.length > options.maxRows) {
      const pick = shuffledIndices(rows.length, rng).slice(0, options.maxRows);
      rows = Int32Array.from(pick, (i) => eligible[i]);
    }
    const isNumber = pos === o.gap || pos === o.tod || variables[pos - o.firstVariable]?.coder.kind === 'numeric';
    const grow = (part: Int32Array, minLeaf: number) =>
      growCart(codes.codes.slice(0, pos), nCodes.slice(0, pos), codes.codes[pos], nCodes[pos], isNumber ? normalScores(codes.codes[pos], nCodes[pos]) : null, part, {
        minLeaf,
        maxLeaves: options.maxLeaves,
        minGainShare: options.minGainShare,
      });
    if (!targetLayout) {
      trees[pos] = grow(rows, options.minLeaf);
      continue;
    }
    // target events (fraud) get trees of their own: they are rare, and a split on the target
    // competes with hundreds of others in one tree (a night-time fraud hour is no "mean" split)
    const y = codes.codes[o.target];
    const positive = Int32Array.from(eligible.filter((e) => y[e] === targetLayout!.positive));
    trees[pos] = grow(rows.filter((e) => y[e] !== targetLayout!.positive), options.minLeaf);
    targetTrees[pos] = positive.length > 0 ? grow(positive, Math.max(5, Math.round(options.minLeaf / 4))) : null;
  }
  stop();
  hooks.onProgress?.(0.99, 'days of the ordinary events');
  const skeleton = options.skeleton ? fitSkeleton(table, spec.time, streams, layout, codes, nCodes, targetLayout, options) : null;
  hooks.onProgress?.(1, 'done');
  return new FittedSequential(spec, targetLayout ? target!.column : null, profileEngine, layout, plans, trees, targetTrees, options, skeleton);
}

/** The day skeleton and the profile-only time-of-day tree, from the ordinary (non-target) events. */
function fitSkeleton(
  table: ColumnTable,
  time: string,
  streams: ReturnType<typeof groupStreams>,
  layout: StreamLayout,
  codes: ReturnType<typeof eventTrainingCodes>,
  nCodes: number[],
  targetLayout: StreamLayout['target'],
  options: SequentialOptions,
): StreamSkeleton {
  const o = layoutOffsets(layout);
  const t = table.array(time) as ArrayLike<number>;
  const group = layout.profile.findIndex((p) => p.name === CLASS);
  const ordinary = (e: number) => !targetLayout || codes.codes[o.target][e] !== targetLayout.positive;
  const days: number[] = [];
  const groups: number[] = [];
  const spans: [number, number][] = [];
  const rows: number[] = [];
  let e = 0;
  for (const r of streams.rows) {
    let a = Infinity;
    let b = -Infinity;
    for (let p = 0; p < r.length; p++, e++) {
      if (!ordinary(e)) continue;
      const d = Math.floor(t[r[p]] / MS_PER_DAY);
      days.push(d);
      groups.push(group >= 0 ? codes.codes[group][e] : 0);
      rows.push(e);
      a = Math.min(a, d);
      b = Math.max(b, d);
    }
    if (a <= b) spans.push([a, b]);
  }
  const nGroups = group >= 0 ? nCodes[group] : 1;
  const rng = createRng(options.seed ^ 0x2545f491);
  let part = Int32Array.from(rows);
  if (options.maxRows > 0 && part.length > options.maxRows) part = Int32Array.from(shuffledIndices(part.length, rng).slice(0, options.maxRows), (i) => rows[i]);
  const todTree = growCart(codes.codes.slice(0, o.nProfile), nCodes.slice(0, o.nProfile), codes.codes[o.tod], nCodes[o.tod], normalScores(codes.codes[o.tod], nCodes[o.tod]), part, {
    minLeaf: options.minLeaf,
    maxLeaves: options.maxLeaves,
    minGainShare: options.minGainShare,
  });
  return { days: fitDaySkeleton(days, groups, nGroups, spans), todTree, group };
}

function labelCount(c: ColumnCoder): number {
  return c.kind === 'categorical' ? c.labels.length : 0;
}

function gapDaysOf(table: ColumnTable, time: string, streams: ReturnType<typeof groupStreams>): number[] {
  const t = table.array(time) as ArrayLike<number>;
  const out: number[] = [];
  for (const r of streams.rows) for (let p = 1; p < r.length; p++) out.push(Math.floor(t[r[p]] / 864e5) - Math.floor(t[r[p - 1]] / 864e5));
  return out.length > 0 ? out : [0];
}

function timesOfDay(table: ColumnTable, time: string, streams: ReturnType<typeof groupStreams>): number[] {
  const t = table.array(time) as ArrayLike<number>;
  const out: number[] = [];
  for (const r of streams.rows) for (const i of r) out.push(Math.floor((((t[i] % 864e5) + 864e5) % 864e5) / 1000) % SECONDS_PER_DAY);
  return out;
}
