import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import type { ColumnSchema, DatasetSchema } from '../../data/schema';
import { createRng } from '../../util/random';
import { utilityReport } from './utility';

function col(name: string, role: ColumnSchema['role']): ColumnSchema {
  return { name, role, inferredRole: role, reason: '', numeric: role !== 'categorical', integer: false, missing: 0, distinct: 0 };
}
const schema: DatasetSchema = { columns: [col('x', 'continuous'), col('y', 'categorical')], target: 'y', positiveLabel: '1', rowCount: 0 };

/** y = 1 when x + noise > 0.8: a learnable signal */
function rows(n: number, seed: number) {
  const rng = createRng(seed);
  const x: number[] = [];
  const y: string[] = [];
  for (let i = 0; i < n; i++) {
    const xi = rng.normal();
    x.push(xi);
    y.push(xi + 0.5 * rng.normal() > 0.8 ? '1' : '0');
  }
  return aq.table({ x, y });
}

describe('utility with a degenerate synthetic table', () => {
  it('reports a synthetic table of one class as a model that learned nothing (a problem), not as a score', () => {
    const train = rows(400, 1);
    const test = rows(300, 2);
    const synthetic = aq.table({ x: (rows(300, 3).array('x') as number[]).slice(), y: new Array(300).fill('0') });
    const u = utilityReport(train, test, synthetic, schema, { models: ['logistic-regression', 'gbdt'] });
    for (const m of u.models) {
      expect(m.trtr).toBeGreaterThan(0.8);
      expect(m.learnedNothing).toBe(true);
      expect(m.verdict.level).toBe('risk');
      expect(m.verdict.message).toContain('learned nothing');
    }
  });

  it('gives the usual verdict when the synthetic rows carry the signal', () => {
    const u = utilityReport(rows(400, 1), rows(300, 2), rows(400, 4), schema, { models: ['logistic-regression'] });
    expect(u.models[0].learnedNothing).toBe(false);
    expect(u.models[0].verdict.level).toBe('good');
  });
});
