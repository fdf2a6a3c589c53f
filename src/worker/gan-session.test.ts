import * as tf from '@tensorflow/tfjs';
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { beforeAll, describe, expect, test } from 'vitest';
import type { ColumnRole, DatasetSchema } from '../core/data/schema';
import { takeRows } from '../core/data/eda/columns';
import { toSafeCsv } from '../core/data/export';
import { createRng } from '../core/util/random';
import {
  base64ToFloats,
  floatsToBase64,
  GanSession,
  PRESETS,
  resolveTrainingSettings,
  DEFAULT_TRAINING_SETTINGS,
  type TrainingDataSource,
  type TrainingEvent,
  type TrainingSettings,
} from './gan-session';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

function col(name: string, role: ColumnRole, distinct = 2) {
  return { name, role, inferredRole: role, reason: 'test', numeric: role === 'continuous', integer: false, missing: 0, distinct };
}

/** 300 rows: a bimodal number tied to a label, an integer amount with gaps, an id and a text column. */
function tinyTable(n = 300, extraCategorical?: { name: string; labels: number }) {
  const rng = createRng(5);
  const data: Record<string, unknown[]> = { id: [], x: [], amount: [], label: [], note: [] };
  if (extraCategorical) data[extraCategorical.name] = [];
  for (let i = 0; i < n; i++) {
    const left = rng.next() < 0.5;
    data.id.push(`c${i}`);
    data.x.push((left ? -5 : 5) + rng.normal());
    data.amount.push(i % 10 === 3 ? null : Math.round(1000 + 300 * rng.normal()));
    data.label.push(rng.next() < (left ? 0.9 : 0.1) ? 'a' : 'b');
    data.note.push(`free text ${i}`);
    if (extraCategorical) data[extraCategorical.name].push(`m${i % extraCategorical.labels}`);
  }
  // the input wrote x with 3 decimals and amount in whole numbers (infer/input-format.ts)
  const x = { ...col('x', 'continuous', n), inputFormat: { decimals: 3, fixedDecimals: true } };
  const amount = { ...col('amount', 'continuous', n), inputFormat: { decimals: 0, fixedDecimals: false } };
  const columns = [col('id', 'identifier', n), x, amount, col('label', 'categorical', 2), col('note', 'text', n)];
  if (extraCategorical) columns.push(col(extraCategorical.name, 'categorical', extraCategorical.labels));
  const schema: DatasetSchema = { columns, target: 'label', positiveLabel: 'a', rowCount: n };
  return { table: aq.table(data, Object.keys(data)), schema };
}

/** Stands in for PreparedData: every fifth row is held out as test. */
function source(table: ColumnTable, schema: DatasetSchema): TrainingDataSource & { splits: number } {
  let split: { train: Int32Array; test: Int32Array } | null = null;
  const src = {
    splits: 0,
    cleaned: () => ({ table, schema }),
    split: () => split,
    makeSplit: () => {
      src.splits++;
      const idx = Array.from({ length: table.numRows() }, (_, i) => i);
      split = { train: Int32Array.from(idx.filter((i) => i % 5 !== 0)), test: Int32Array.from(idx.filter((i) => i % 5 === 0)) };
      return split;
    },
    trainTable: () => takeRows(table, split!.train),
  };
  return src;
}

const tiny: Partial<TrainingSettings> = {
  embeddingDim: 8,
  generatorDims: [16, 16],
  discriminatorDims: [16, 16],
  pac: 2,
  batchSize: 40,
  epochs: 2,
  maxModes: 3,
  probeEvery: 1,
  seed: 3,
};

describe('settings and presets', () => {
  test('every GanSettings field plus maxModes and probeEvery; thorough = CTGAN defaults', () => {
    expect(DEFAULT_TRAINING_SETTINGS).toMatchObject({ maxModes: 10, probeEvery: 5, embeddingDim: 128, batchSize: 500, epochs: 300 });
    expect(PRESETS.thorough.settings).toMatchObject({ generatorDims: [256, 256], discriminatorDims: [256, 256], epochs: 300, lrG: 2e-4, pac: 10 });
    expect(PRESETS.quick.settings.epochs).toBeLessThan(PRESETS.thorough.settings.epochs);
    expect(() => resolveTrainingSettings({ probeEvery: 0 })).toThrow(/probeEvery/);
    expect(() => resolveTrainingSettings({ maxModes: 1.5 })).toThrow(/maxModes/);
    expect(() => resolveTrainingSettings({ lrG: -1 })).toThrow(/lrG/);
    expect(() => resolveTrainingSettings({ batchSize: 55 })).toThrow(/multiple of pac/);
  });
});

describe('plan', () => {
  test('models only continuous/categorical/datetime columns and makes the default split once', () => {
    const { table, schema } = tinyTable();
    const src = source(table, schema);
    const s = new GanSession(src);
    const plan = s.plan({ maxModes: 3 });
    expect(src.splits).toBe(1);
    expect(plan.splitMadeNow).toBe(true);
    expect(plan.trainRows).toBe(240);
    // 10 % of the training rows are held out to choose the checkpoint; the GAN fits the other 216
    expect(plan.validationRows).toBe(24);
    expect(plan.columns.map((c) => c.name)).toEqual(['x', 'amount', 'label']);
    expect(plan.excluded).toEqual([{ name: 'id', role: 'identifier' }, { name: 'note', role: 'text' }]);
    // x: 1 + 3 modes; amount: 1 + 3 + 2 (missing); label: 2
    expect(plan.estimatedWidth).toBe(4 + 6 + 2);
    expect(plan.warning).toBeNull();
    expect(s.plan().splitMadeNow).toBe(false);
    expect(src.splits).toBe(1);
  });

  test('warns about a categorical column with > 100 labels, naming it, and training waits for confirmation', async () => {
    const { table, schema } = tinyTable(300, { name: 'merchant', labels: 150 });
    const s = new GanSession(source(table, schema));
    const plan = s.plan();
    expect(plan.manyLabelColumns.map((c) => c.name)).toEqual(['merchant']);
    expect(plan.warning).toMatch(/"merchant" \(1\d\d labels\)/);
    expect(plan.warning).toMatch(/grouping rare categories/);
    const events: TrainingEvent[] = [];
    const out = await s.train(tiny, (e) => events.push(e));
    expect(out.status).toBe('needs-confirmation');
    expect(events).toEqual([]);
  });
});

describe('training', () => {
  test('2 epochs on the train part: epoch and probe events, live view, then generate and CSV', async () => {
    const { table, schema } = tinyTable();
    let registered: ColumnTable | null = null;
    const s = new GanSession(source(table, schema), (t) => (registered = t));
    const events: TrainingEvent[] = [];
    const out = await s.train(tiny, (e) => events.push(e));
    expect(out).toMatchObject({ status: 'finished', epochs: 2 });
    const epochs = events.filter((e) => e.type === 'epoch');
    expect(epochs.map((e) => e.type === 'epoch' && e.point.epoch)).toEqual([1, 2]);
    for (const e of epochs) {
      if (e.type !== 'epoch') continue;
      expect(Number.isFinite(e.point.lossG) && Number.isFinite(e.point.lossD)).toBe(true);
      expect(e.point.seconds).toBeGreaterThan(0);
    }
    expect(epochs.at(-1)!.type === 'epoch' && epochs.at(-1)!.type === 'epoch' ? (epochs.at(-1) as { point: { etaSeconds: number } }).point.etaSeconds : -1).toBe(0);
    const probes = events.filter((e) => e.type === 'probe');
    expect(probes).toHaveLength(2);
    const p = probes[0].type === 'probe' ? probes[0] : null;
    expect(p!.point.score).toBeGreaterThan(0);
    expect(p!.point.score).toBeLessThanOrEqual(1);
    expect(p!.live.histograms.map((h) => h.column)).toEqual(['x', 'amount', 'label']);
    const labelHist = p!.live.histograms[2];
    expect(labelHist.bins.map((b) => b.label)).toEqual(['a', 'b']);
    expect(labelHist.bins.reduce((t, b) => t + b.real, 0)).toBeCloseTo(1, 10);
    expect(p!.live.scatter).toMatchObject({ x: 'x', y: 'amount' });
    const phases = events.filter((e) => e.type === 'phase').map((e) => e.type === 'phase' && e.phase);
    expect(phases).toEqual(['preparing', 'training', 'finished']);

    const state = s.state();
    expect(state.phase).toBe('finished');
    expect(state.model).toMatchObject({ trainRows: 216, epochsTrained: 2, loaded: false });
    expect(state.model!.columns.map((c) => c.name)).toEqual(['x', 'amount', 'label']);

    const progress: number[] = [];
    const g = await s.generate(500, { fixed: { label: 'b' } }, (d) => progress.push(d));
    expect(g.rows).toBe(500);
    expect(g.columns).toEqual(['x', 'amount', 'label']);
    expect(progress.at(-1)).toBe(500);
    expect(registered!.numRows()).toBe(500);
    expect(new Set(s.syntheticTable()!.array('label') as string[])).toEqual(new Set(['b']));
    const csv = s.syntheticCsv().trimEnd().split('\r\n');
    expect(csv[0]).toBe('x,amount,label');
    expect(csv).toHaveLength(501);
    // written in the input's formats: x with 3 decimals, amount whole (or missing), the fixed label
    for (const line of csv.slice(1)) expect(line).toMatch(/^-?\d+\.\d{3},(-?\d+)?,b$/);
    await expect(s.generate(10, { fixed: { x: '1' } })).rejects.toThrow(/not a categorical/);
    s.dispose();
  }, 60_000);

  test('pause is answered within a second, resume continues, cancel keeps a usable model', async () => {
    const { table, schema } = tinyTable(2000);
    const s = new GanSession(source(table, schema));
    const events: { t: number; e: TrainingEvent }[] = [];
    let pausedAt = 0;
    let resolvePaused!: () => void;
    const paused = new Promise<void>((r) => (resolvePaused = r));
    const run = s.train({ ...tiny, batchSize: 20, epochs: 200, probeEvery: 100 }, (e) => {
      events.push({ t: performance.now(), e });
      if (e.type === 'epoch' && e.point.epoch === 1) {
        // mid-epoch 2 soon after; the answer must not wait for the epoch's end
        setTimeout(() => {
          pausedAt = performance.now();
          s.pause();
        }, 5);
      }
      if (e.type === 'phase' && e.phase === 'paused') resolvePaused();
    });
    await paused;
    const pauseEvent = events.find((x) => x.e.type === 'phase' && x.e.phase === 'paused')!;
    expect(pauseEvent.t - pausedAt).toBeLessThan(1000);
    expect(s.state().phase).toBe('paused');
    const epochsAtPause = s.state().epochs.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(s.state().epochs.length).toBe(epochsAtPause);
    // while paused the model can already generate
    expect((await s.generate(50)).rows).toBe(50);

    s.resume();
    await new Promise<void>((resolve) => {
      const check = () => (s.state().epochs.length > epochsAtPause ? resolve() : setTimeout(check, 20));
      check();
    });
    const cancelAt = performance.now();
    s.cancel();
    const out = await run;
    expect(performance.now() - cancelAt).toBeLessThan(1000);
    expect(out.status).toBe('cancelled');
    if (out.status !== 'cancelled') return;
    expect(out.epochs).toBeGreaterThan(epochsAtPause);
    expect(out.epochs).toBeLessThan(200);
    expect(s.state().phase).toBe('cancelled');
    expect((await s.generate(20)).rows).toBe(20);
    s.dispose();
  }, 60_000);

  test('divergence events suggest a lower learning rate; repeated divergence stops training', async () => {
    const { table, schema } = tinyTable();
    const s = new GanSession(source(table, schema));
    const events: TrainingEvent[] = [];
    const out = await s.train({ ...tiny, divergenceThreshold: 1e-9 }, (e) => events.push(e));
    const div = events.filter((e) => e.type === 'divergence');
    expect(div).toHaveLength(3);
    expect(div[0].type === 'divergence' && div[0].message).toMatch(/lower the learning rates/);
    expect(out.status).toBe('failed');
    expect(out.status !== 'needs-confirmation' && out.message).toMatch(/Lower the learning rates/);
    expect(s.state().model).toBeNull();
  }, 60_000);
});

describe('save and load', () => {
  test('the model JSON round trip gives identical samples, with and without a fixed category', async () => {
    const { table, schema } = tinyTable();
    const a = new GanSession(source(table, schema));
    await a.train(tiny, () => undefined);
    const text = JSON.stringify(a.toModelJSON('tiny model'));
    const b = new GanSession(source(table, schema));
    const info = b.loadModelJSON(JSON.parse(text));
    expect(info).toMatchObject({ name: 'tiny model', loaded: true, trainRows: 216, epochsTrained: 2 });
    expect(b.state().epochs).toHaveLength(2);
    for (const options of [{ seed: 9 }, { seed: 10, fixed: { label: 'a' } }]) {
      await a.generate(300, options);
      await b.generate(300, options);
      expect(b.syntheticTable()!.objects()).toEqual(a.syntheticTable()!.objects());
      expect(b.syntheticCsv()).toBe(a.syntheticCsv());
    }
    // a different seed really gives different rows (the comparison above can fail)
    await b.generate(300, { seed: 11 });
    expect(b.syntheticTable()!.objects()).not.toEqual(a.syntheticTable()!.objects());
    expect(() => b.loadModelJSON({ format: 'something else' })).toThrow(/not a SynthCredit GAN model/);
    const broken = JSON.parse(text);
    broken.weights = broken.weights.slice(1);
    expect(() => b.loadModelJSON(broken)).toThrow(/weights do not fit/);
    a.dispose();
    b.dispose();
  }, 60_000);

  test('the training record travels with the weights; a resumed run keeps it only on the same split', async () => {
    const { table, schema } = tinyTable();
    const record = (trainHash: string) => ({
      datasetFingerprint: 'f1',
      datasetName: 'tiny.csv',
      recipeVersion: 'r0',
      recipeSteps: [],
      split: { mode: 'random' as const, seed: 1, testFraction: 0.2, trainRows: 240, testRows: 60, trainHash, testFile: null },
    });
    let now = record('rows-A');
    const src = { ...source(table, schema), provenance: () => now };
    const a = new GanSession(src);
    await a.train({ ...tiny, epochs: 1 }, () => undefined);
    expect(a.provenance()).toEqual(record('rows-A'));
    const cp = a.checkpoint()!;
    expect(cp.provenance).toEqual(record('rows-A'));
    expect(a.toModelJSON().provenance).toEqual(record('rows-A'));
    const b = new GanSession(source(table, schema));
    b.loadModelJSON(JSON.parse(JSON.stringify(a.toModelJSON())));
    expect(b.provenance()).toEqual(record('rows-A'));
    // resumed on the rows it began on: the record stands
    await a.train({}, () => undefined, { resumeFrom: { ...cp, settings: { ...cp.settings, epochs: 2 } } });
    expect(a.provenance()).toEqual(record('rows-A'));
    // resumed after the split moved: it learned from both row sets, so no record is claimed
    now = record('rows-B');
    await a.train({}, () => undefined, { resumeFrom: { ...cp, settings: { ...cp.settings, epochs: 2 } } });
    expect(a.provenance()).toBeNull();
    // a fresh run on the new split records the new split
    await a.train({ ...tiny, epochs: 1 }, () => undefined);
    expect(a.provenance()).toEqual(record('rows-B'));
    a.dispose();
    b.dispose();
  }, 60_000);

  test('weights survive base64 exactly', () => {
    const w = Float32Array.from([0, -0, 1.5, -3.25e-20, 3.4e38, NaN, 1 / 3]);
    const back = base64ToFloats(floatsToBase64(w));
    expect(Array.from(back)).toEqual(Array.from(w));
    expect(Object.is(back[1], -0)).toBe(true);
  });
});

describe('CSV', () => {
  test('the synthetic download uses the input file\'s formats: cents, whole numbers, the date pattern', () => {
    const t = aq.table({ when: [Date.UTC(2020, 0, 2, 3, 4, 5), null], amount: [6.147973611747448, -99], n: [2.6, 3], v: ['=x', '-'] });
    const columns = [
      { name: 'when', role: 'datetime' as const, inputFormat: { datetime: 'YYYY-MM-DD HH:mm:ss' } },
      { name: 'amount', role: 'continuous' as const, inputFormat: { decimals: 2, fixedDecimals: true } },
      { name: 'n', role: 'continuous' as const, integer: true },
      { name: 'v', role: 'categorical' as const },
    ];
    expect(toSafeCsv(t, { columns })).toBe("when,amount,n,v\r\n2020-01-02 03:04:05,6.15,3,'=x\r\n,-99.00,3,-\r\n");
  });
});
