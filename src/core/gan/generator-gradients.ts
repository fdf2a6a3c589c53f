import * as tf from '@tensorflow/tfjs';
import { affineForward } from './dense';
import type { ConditionalLoss } from './conditional-loss';
import { leakySlopes } from './critic-kernels';
import type { Discriminator } from './discriminator';
import type { Generator, OutputActivation } from './generator';
import { BATCH_NORM_RELU_GRAD } from './batch-norm-kernels';
import { concatColumns, hasJsKernel, runJsKernel } from './js-kernels';
import { matrixProduct } from './matrix-product';

/**
 * The generator update's loss and weight gradients, derived by hand instead of taped by tfjs
 * (the counterpart of critic-gradients.ts for the generator).
 *
 * Why: through the tape a generator step launched ~550 kernels for ~0.6 GFLOP of work, and it
 * computed products nobody uses: the discriminator's weight gradients (the generator update drops
 * them) and the input gradient of every generator layer's whole input (noise and conditions
 * included). On the WASM backend both kernel launches and flops count. Here:
 *
 *   block k: a_k = h_k·W_k + b_k,  n_k = (a_k − μ)·r (batch statistics, r = 1/√(var + eps)),
 *            o_k = relu(n_k·γ_k + β_k),  h_{k+1} = [o_k, h_k],     raw = h_L·W_o + b_o,
 *   fake = activation(raw) (tanh on scalars, Gumbel-softmax per one-hot span),
 *   loss = −mean D([fake, cond]) + conditional cross-entropy(raw).
 *
 * Backward: the critic's input gradient (only that: one pass down with the output adjoint −1/G,
 * the same slopes s_l as critic-gradients.ts), the activation's and the conditional loss's own
 * backward (generator.ts, conditional-loss.ts), then down the generator. Only the columns of
 * h_{k} that are earlier blocks' outputs need a gradient, so each layer's input gradient uses
 * the top rows of W only (W[0:S_k]ᵀ, S_k = Σ_{j<k} d_j). Batch-norm backward in closed form:
 * ∂a = r ∘ (∂n − mean(∂n) − n ∘ mean(∂n ∘ n)), ∂n = ∂y ∘ γ, ∂γ = Σ ∂y∘n, ∂β = Σ ∂y.
 * Tested against tfjs's taped gradients and central differences in generator-gradients.test.ts.
 */
export interface GeneratorGradients {
  /** −mean D(fake) + conditional loss */
  loss: tf.Scalar;
  /** gradient per generator trainable variable, keyed by variable name (as Adam.apply takes) */
  grads: tf.NamedTensorMap;
}

/**
 * `input` is [batch, noise + cond] (noise then conditions, as the trainer builds it); `cond` and
 * `mask` are the conditions and condition-column mask (null when the layout has none, then
 * condLoss is null too); `masks[l]` is the critic's dropout mask of hidden layer l over the
 * batch/pac groups (0 or 1/keep). Updates batch-norm running statistics like a training forward.
 * `useJsKernels` false keeps batch-norm in tfjs ops (tests compare the two).
 * Call inside tf.tidy: intermediates are not disposed here.
 */
export function generatorGradients(
  g: Generator,
  d: Discriminator,
  activation: OutputActivation,
  condLoss: ConditionalLoss | null,
  input: tf.Tensor2D,
  cond: tf.Tensor2D | null,
  mask: tf.Tensor2D | null,
  gumbelSeed: number,
  masks: readonly tf.Tensor2D[],
  useJsKernels = true,
): GeneratorGradients {
  const batch = input.shape[0];
  const { pac, sampleDim } = d;
  const groups = batch / pac;
  if (!Number.isInteger(groups)) throw new Error(`batch ${batch} is not a multiple of pac ${pac}`);
  if (masks.length !== d.hidden.length) throw new Error(`expected ${d.hidden.length} dropout masks, got ${masks.length}`);
  const width = g.output.outDim;

  // generator forward, keeping what the backward needs
  const saved: { h: tf.Tensor2D; normalized: tf.Tensor2D; invStd: tf.Tensor1D; o: tf.Tensor2D }[] = [];
  let h = input;
  for (const { dense, norm } of g.blocks) {
    const { o, normalized, invStd } = norm.forwardTrainingRelu(affineForward(h, dense.w, dense.b), useJsKernels);
    saved.push({ h, normalized, invStd, o });
    h = concatColumns(o, h);
  }
  const raw = affineForward(h, g.output.w, g.output.b);
  const act = activation.applyWithBackward(raw, gumbelSeed);
  const fakeCat = cond ? concatColumns(act.out, cond) : act.out;

  // critic forward over pac-groups and its input gradient for the adjoint ∂(−mean y)/∂y = −1/G
  let x = tf.reshape(fakeCat, [groups, sampleDim * pac]) as tf.Tensor2D;
  const slopes: tf.Tensor2D[] = [];
  d.hidden.forEach((layer, l) => {
    const a = affineForward(x, layer.w, layer.b);
    const { s, h: out } = leakySlopes(a, masks[l]);
    slopes.push(s);
    x = out;
  });
  const score = affineForward(x, d.output.w, d.output.b);
  let loss = tf.neg(tf.mean(score)) as tf.Scalar;
  // [1, hidden] row broadcast over the groups: e·w_oᵀ with e = −1/G everywhere
  let up = tf.mul(tf.reshape(d.output.w, [1, d.output.inDim]), -1 / groups) as tf.Tensor2D;
  for (let l = d.hidden.length - 1; l >= 0; l--) {
    up = matrixProduct(tf.mul(up, slopes[l]) as tf.Tensor2D, d.hidden[l].w, { transposeB: true });
  }
  const dFake = tf.slice(tf.reshape(up, [batch, sampleDim]), [0, 0], [batch, width]) as tf.Tensor2D;

  let dRaw = act.backward(dFake);
  if (condLoss && cond && mask) {
    const c = condLoss.applyWithGradient(raw, cond, mask);
    loss = tf.add(loss, c.loss) as tf.Scalar;
    dRaw = tf.add(dRaw, c.dRaw) as tf.Tensor2D;
  }

  // generator backward
  const grads: tf.NamedTensorMap = {};
  const weightGrad = (left: tf.Tensor2D, right: tf.Tensor2D) => matrixProduct(left, right, { transposeA: true });
  /** dy·W[0:rows]ᵀ: the gradient of the first `rows` input columns only */
  const topInputGrad = (dy: tf.Tensor2D, w: tf.Tensor2D, rows: number) => matrixProduct(dy, w, { transposeB: true, bRows: rows });
  grads[g.output.w.name] = weightGrad(h, dRaw);
  grads[g.output.b.name] = tf.sum(dRaw, 0);
  const outWidths = g.blocks.map((b) => b.dense.outDim);
  const total = outWidths.reduce((s, w) => s + w, 0);
  // gradient of [o_k, o_{k−1}, …, o_0], the block outputs inside h_{k+1}
  let acc = topInputGrad(dRaw, g.output.w, total);
  for (let k = g.blocks.length - 1; k >= 0; k--) {
    const { dense, norm } = g.blocks[k];
    const { h: hk, normalized: n, invStd, o } = saved[k];
    const dk = outWidths[k];
    const earlier = acc.shape[1] - dk;
    let dA: tf.Tensor2D;
    if (useJsKernels && hasJsKernel(BATCH_NORM_RELU_GRAD)) {
      // one kernel (batch-norm-kernels.ts): reads the first dk columns of acc in place
      const [dAk, dGamma, dBeta, dBias, scratch] = runJsKernel(BATCH_NORM_RELU_GRAD, { dO: acc, o, normalized: n, gamma: norm.gamma, invStd });
      scratch.dispose();
      dA = dAk as tf.Tensor2D;
      grads[norm.gamma.name] = dGamma;
      grads[norm.beta.name] = dBeta;
      grads[dense.b.name] = dBias;
    } else {
      const dO = earlier ? (tf.slice(acc, [0, 0], [batch, dk]) as tf.Tensor2D) : acc;
      const dY = tf.mul(dO, tf.step(o)) as tf.Tensor2D;
      grads[norm.gamma.name] = tf.sum(tf.mul(dY, n), 0);
      grads[norm.beta.name] = tf.sum(dY, 0);
      const dN = tf.mul(dY, norm.gamma);
      dA = tf.mul(tf.sub(tf.sub(dN, tf.mean(dN, 0)), tf.mul(n, tf.mean(tf.mul(dN, n), 0))), invStd) as tf.Tensor2D;
      grads[dense.b.name] = tf.sum(dA, 0);
    }
    grads[dense.w.name] = weightGrad(hk, dA);
    if (earlier) acc = tf.add(tf.slice(acc, [0, dk], [batch, earlier]), topInputGrad(dA, dense.w, earlier)) as tf.Tensor2D;
  }
  return { loss, grads };
}
