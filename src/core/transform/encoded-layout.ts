/**
 * The shape of one encoded row, shared by the data transformer (which writes it),
 * the conditional sampler (which reads its discrete spans) and the generator
 * (whose output activations follow the spans: tanh for scalars, Gumbel-softmax
 * for one-hot spans).
 */
export interface OutputSpan {
  /** 'scalar': one value in [-1, 1]; 'onehot': a block of `width` mutually exclusive indicators */
  kind: 'scalar' | 'onehot';
  /** first position of the span in the encoded row */
  start: number;
  width: number;
  /** the source column this span encodes */
  column: string;
  /**
   * what the span stands for: 'value' (continuous scalar), 'mode' (mixture component of a
   * continuous column), 'category' (a categorical column's labels), 'missing' (missing indicator
   * of a continuous column)
   */
  part: 'value' | 'mode' | 'category' | 'missing';
}

/** A discrete column the conditional vector can fix (CTGAN's training-by-sampling). */
export interface ConditionSpan {
  column: string;
  /** where the column's one-hot starts in the encoded row */
  start: number;
  width: number;
  /** where the column's block starts in the conditional vector (its own, correct offset) */
  condOffset: number;
  /** category labels in span order */
  labels: string[];
}

export interface EncodedLayout {
  /** total encoded width */
  width: number;
  spans: OutputSpan[];
  /** categorical columns only (not modes of continuous columns), in schema order */
  conditionSpans: ConditionSpan[];
  /** total width of the conditional vector = sum of conditionSpans widths */
  condWidth: number;
}
