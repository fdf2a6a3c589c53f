import * as tf from '@tensorflow/tfjs';
import { seededUniform } from './random-kernels';

export const GP_LAMBDA = 10;

/**
 * WGAN-GP on pac-grouped interpolates, as ctgan's Discriminator.calc_gradient_penalty:
 * one α ~ U(0,1) per pac group, x̂ = α·real + (1−α)·fake, g = ∂ΣD(x̂)/∂x̂ reshaped to
 * [batch/pac, pac·dim], penalty = λ · mean((‖g‖₂ − 1)²).
 * Differentiable w.r.t. the discriminator's weights (the inner gradient is taped by the outer one).
 * The trainer uses the hand-derived critic-gradients.ts; this taped form is the reference it is
 * tested against (critic-gradients.test.ts) and what measure-speed.ts times against it.
 * `score` maps [batch, dim] to [batch/pac, 1].
 */
export function gradientPenalty(
  score: (x: tf.Tensor2D) => tf.Tensor2D,
  real: tf.Tensor2D,
  fake: tf.Tensor2D,
  pac: number,
  alphaSeed: number,
  lambda = GP_LAMBDA,
): tf.Scalar {
  const [batch, dim] = real.shape;
  const groups = batch / pac;
  const groupAlpha = seededUniform([groups, 1], alphaSeed);
  return interpolatedPenalty(score, real, fake, tf.reshape(tf.tile(groupAlpha, [1, pac]), [batch, 1]) as tf.Tensor2D, pac, dim, lambda);
}

/** The penalty for given per-row α ([batch, 1]); split out so tests can fix α. */
export function interpolatedPenalty(
  score: (x: tf.Tensor2D) => tf.Tensor2D,
  real: tf.Tensor2D,
  fake: tf.Tensor2D,
  alpha: tf.Tensor2D,
  pac: number,
  dim: number,
  lambda = GP_LAMBDA,
): tf.Scalar {
  const interpolates = tf.add(tf.mul(alpha, real), tf.mul(tf.sub(1, alpha), fake)) as tf.Tensor2D;
  // grad_outputs = ones, as torch.autograd.grad in the reference
  const grad = tf.grad((x: tf.Tensor) => tf.sum(score(x as tf.Tensor2D)))(interpolates);
  const grouped = tf.reshape(grad, [real.shape[0] / pac, pac * dim]);
  // tiny floor inside the sqrt keeps the norm's gradient finite for an all-zero gradient row
  const norms = tf.sqrt(tf.add(tf.sum(tf.square(grouped), 1), 1e-12));
  return tf.mul(tf.mean(tf.square(tf.sub(norms, 1))), lambda) as tf.Scalar;
}
