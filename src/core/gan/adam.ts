import * as tf from '@tensorflow/tfjs';

export interface AdamConfig {
  learningRate: number;
  beta1: number;
  beta2: number;
  /** L2 penalty added to the gradient before the moments (torch.optim.Adam's weight_decay, not AdamW) */
  weightDecay: number;
  epsilon?: number;
}

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
      tf.tidy(() => {
        variables.forEach((p, i) => {
          let g = grads[p.name];
          if (!g) return;
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
