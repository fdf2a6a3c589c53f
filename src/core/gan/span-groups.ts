import * as tf from '@tensorflow/tfjs';

/**
 * Softmax-like work over many one-hot spans in a handful of kernels instead of a few per span.
 *
 * Why: the UCI layout has 24 one-hot spans; activating (and, backward, un-slicing) them one by one
 * took about 420 kernel launches per generator step, a third of the step on WASM. Spans are
 * bucketed by width (next power of two, so padding at most doubles a bucket) and moved into a
 * [rows, spans, bucketWidth] block per bucket, where one softmax over the last axis handles all of
 * a bucket's spans (createColumnMove moves the columns). Padded slots get −1e9 added:
 * exp gives exactly 0, so values and gradients equal the per-span computation.
 */

export const PAD_LOGIT = -1e9;

export interface SpanBuckets {
  /** padded width of each bucket (a power of two) and how many spans it holds */
  buckets: { width: number; count: number }[];
  /** for every span given, its bucket and slot: grouped position of its column i = offsets[k] + i */
  offsets: Int32Array;
  /** total grouped width: Σ count·width */
  groupedWidth: number;
}

/** Buckets spans given as [start, width]; grouped order is bucket by bucket, spans in given order. */
export function bucketSpans(spans: readonly (readonly [number, number])[]): SpanBuckets {
  const bucketOf = spans.map(([, w]) => 2 ** Math.ceil(Math.log2(Math.max(1, w))));
  const widths = [...new Set(bucketOf)].sort((a, b) => a - b);
  const offsets = new Int32Array(spans.length);
  const buckets: SpanBuckets['buckets'] = [];
  let pos = 0;
  for (const width of widths) {
    let count = 0;
    bucketOf.forEach((b, k) => {
      if (b !== width) return;
      offsets[k] = pos + count * width;
      count++;
    });
    buckets.push({ width, count });
    pos += count * width;
  }
  return { buckets, offsets, groupedWidth: pos };
}

/** Moves columns src[i] → dst[i] of a [rows, from] tensor into a [rows, to] one (other outputs 0). */
export interface ColumnMove {
  apply(x: tf.Tensor2D): tf.Tensor2D;
  dispose(): void;
}

/**
 * Widest source a move multiplies instead of gathering. A matMul's cost grows with from × to, a
 * gather's with to alone; at the UCI layout (183 → 260 columns, batch 500) the matMul took 1.8 ms
 * and the gather 4 ms, which puts the crossover near 400 source columns.
 */
export const MATMUL_MOVE_MAX_FROM = 384;

/**
 * A column move as a matMul with a constant 0/1 matrix S (gradient dy·Sᵀ: both plain matMuls,
 * tfjs-backend-wasm's transposed matMul being the slow one) while S is small: on WASM that beats
 * tf.gather 2-3x at the UCI layout's size. S grows with from × to, so wide layouts (hundreds of
 * categories) gather instead: a column gather forward and one gather back as the gradient.
 * `maxFrom` is for tests (0 forces the gather).
 * Each source column moves at most once.
 */
export function createColumnMove(from: number, to: number, src: ArrayLike<number>, dst: ArrayLike<number>, maxFrom = MATMUL_MOVE_MAX_FROM): ColumnMove {
  if (from <= maxFrom) {
    const a = new Float32Array(from * to);
    const b = new Float32Array(from * to);
    for (let i = 0; i < src.length; i++) {
      a[src[i] * to + dst[i]] = 1;
      b[dst[i] * from + src[i]] = 1;
    }
    const s = tf.tensor2d(a, [from, to]);
    const sT = tf.tensor2d(b, [to, from]);
    const move = tf.customGrad(((x: tf.Tensor2D) => ({
      value: tf.matMul(x, s) as tf.Tensor2D,
      gradFunc: (dy: tf.Tensor2D) => tf.matMul(dy, sT),
    })) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (x: tf.Tensor2D) => tf.Tensor2D;
    return { apply: move, dispose: () => tf.dispose([s, sT]) };
  }
  // index `from` / `to` is a zero column appended to the input / the upstream gradient
  const forward = new Int32Array(to).fill(from);
  const backward = new Int32Array(from).fill(to);
  for (let i = 0; i < src.length; i++) {
    forward[dst[i]] = src[i];
    backward[src[i]] = dst[i];
  }
  const fIndex = tf.tensor1d(forward, 'int32');
  const bIndex = tf.tensor1d(backward, 'int32');
  const withZero = (t: tf.Tensor2D) => tf.concat([t, tf.zeros([t.shape[0], 1])], 1);
  const move = tf.customGrad(((x: tf.Tensor2D) => ({
    value: tf.gather(withZero(x), fIndex, 1) as tf.Tensor2D,
    gradFunc: (dy: tf.Tensor2D) => tf.gather(withZero(dy), bIndex, 1),
  })) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (x: tf.Tensor2D) => tf.Tensor2D;
  return { apply: move, dispose: () => tf.dispose([fIndex, bIndex]) };
}

/** A row vector of PAD_LOGIT at the padded slots of a grouped block, 0 at real ones. */
export function padRow(groupedWidth: number, real: ArrayLike<number>, value = PAD_LOGIT): tf.Tensor2D {
  const v = new Float32Array(groupedWidth).fill(value);
  for (let i = 0; i < real.length; i++) v[real[i]] = 0;
  return tf.tensor2d(v, [1, groupedWidth]);
}

/**
 * Applies `op` over the last axis of each bucket's [rows, count, width] view of a grouped block
 * [rows, groupedWidth]; returns the bucket results (each [rows, count·width]) in order.
 */
export function perBucket(grouped: tf.Tensor2D, buckets: SpanBuckets['buckets'], op: (x: tf.Tensor3D) => tf.Tensor3D): tf.Tensor2D[] {
  return perBucketOf([grouped], buckets, (xs) => op(xs[0]));
}

/**
 * perBucket over several grouped blocks of the same layout at once (e.g. values and their
 * upstream gradient): `op` gets each block's [rows, count, width] view of one bucket.
 */
export function perBucketOf(grouped: readonly tf.Tensor2D[], buckets: SpanBuckets['buckets'], op: (xs: tf.Tensor3D[]) => tf.Tensor3D): tf.Tensor2D[] {
  const n = grouped[0].shape[0];
  const sizes = buckets.map((b) => b.count * b.width);
  const parts = grouped.map((g) => (buckets.length === 1 ? [g] : tf.split(g, sizes, 1)));
  return buckets.map((b, i) => tf.reshape(op(parts.map((p) => tf.reshape(p[i], [n, b.count, b.width]) as tf.Tensor3D)), [n, sizes[i]]) as tf.Tensor2D);
}

/** The bucket results of perBucket / perBucketOf as one grouped block. */
export function joinBuckets(blocks: tf.Tensor2D[]): tf.Tensor2D {
  return blocks.length === 1 ? blocks[0] : (tf.concat(blocks, 1) as tf.Tensor2D);
}
