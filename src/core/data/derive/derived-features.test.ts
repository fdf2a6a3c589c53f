import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import type { ColumnSchema, DatasetSchema } from '../schema.ts';
import { hasTimeOfDay, suggestDerivedFeatures } from './derived-features.ts';

const col = (name: string, extra: Partial<ColumnSchema> = {}): ColumnSchema => ({
  name, role: 'datetime', inferredRole: 'datetime', reason: '', numeric: false, integer: false, missing: 0, distinct: 2, ...extra,
});

describe('derived hour and weekday', () => {
  it('are offered from a timestamp, not from a date-only ISO column (dob) nor from an empty one', () => {
    const schema: DatasetSchema = {
      columns: [col('when', { datetimeFormat: 'ISO' }), col('dob', { datetimeFormat: 'ISO' }), col('blank'), col('unix')],
      target: null,
      positiveLabel: null,
      rowCount: 2,
    };
    const table = aq.table({
      when: [Date.UTC(2019, 0, 1, 22, 5), Date.UTC(2019, 0, 2)],
      dob: [Date.UTC(1988, 2, 9), Date.UTC(1970, 0, 1)],
      blank: [null, null],
      unix: [1325376018000, null],
    });
    expect(hasTimeOfDay(table.array('dob'))).toBe(false);
    expect(hasTimeOfDay(table.array('when'))).toBe(true);
    expect(suggestDerivedFeatures(schema, table).map((s) => (s.kind === 'datetime-parts' ? s.column : ''))).toEqual(['when', 'unix']);
    // without the values only the format can tell: ISO may carry a time, so all are offered
    expect(suggestDerivedFeatures(schema)).toHaveLength(4);
  });
});
