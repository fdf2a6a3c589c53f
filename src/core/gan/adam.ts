import * as tf from '@tensorflow/tfjs';
import { hasJsKernel, registerJsKernel, runJsKernel } from './js-kernels';

export interface AdamConfig {
  learningRate: number;
  beta1: number;
  beta2: number;
  /** L2 penalty added to the gradient before the moments (torch.optim.Adam's weight_decay, not AdamW) */
  weightDecay: number;
  epsilon?: number;
  /** use the one-pass JS kernel where the backend has it (default true; false: tfjs ops, for tests) */
  fused?: boolean;
}

interface AdamKernelAttrs {
  /** learning rate / (1 − β1^t) */
  stepSize: number;
  beta1: number;
  beta2: number;
  /** √(1 − β2^t) */
  bc2Sqrt: number;
  eps: number;
  weightDecay: number;
}

export const FUSED_ADAM = 'SynthCreditFusedAdam';

/**
 * One Adam update of one variable in one pass: inputs p, g, m, v; outputs p', m', v'. The op
 * version (below) is ~15 kernels per variable, each a pass over the variable; at ~1.3 million
 * parameters a step that was tens of milliseconds on WASM.
 */
registerJsKernel<AdamKernelAttrs>(FUSED_ADAM, ['p', 'g', 'm', 'v'], (inputs, a) => ({
  shapes: [inputs[0].shape, inputs[0].shape, inputs[0].shape],
  body: ([p, g, m, v], [pOut, mOut, vOut]) => {
    // the gradient with weight decay in float32 as the ops compute it, so an exactly zero one
    // (g + wd·p = 0) stays zero instead of a float64 rounding residue; the rest in float64
    // (fround at every step costs ~2x here)
    const f = Math.fround;
    const { stepSize, beta1, beta2, bc2Sqrt, eps } = a;
    const wd = f(a.weightDecay);
    const invBc2 = 1 / bc2Sqrt;
    for (let i = 0; i < p.length; i++) {
      const pi = p[i];
      const gi = f(g[i] + f(pi * wd));
      const mi = beta1 * m[i] + (1 - beta1) * gi;
      const vi = beta2 * v[i] + (1 - beta2) * gi * gi;
      mOut[i] = mi;
      vOut[i] = vi;
      pOut[i] = pi - (stepSize * mi) / (Math.sqrt(vi) * invBc2 + eps);
    }
  },
  // on the wasm backend: the same update in float32 SIMD, in place on the backend's heap
  simd: (k, [p, g, m, v], [pOut, mOut, vOut]) =>
    k.adam(p, g, m, v, pOut, mOut, vOut, inputs[0].shape.reduce((x, y) => x * y, 1), a.stepSize, a.beta1, 1 - a.beta1, a.beta2, 1 - a.beta2, 1 / a.bc2Sqrt, a.eps, a.weightDecay),
}));

/**
 * torch.optim.Adam, as ctgan uses it (lr 2e-4, betas (0.5, 0.9), weight_decay 1e-6).
 * tf.train.adam has no weight decay; this one also exposes its state for snapshots.
 */
export interface Adam {
  readonly step: number;
  /** applies one update; `grads` maps variable name to gradient (a variable without one is left alone, as torch does) */
  apply(grads: tf.NamedTensorMap): void;
  /** first and second moments per variable plus the step count, copied (caller owns the tensors) */
  snapshot(): AdamState;
  restore(state: AdamState): void;
  dispose(): void;
}

export interface AdamState {
  step: number;
  m: tf.Tensor[];
  v: tf.Tensor[];
}

export function createAdam(variables: readonly tf.Variable[], config: AdamConfig): Adam {
  const { learningRate: lr, beta1, beta2, weightDecay } = config;
  const eps = config.epsilon ?? 1e-8;
  const m = variables.map((v) => tf.tidy(() => tf.variable(tf.zerosLike(v), false)));
  const s = variables.map((v) => tf.tidy(() => tf.variable(tf.zerosLike(v), false)));
  let step = 0;
  return {
    get step() {
      return step;
    },
    apply(grads) {
      step++;
      const bc1 = 1 - beta1 ** step;
      const bc2Sqrt = Math.sqrt(1 - beta2 ** step);
      const fused = config.fused !== false && hasJsKernel(FUSED_ADAM);
      const attrs: AdamKernelAttrs = { stepSize: lr / bc1, beta1, beta2, bc2Sqrt, eps, weightDecay };
      tf.tidy(() => {
        variables.forEach((p, i) => {
          let g = grads[p.name];
          if (!g) return;
          if (fused) {
            const [pNext, mNext, vNext] = runJsKernel(FUSED_ADAM, { p, g, m: m[i], v: s[i] }, attrs);
            m[i].assign(mNext);
            s[i].assign(vNext);
            p.assign(pNext);
            return;
          }
          if (weightDecay !== 0) g = tf.add(g, tf.mul(p, weightDecay));
          const mi = tf.add(tf.mul(m[i], beta1), tf.mul(g, 1 - beta1));
          const si = tf.add(tf.mul(s[i], beta2), tf.mul(tf.square(g), 1 - beta2));
          m[i].assign(mi);
          s[i].assign(si);
          const denom = tf.add(tf.div(tf.sqrt(si), bc2Sqrt), eps);
          p.assign(tf.sub(p, tf.mul(tf.div(mi, denom), lr / bc1)));
        });
      });
    },
    snapshot() {
      return { step, m: m.map((t) => tf.clone(t)), v: s.map((t) => tf.clone(t)) };
    },
    restore(state) {
      step = state.step;
      state.m.forEach((t, i) => m[i].assign(t));
      state.v.forEach((t, i) => s[i].assign(t));
    },
    dispose() {
      m.forEach((t) => t.dispose());
      s.forEach((t) => t.dispose());
    },
  };
}
