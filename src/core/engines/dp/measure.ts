import type { Rng } from '../../util/random.ts';
import { EngineStoppedError, type EngineColumn, type FitHooks } from '../types.ts';
import { exponentialEpsilon, gaussianSigma } from './accounting.ts';
import { fitClassTreeModel, type ClassTreeModelJson } from './class-tree-model.ts';
import { compressDomain, type CompressedDomain } from './compress-domain.ts';
import type { DpMeasurement } from './guarantee.ts';
import { oneWayCounts, twoWayCounts } from './marginals.ts';
import { noisyCounts } from './noise.ts';
import { selectTree } from './select-tree.ts';
import { projectToSimplex } from './simplex-projection.ts';
import { fitTreeModel, type NoisyOneWay, type NoisyTwoWay, type TreeModelJson } from './tree-model.ts';

/**
 * The measurements of the DP engine after the bins (steps 1-3 of dp-mst-engine.ts), for the two
 * structures: MST's spanning tree over all columns, or the tree over the other columns with the
 * target in every measured marginal (class-tree-model.ts). Each spends exactly the rho it is given.
 */
export type DpModel = { kind: 'tree'; tree: TreeModelJson } | { kind: 'class-tree'; classTree: ClassTreeModelJson };

export interface Measured {
  domains: CompressedDomain[];
  model: DpModel;
  measurements: DpMeasurement[];
}

export interface MeasureShares {
  oneWayShare: number;
  selectShare: number;
}

type Step = (fraction: number, message: string) => Promise<void>;

export async function measureTree(columns: EngineColumn[], codes: Uint16Array[], sizes: number[], rho: number, o: MeasureShares, rng: Rng, step: Step, hooks: FitHooks): Promise<Measured> {
  const d = columns.length;
  const measurements: DpMeasurement[] = [];
  const rhoOneWay = d > 1 ? rho * o.oneWayShare : rho;
  const sigma1 = gaussianSigma(rhoOneWay / d);
  const domains: CompressedDomain[] = [];
  const oneWay: NoisyOneWay[] = [];
  for (let j = 0; j < d; j++) {
    await step(0.3 + (0.1 * j) / d, `One-way marginal of ${columns[j].name}`);
    const noisy = noisyCounts(oneWayCounts(codes[j], sizes[j]), sigma1, rng);
    measurements.push({ step: 'one-way', columns: [columns[j].name], mechanism: 'gaussian', rho: rhoOneWay / d, sigma: sigma1, cells: sizes[j] });
    const dom = compressDomain(noisy, sigma1);
    domains.push(dom);
    oneWay.push(grouped(noisy, dom, sigma1));
  }
  const groupSizes = domains.map((dm) => dm.groups);
  const pairs: NoisyTwoWay[] = [];
  if (d > 1) {
    await step(0.4, 'Choosing the pairs (exponential mechanism)');
    const total = oneWay.reduce((s, m) => s + sum(m.counts), 0) / d;
    const p = oneWay.map((m) => shares(m.counts, total));
    const table = (a: number, b: number) => twoWayCounts(codes[a], domains[a].groupOf, groupSizes[a], codes[b], domains[b].groupOf, groupSizes[b]);
    const score = (a: number, b: number): number => {
      const t = table(a, b);
      const kb = groupSizes[b];
      let l1 = 0;
      for (let x = 0; x < groupSizes[a]; x++) for (let y = 0; y < kb; y++) l1 += Math.abs(t[x * kb + y] - total * p[a][x] * p[b][y]);
      return l1;
    };
    const rhoSelect = rho * o.selectShare;
    const epsSelect = exponentialEpsilon(rhoSelect / (d - 1));
    const edges = selectTree(d, score, epsSelect, rng, hooks.shouldStop);
    if (edges.length < d - 1) throw new EngineStoppedError();
    measurements.push({ step: 'select', columns: columns.map((c) => c.name), mechanism: 'exponential', rho: rhoSelect, epsilonEach: epsSelect, uses: d - 1 });
    const rhoTwoWay = rho - rhoOneWay - rhoSelect;
    const sigma2 = gaussianSigma(rhoTwoWay / (d - 1));
    for (let e = 0; e < edges.length; e++) {
      const [a, b] = edges[e];
      await step(0.5 + (0.4 * e) / edges.length, `Two-way marginal ${columns[a].name} × ${columns[b].name}`);
      const t = table(a, b);
      pairs.push({ a, b, counts: noisyCounts(t, sigma2, rng), variance: sigma2 * sigma2 });
      measurements.push({ step: 'two-way', columns: [columns[a].name, columns[b].name], mechanism: 'gaussian', rho: rhoTwoWay / (d - 1), sigma: sigma2, cells: t.length });
    }
  }
  await step(0.92, 'Fitting the tree model to the noisy marginals');
  return { domains, model: { kind: 'tree', tree: fitTreeModel(groupSizes, oneWay, pairs) }, measurements };
}

export async function measureClassTree(
  columns: EngineColumn[],
  codes: Uint16Array[],
  sizes: number[],
  target: number,
  rho: number,
  o: MeasureShares,
  rng: Rng,
  step: Step,
  hooks: FitHooks,
): Promise<Measured> {
  const d = columns.length;
  const features = columns.map((_, j) => j).filter((j) => j !== target);
  const f = features.length;
  const kt = sizes[target];
  const measurements: DpMeasurement[] = [];
  const identity = Array.from({ length: kt }, (_, c) => c);
  const targetDomain: CompressedDomain = { groupOf: identity, groups: kt, members: identity.map((c) => [c]), cumulative: identity.map(() => [1]) };
  const domains: CompressedDomain[] = new Array(d);
  domains[target] = targetDomain;
  // 1. (target × feature) for every feature
  const rhoOneWay = rho * o.oneWayShare;
  const sigma1 = gaussianSigma(rhoOneWay / f);
  const slices: NoisyOneWay[][] = Array.from({ length: kt }, () => new Array(f));
  for (let i = 0; i < f; i++) {
    const j = features[i];
    await step(0.3 + (0.1 * i) / f, `Marginal ${columns[target].name} × ${columns[j].name}`);
    const noisy = noisyCounts(twoWayCounts(codes[target], identity, kt, codes[j], Array.from({ length: sizes[j] }, (_, c) => c), sizes[j]), sigma1, rng);
    measurements.push({ step: 'one-way', columns: [columns[target].name, columns[j].name], mechanism: 'gaussian', rho: rhoOneWay / f, sigma: sigma1, cells: noisy.length });
    const marginal = new Float64Array(sizes[j]);
    for (let c = 0; c < kt; c++) for (let v = 0; v < sizes[j]; v++) marginal[v] += noisy[c * sizes[j] + v];
    const dom = compressDomain(marginal, sigma1 * Math.sqrt(kt));
    domains[j] = dom;
    for (let c = 0; c < kt; c++) slices[c][i] = grouped(noisy.subarray(c * sizes[j], (c + 1) * sizes[j]), dom, sigma1);
  }
  const fSizes = features.map((j) => domains[j].groups);
  // 2. the tree over the features: the pairs the class-conditional independent model gets most wrong
  await step(0.4, 'Choosing the pairs (exponential mechanism)');
  const classTotal = slices.map((s) => s.reduce((acc, m) => acc + sum(m.counts), 0) / f);
  const p = slices.map((s, c) => s.map((m) => shares(m.counts, classTotal[c])));
  const triple = (a: number, b: number) => {
    const ja = features[a];
    const jb = features[b];
    const ka = fSizes[a];
    const kb = fSizes[b];
    const out = new Float64Array(kt * ka * kb);
    const ga = domains[ja].groupOf;
    const gb = domains[jb].groupOf;
    const ct = codes[target];
    const ca = codes[ja];
    const cb = codes[jb];
    for (let r = 0; r < ct.length; r++) out[(ct[r] * ka + ga[ca[r]]) * kb + gb[cb[r]]]++;
    return out;
  };
  const score = (a: number, b: number): number => {
    const t = triple(a, b);
    const ka = fSizes[a];
    const kb = fSizes[b];
    let l1 = 0;
    for (let c = 0; c < kt; c++) {
      const n = Math.max(0, classTotal[c]);
      for (let x = 0; x < ka; x++) for (let y = 0; y < kb; y++) l1 += Math.abs(t[(c * ka + x) * kb + y] - n * p[c][a][x] * p[c][b][y]);
    }
    return l1;
  };
  const rhoSelect = rho * o.selectShare;
  const epsSelect = exponentialEpsilon(rhoSelect / (f - 1));
  const edges = selectTree(f, score, epsSelect, rng, hooks.shouldStop);
  if (edges.length < f - 1) throw new EngineStoppedError();
  measurements.push({ step: 'select', columns: features.map((j) => columns[j].name), mechanism: 'exponential', rho: rhoSelect, epsilonEach: epsSelect, uses: f - 1 });
  // 3. (target × feature × feature) on the tree
  const rhoThree = rho - rhoOneWay - rhoSelect;
  const sigma2 = gaussianSigma(rhoThree / (f - 1));
  const pairs: NoisyTwoWay[][] = Array.from({ length: kt }, () => []);
  for (let e = 0; e < edges.length; e++) {
    const [a, b] = edges[e];
    await step(0.5 + (0.4 * e) / edges.length, `Marginal ${columns[target].name} × ${columns[features[a]].name} × ${columns[features[b]].name}`);
    const noisy = noisyCounts(triple(a, b), sigma2, rng);
    const cells = fSizes[a] * fSizes[b];
    for (let c = 0; c < kt; c++) pairs[c].push({ a, b, counts: noisy.slice(c * cells, (c + 1) * cells), variance: sigma2 * sigma2 });
    measurements.push({ step: 'two-way', columns: [columns[target].name, columns[features[a]].name, columns[features[b]].name], mechanism: 'gaussian', rho: rhoThree / (f - 1), sigma: sigma2, cells: noisy.length });
  }
  await step(0.92, 'Fitting one tree model per class to the noisy marginals');
  return { domains, model: { kind: 'class-tree', classTree: fitClassTreeModel(target, features, fSizes, slices, pairs) }, measurements };
}

function grouped(noisy: ArrayLike<number>, dom: CompressedDomain, sigma: number): NoisyOneWay {
  const counts = new Float64Array(dom.groups);
  const variance = new Float64Array(dom.groups);
  for (let c = 0; c < noisy.length; c++) {
    counts[dom.groupOf[c]] += noisy[c];
    variance[dom.groupOf[c]] += sigma * sigma;
  }
  return { counts, variance };
}

function sum(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s;
}

function shares(counts: Float64Array, total: number): Float64Array {
  const t = Math.max(1, total);
  return Float64Array.from(projectToSimplex(counts, t), (x) => x / t);
}
