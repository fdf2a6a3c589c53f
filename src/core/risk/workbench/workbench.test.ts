import * as aq from 'arquero';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ColumnSchema, DatasetSchema } from '../../data/schema.ts';
import { createRng } from '../../util/random.ts';
import { rocAuc } from '../metrics/index.ts';
import { loadUciTable, stratifiedSplit80, UCI_CATEGORICAL, UCI_TARGET } from '../models/test-helpers.ts';
import {
  applyDerivedFeatures,
  comparisonCsv,
  comparisonRows,
  composeTrainingData,
  evaluateScores,
  haversineKm,
  hourOfDay,
  independentMarginals,
  predictTable,
  RiskTrainingCancelled,
  suggestDerivedFeatures,
  thinCurve,
  trainAndEvaluate,
  weekdayIndex,
  type RiskResult,
} from './index.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function col(name: string, role: ColumnSchema['role'], extra: Partial<ColumnSchema> = {}): ColumnSchema {
  return { name, role, inferredRole: role, reason: '', numeric: role !== 'categorical', integer: false, missing: 0, distinct: 0, ...extra };
}

/** y depends on a (strongly) and on the label g; noise is unrelated. */
function toyTable(n: number, seed: number) {
  const rng = createRng(seed);
  const a: number[] = [];
  const noise: number[] = [];
  const g: string[] = [];
  const y: string[] = [];
  const id: string[] = [];
  for (let i = 0; i < n; i++) {
    const ai = rng.normal();
    const gi = rng.next() < 0.5 ? 'x' : 'y';
    const z = 2 * ai + (gi === 'x' ? 1 : -1) - 1;
    a.push(ai);
    noise.push(rng.normal());
    g.push(gi);
    y.push(rng.next() < 1 / (1 + Math.exp(-z)) ? '1' : '0');
    id.push(`row${i}`);
  }
  return aq.table({ id, a, noise, g, y });
}
const toySchema: DatasetSchema = {
  columns: [col('id', 'identifier'), col('a', 'continuous'), col('noise', 'continuous'), col('g', 'categorical'), col('y', 'categorical')],
  target: 'y',
  positiveLabel: '1',
  rowCount: 0,
};

describe('evaluation of scores', () => {
  it('wires every metric on a hand-computed case', () => {
    const e = evaluateScores([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], { threshold: 0.5, bootstrapReplicates: 200 });
    expect(e.rocAuc).toBeCloseTo(0.75, 12);
    expect(e.gini).toBeCloseTo(0.5, 12);
    expect(e.ks).toBeCloseTo(0.5, 12);
    expect(e.prAuc).toBeCloseTo(5 / 6, 12);
    expect(e.confusion).toEqual({ tp: 1, fp: 0, tn: 2, fn: 1 });
    expect(e.accuracy).toBe(0.75);
    expect(e.precision).toBe(1);
    expect(e.recall).toBe(0.5);
    expect(e.f1).toBeCloseTo(2 / 3, 12);
    expect(e.brier).toBeCloseTo((0.01 + 0.16 + 0.4225 + 0.04) / 4, 12);
    expect(e.logLoss).toBeCloseTo(0.47228795380917615, 12);
    expect(e.rocAucInterval.lower).toBeLessThanOrEqual(0.75);
    expect(e.rocAucInterval.upper).toBeGreaterThanOrEqual(0.75);
    expect(e.roc.map((p) => [p.x, p.y])).toEqual([[0, 0], [0, 0.5], [0.5, 0.5], [0.5, 1], [1, 1]]);
    expect(e.pr.map((p) => [p.x, p.y])).toEqual([[0, 1], [0.5, 1], [0.5, 0.5], [1, 2 / 3]]);
    expect(e.scoreHistogram.length).toBe(20);
    expect(e.scoreHistogram[16]).toMatchObject({ positives: 1, negatives: 0 }); // 0.8 → [0.80, 0.85)
    expect(e.scoreHistogram.reduce((s, b) => s + b.positives + b.negatives, 0)).toBe(4);
    expect(e.calibration.reduce((s, b) => s + b.count, 0)).toBe(4);
  });

  it('thins a long curve but keeps its ends and shape', () => {
    const pts = Array.from({ length: 10001 }, (_, k) => ({ x: k / 10000, y: Math.sqrt(k / 10000), threshold: 1 - k / 10000 }));
    const thin = thinCurve(pts, 200);
    expect(thin.length).toBeLessThan(450);
    expect(thin[0]).toBe(pts[0]);
    expect(thin[thin.length - 1]).toBe(pts[10000]);
    for (let k = 1; k < thin.length; k++) expect(Math.max(thin[k].x - thin[k - 1].x, thin[k].y - thin[k - 1].y)).toBeLessThan(0.011);
  });
});

describe('training data by mode', () => {
  const train = toyTable(400, 1);
  const synthetic = toyTable(1000, 2);
  const cols = ['a', 'noise', 'g', 'y'];

  it('real, synthetic, augmented and oversampled compose the rows they promise', () => {
    const real = composeTrainingData('real', train, null, cols, 'y', '1');
    expect(real.table.numRows()).toBe(400);
    expect(real.table.columnNames()).toEqual(cols);
    const syn = composeTrainingData('synthetic', train, synthetic, cols, 'y', '1');
    expect([syn.realRows, syn.syntheticRows]).toEqual([0, 1000]);
    const aug = composeTrainingData('augmented', train, synthetic, cols, 'y', '1', { augmentRatio: 0.5, seed: 3 });
    expect([aug.realRows, aug.syntheticRows, aug.table.numRows()]).toEqual([400, 200, 600]);
    const over = composeTrainingData('oversampled', train, synthetic, cols, 'y', '1', { oversampleShare: 0.5, seed: 3 });
    // every added row is a synthetic positive, and the positive share reaches one half
    const added = (over.table.array('y') as string[]).slice(400);
    expect(added.every((v) => v === '1')).toBe(true);
    expect(over.positives / over.y.length).toBeGreaterThanOrEqual(0.5);
    expect((over.positives - 1) / (over.y.length - 1)).toBeLessThan(0.5);
    expect(() => composeTrainingData('synthetic', train, null, cols, 'y', '1')).toThrow(/synthetic table/);
    const big = composeTrainingData('augmented', train, synthetic, cols, 'y', '1', { augmentRatio: 5 });
    expect(big.syntheticRows).toBe(1000);
    expect(big.notes.join(' ')).toMatch(/all used/);
  });

  it('independent marginals keep each column and lose the relation to the target', () => {
    const t = independentMarginals(train, 2000, 5);
    expect(t.numRows()).toBe(2000);
    const shareX = (tab: aq.ColumnTable) => (tab.array('g') as string[]).filter((v) => v === 'x').length / tab.numRows();
    expect(Math.abs(shareX(t) - shareX(train))).toBeLessThan(0.05);
    const y = Array.from(t.array('y') as string[], (v) => (v === '1' ? 1 : 0));
    expect(Math.abs(rocAuc(y, t.array('a') as number[]) - 0.5)).toBeLessThan(0.05);
  });
});

describe('trainAndEvaluate', () => {
  const train = toyTable(1500, 11);
  const test = toyTable(600, 12);

  it('scores the real test split with the fitted model, and ranks the signal column first', async () => {
    const stages: string[] = [];
    const { result, fitted } = await trainAndEvaluate({
      model: 'logistic',
      mode: 'real',
      train,
      test,
      schema: toySchema,
      options: { seed: 1, bootstrapReplicates: 200 },
      onProgress: (p) => stages.push(p.stage),
    });
    expect(result.features).toEqual(['a', 'noise', 'g']);
    const y = Array.from(test.array('y') as string[], (v) => (v === '1' ? 1 : 0));
    expect(result.evaluation.rocAuc).toBeCloseTo(rocAuc(y, await predictTable(fitted, test)), 12);
    expect(result.evaluation.rocAuc).toBeGreaterThan(0.8);
    expect(result.evaluation.testRows).toBe(600);
    expect(result.importance!.features[0].feature).toBe('a');
    const noise = result.importance!.features.find((f) => f.feature === 'noise')!;
    expect(Math.abs(noise.importance)).toBeLessThan(0.02);
    expect(stages[0]).toBe('preparing');
    expect(stages[stages.length - 1]).toBe('done');
  });

  it('trains the neural network, and stops when asked', async () => {
    const { result } = await trainAndEvaluate({
      model: 'neural',
      mode: 'real',
      train,
      test,
      schema: toySchema,
      options: { seed: 1, bootstrapReplicates: 100, neuralEpochs: 15, importance: false, classWeight: 'balanced' },
    });
    expect(result.evaluation.rocAuc).toBeGreaterThan(0.8);
    expect(result.importance).toBeNull();
    let polls = 0;
    await expect(
      trainAndEvaluate({ model: 'neural', mode: 'real', train, test, schema: toySchema, options: { neuralEpochs: 50 }, shouldStop: () => ++polls > 3 }),
    ).rejects.toBeInstanceOf(RiskTrainingCancelled);
  });

  it('refuses without a target or with a one-class test split', async () => {
    await expect(trainAndEvaluate({ model: 'logistic', mode: 'real', train, test, schema: { ...toySchema, target: null } })).rejects.toThrow(/target/);
    const allZero = test.derive({ y: () => '0' });
    await expect(trainAndEvaluate({ model: 'logistic', mode: 'real', train, test: allZero, schema: toySchema })).rejects.toThrow(/one class/);
  });
});

describe('UCI: train on real vs train on independent marginals, judged on the real test split', () => {
  it('TSTR on independent marginals scores clearly below TRTR (GBDT, 50 rounds)', async () => {
    const table = loadUciTable().derive({ [UCI_TARGET]: aq.escape((d: Record<string, unknown>) => String(d[UCI_TARGET])) });
    const y = Array.from(table.array(UCI_TARGET) as string[], (v) => (v === '1' ? 1 : 0));
    const { train, test } = stratifiedSplit80(y, 42);
    const trainTable = table.reify(train);
    const testTable = table.reify(test);
    const schema: DatasetSchema = {
      columns: table.columnNames().map((n) => col(n, UCI_CATEGORICAL.includes(n) || n === UCI_TARGET ? 'categorical' : 'continuous')),
      target: UCI_TARGET,
      positiveLabel: '1',
      rowCount: table.numRows(),
    };
    const synthetic = independentMarginals(trainTable, trainTable.numRows(), 7);
    const options = { seed: 0, gbdtRounds: 50, bootstrapReplicates: 300, importance: false };
    const real = await trainAndEvaluate({ model: 'gbdt', mode: 'real', train: trainTable, test: testTable, schema, options });
    const tstr = await trainAndEvaluate({ model: 'gbdt', mode: 'synthetic', train: trainTable, synthetic, test: testTable, schema, options });
    const r = real.result.evaluation;
    const s = tstr.result.evaluation;
    console.log(`UCI GBDT-50: TRTR AUC ${r.rocAuc.toFixed(4)} [${r.rocAucInterval.lower.toFixed(3)}, ${r.rocAucInterval.upper.toFixed(3)}], TSTR (independent marginals) AUC ${s.rocAuc.toFixed(4)}`);
    expect(r.rocAuc).toBeGreaterThan(0.75);
    expect(s.rocAuc).toBeLessThan(0.6);
    expect(s.rocAucInterval.upper).toBeLessThan(r.rocAucInterval.lower);
    const rows = comparisonRows([
      { id: 'a', result: real.result },
      { id: 'b', result: tstr.result },
    ]);
    expect(rows.map((x) => x.best)).toEqual([true, false]);
    expect(rows[1].aucVsReal).toBeCloseTo(s.rocAuc - r.rocAuc, 12);
    expect(rows[0].aucVsReal).toBeNull();
  }, 30_000);
});

describe('comparison CSV', () => {
  it('goes through the app\'s one writer: a negative AUC change stays a plain number, CRLF lines', () => {
    const e = evaluateScores([0, 1, 0, 1], [0.2, 0.9, 0.4, 0.3], { bootstrapReplicates: 50 });
    const base = { label: '', options: {}, features: [], evaluation: e, importance: null };
    const realRun = { ...base, model: 'gbdt', mode: 'real', training: { rows: 10, realRows: 10, syntheticRows: 0, positives: 5, seconds: 1, detail: '', notes: [] } } as RiskResult;
    const worse = evaluateScores([0, 1, 0, 1], [0.2, 0.3, 0.4, 0.35], { bootstrapReplicates: 50 });
    const synthRun = { ...base, evaluation: worse, model: 'gbdt', mode: 'synthetic', training: { rows: 10, realRows: 0, syntheticRows: 10, positives: 5, seconds: 1, detail: '', notes: [] } } as RiskResult;
    const csv = comparisonCsv(comparisonRows([{ id: 'a', result: realRun }, { id: 'b', result: synthRun }]));
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(4);
    const cells = csv.split('\r\n')[2].split(',');
    // AUC 0.75 real, 0.5 synthetic (hand-counted pairs): the change -0.25 is written as a number
    expect(cells.slice(4, 5)).toEqual(['0.5']);
    expect(cells[7]).toBe('-0.25');
  });

  it('writes one line per result under a header', () => {
    const e = evaluateScores([0, 1, 0, 1], [0.2, 0.9, 0.4, 0.3], { bootstrapReplicates: 50 });
    const result = { model: 'gbdt', mode: 'real', label: '', options: {}, features: [], training: { rows: 10, realRows: 10, syntheticRows: 0, positives: 5, seconds: 1, detail: '', notes: [] }, evaluation: e, importance: null } as RiskResult;
    const csv = comparisonCsv(comparisonRows([{ id: 'x', result }]));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines.length).toBe(2);
    expect(lines[0].startsWith('model,training data,training rows')).toBe(true);
    expect(lines[1].startsWith('Gradient-boosted trees,Real (TRTR),10,0,0.75,')).toBe(true);
  });
});

describe('derived features for transactions', () => {
  it('hour, weekday and haversine distance on hand-checked values', () => {
    expect(hourOfDay(Date.UTC(2019, 0, 1, 0, 0))).toBe(0);
    expect(hourOfDay(Date.UTC(2019, 0, 1, 23, 59))).toBe(23);
    expect(weekdayIndex(Date.UTC(2019, 0, 1))).toBe(1); // a Tuesday
    expect(weekdayIndex(Date.UTC(2020, 5, 21, 12))).toBe(6); // a Sunday
    expect(haversineKm(0, 0, 0, 1)).toBeCloseTo(111.19508, 4);
    expect(haversineKm(0, 0, 90, 0)).toBeCloseTo(10007.557, 2);
    // the first row of the bundled transactions sample
    expect(haversineKm(36.0788, -81.1781, 36.011293, -82.048315)).toBeCloseTo(78.597677, 4);
  });

  it('adds the columns with their schema entries, keeping missing values missing', () => {
    const schema: DatasetSchema = {
      columns: [col('when', 'datetime', { datetimeFormat: 'M/D/YY H:mm' }), col('dob', 'datetime', { datetimeFormat: 'M/D/YY' }), col('lat', 'continuous'), col('long', 'continuous'), col('merch_lat', 'continuous'), col('merch_long', 'continuous'), col('is_fraud', 'categorical')],
      target: 'is_fraud',
      positiveLabel: '1',
      rowCount: 2,
    };
    const table = aq.table({
      when: [Date.UTC(2019, 0, 1, 22, 5), null],
      dob: [0, 0],
      lat: [36.0788, 1],
      long: [-81.1781, 2],
      merch_lat: [36.011293, null],
      merch_long: [-82.048315, 2],
      is_fraud: ['0', '1'],
    });
    const steps = suggestDerivedFeatures(schema);
    expect(steps).toEqual([
      { kind: 'datetime-parts', column: 'when', hour: 'when_hour', weekday: 'when_weekday' },
      { kind: 'haversine-km', lat: 'lat', long: 'long', otherLat: 'merch_lat', otherLong: 'merch_long', output: 'distance_km' },
    ]);
    const out = applyDerivedFeatures(table, schema, steps);
    expect(out.table.array('when_hour')).toEqual([22, null]);
    expect(out.table.array('when_weekday')).toEqual(['1', null]);
    const km = out.table.array('distance_km') as (number | null)[];
    expect(km[0]).toBeCloseTo(78.597677, 4);
    expect(km[1]).toBeNull();
    expect(out.schema.columns.slice(-3).map((c) => [c.name, c.role])).toEqual([
      ['when_hour', 'continuous'],
      ['when_weekday', 'categorical'],
      ['distance_km', 'continuous'],
    ]);
  });
});
