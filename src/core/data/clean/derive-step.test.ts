import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { applyRecipe, dataQualityReport, parseRecipeJson, recipeToJson, type CleaningStep } from './index.ts';
import type { DatasetSchema } from '../schema.ts';
import { col } from './test-schema.ts';

// 2019-01-01 is a Tuesday; 2019-01-06 23:30 a Sunday
const table = aq.table({
  trans_time: [Date.UTC(2019, 0, 1, 0, 0), Date.UTC(2019, 0, 6, 23, 30)],
  lat: [0, 10],
  long: [0, 20],
  merch_lat: [0, 10],
  merch_long: [1, 20],
  is_fraud: ['0', '1'],
});
const schema: DatasetSchema = {
  columns: [
    col('trans_time', 'datetime', { datetimeFormat: 'YYYY-MM-DD HH:MM:SS' }),
    col('lat', 'continuous'),
    col('long', 'continuous'),
    col('merch_lat', 'continuous'),
    col('merch_long', 'continuous'),
    col('is_fraud', 'categorical'),
  ],
  target: 'is_fraud',
  positiveLabel: '1',
  rowCount: 2,
};

describe('deriveFeatures recipe step', () => {
  it('is proposed by the data-quality report and adds hour, weekday and distance when applied', () => {
    const finding = dataQualityReport(table, schema).find((f) => f.kind === 'derivableFeatures');
    expect(finding?.suggestedStep?.kind).toBe('deriveFeatures');
    const { table: out, schema: s, reports } = applyRecipe(table, schema, [finding!.suggestedStep!]);
    expect(out.array('trans_time_hour')).toEqual([0, 23]);
    expect(out.array('trans_time_weekday')).toEqual(['1', '6']); // 0 = Monday
    // one degree of longitude on the equator: 2π·6371.0088/360 km
    expect(out.array('distance_km')[0]).toBeCloseTo((2 * Math.PI * 6371.0088) / 360, 6);
    expect(out.array('distance_km')[1]).toBe(0);
    expect(reports[0].columnsAdded).toEqual(['trans_time_hour', 'trans_time_weekday', 'distance_km']);
    expect(s.columns.find((c) => c.name === 'trans_time_weekday')?.role).toBe('categorical');
    expect(s.columns.find((c) => c.name === 'distance_km')?.role).toBe('continuous');
  });

  it('round-trips through recipe JSON, replays identically, and rejects a malformed feature', () => {
    const step: CleaningStep = { id: 'd', kind: 'deriveFeatures', enabled: true, features: [{ kind: 'datetime-parts', column: 'trans_time', hour: 'h', weekday: 'w' }] };
    const back = parseRecipeJson(recipeToJson([step]));
    expect(back).toEqual([step]);
    expect(applyRecipe(table, schema, back).table.objects()).toEqual(applyRecipe(table, schema, [step]).table.objects());
    const bad = recipeToJson([{ ...step, features: [{ kind: 'datetime-parts', column: 'trans_time', hour: 'h' }] } as unknown as CleaningStep]);
    expect(() => parseRecipeJson(bad)).toThrow(/feature 1.*"weekday"/);
  });

  it('refuses to overwrite an existing column and names the missing input on replay', () => {
    const clash: CleaningStep = { id: 'c', kind: 'deriveFeatures', enabled: true, features: [{ kind: 'haversine-km', lat: 'lat', long: 'long', otherLat: 'merch_lat', otherLong: 'merch_long', output: 'lat' }] };
    expect(() => applyRecipe(table, schema, [clash])).toThrow(/"lat" already exist/);
    const missing: CleaningStep = { id: 'm', kind: 'deriveFeatures', enabled: true, features: [{ kind: 'datetime-parts', column: 'when', hour: 'h', weekday: 'w' }] };
    expect(() => applyRecipe(table, schema, [missing])).toThrow(/"when"/);
  });
});
