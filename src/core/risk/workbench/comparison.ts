import { csvLine } from '../../data/export/index.ts';
import type { ModelKind } from './fitted-model.ts';
import { MODEL_LABELS } from './fitted-model.ts';
import { MODE_LABELS, type TrainingMode } from './training-data.ts';
import type { RiskResult } from './train-and-evaluate.ts';

/**
 * The model × mode comparison: one row per experiment with its test-split figures, the AUC
 * interval, and the change in AUC against the same model trained on real data (when one was run),
 * which is how synthetic data earns its keep (TSTR close to TRTR; augmentation above it).
 */
export interface ComparisonRow {
  id: string;
  model: ModelKind;
  mode: TrainingMode;
  modelLabel: string;
  modeLabel: string;
  trainRows: number;
  syntheticRows: number;
  rocAuc: number;
  aucLower: number;
  aucUpper: number;
  /** AUC minus the same model's AUC on real data; null without a real run of that model */
  aucVsReal: number | null;
  prAuc: number;
  gini: number;
  ks: number;
  brier: number;
  logLoss: number;
  threshold: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  /** the highest ROC AUC of the table, among the models that learned something */
  best: boolean;
  /** the model gives every test row the same score: its AUC is no score */
  learnedNothing: boolean;
  /** too few test rows of a class to judge (see MIN_TEST_ROWS_PER_CLASS) */
  smallTest: boolean;
}

export function comparisonRows(results: readonly { id: string; result: RiskResult }[]): ComparisonRow[] {
  const realAuc = new Map<ModelKind, number>();
  for (const { result } of results) if (result.mode === 'real') realAuc.set(result.model, result.evaluation.rocAuc);
  const warned = (r: RiskResult, kind: string) => (r.evaluation.warnings ?? []).some((w) => w.kind === kind);
  let bestAuc = -Infinity;
  for (const { result } of results) if (!warned(result, 'learned-nothing') && result.evaluation.rocAuc > bestAuc) bestAuc = result.evaluation.rocAuc;
  return results.map(({ id, result: r }) => {
    const e = r.evaluation;
    const real = realAuc.get(r.model);
    const learnedNothing = warned(r, 'learned-nothing');
    return {
      id,
      model: r.model,
      mode: r.mode,
      modelLabel: MODEL_LABELS[r.model],
      modeLabel: MODE_LABELS[r.mode],
      trainRows: r.training.rows,
      syntheticRows: r.training.syntheticRows,
      rocAuc: e.rocAuc,
      aucLower: e.rocAucInterval.lower,
      aucUpper: e.rocAucInterval.upper,
      aucVsReal: real === undefined || r.mode === 'real' ? null : e.rocAuc - real,
      prAuc: e.prAuc,
      gini: e.gini,
      ks: e.ks,
      brier: e.brier,
      logLoss: e.logLoss,
      threshold: e.threshold,
      accuracy: e.accuracy,
      precision: e.precision,
      recall: e.recall,
      f1: e.f1,
      best: !learnedNothing && e.rocAuc === bestAuc,
      learnedNothing,
      smallTest: warned(r, 'small-test'),
    };
  });
}

const CSV_COLUMNS: [string, (r: ComparisonRow) => string | number | null][] = [
  ['model', (r) => r.modelLabel],
  ['training data', (r) => r.modeLabel],
  ['training rows', (r) => r.trainRows],
  ['synthetic rows', (r) => r.syntheticRows],
  ['ROC AUC', (r) => r.rocAuc],
  ['AUC 95% lower', (r) => r.aucLower],
  ['AUC 95% upper', (r) => r.aucUpper],
  ['AUC vs real', (r) => r.aucVsReal],
  ['PR AUC', (r) => r.prAuc],
  ['Gini', (r) => r.gini],
  ['KS', (r) => r.ks],
  ['Brier', (r) => r.brier],
  ['log loss', (r) => r.logLoss],
  ['threshold', (r) => r.threshold],
  ['accuracy', (r) => r.accuracy],
  ['precision', (r) => r.precision],
  ['recall', (r) => r.recall],
  ['F1', (r) => r.f1],
  ['warning', (r) => [r.learnedNothing ? 'learned nothing (constant scores)' : '', r.smallTest ? 'test set too small' : ''].filter(Boolean).join('; ')],
];

export function comparisonCsv(rows: readonly ComparisonRow[]): string {
  // the app's one writer (core/data/export): plain numbers, formula-safe labels, CRLF
  return csvLine(CSV_COLUMNS.map(([h]) => h)) + rows.map((r) => csvLine(CSV_COLUMNS.map(([, get]) => get(r)))).join('');
}
