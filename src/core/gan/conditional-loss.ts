import * as tf from '@tensorflow/tfjs';
import type { ConditionSpan } from '../transform/encoded-layout';
import { hasJsKernel, runJsKernel } from './js-kernels';
import { bucketSpans, createColumnMove, joinBuckets, padRow, perBucket, perBucketOf } from './span-groups';
import { SPAN_CROSS_ENTROPY, type SpanCrossEntropyAttrs } from './span-kernels';

/** CTGAN's conditional loss for one layout; holds constant tensors (the trainer disposes it). */
export interface ConditionalLoss {
  /** `raw` [batch, width] logits, `cond` [batch, condWidth], `mask` [batch, conditionSpans.length] */
  apply(raw: tf.Tensor2D, cond: tf.Tensor2D, mask: tf.Tensor2D): tf.Scalar;
  /** the same loss and its hand-derived gradient ∂loss/∂raw (no tape; generator-gradients.ts); call inside tf.tidy */
  applyWithGradient(raw: tf.Tensor2D, cond: tf.Tensor2D, mask: tf.Tensor2D): { loss: tf.Scalar; dRaw: tf.Tensor2D };
  dispose(): void;
}

function spreadMatrix(rows: number, cols: number, from: readonly number[], to: readonly number[]): tf.Tensor2D {
  const m = new Float32Array(rows * cols);
  from.forEach((r, i) => (m[r * cols + to[i]] = 1));
  return tf.tensor2d(m, [rows, cols]);
}

/**
 * CTGAN's _cond_loss: for every condition column, the cross-entropy between the generator's raw
 * logits on that column's span and the category the conditional vector fixes, kept only where the
 * mask marks that column as the row's condition, summed and divided by the batch size.
 * Computed per width bucket (span-groups.ts), not per span: logits and targets are moved into the
 * grouped layout by column moves, the mask spread over it, one log-softmax per bucket.
 */
export function createConditionalLoss(conditionSpans: readonly ConditionSpan[], width: number, condWidth: number, useJsKernels = true): ConditionalLoss {
  const kernelAttrs: SpanCrossEntropyAttrs = { starts: conditionSpans.map((c) => c.start), widths: conditionSpans.map((c) => c.width), condOffsets: conditionSpans.map((c) => c.condOffset) };
  const grouping = bucketSpans(conditionSpans.map((c) => [c.start, c.width] as const));
  const logitSrc: number[] = [];
  const condSrc: number[] = [];
  const spanOf: number[] = [];
  const dst: number[] = [];
  conditionSpans.forEach((cs, k) => {
    for (let i = 0; i < cs.width; i++) {
      logitSrc.push(cs.start + i);
      condSrc.push(cs.condOffset + i);
      spanOf.push(k);
      dst.push(grouping.offsets[k] + i);
    }
  });
  // no tf.tidy here: the moves keep their constants in closures, which a tidy would free
  const c = {
    logits: createColumnMove(width, grouping.groupedWidth, logitSrc, dst),
    targets: createColumnMove(condWidth, grouping.groupedWidth, condSrc, dst),
    // spreads the mask over each span's positions in the grouped layout (small: spans × grouped width)
    mask: spreadMatrix(conditionSpans.length, grouping.groupedWidth, spanOf, dst),
    pad: padRow(grouping.groupedWidth, dst),
    // grouped layout back to the logits' columns (the transpose of `logits`), for the gradient
    back: createColumnMove(grouping.groupedWidth, width, dst, logitSrc),
  };
  const parts = (raw: tf.Tensor2D, cond: tf.Tensor2D, mask: tf.Tensor2D) => {
    const grouped = tf.add(c.logits.apply(raw), c.pad) as tf.Tensor2D;
    const logProbs = joinBuckets(perBucket(grouped, grouping.buckets, (x) => tf.logSoftmax(x)));
    // the target one-hot, zero outside the masked span and at padded slots
    const weights = tf.mul(c.targets.apply(cond), tf.matMul(mask, c.mask)) as tf.Tensor2D;
    const loss = tf.div(tf.neg(tf.sum(tf.mul(weights, logProbs))), raw.shape[0]) as tf.Scalar;
    return { logProbs, weights, loss };
  };
  return {
    apply: (raw, cond, mask) => tf.tidy(() => parts(raw, cond, mask).loss),
    applyWithGradient(raw, cond, mask) {
      if (useJsKernels && hasJsKernel(SPAN_CROSS_ENTROPY)) {
        // one loop over each row's masked span (span-kernels.ts) instead of moves, splits and softmaxes
        const [loss, dRaw] = runJsKernel(SPAN_CROSS_ENTROPY, { raw, cond, mask }, kernelAttrs);
        return { loss: tf.reshape(loss, []) as tf.Scalar, dRaw: dRaw as tf.Tensor2D };
      }
      const { logProbs, weights, loss } = parts(raw, cond, mask);
      // −Σ w·log softmax(x) over a span has gradient softmax(x)·Σ_span w − w (padded slots: both 0)
      const dGrouped = joinBuckets(perBucketOf([logProbs, weights], grouping.buckets, ([lp, w]) => tf.sub(tf.mul(tf.exp(lp), tf.sum(w, 2, true)), w) as tf.Tensor3D));
      return { loss, dRaw: tf.mul(c.back.apply(dGrouped), 1 / raw.shape[0]) as tf.Tensor2D };
    },
    dispose: () => {
      c.logits.dispose();
      c.back.dispose();
      c.targets.dispose();
      tf.dispose([c.mask, c.pad]);
    },
  };
}
