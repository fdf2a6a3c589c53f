import * as tf from '@tensorflow/tfjs';

/**
 * Softmax-like work over many one-hot spans in a handful of kernels instead of a few per span.
 *
 * Why: the UCI layout has 24 one-hot spans; activating (and, backward, un-slicing) them one by one
 * took about 420 kernel launches per generator step, a third of the step on WASM. Spans are
 * bucketed by width (next power of two, so padding at most doubles a bucket) and moved into a
 * [rows, spans, bucketWidth] block per bucket, where one softmax over the last axis handles all of
 * a bucket's spans. Moving columns is a matMul with a constant 0/1 matrix: on WASM that is 2-3x
 * faster than tf.gather, and its gradient is one more plain matMul. Padded slots get −1e9 added:
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

/**
 * y = x·S for a constant 0/1 matrix S that moves columns; the gradient is dy·Sᵀ (both plain
 * matMuls: tfjs-backend-wasm's transposed matMul is the slow one).
 */
export function columnMove(x: tf.Tensor2D, s: tf.Tensor2D, sT: tf.Tensor2D): tf.Tensor2D {
  const f = tf.customGrad(((input: tf.Tensor2D) => ({
    value: tf.matMul(input, s) as tf.Tensor2D,
    gradFunc: (dy: tf.Tensor2D) => tf.matMul(dy, sT),
  })) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (input: tf.Tensor2D) => tf.Tensor2D;
  return f(x);
}

/** A constant column-moving matrix [from, to] with ones at (src[i], dst[i]), and its transpose. */
export function moveMatrices(from: number, to: number, src: ArrayLike<number>, dst: ArrayLike<number>): { s: tf.Tensor2D; sT: tf.Tensor2D } {
  const a = new Float32Array(from * to);
  const b = new Float32Array(from * to);
  for (let i = 0; i < src.length; i++) {
    a[src[i] * to + dst[i]] = 1;
    b[dst[i] * from + src[i]] = 1;
  }
  return { s: tf.tensor2d(a, [from, to]), sT: tf.tensor2d(b, [to, from]) };
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
  const n = grouped.shape[0];
  const parts = buckets.length === 1 ? [grouped] : tf.split(grouped, buckets.map((b) => b.count * b.width), 1);
  return parts.map((p, i) => tf.reshape(op(tf.reshape(p, [n, buckets[i].count, buckets[i].width]) as tf.Tensor3D), [n, buckets[i].count * buckets[i].width]) as tf.Tensor2D);
}
