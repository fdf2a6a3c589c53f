/**
 * Validate and Risk in Node: a synthetic table trained on one split is never scored against
 * another; after "Split again" both say so, and going back to the trained split scores it again.
 */
import { describe, expect, test } from 'vitest';
import { DatasetSession } from './dataset-session';
import { PreparedData } from './prepared-data';
import { createValidateApi } from './validate-api';
import { createRiskApi } from './risk-api';
import { setSyntheticTable } from './synthetic-registry';

function csv(n: number): string {
  const lines = ['id,age,limit,grade,default'];
  for (let i = 0; i < n; i++) lines.push(`c${i},${20 + ((i * 7) % 40)},${(1 + ((i * 5) % 9)) * 10000},${['a', 'b', 'c'][i % 3]},${i % 4 === 0 ? 1 : 0}`);
  return lines.join('\n') + '\n';
}

describe('Validate and Risk check what the synthetic data was trained on', () => {
  test('split again → refused in plain words, stale report hidden; back to the trained split → scored again', async () => {
    const session = new DatasetSession();
    const out = await session.load(() => new Blob([csv(240)]).stream(), { name: 'p.csv' }, () => undefined);
    if (!out.ok) throw new Error(out.error.message);
    session.setTarget('default', '1');
    const prepared = new PreparedData(session);
    prepared.makeSplit(0.25, 42);
    // the "synthetic" table: the training rows themselves, recorded as trained on this split
    setSyntheticTable(prepared.trainTable().select(['age', 'limit', 'grade', 'default']), 'test rows', {
      engineKind: 'ar-cart',
      trainedOn: prepared.provenance(),
      copiesRejected: 12,
    });
    const validate = createValidateApi(prepared);
    const risk = createRiskApi(prepared);

    const first = validate.validateStatus();
    expect(first.check?.state).toBe('match');
    expect(first.current?.copiesRejected).toBe(12);
    expect(first.current?.engine).toBe('Sequential trees');
    const built = await validate.validateBuildReport(null);
    expect(validate.validateReport(built.runId)?.report).toBe(built.report);
    expect(risk.riskStatus().synthetic.available).toBe(true);

    prepared.makeSplit(0.25, 7);
    const moved = validate.validateStatus();
    expect(moved.check?.state).toBe('mismatch');
    expect(moved.check?.message).toMatch(/trained on a different train\/test split/);
    expect(moved.check?.canRestore).toBe(true);
    await expect(validate.validateBuildReport(null)).rejects.toThrow(/different train\/test split/);
    // the report scored on seed 42 is not handed out as the report of the split in use
    expect(validate.validateReport(built.runId)).toBeNull();
    const rs = risk.riskStatus().synthetic;
    expect(rs.available).toBe(false);
    expect(rs.reason).toMatch(/different train\/test split/);
    const trained = await risk.riskTrain({ models: ['logistic'], modes: ['synthetic'], options: {} as never });
    expect(trained.added).toEqual([]);
    expect(trained.errors[0].message).toMatch(/different train\/test split/);

    const back = validate.validateRestoreTrainedSplit(null);
    expect(back.check?.state).toBe('match');
    expect(prepared.splitSummary()?.seed).toBe(42);
    expect(validate.validateReport(built.runId)?.report).toBe(built.report);
    expect(risk.riskStatus().synthetic.available).toBe(true);
  });
});
