import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, test } from 'vitest';
import { soak } from '../../bench/soak';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

// Behaviour, not timing: a long run must not leak tensors (every epoch, probe and checkpoint read
// disposes what it creates), so the count at epoch 50 equals the count at epoch 10.
test('50 epochs with probes and checkpoint reads keep tf.memory().numTensors flat', async () => {
  const before = tf.memory().numTensors;
  const r = await soak({ epochs: 50, rows: 200, backend: 'cpu', print: false });
  expect(r.tensorsAtBaseline).toBeGreaterThan(before);
  expect(r.tensorsGrowth).toBe(0);
  // Not asserted: after dispose the session leaves tensors behind once per run (initial values of
  // the generator / discriminator / Adam variables in src/core/gan, reported as
  // soak.tensors_left_after_dispose); a per-run constant, not growth per epoch.
  expect(r.tensorsLeftAfterDispose).toBeLessThan(r.tensorsAtBaseline);
});
