import { createRng, shuffledIndices } from '../../util/random';
import { rocAuc } from './rocAuc';

export type Row = Record<string, unknown>;

export interface PermutationImportanceOptions<R extends Row> {
  /** features to permute (default: the keys of the first row) */
  features?: (keyof R & string)[];
  /** shuffles per feature (default 5) */
  repeats?: number;
  seed?: number;
  /** score of (y_true, y_score); default ROC AUC */
  metric?: (yTrue: ArrayLike<number>, yScore: ArrayLike<number>) => number;
  /** true when a higher metric is better (default true, as for AUC) */
  greaterIsBetter?: boolean;
}

export interface FeatureImportance {
  feature: string;
  /** mean over repeats of (baseline - permuted score), sign flipped for lower-is-better metrics */
  importance: number;
  /** sample standard deviation of the drops (0 with one repeat) */
  std: number;
  drops: number[];
}

export interface PermutationImportanceResult {
  baseline: number;
  /** sorted by importance, largest first */
  features: FeatureImportance[];
}

/**
 * Permutation importance: shuffle one feature's values across rows (breaking its link to the
 * target, keeping its distribution), re-score, and report how much the metric drops. The model is
 * only seen through `predict`, which may be async (a model in a worker).
 */
export async function permutationImportance<R extends Row>(
  rows: readonly R[],
  yTrue: ArrayLike<number>,
  predict: (rows: readonly R[]) => ArrayLike<number> | Promise<ArrayLike<number>>,
  options: PermutationImportanceOptions<R> = {},
): Promise<PermutationImportanceResult> {
  if (rows.length !== yTrue.length) throw new Error(`${rows.length} rows but ${yTrue.length} labels`);
  const metric = options.metric ?? rocAuc;
  const sign = options.greaterIsBetter === false ? -1 : 1;
  const repeats = options.repeats ?? 5;
  const features = options.features ?? (rows.length > 0 ? (Object.keys(rows[0]) as (keyof R & string)[]) : []);
  const rng = createRng(options.seed ?? 0);
  const baseline = metric(yTrue, await predict(rows));
  const out: FeatureImportance[] = [];
  for (const feature of features) {
    const drops: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const perm = shuffledIndices(rows.length, rng);
      const permuted = rows.map((row, i) => ({ ...row, [feature]: rows[perm[i]][feature] }));
      drops.push(sign * (baseline - metric(yTrue, await predict(permuted))));
    }
    const mean = drops.reduce((a, b) => a + b, 0) / repeats;
    const variance = repeats > 1 ? drops.reduce((a, d) => a + (d - mean) ** 2, 0) / (repeats - 1) : 0;
    out.push({ feature, importance: mean, std: Math.sqrt(variance), drops });
  }
  out.sort((a, b) => b.importance - a.importance);
  return { baseline, features: out };
}
