import type { ColumnTable } from 'arquero';
import type { DatasetSchema } from '../../data/schema';
import { featureSpecsFromSchema, type FeatureSpec } from '../../risk/features/feature-spec';
import { applyStandardEncoder, fitStandardEncoder } from '../../risk/features/standard-encoder';
import { applyTreeEncoder, fitTreeEncoder } from '../../risk/features/tree-encoder';
import { selectRows } from '../../risk/features/feature-matrix';
import { logisticPredictProba, logisticRegressionSteps } from '../../risk/models/logistic-regression';
import { gbdtPredictProba, gbdtSteps } from '../../risk/models/gbdt/gbdt';
import { runToEnd, type Stepwise } from '../../util/stepwise';
import { rocAuc } from '../../risk/metrics/rocAuc';
import { constantScores } from '../../risk/metrics/score-warnings';
import { createRng, shuffledIndices } from '../../util/random';
import { categoryKey } from '../categoryKey';
import type { Cell } from '../types';
import type { UtilityModel, UtilityReport, UtilityScore } from './types';
import { utilityVerdict } from './verdicts';

export interface UtilityOptions {
  models?: UtilityModel[];
  /** training rows used per model at most (seeded subsample); default 50,000 */
  maxTrainingRows?: number;
  /** categorical columns with more training categories are left out of the logistic regression; default 50 */
  maxOneHotCategories?: number;
  seed?: number;
}

const LABELS: Record<UtilityModel, string> = { 'logistic-regression': 'Logistic regression', gbdt: 'Gradient-boosted trees' };

/** 0/1 per row (positive label = 1), and the rows with a known target. */
function targetOf(table: ColumnTable, target: string, positive: string): { y: Float64Array; rows: number[] } {
  const key = categoryKey(positive);
  const raw = table.array(target) as ArrayLike<Cell>;
  const y = new Float64Array(raw.length);
  const rows: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    const k = categoryKey(raw[i]);
    if (k === null) continue;
    y[i] = k === key ? 1 : 0;
    rows.push(i);
  }
  return { y, rows };
}

function bothClasses(y: Float64Array, rows: number[]): boolean {
  let pos = 0;
  for (const r of rows) pos += y[r];
  return pos > 0 && pos < rows.length;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Quick utility check: the same model trained on the real training rows (TRTR) and on the
 * synthetic rows (TSTR), both scored by ROC AUC on the real held-out test rows. A small gap means
 * the synthetic data carries the signal a credit model needs.
 */
export function utilityReport(
  train: ColumnTable,
  test: ColumnTable,
  synthetic: ColumnTable,
  schema: DatasetSchema,
  options: UtilityOptions = {},
): UtilityReport {
  return runToEnd(utilitySteps(train, test, synthetic, schema, options));
}

/** The same check as a stepwise computation (it yields inside the fits), so a report build can be cancelled mid-way. */
export function* utilitySteps(
  train: ColumnTable,
  test: ColumnTable,
  synthetic: ColumnTable,
  schema: DatasetSchema,
  options: UtilityOptions = {},
): Stepwise<UtilityReport> {
  const target = schema.target;
  const positive = schema.positiveLabel;
  const base = { target, positiveLabel: positive, features: [] as string[], testRows: 0, testPositives: 0, models: [] as UtilityScore[] };
  if (!target || positive === null) return { ...base, skipped: 'No target column is chosen, so no model can be trained (choose one in step 1).' };
  for (const [name, t] of [['training', train], ['test', test], ['synthetic', synthetic]] as const) {
    if (!t.columnNames().includes(target)) return { ...base, skipped: `The ${name} table has no target column "${target}".` };
  }
  const synthCols = new Set(synthetic.columnNames());
  const features: FeatureSpec[] = featureSpecsFromSchema(schema).filter((f) => synthCols.has(f.name) && train.columnNames().includes(f.name));
  if (features.length === 0) return { ...base, skipped: 'No modelled column is shared by the real and synthetic tables.' };
  const testY = targetOf(test, target, positive);
  let testPositives = 0;
  for (const r of testY.rows) testPositives += testY.y[r];
  const report = { ...base, features: features.map((f) => f.name), testRows: testY.rows.length, testPositives };
  if (!bothClasses(testY.y, testY.rows)) return { ...report, skipped: 'The test rows hold a single target class, so ROC AUC is undefined.' };

  const maxRows = options.maxTrainingRows ?? 50_000;
  const maxCats = options.maxOneHotCategories ?? 50;
  const rng = createRng(options.seed ?? 0);
  const capped = (rows: number[]): number[] => {
    if (rows.length <= maxRows) return rows;
    const idx = shuffledIndices(rows.length, rng).slice(0, maxRows).sort();
    return Array.from(idx, (i) => rows[i]);
  };
  const sides = {
    real: { table: train, ...targetOf(train, target, positive) },
    synthetic: { table: synthetic, ...targetOf(synthetic, target, positive) },
  };
  const sub = { real: capped(sides.real.rows), synthetic: capped(sides.synthetic.rows) };
  const testRows = testY.rows;
  const yTest = Float64Array.from(testRows, (r) => testY.y[r]);

  const fitAndScore = function* (model: UtilityModel, side: 'real' | 'synthetic'): Stepwise<{ auc: number; constant: boolean }> {
    const s = sides[side];
    const rows = sub[side];
    if (!bothClasses(s.y, rows)) {
      // synthetic rows of one class can teach nothing: that is the finding, not an error
      if (side === 'synthetic') return { auc: NaN, constant: true };
      throw new Error(`the ${side} rows hold a single target class`);
    }
    const y = Float64Array.from(rows, (r) => s.y[r]);
    if (model === 'logistic-regression') {
      const enc0 = fitStandardEncoder(s.table, features);
      // one-hot blocks of very many categories make Newton's method slow and add little here
      const keep = features.filter((f) => {
        const c = enc0.columns.find((e) => e.name === f.name);
        return !(c && c.kind === 'categorical' && (c.distinctLabels ?? c.categories.length) > maxCats);
      });
      const enc = keep.length === features.length ? enc0 : fitStandardEncoder(s.table, keep);
      const x = selectRows(applyStandardEncoder(enc, s.table), rows);
      const m = yield* logisticRegressionSteps(x, y, { C: 1, maxIter: 50, tol: 1e-8 });
      const p = logisticPredictProba(m, selectRows(applyStandardEncoder(enc, test), testRows));
      return { auc: rocAuc(yTest, p), constant: constantScores(p) };
    }
    const enc = fitTreeEncoder(s.table, features);
    const x = selectRows(applyTreeEncoder(enc, s.table), rows);
    const m = yield* gbdtSteps(x, y, { maxIter: 100, seed: options.seed ?? 0 });
    const p = gbdtPredictProba(m, selectRows(applyTreeEncoder(enc, test), testRows));
    return { auc: rocAuc(yTest, p), constant: constantScores(p) };
  };

  const models: UtilityScore[] = [];
  for (const model of options.models ?? ['logistic-regression', 'gbdt']) {
    const problems: string[] = [];
    const constant = { real: false, synthetic: false };
    const run = function* (side: 'real' | 'synthetic'): Stepwise<number> {
      try {
        const r = yield* fitAndScore(model, side);
        constant[side] = r.constant;
        return r.auc;
      } catch (e) {
        problems.push(`${side === 'real' ? 'TRTR' : 'TSTR'}: ${message(e)}`);
        return NaN;
      }
    };
    const trtr = yield* run('real');
    const tstr = yield* run('synthetic');
    const testMinorityRows = Math.min(testPositives, testRows.length - testPositives);
    models.push({
      model,
      label: LABELS[model],
      trtr,
      tstr,
      gap: trtr - tstr,
      problem: problems.length ? problems.join('; ') : null,
      learnedNothing: constant.synthetic,
      verdict: utilityVerdict(trtr, tstr, { tstrLearnedNothing: constant.synthetic, trtrLearnedNothing: constant.real, testMinorityRows }),
    });
  }
  return { ...report, models, skipped: null };
}
