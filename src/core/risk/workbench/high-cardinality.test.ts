import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import type { ColumnSchema, DatasetSchema } from '../../data/schema.ts';
import { createRng } from '../../util/random.ts';
import { applyStandardEncoder, DEFAULT_MAX_CATEGORIES, fitStandardEncoder, OTHER_LABEL } from '../features/standard-encoder.ts';
import { wideCategories } from '../features/wide-categories.ts';
import { logisticRegressionSteps } from '../models/logistic-regression.ts';
import { gbdtSteps } from '../models/gbdt/index.ts';
import { RiskTrainingCancelled, trainAndEvaluate } from './index.ts';

function col(name: string, role: ColumnSchema['role']): ColumnSchema {
  return { name, role, inferredRole: role, reason: '', numeric: role !== 'categorical', integer: false, missing: 0, distinct: 0 };
}

/**
 * 12,000 rows with an amount read as a category: 10,000 distinct labels ("a0".."a9999", rows past
 * 10,000 repeat the first labels), plus a numeric column `x` that drives the target.
 */
function wideTable() {
  const n = 12_000;
  const rng = createRng(14);
  const amount: string[] = [];
  const x: number[] = [];
  const y: string[] = [];
  for (let i = 0; i < n; i++) {
    amount.push(`a${i % 10_000}`);
    const xi = rng.normal();
    x.push(xi);
    y.push(rng.next() < 1 / (1 + Math.exp(-(2 * xi - 1))) ? '1' : '0');
  }
  return aq.table({ amount, x, y });
}
const schema: DatasetSchema = {
  columns: [col('amount', 'categorical'), col('x', 'continuous'), col('y', 'categorical')],
  target: 'y',
  positiveLabel: '1',
  rowCount: 12_000,
};

describe('a high-cardinality category in the linear model', () => {
  it('caps the one-hot block: the most frequent labels, then "(other)" for the rest and for unknown labels', () => {
    // counts: c 4, a 3, b 3, d 1, e 1 → with a cap of 2 keep c (4) and a (3; ties go by label order over b)
    const t = aq.table({ k: ['a', 'a', 'a', 'b', 'b', 'b', 'c', 'c', 'c', 'c', 'd', 'e', null] });
    const enc = fitStandardEncoder(t, [{ name: 'k', kind: 'categorical' }], { maxCategories: 2 });
    expect(enc.outputNames).toEqual(['k=a', 'k=c', `k=${OTHER_LABEL}`, 'k (missing)']);
    expect(enc.columns[0]).toMatchObject({ other: true, distinctLabels: 5 });
    const m = applyStandardEncoder(JSON.parse(JSON.stringify(enc)), aq.table({ k: ['c', 'b', 'zzz', null] }));
    expect(Array.from(m.data)).toEqual([0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1]);
    // at or under the cap nothing changes: no "(other)" column
    const small = fitStandardEncoder(t, [{ name: 'k', kind: 'categorical' }], { maxCategories: 5 });
    expect(small.outputNames).toEqual(['k=a', 'k=b', 'k=c', 'k=d', 'k=e', 'k (missing)']);
  });

  it('names the wide columns before training, with their label counts', () => {
    const t = aq.table({ few: ['a', 'b', null], many: ['1', '2', '3'], n: [1, 2, 3] });
    const specs = [
      { name: 'few', kind: 'categorical' as const },
      { name: 'many', kind: 'categorical' as const },
      { name: 'n', kind: 'numeric' as const },
    ];
    expect(wideCategories(t, specs, 2)).toEqual([{ name: 'many', labels: 3 }]);
    expect(wideCategories(wideTable(), schema.columns.filter((c) => c.name !== 'y').map((c) => ({ name: c.name, kind: c.role === 'categorical' ? 'categorical' as const : 'numeric' as const })))).toEqual([
      { name: 'amount', labels: 10_000 },
    ]);
  });

  it('trains logistic regression on a 10,000-label column with a capped width and a notice', async () => {
    const table = wideTable();
    const train = table.slice(0, 10_800);
    const test = table.slice(10_800);
    const { result, fitted } = await trainAndEvaluate({
      model: 'logistic',
      mode: 'real',
      train,
      test,
      schema,
      options: { bootstrapReplicates: 20, importance: false },
    });
    if (fitted.kind !== 'logistic') throw new Error('kind');
    // 30 kept labels + "(other)" + x: the width does not grow with the labels
    expect(fitted.encoder.outputNames.length).toBe(DEFAULT_MAX_CATEGORIES + 2);
    expect(fitted.model.converged).toBe(true);
    expect(fitted.model.iterations).toBeLessThan(30);
    expect(result.training.notes.some((n) => n.includes('"amount" has 10,000 labels') && n.includes(OTHER_LABEL))).toBe(true);
    // the signal in x is found (the labels carry none)
    expect(result.evaluation.rocAuc).toBeGreaterThan(0.7);
  });

  it('stops at the cancel flag during the fit, for the linear model and the boosted trees', async () => {
    const table = wideTable();
    for (const model of ['logistic', 'gbdt'] as const) {
      let polls = 0;
      let stage = '';
      const run = trainAndEvaluate({
        model,
        mode: 'real',
        train: table.slice(0, 10_800),
        test: table.slice(10_800),
        schema,
        options: { bootstrapReplicates: 20, importance: false },
        onProgress: (p) => (stage = p.stage),
        // the flag goes up once the fit has started (the 4th poll: two before the fit, then its chunks)
        shouldStop: () => ++polls > 3,
      });
      await expect(run).rejects.toBeInstanceOf(RiskTrainingCancelled);
      expect(stage).toBe('training');
      expect(polls).toBe(4);
    }
  });

  it('yields between chunks: a fit is many small steps, each bounded by rows or one round', () => {
    const n = 10_000;
    const data = new Float64Array(n);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      data[i] = (i % 100) / 50 - 1;
      y[i] = i % 3 === 0 ? 1 : 0;
    }
    const x = { data, nRows: n, nCols: 1, columnNames: ['v'] };
    let pauses = 0;
    const lr = logisticRegressionSteps(x, y);
    for (let s = lr.next(); !s.done; s = lr.next()) pauses++;
    // each Newton step sums 10,000 rows in 3 blocks of at most 4,096 rows: at least 2 pauses per step
    expect(pauses).toBeGreaterThanOrEqual(2);
    let rounds = 0;
    const gb = gbdtSteps(x, y, { maxIter: 5, earlyStopping: false });
    for (let s = gb.next(); !s.done; s = gb.next()) rounds++;
    // one pause after binning, then one between consecutive rounds
    expect(rounds).toBe(5);
  });
});
