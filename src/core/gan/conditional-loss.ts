import * as tf from '@tensorflow/tfjs';
import type { ConditionSpan } from '../transform/encoded-layout';

/**
 * CTGAN's _cond_loss: for every condition column, the cross-entropy between the generator's raw
 * logits on that column's span and the category the conditional vector fixes, kept only where the
 * mask marks that column as the row's condition, summed and divided by the batch size.
 * `mask` is [batch, conditionSpans.length].
 */
export function conditionalCrossEntropy(
  raw: tf.Tensor2D,
  cond: tf.Tensor2D,
  mask: tf.Tensor2D,
  conditionSpans: readonly ConditionSpan[],
): tf.Scalar {
  return tf.tidy(() => {
    const batch = raw.shape[0];
    const perColumn = conditionSpans.map((cs) => {
      const logits = tf.slice(raw, [0, cs.start], [batch, cs.width]);
      const target = tf.slice(cond, [0, cs.condOffset], [batch, cs.width]);
      return tf.neg(tf.sum(tf.mul(target, tf.logSoftmax(logits)), 1));
    });
    return tf.div(tf.sum(tf.mul(tf.stack(perColumn, 1), mask)), batch) as tf.Scalar;
  });
}
