import { describe, expect, it } from 'vitest';
import { applyStandardEncoder, fitStandardEncoder } from '../features/standard-encoder.ts';
import { applyTreeEncoder, fitTreeEncoder } from '../features/tree-encoder.ts';
import { fitGbdt, gbdtPredictProba } from './gbdt/gbdt.ts';
import { fitLogisticRegression, logisticPredictProba } from './logistic-regression.ts';
import { aucMannWhitney, loadUciTable, stratifiedSplit80, uciFeatureSpecs, UCI_TARGET } from './test-helpers.ts';

describe('UCI credit-card default, 80/20 stratified split', () => {
  const table = loadUciTable();
  const yAll = Uint8Array.from(table.array(UCI_TARGET) as ArrayLike<number>);
  const { train, test } = stratifiedSplit80(yAll, 42);
  const trainTable = table.reify(train);
  const testTable = table.reify(test);
  const yTrain = Uint8Array.from(train, (i) => yAll[i]);
  const yTest = Uint8Array.from(test, (i) => yAll[i]);
  const specs = uciFeatureSpecs(table);

  it('GBDT reaches ROC AUC >= 0.77 on the test part', () => {
    const enc = fitTreeEncoder(trainTable, specs);
    const xTrain = applyTreeEncoder(enc, trainTable);
    const xTest = applyTreeEncoder(enc, testTable);
    const t0 = performance.now();
    const model = fitGbdt(xTrain, yTrain, { seed: 0 });
    const ms = performance.now() - t0;
    const auc = aucMannWhitney(yTest, gbdtPredictProba(model, xTest));
    console.log(`GBDT: rows ${xTrain.nRows}, fit ${ms.toFixed(0)} ms, rounds ${model.training.roundsRun}, kept ${model.training.bestRound}, test AUC ${auc.toFixed(4)}`);
    expect(auc).toBeGreaterThanOrEqual(0.77);
  });

  it('logistic regression lands in the usual 0.70-0.78 band', () => {
    const enc = fitStandardEncoder(trainTable, specs);
    const xTrain = applyStandardEncoder(enc, trainTable);
    const xTest = applyStandardEncoder(enc, testTable);
    const t0 = performance.now();
    const model = fitLogisticRegression(xTrain, yTrain);
    const ms = performance.now() - t0;
    const auc = aucMannWhitney(yTest, logisticPredictProba(model, xTest));
    console.log(`LR: ${xTrain.nCols} columns, fit ${ms.toFixed(0)} ms, ${model.iterations} Newton steps, test AUC ${auc.toFixed(4)}`);
    expect(model.converged).toBe(true);
    expect(auc).toBeGreaterThan(0.7);
    expect(auc).toBeLessThan(0.78);
  });
});
