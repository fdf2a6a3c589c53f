import * as aq from 'arquero';
import { describe, expect, test } from 'vitest';
import type { DatasetSchema } from '../data/schema';
import { fitDataTransformer } from '../transform/data-transformer';
import { createRng } from '../util/random';
import type { EpochResult, GanTrainer, NamedWeight } from './trainer';
import type { ProbeResult, QualityProbe } from './quality-probe';
import { createQualityProbe } from './quality-probe';
import { runTrainingLoop, MAX_DIVERGENCES_IN_A_ROW } from './train-loop';
import { splitValidationRows, validationRowCount } from './validation-rows';
import { encodeForTraining } from './training-setup';

/**
 * A scripted trainer: its "weights" are the number of the epoch that produced them, so the test
 * can see which checkpoint the loop kept. `diverge` lists the calls of trainEpoch that report a
 * restored (diverged) epoch.
 */
function scriptedTrainer(diverge: number[] = []) {
  let done = 0;
  let calls = 0;
  let weightsEpoch = 0;
  const trainer: GanTrainer & { weightsEpoch(): number } = {
    settings: {} as GanTrainer['settings'],
    get epochsDone() {
      return done;
    },
    stepsPerEpoch: 1,
    async trainEpoch(): Promise<EpochResult> {
      calls++;
      const restored = diverge.includes(calls);
      if (!restored) {
        done++;
        weightsEpoch = done;
      }
      return { epoch: done, lossG: 0, lossD: 0, penalty: 0, seconds: 0.001, steps: 1, secondsD: 0, secondsG: 0, stopped: false, restored } as EpochResult;
    },
    sample: async () => new Float32Array(0),
    getWeights: (): NamedWeight[] => [{ name: 'epoch', shape: [1], data: Float32Array.of(weightsEpoch) }],
    setWeights: (w) => {
      weightsEpoch = w[0].data[0];
    },
    dispose: () => undefined,
    weightsEpoch: () => weightsEpoch,
  };
  return trainer;
}

/** A probe whose score at epoch e is scores[e - 1]. */
function scriptedProbe(trainer: { epochsDone: number }, scores: number[]): QualityProbe {
  return async () => {
    const score = scores[trainer.epochsDone - 1];
    return { columnShapes: score, pairTrends: score, score, seconds: 0, real: {}, generated: {} } as ProbeResult;
  };
}

describe('the shared training loop', () => {
  test('probes every N epochs and after the last, and keeps the best checkpoint when it beats the last', async () => {
    const t = scriptedTrainer();
    const probed: number[] = [];
    const r = await runTrainingLoop(t, scriptedProbe(t, [0.5, 0.9, 0.6, 0.7, 0.65]), { epochs: 5, probeEvery: 2 }, { onProbe: (e) => probed.push(e) });
    // epochs 2 and 4 by the period, 5 as the last
    expect(probed).toEqual([2, 4, 5]);
    expect(r).toEqual({ epochsDone: 5, usedEpoch: 2, best: { epoch: 2, score: 0.9 }, lastScore: 0.65, restoredBest: true });
    expect(t.weightsEpoch()).toBe(2);
  });

  test('keepBest false, or a last epoch that is best, leaves the last weights', async () => {
    const a = scriptedTrainer();
    const ra = await runTrainingLoop(a, scriptedProbe(a, [0.5, 0.9, 0.6]), { epochs: 3, probeEvery: 1, keepBest: false });
    expect([ra.usedEpoch, ra.restoredBest, a.weightsEpoch()]).toEqual([3, false, 3]);
    const b = scriptedTrainer();
    const rb = await runTrainingLoop(b, scriptedProbe(b, [0.5, 0.6, 0.9]), { epochs: 3, probeEvery: 1 });
    expect([rb.usedEpoch, rb.restoredBest, b.weightsEpoch()]).toEqual([3, false, 3]);
  });

  test('a diverged epoch is repeated; three in a row stop training with advice', async () => {
    const t = scriptedTrainer([2]);
    const divergences: number[] = [];
    const r = await runTrainingLoop(t, scriptedProbe(t, [0.1, 0.2, 0.3]), { epochs: 3, probeEvery: 1 }, { onDivergence: (e) => divergences.push(e) });
    expect(divergences).toEqual([2]);
    expect(r.epochsDone).toBe(3);
    const bad = scriptedTrainer([2, 3, 4]);
    await expect(runTrainingLoop(bad, scriptedProbe(bad, [0.1, 0.2]), { epochs: 2, probeEvery: 1 })).rejects.toThrow(
      new RegExp(`diverged ${MAX_DIVERGENCES_IN_A_ROW} times in a row at epoch 2`),
    );
  });

  test('cancel ends the loop; the epochs done so far are probed once', async () => {
    const t = scriptedTrainer();
    const probed: number[] = [];
    const r = await runTrainingLoop(t, scriptedProbe(t, [0.4, 0.5, 0.6, 0.7]), { epochs: 4, probeEvery: 10 }, { cancelled: () => t.epochsDone >= 2, onProbe: (e) => probed.push(e) });
    expect(r.epochsDone).toBe(2);
    expect(probed).toEqual([2]);
  });
});

describe('the validation part of the training rows', () => {
  test('10 % of the rows (at most 2,000, none below 50 rows), disjoint from the fitted rows, seeded', () => {
    expect([49, 50, 240, 30_000].map(validationRowCount)).toEqual([0, 5, 24, 2000]);
    const train = aq.table({ row: Array.from({ length: 240 }, (_, i) => i) });
    const a = splitValidationRows(train, 7);
    const fit = Array.from(a.fit.array('row') as ArrayLike<number>);
    const held = Array.from(a.validation!.array('row') as ArrayLike<number>);
    expect(held).toHaveLength(24);
    expect(fit).toHaveLength(216);
    expect(new Set([...fit, ...held]).size).toBe(240);
    expect(Array.from(splitValidationRows(train, 7).validation!.array('row') as ArrayLike<number>)).toEqual(held);
    expect(Array.from(splitValidationRows(train, 8).validation!.array('row') as ArrayLike<number>)).not.toEqual(held);
    expect(splitValidationRows(train.slice(0, 40), 7).validation).toBeNull();
  });

  test('the probe scores against the held-out rows: generating exactly them scores 1, the fitted rows less', async () => {
    // a numeric column with a trend over the rows, so fitted and held-out rows differ in detail
    const rng = createRng(3);
    const n = 600;
    const table = aq.table({ x: Array.from({ length: n }, (_, i) => i / 10 + rng.normal()), c: Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 'a' : 'b')) });
    const schema = {
      columns: [
        { name: 'x', role: 'continuous', inferredRole: 'continuous', reason: '', numeric: true, integer: false, missing: 0, distinct: n },
        { name: 'c', role: 'categorical', inferredRole: 'categorical', reason: '', numeric: false, integer: false, missing: 0, distinct: 2 },
      ],
      target: null,
      positiveLabel: null,
      rowCount: n,
    } as DatasetSchema;
    const prepared = encodeForTraining(table, schema, { seed: 1, maxModes: 3 });
    expect(prepared.rows).toBe(540);
    expect(prepared.validation!.numRows()).toBe(60);
    const transformer = fitDataTransformer(table, schema, { seed: 1, mixture: { maxModes: 3 } });
    // a "trainer" that generates the held-out rows themselves (1,000 rows: repeated in order)
    const heldX = prepared.validation!.array('x') as ArrayLike<number>;
    const reps = aq.table({ x: Array.from({ length: 1000 }, (_, i) => heldX[i % 60]), c: Array.from({ length: 1000 }, (_, i) => (prepared.validation!.array('c') as ArrayLike<string>)[i % 60]) });
    const copy = { sample: async () => transformer.transform(reps, createRng(2)) } as unknown as GanTrainer;
    const onHeldOut = await createQualityProbe({ reference: prepared.validation!, schema, transformer, seed: 1, columns: ['x', 'c'] })(copy);
    const onFitted = await createQualityProbe({ reference: prepared.fit, schema, transformer, seed: 1, columns: ['x', 'c'] })(copy);
    expect(onHeldOut.columnShapes).toBeGreaterThan(0.98);
    expect(onFitted.columnShapes).toBeLessThan(onHeldOut.columnShapes - 0.05);
  });
});
