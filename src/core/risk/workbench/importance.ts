import type { FeatureMatrix } from '../features/feature-matrix.ts';
import { permutationImportance } from '../metrics/index.ts';
import { createRng, shuffledIndices } from '../../util/random.ts';

/**
 * Permutation importance by INPUT column (not by encoded column): shuffling a column means
 * shuffling all the one-hot or indicator columns it produced together, as one block.
 *
 * The tested `permutationImportance` permutes a key of row objects. Here a row object maps each
 * input column to the test row its value is taken from; permuting that key re-points one input
 * column to other rows, and the predict callback assembles the encoded matrix from those pointers.
 * So the encoder runs once and every repeat is a matrix gather.
 */
export interface ColumnImportance {
  feature: string;
  /** mean drop in ROC AUC when the column is shuffled */
  importance: number;
  std: number;
}

export interface ImportanceOptions {
  repeats?: number;
  seed?: number;
  /** rows scored at most (a seeded sample of the test split); default 2000 */
  maxRows?: number;
  /** throws to abandon the computation (cancel) */
  checkpoint?: () => void | Promise<void>;
}

export interface ImportanceResult {
  baselineAuc: number;
  rowsUsed: number;
  repeats: number;
  features: ColumnImportance[];
}

export async function permutationImportanceByColumn(
  x: FeatureMatrix,
  sources: string[],
  y: ArrayLike<number>,
  predict: (x: FeatureMatrix) => Promise<Float64Array> | Float64Array,
  options: ImportanceOptions = {},
): Promise<ImportanceResult> {
  if (sources.length !== x.nCols) throw new Error(`${sources.length} column sources for ${x.nCols} matrix columns`);
  const repeats = options.repeats ?? 3;
  const seed = options.seed ?? 0;
  const maxRows = options.maxRows ?? 2000;
  let rows: Int32Array;
  if (x.nRows > maxRows) {
    rows = shuffledIndices(x.nRows, createRng(seed ^ 0x1b873593)).slice(0, maxRows).sort();
  } else {
    rows = Int32Array.from({ length: x.nRows }, (_, i) => i);
  }
  const features = [...new Set(sources)];
  const featureOf = sources.map((s) => features.indexOf(s));
  const yUsed = Uint8Array.from(rows, (i) => y[i]);
  type Pointers = Record<string, number>;
  const pointerRows: Pointers[] = Array.from(rows, (r) => {
    const o: Pointers = {};
    for (const f of features) o[f] = r;
    return o;
  });
  const { nCols, data } = x;
  const assemble = (ptrs: readonly Pointers[]): FeatureMatrix => {
    const out = new Float64Array(ptrs.length * nCols);
    const srcRow = new Int32Array(features.length);
    for (let i = 0; i < ptrs.length; i++) {
      for (let f = 0; f < features.length; f++) srcRow[f] = ptrs[i][features[f]];
      const o = i * nCols;
      for (let j = 0; j < nCols; j++) out[o + j] = data[srcRow[featureOf[j]] * nCols + j];
    }
    return { data: out, nRows: ptrs.length, nCols, columnNames: x.columnNames };
  };
  const result = await permutationImportance(
    pointerRows,
    yUsed,
    async (ptrs) => {
      await options.checkpoint?.();
      return predict(assemble(ptrs));
    },
    { features, repeats, seed },
  );
  return {
    baselineAuc: result.baseline,
    rowsUsed: rows.length,
    repeats,
    features: result.features.map((f) => ({ feature: f.feature, importance: f.importance, std: f.std })),
  };
}
