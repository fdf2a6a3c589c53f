import { describe, expect, it } from 'vitest';
import type { ColumnSchema } from '../../../core/data/schema';
import { specProblems } from './spec-problems';

const col = (name: string, role: ColumnSchema['role']): ColumnSchema => ({ name, role, inferredRole: role, reason: 'test', numeric: false, integer: false, missing: 0, distinct: 2 });
const columns = [col('card', 'identifier'), col('time', 'datetime'), col('amt', 'continuous'), col('city', 'categorical')];

describe('streams spec problems', () => {
  it('a usable spec has none', () => {
    expect(specProblems({ key: ['card'], time: 'time', profile: ['city'], event: ['amt'] }, columns)).toEqual([]);
  });
  it('no key, a time that is not a datetime, no event column: one sentence each', () => {
    expect(specProblems({ key: [], time: 'city', profile: ['amt'], event: [] }, columns)).toEqual([
      'Choose at least one key column (the card or customer).',
      'Choose a datetime column as the time.',
      'Keep at least one event column (such as the amount).',
    ]);
  });
});
