import type { Rng } from '../../util/random.ts';
import { projectToSimplex } from './simplex-projection.ts';
import { fitTreeModel, TreeSampler, type NoisyOneWay, type NoisyTwoWay, type TreeModelJson } from './tree-model.ts';

/**
 * The MST variant with the target in every clique: the measured marginals are (target × column)
 * and (target × column × column) over a tree of the other columns, so the model is one tree per
 * target class with a shared structure (a tree-augmented naive Bayes). Every column then depends
 * on the target directly, which a single spanning tree cannot give (there the target hangs off
 * one column). Sampling is exact under evidence: P(class | evidence) ∝ P(class) · P(evidence |
 * class tree), then the class's tree is sampled under the evidence.
 */
export interface ClassTreeModelJson {
  /** column index of the target */
  target: number;
  /** column indices of the other columns, in the order of the trees' nodes */
  features: number[];
  prior: number[];
  trees: TreeModelJson[];
}

/** oneWay[c][f]: the class-c slice of (target × feature f); pairs[c]: the class-c slices of the triples. */
export function fitClassTreeModel(target: number, features: number[], sizes: number[], oneWay: NoisyOneWay[][], pairs: NoisyTwoWay[][]): ClassTreeModelJson {
  const trees = oneWay.map((ow, c) => fitTreeModel(sizes, ow, pairs[c]));
  const totals = projectToSimplex(trees.map((t) => t.total), trees.reduce((s, t) => s + t.total, 0));
  const sum = totals.reduce((s, x) => s + x, 0);
  return { target, features, prior: Array.from(totals, (x) => x / sum), trees };
}

export class ClassTreeSampler {
  private readonly samplers: (TreeSampler | null)[];
  private readonly cumulative: Float64Array;
  private readonly scratch: Int32Array;

  /** evidence[j] over column j's values (all columns, target included), or null */
  constructor(private readonly model: ClassTreeModelJson, evidence: (Float64Array | null)[]) {
    const featureEvidence = model.features.map((j) => evidence[j]);
    const targetEvidence = evidence[model.target];
    const logWeights = model.trees.map((tree, c) => {
      if (targetEvidence && !(targetEvidence[c] > 0)) return -Infinity;
      if (!(model.prior[c] > 0)) return -Infinity;
      const s = new TreeSampler(tree, featureEvidence, true);
      return Math.log(model.prior[c]) + s.logEvidence + (targetEvidence ? Math.log(targetEvidence[c]) : 0);
    });
    const max = Math.max(...logWeights);
    if (!(max > -Infinity)) throw new Error('the fixed values have probability 0 under this model');
    this.samplers = model.trees.map((tree, c) => (logWeights[c] > -Infinity ? new TreeSampler(tree, featureEvidence, true) : null));
    this.cumulative = new Float64Array(logWeights.length);
    let acc = 0;
    logWeights.forEach((w, c) => (this.cumulative[c] = acc += Math.exp(w - max)));
    for (let c = 0; c < logWeights.length; c++) this.cumulative[c] /= acc;
    this.scratch = new Int32Array(model.features.length);
  }

  draw(rng: Rng, out: Int32Array): void {
    const u = rng.next();
    let c = 0;
    while (c + 1 < this.cumulative.length && this.cumulative[c] <= u) c++;
    out[this.model.target] = c;
    this.samplers[c]!.draw(rng, this.scratch);
    this.model.features.forEach((j, i) => (out[j] = this.scratch[i]));
  }
}
