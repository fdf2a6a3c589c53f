import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { referenceDir } from '../../../test-support/paths.ts';
import { aucMannWhitney, stratifiedSplit80 } from './test-helpers.ts';

describe('test helpers', () => {
  it('the local Mann-Whitney AUC matches the scikit-learn reference cases (ties included)', () => {
    const ref = JSON.parse(readFileSync(resolve(referenceDir, 'classifier_metrics_cases.json'), 'utf8'));
    expect(ref.cases.length).toBeGreaterThan(0);
    for (const c of ref.cases) expect(aucMannWhitney(c.y_true, c.y_score)).toBeCloseTo(c.expected.roc_auc, 9);
  });

  it('the 80/20 split is stratified and a partition', () => {
    const y = Array.from({ length: 1000 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const { train, test } = stratifiedSplit80(y, 1);
    expect(test.filter((i) => y[i] === 1).length).toBe(50);
    expect(test.length).toBe(200);
    expect(new Set([...train, ...test]).size).toBe(1000);
  });
});
