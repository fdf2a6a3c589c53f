import * as tf from '@tensorflow/tfjs';
import { affineForward } from './dense';
import { leakySlopes, withInterpolatedRows } from './critic-kernels';
import { DROPOUT_RATE, type Discriminator } from './discriminator';
import { matrixProduct } from './matrix-product';
import { seededDropoutMask } from './random-kernels';

/**
 * The discriminator update's loss, gradient penalty and weight gradients, derived by hand instead
 * of taped twice by tfjs.
 *
 * Why: the penalty needs the gradient of a gradient; tfjs's double backward through the tape
 * launches several times the kernels of the math below, and on the WASM backend kernel launches,
 * not flops, dominate a step of this size. The discriminator is linear layers, leaky ReLU and
 * dropout only, so the derivation is short and exact:
 *
 *   a_l = h_{l-1}·W_l + b_l,  s_l = (0.2 + 0.8·[a_l > 0]) ∘ m_l  (m_l: dropout mask, 0 or 1/keep),
 *   h_l = a_l ∘ s_l,          y = h_L·w_o + b_o.
 *
 * Real, fake and interpolated pac-groups go through one forward pass (3G rows: fewer, larger
 * kernels; the interpolated rows' first layer from the real and fake ones, the layer being affine).
 * One backward pass with the output adjoint e = [−1/G (real); +1/G (fake); 1 (interp)]
 * gives the critic loss's δa_l on the real/fake rows and, on the interpolated rows, the input
 * gradient g = δa_1·W_1ᵀ of ΣD(x̂). The penalty P = λ·mean((‖g‖ − 1)²) is then differentiated
 * back through that backward pass: with q_0 = ∂P/∂g and q_l = (q_{l−1}·W_l) ∘ s_l,
 * ∂P/∂W_l = q_{l−1}ᵀ·δa_l and ∂P/∂w_o = q_Lᵀ·1. s_l is piecewise constant in the weights, so no
 * other term exists (the same reason tfjs's taped version is exact with this leaky ReLU). Loss and
 * penalty parts of each weight gradient share one matMul: [h_{l−1}; q_{l−1}]ᵀ·δa_l over all rows.
 * Biases get no penalty gradient. Tested against tfjs's taped gradients in critic-gradients.test.ts.
 */
export interface CriticGradients {
  /** [critic loss + penalty, penalty] */
  losses: tf.Tensor1D;
  /** gradient per discriminator variable, keyed by variable name (as Adam.apply takes) */
  grads: tf.NamedTensorMap;
}

/**
 * `real` and `fake` are [batch, sampleDim] with batch a multiple of pac; `alpha` is [batch/pac, 1]
 * (one interpolation weight per pac group, as ctgan); `masks[l]` is the dropout mask of hidden
 * layer l for the 3·batch/pac stacked rows (real, fake, interpolated), values 0 or 1/keep.
 * Call inside tf.tidy: intermediates are not disposed here.
 */
export function criticGradients(d: Discriminator, real: tf.Tensor2D, fake: tf.Tensor2D, alpha: tf.Tensor2D, masks: readonly tf.Tensor2D[], lambda: number): CriticGradients {
  const { pac, sampleDim, hidden, output } = d;
  const groups = real.shape[0] / pac;
  if (!Number.isInteger(groups)) throw new Error(`batch ${real.shape[0]} is not a multiple of pac ${pac}`);
  if (masks.length !== hidden.length) throw new Error(`expected ${hidden.length} dropout masks, got ${masks.length}`);
  const width = sampleDim * pac;
  const realG = tf.reshape(real, [groups, width]) as tf.Tensor2D;
  const fakeG = tf.reshape(fake, [groups, width]) as tf.Tensor2D;
  const rf = 2 * groups;
  const rfRows = (t: tf.Tensor2D) => tf.slice(t, [0, 0], [rf, t.shape[1]]) as tf.Tensor2D;
  const interpRows = (t: tf.Tensor2D) => tf.slice(t, [rf, 0], [groups, t.shape[1]]) as tf.Tensor2D;

  // forward: the real/fake rows of each layer's input (the weight gradients need no other) and
  // the slopes s_l over all 3G rows. The first layer is affine, so the interpolated rows'
  // a_1 = x̂·W_1 + b_1 = a_fake + α∘(a_real − a_fake): no product over x̂ (a third of that layer's flops)
  const xRF = tf.concat([realG, fakeG], 0) as tf.Tensor2D;
  const inputs: tf.Tensor2D[] = [xRF];
  const slopes: tf.Tensor2D[] = [];
  let h = xRF;
  hidden.forEach((layer, l) => {
    let a = affineForward(h, layer.w, layer.b);
    if (l === 0) a = withInterpolatedRows(a, alpha);
    const { s, h: out } = leakySlopes(a, masks[l]);
    h = out;
    slopes.push(s);
    inputs.push(rfRows(h));
  });
  const y = affineForward(h, output.w, output.b);
  const yReal = tf.slice(y, [0, 0], [groups, 1]);
  const yFake = tf.slice(y, [groups, 0], [groups, 1]);
  const critic = tf.sub(tf.mean(yFake), tf.mean(yReal));

  // backward with the output adjoint e: δa_l for every layer, every row
  const eValues = new Float32Array(3 * groups);
  eValues.fill(-1 / groups, 0, groups);
  eValues.fill(1 / groups, groups, rf);
  eValues.fill(1, rf);
  const e = tf.tensor2d(eValues, [3 * groups, 1]);
  const deltas: tf.Tensor2D[] = new Array(hidden.length);
  let upstream = matrixProduct(e, output.w, { transposeB: true });
  for (let l = hidden.length - 1; l >= 0; l--) {
    deltas[l] = tf.mul(upstream, slopes[l]) as tf.Tensor2D;
    if (l > 0) upstream = matrixProduct(deltas[l], hidden[l].w, { transposeB: true });
  }
  const g = matrixProduct(interpRows(deltas[0]), hidden[0].w, { transposeB: true });

  // penalty and its adjoint q_0 = ∂P/∂g
  const norms = tf.sqrt(tf.add(tf.sum(tf.square(g), 1, true), 1e-12));
  const excess = tf.sub(norms, 1);
  const penalty = tf.mul(tf.mean(tf.square(excess)), lambda) as tf.Scalar;
  let q = tf.mul(g, tf.div(tf.mul(excess, (2 * lambda) / groups), norms)) as tf.Tensor2D;

  const grads: tf.NamedTensorMap = {};
  // [h; q]ᵀ·δ: the rows of h, then of q, summed in one product (no row concat on the SIMD path)
  const weightGrad = (h: tf.Tensor2D, q: tf.Tensor2D, right: tf.Tensor2D) => matrixProduct(h, right, { transposeA: true, below: q });
  hidden.forEach((layer, l) => {
    grads[layer.w.name] = weightGrad(inputs[l], q, deltas[l]);
    grads[layer.b.name] = tf.sum(rfRows(deltas[l]), 0);
    q = tf.mul(matrixProduct(q, layer.w), interpRows(slopes[l])) as tf.Tensor2D;
  });
  grads[output.w.name] = weightGrad(inputs[hidden.length], q, e);
  // ∂/∂b_o of mean(yFake) − mean(yReal) is exactly 0; torch's Adam still sees it (weight decay)
  grads[output.b.name] = tf.zerosLike(output.b);

  return { losses: tf.stack([tf.add(critic, penalty), penalty]) as tf.Tensor1D, grads };
}

/** Dropout masks (0 or 1/keep) for each hidden layer over `rows` stacked rows. */
export function dropoutMasks(d: Discriminator, rows: number, nextSeed: () => number, rate = DROPOUT_RATE): tf.Tensor2D[] {
  const keep = 1 - rate;
  // floor(u + keep)/keep in one kernel that draws u too (random-kernels.ts)
  return d.hidden.map((layer) => seededDropoutMask<tf.Rank.R2>([rows, layer.outDim], nextSeed(), keep));
}
