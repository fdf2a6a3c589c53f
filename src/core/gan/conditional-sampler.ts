/**
 * CTGAN's conditional vector and training-by-sampling (Xu et al. 2019, section 4.3).
 *
 * Training: pick a categorical column uniformly, a category with probability proportional to
 * log(frequency + 1) (so rare categories are seen far more often than their frequency, but not
 * uniformly), and a real row having that category for the discriminator's real batch.
 * Generation: pick a column uniformly and a category by its empirical frequency, which reproduces
 * the data's marginals. Either way exactly one condition column is active per row.
 *
 * Offsets come from the layout's conditionSpans (each column's own condOffset), so a category of
 * the third categorical column lands in the third block, not the first (the reference ctgan
 * package indexes the cond vector by the first column's offset).
 */
import type { ConditionSpan, EncodedLayout } from '../transform/encoded-layout';
import type { Rng } from '../util/random';
import { indexAboveCumulative } from '../util/cumulative-search';

export interface OriginalConditions {
  /** batch x condWidth, one 1 per row, at the chosen column's condOffset + category */
  cond: Float32Array;
  /** batch x nConditionColumns, 1 at the chosen column (selects the generator's cross-entropy term) */
  mask: Float32Array;
  /** per row: index of the chosen condition column (into layout.conditionSpans) */
  columns: Int32Array;
  /** per row: index of the chosen category within that column's span */
  categories: Int32Array;
}

export interface TrainingConditions extends OriginalConditions {
  /** per row: a real training row (index into the encoded matrix) having the chosen category */
  rowIndices: Int32Array;
}

export class ConditionalSampler {
  readonly layout: EncodedLayout;
  readonly condWidth: number;
  readonly nConditionColumns: number;
  /** number of rows of the encoded matrix (0 when built from counts only) */
  readonly nRows: number;
  private readonly counts: number[][];
  private readonly trainingCdf: Float64Array[];
  private readonly originalCdf: Float64Array[];
  /** rowsByCategory[column][category]: rows of the matrix holding that category; null without a matrix */
  private readonly rowsByCategory: Int32Array[][] | null;

  private constructor(layout: EncodedLayout, counts: number[][], rowsByCategory: Int32Array[][] | null, nRows: number) {
    this.layout = layout;
    this.condWidth = layout.condWidth;
    this.nConditionColumns = layout.conditionSpans.length;
    this.counts = counts;
    this.rowsByCategory = rowsByCategory;
    this.nRows = nRows;
    this.trainingCdf = counts.map((c) => cdf(c.map((f) => Math.log(f + 1))));
    this.originalCdf = counts.map((c) => cdf(c));
  }

  /** For training: index the rows of the encoded training matrix (row-major nRows x layout.width) by category. */
  static fromEncoded(matrix: Float32Array, nRows: number, layout: EncodedLayout): ConditionalSampler {
    if (matrix.length < nRows * layout.width) {
      throw new Error(`ConditionalSampler: matrix has ${matrix.length} values, ${nRows} rows need ${nRows * layout.width}`);
    }
    const counts: number[][] = [];
    const rows: Int32Array[][] = [];
    for (const span of layout.conditionSpans) {
      const category = new Int32Array(nRows);
      const c = new Array<number>(span.width).fill(0);
      for (let i = 0; i < nRows; i++) {
        const base = i * layout.width + span.start;
        let best = 0;
        for (let j = 1; j < span.width; j++) if (matrix[base + j] > matrix[base + best]) best = j;
        category[i] = best;
        c[best]++;
      }
      const lists = c.map((n) => new Int32Array(n));
      const fill = new Array<number>(span.width).fill(0);
      for (let i = 0; i < nRows; i++) lists[category[i]][fill[category[i]]++] = i;
      counts.push(c);
      rows.push(lists);
    }
    return new ConditionalSampler(layout, counts, rows, nRows);
  }

  /**
   * For generation only (e.g. after reloading a saved model): category frequencies per condition
   * span, in layout.conditionSpans order (DataTransformer.categoryCounts()).
   */
  static fromCategoryCounts(layout: EncodedLayout, counts: number[][]): ConditionalSampler {
    if (counts.length !== layout.conditionSpans.length || counts.some((c, i) => c.length !== layout.conditionSpans[i].width)) {
      throw new Error('ConditionalSampler.fromCategoryCounts: counts do not match the layout condition spans');
    }
    return new ConditionalSampler(layout, counts.map((c) => c.slice()), null, 0);
  }

  /** Category frequencies per condition span (as counted, or as given). */
  categoryCounts(): number[][] {
    return this.counts.map((c) => c.slice());
  }

  /**
   * Training-by-sampling. With no categorical column the cond and mask are empty (width 0) and the
   * real rows are drawn uniformly; columns/categories are then -1.
   */
  sampleTrainingConditions(batch: number, rng: Rng): TrainingConditions {
    const rows = this.rowsByCategory;
    if (!rows) throw new Error('ConditionalSampler: built from counts only; training sampling needs fromEncoded');
    const out = this.sample(batch, rng, this.trainingCdf);
    const rowIndices = new Int32Array(batch);
    for (let b = 0; b < batch; b++) {
      if (this.nConditionColumns === 0) {
        rowIndices[b] = rng.int(this.nRows);
        continue;
      }
      const list = rows[out.columns[b]][out.categories[b]];
      rowIndices[b] = list[rng.int(list.length)];
    }
    return { ...out, rowIndices };
  }

  /** Conditions with categories at their empirical frequency (generation time). */
  sampleOriginalConditions(batch: number, rng: Rng): OriginalConditions {
    return this.sample(batch, rng, this.originalCdf);
  }

  /**
   * The cond vector fixing user-chosen categories, e.g. { default_payment_next_month: '1' } or
   * { PAY_0: '2' }; `batch` copies, row-major. A missing category is fixed by its layout label
   * (MISSING_LABEL). The generator was trained with one active column per row; fixing several
   * columns at once is allowed but lies outside what it saw.
   */
  conditionVector(fixed: Record<string, string>, batch = 1): Float32Array {
    const one = new Float32Array(this.condWidth);
    for (const [column, label] of Object.entries(fixed)) {
      const span = this.layout.conditionSpans.find((s) => s.column === column);
      if (!span) {
        const isOther = this.layout.spans.some((s) => s.column === column);
        const available = this.layout.conditionSpans.map((s) => s.column).join(', ') || '(none)';
        throw new Error(
          isOther
            ? `conditionVector: column "${column}" is not categorical and cannot be fixed; categorical columns: ${available}`
            : `conditionVector: unknown column "${column}"; categorical columns: ${available}`,
        );
      }
      const j = span.labels.indexOf(String(label));
      if (j < 0) {
        throw new Error(`conditionVector: column "${column}" has no category "${label}"; categories: ${span.labels.join(', ')}`);
      }
      one[span.condOffset + j] = 1;
    }
    const out = new Float32Array(this.condWidth * batch);
    for (let b = 0; b < batch; b++) out.set(one, b * this.condWidth);
    return out;
  }

  private sample(batch: number, rng: Rng, cdfs: Float64Array[]): OriginalConditions {
    const nCols = this.nConditionColumns;
    const cond = new Float32Array(batch * this.condWidth);
    const mask = new Float32Array(batch * nCols);
    const columns = new Int32Array(batch).fill(-1);
    const categories = new Int32Array(batch).fill(-1);
    if (nCols === 0) return { cond, mask, columns, categories };
    const spans: ConditionSpan[] = this.layout.conditionSpans;
    for (let b = 0; b < batch; b++) {
      const col = rng.int(nCols);
      const cat = indexAboveCumulative(cdfs[col], rng.next());
      columns[b] = col;
      categories[b] = cat;
      cond[b * this.condWidth + spans[col].condOffset + cat] = 1;
      mask[b * nCols + col] = 1;
    }
    return { cond, mask, columns, categories };
  }
}

/** Cumulative distribution of non-negative weights (all zero -> uniform). */
function cdf(weights: number[]): Float64Array {
  const total = weights.reduce((s, w) => s + w, 0);
  const out = new Float64Array(weights.length);
  let acc = 0;
  let lastPositive = weights.length - 1;
  for (let j = 0; j < weights.length; j++) {
    const p = total > 0 ? weights[j] / total : 1 / weights.length;
    acc += p;
    out[j] = acc;
    if (p > 0) lastPositive = j;
  }
  // rounding must not leave a gap below 1 that a zero-weight tail category could fill
  for (let j = lastPositive; j < weights.length; j++) out[j] = 1;
  return out;
}
