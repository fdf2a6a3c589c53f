/**
 * Risk-model figures on the UCI sample (80/20 stratified split, seed 0): ROC AUC on the real
 * test split per model and training mode, and fit seconds on the 24,000 training rows.
 */
import type { ColumnTable } from 'arquero';
import { trainAndEvaluate, type ModelKind, type TrainingMode } from '../src/core/risk/workbench';
import { emit } from './record';
import { benchBatchScore } from '../src/core/risk/apply/bench-batch';
import type { UciSplit } from './uci-split';

export async function riskBenches(data: UciSplit, quick: boolean, synthetic: { name: string; table: ColumnTable } | null): Promise<void> {
  const models: ModelKind[] = quick ? ['logistic', 'gbdt'] : ['logistic', 'gbdt', 'neural'];
  const modes: TrainingMode[] = synthetic ? ['real', 'synthetic', 'augmented'] : ['real'];
  for (const model of models) {
    for (const mode of modes) {
      const { result, fitted } = await trainAndEvaluate({
        model,
        mode,
        train: data.train,
        synthetic: synthetic?.table ?? null,
        test: data.test,
        schema: data.schema,
        options: { seed: 0, importance: false, bootstrapReplicates: quick ? 100 : 500 },
      });
      const e = result.evaluation;
      emit({
        name: `risk.uci.auc.${model}.${mode}`,
        value: e.rocAuc,
        unit: 'auc',
        where: 'node',
        ci_lower: e.rocAucInterval.lower,
        ci_upper: e.rocAucInterval.upper,
        gini: e.gini,
        ks: e.ks,
        brier: e.brier,
        train_rows: result.training.rows,
        ...(mode === 'real' ? {} : { synthetic_source: synthetic?.name }),
      });
      if (mode === 'real') emit({ name: `risk.uci.fit_s.${model}`, value: result.training.seconds, unit: 's', where: 'node', rows: result.training.rows });
      if (mode === 'real' && model === 'gbdt') {
        // encode + predict + top-3 reasons per row, as the Apply screen's batch scoring does
        const rowsPerS = await benchBatchScore(fitted, data.test, { rows: quick ? 6_000 : 60_000, repeats: quick ? 1 : 3 });
        emit({ name: 'apply.batch_score.rows_per_s', value: rowsPerS, unit: 'rows/s', where: 'node', model });
      }
    }
  }
}
