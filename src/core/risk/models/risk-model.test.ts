import { describe, expect, it } from 'vitest';
import { createRng } from '../../util/random.ts';
import { createFeatureMatrix } from '../features/feature-matrix.ts';
import { fitGbdt, gbdtDecisionFunction } from './gbdt/gbdt.ts';
import { fitLogisticRegression, logisticDecisionFunction } from './logistic-regression.ts';
import { explainRow, predictProba, riskModelFromJson, riskModelToJson } from './risk-model.ts';
import { stratifiedHoldout } from './stratified-holdout.ts';

const rng = createRng(3);
const n = 600;
const data = Float64Array.from({ length: n * 2 }, () => rng.normal());
const y = Uint8Array.from({ length: n }, (_, i) => (data[i * 2] + 0.5 * data[i * 2 + 1] + rng.normal() > 0.8 ? 1 : 0));
const x = createFeatureMatrix(data, n, ['a', 'b']);

describe('risk model entry point', () => {
  const models = [fitLogisticRegression(x, y), fitGbdt(x, y, { maxIter: 20 })];

  it('round-trips both kinds through JSON text with identical probabilities', () => {
    for (const m of models) {
      const back = riskModelFromJson(JSON.parse(JSON.stringify(riskModelToJson(m))));
      expect(back.kind).toBe(m.kind);
      expect(Array.from(predictProba(back, x))).toEqual(Array.from(predictProba(m, x)));
    }
    expect(() => riskModelFromJson({ kind: 'svm' })).toThrow(/unknown/);
  });

  it('explanations add up to the log-odds for both kinds', () => {
    const zs = [logisticDecisionFunction(models[0] as never, x), gbdtDecisionFunction(models[1] as never, x)];
    models.forEach((m, k) => {
      for (const row of [0, 99, 599]) {
        const { base, contributions } = explainRow(m, x, row);
        expect(base + contributions[0] + contributions[1]).toBeCloseTo(zs[k][row], 10);
      }
    });
  });
});

describe('stratified holdout', () => {
  it('holds out round(fraction · n_c) rows of each class, disjoint and complete, same for the same seed', () => {
    const labels = Uint8Array.from({ length: 1003 }, (_, i) => (i % 10 === 0 ? 1 : 0)); // 101 positives, 902 negatives
    const h = stratifiedHoldout(labels, 0.2, 9);
    const pos = Array.from(h.heldOut).filter((i) => labels[i] === 1).length;
    expect(pos).toBe(20); // round(20.2)
    expect(h.heldOut.length - pos).toBe(180); // round(180.4)
    const all = new Set([...h.keep, ...h.heldOut]);
    expect(all.size).toBe(1003);
    expect(Array.from(stratifiedHoldout(labels, 0.2, 9).heldOut)).toEqual(Array.from(h.heldOut));
    expect(Array.from(stratifiedHoldout(labels, 0.2, 10).heldOut)).not.toEqual(Array.from(h.heldOut));
  });
});
