import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import type { ColumnSchema, DatasetSchema } from '../../data/schema';
import { replayCheck } from './replay';

function col(name: string, role: ColumnSchema['role']): ColumnSchema {
  return { name, role, inferredRole: role, reason: '', numeric: false, integer: false, missing: 0, distinct: 0 };
}
const schema: DatasetSchema = {
  columns: [col('first', 'text'), col('last', 'text'), col('grade', 'categorical')],
  target: null,
  positiveLabel: null,
  rowCount: 3,
};
const real = aq.table({ first: ['Ann', 'Bob', 'Cy'], last: ['Jordan', 'Lee', 'Kim'], grade: ['A', 'B', 'A'] });

describe('identifier / text replay, column by column', () => {
  it('does not call a placeholder first name that equals a real last name a replay', () => {
    const synthetic = aq.table({ first: ['Jordan', 'Lee', 'Zed'], last: ['Ann', 'Moss', 'Ng'], grade: ['A', 'A', 'B'] });
    const r = replayCheck(schema, [real], synthetic);
    expect(r.totalCells).toBe(0);
    expect(r.verdict.level).toBe('good');
  });

  it('counts real values in their own column, and real names that leak into another column', () => {
    const synthetic = aq.table({ first: ['Bob', 'Jordan', 'Zed'], last: ['Kim', 'Kim', 'Ng'], grade: ['A', 'Lee', 'B'] });
    const r = replayCheck(schema, [real], synthetic);
    expect(r.leaks).toEqual([
      { column: 'first', sourceColumns: ['first'], cells: 1 },
      { column: 'last', sourceColumns: ['last'], cells: 2 },
      { column: 'grade', sourceColumns: ['last'], cells: 1 },
    ]);
    expect(r.verdict.level).toBe('risk');
  });
});
