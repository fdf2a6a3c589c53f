/**
 * Seconds per CTGAN step at the default size (batch 500, generator 256/256, discriminator 256/256,
 * pac 10) on an encoded width of 150 and a conditional width of 80 (close to the UCI sample).
 *   npx tsx src/core/gan/measure-speed.ts [wasm|cpu] [steps]
 * Not a test: timings depend on the machine and its load.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import type { EncodedLayout, OutputSpan, ConditionSpan } from '../transform/encoded-layout';
import { createRng } from '../util/random';
import { ConditionalSampler } from './conditional-sampler';
import { createDiscriminator } from './discriminator';
import { gradientPenalty } from './gradient-penalty';
import { createGanTrainer } from './trainer';

function syntheticLayout(): EncodedLayout {
  const spans: OutputSpan[] = [];
  const conditionSpans: ConditionSpan[] = [];
  let pos = 0;
  for (let c = 0; c < 14; c++) {
    spans.push({ kind: 'scalar', start: pos, width: 1, column: `num${c}`, part: 'value' });
    spans.push({ kind: 'onehot', start: pos + 1, width: 4, column: `num${c}`, part: 'mode' });
    pos += 5;
  }
  let condPos = 0;
  for (let c = 0; c < 10; c++) {
    spans.push({ kind: 'onehot', start: pos, width: 8, column: `cat${c}`, part: 'category' });
    conditionSpans.push({ column: `cat${c}`, start: pos, width: 8, condOffset: condPos, labels: Array.from({ length: 8 }, (_, k) => String(k)) });
    pos += 8;
    condPos += 8;
  }
  return { width: pos, spans, conditionSpans, condWidth: condPos };
}

async function main() {
  const backend = process.argv[2] ?? 'wasm';
  const steps = Number(process.argv[3] ?? 8);
  await tf.setBackend(backend);
  await tf.ready();
  const layout = syntheticLayout();
  const rng = createRng(1);
  const B = 500;
  const nRows = steps * B;
  const encoded = new Float32Array(nRows * layout.width);
  for (let r = 0; r < nRows; r++) {
    for (const s of layout.spans) {
      const o = r * layout.width + s.start;
      if (s.kind === 'scalar') encoded[o] = Math.max(-1, Math.min(1, 0.3 * rng.normal()));
      else encoded[o + rng.int(s.width)] = 1;
    }
  }
  const sampler = ConditionalSampler.fromEncoded(encoded, nRows, layout);
  console.log(`backend ${tf.getBackend()}, width ${layout.width}, cond ${layout.condWidth}, batch ${B}, ${steps} steps per epoch`);
  for (const fast of [true, false]) {
    const trainer = createGanTrainer(encoded, nRows, layout, sampler, { seed: 1, fastGradient: fast });
    // first epoch warms up (wasm kernels, allocations); the second is timed
    const t0 = performance.now();
    await trainer.trainEpoch();
    const warmSeconds = (performance.now() - t0) / 1000;
    const r = await trainer.trainEpoch();
    console.log(
      `${fast ? 'custom-gradient dense' : 'built-in matMul grad'}: ${(r.seconds / r.steps).toFixed(3)} s/step ` +
        `(D ${(r.secondsD / r.steps).toFixed(3)}, G ${(r.secondsG / r.steps).toFixed(3)}); warm-up epoch ${warmSeconds.toFixed(1)} s` +
        `; → ${(r.seconds).toFixed(1)} s per ${r.steps}-step epoch`,
    );
    trainer.dispose();
  }
  // tfjs's taped versions of the discriminator step's pieces (the trainer uses critic-gradients.ts)
  const d = createDiscriminator(layout.width + layout.condWidth, [256, 256], 10, rng, true);
  const real = tf.randomNormal([B, layout.width + layout.condWidth]) as tf.Tensor2D;
  const fake = tf.randomNormal([B, layout.width + layout.condWidth]) as tf.Tensor2D;
  let seed = 1;
  const next = () => seed++;
  const time = async (label: string, f: () => tf.Scalar) => {
    const run = async () => {
      const g = tf.tidy(() => {
        const { grads } = tf.variableGrads(f, d.trainableVariables());
        return tf.addN(Object.values(grads).map((t) => tf.sum(t)));
      });
      await g.data();
      g.dispose();
    };
    await run();
    const t = performance.now();
    const n = 4;
    for (let i = 0; i < n; i++) await run();
    console.log(`${label}: ${((performance.now() - t) / n / 1000).toFixed(3)} s`);
  };
  await time('  D critic loss + grads (no GP)', () => tf.sub(tf.mean(d.forward(fake, next)), tf.mean(d.forward(real, next))) as tf.Scalar);
  await time('  D gradient penalty + grads', () => gradientPenalty((x) => d.forward(x, next), real, fake, 10, next()));
  d.dispose();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
