import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import type { ColumnSchema, DatasetSchema } from '../../data/schema';
import { createRng } from '../../util/random';
import { buildValidationReport, ReportCancelledError } from './build-report';

function col(name: string, role: ColumnSchema['role']): ColumnSchema {
  return { name, role, inferredRole: role, reason: '', numeric: role !== 'categorical', integer: false, missing: 0, distinct: 0 };
}
const schema: DatasetSchema = { columns: [col('x', 'continuous'), col('z', 'continuous'), col('y', 'categorical')], target: 'y', positiveLabel: '1', rowCount: 0 };

function rows(n: number, seed: number) {
  const rng = createRng(seed);
  const x: number[] = [];
  const z: number[] = [];
  const y: string[] = [];
  for (let i = 0; i < n; i++) {
    const xi = rng.normal();
    x.push(xi);
    z.push(rng.normal());
    y.push(xi + 0.5 * rng.normal() > 0.5 ? '1' : '0');
  }
  return aq.table({ x, z, y });
}

describe('cancelling a report build', () => {
  it('is polled inside the model fits, not only between stages, and stops there', async () => {
    const input = { train: rows(600, 1), test: rows(300, 2), synthetic: rows(600, 3), schema, seed: 1 };
    // a full build: count the polls once the utility stage (four model fits) has begun
    let stage = '';
    let pollsInUtility = 0;
    await buildValidationReport({
      ...input,
      onProgress: (p) => (stage = p.stage),
      shouldStop: () => {
        if (stage === 'utility') pollsInUtility++;
        return false;
      },
    });
    // one poll per pause between stages would be 2 (after "utility" and after "done"); the fits add many
    expect(pollsInUtility).toBeGreaterThan(20);

    // the flag goes up at the 5th poll of the utility stage: the build stops inside a fit
    stage = '';
    let polls = 0;
    const cancelled = buildValidationReport({
      ...input,
      onProgress: (p) => (stage = p.stage),
      shouldStop: () => stage === 'utility' && ++polls >= 5,
    });
    await expect(cancelled).rejects.toBeInstanceOf(ReportCancelledError);
    expect(stage).toBe('utility');
    expect(polls).toBe(5);
  });
});
