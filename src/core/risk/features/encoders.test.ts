import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { applyStandardEncoder, fitStandardEncoder } from './standard-encoder.ts';
import { applyTreeEncoder, fitTreeEncoder } from './tree-encoder.ts';
import { featureSpecsFromSchema, type FeatureSpec } from './feature-spec.ts';
import { sortLabels } from './column-values.ts';
import type { DatasetSchema } from '../../data/schema.ts';

// typed-table convention: numbers or null for numeric, label strings or null for categorical
const train = aq.table({
  amount: [1, 2, null, 5],
  pay: ['0', '-2', '10', '0'],
  sex: ['F', null, 'M', 'F'],
});
const specs: FeatureSpec[] = [
  { name: 'amount', kind: 'numeric' },
  { name: 'pay', kind: 'categorical' },
  { name: 'sex', kind: 'categorical' },
];

describe('standard encoder', () => {
  const enc = fitStandardEncoder(train, specs);

  it('learns the training mean and population std, ignoring missing cells', () => {
    const amount = enc.columns[0];
    // values 1, 2, 5: mean 8/3, population variance ((5/3)² + (2/3)² + (7/3)²) / 3 = 78/27
    expect(amount).toMatchObject({ kind: 'numeric', missingIndicator: true });
    if (amount.kind !== 'numeric') throw new Error('kind');
    expect(amount.mean).toBeCloseTo(8 / 3, 14);
    expect(amount.std).toBeCloseTo(Math.sqrt(78 / 27), 14);
  });

  it('names outputs with numeric categories in numeric order and missing indicators', () => {
    expect(enc.outputNames).toEqual([
      'amount',
      'amount (missing)',
      'pay=-2',
      'pay=0',
      'pay=10',
      'sex=F',
      'sex=M',
      'sex (missing)',
    ]);
    expect(enc.outputSources).toEqual(['amount', 'amount', 'pay', 'pay', 'pay', 'sex', 'sex', 'sex']);
  });

  it('encodes: missing numeric → 0 plus indicator, unknown category → all zeros', () => {
    const test = aq.table({ amount: [null, 8 / 3 + Math.sqrt(78 / 27)], pay: ['7', '-2'], sex: [null, 'M'] });
    const m = applyStandardEncoder(enc, test);
    expect(m.nRows).toBe(2);
    expect(m.nCols).toBe(8);
    expect(Array.from(m.data.subarray(0, 8))).toEqual([0, 1, 0, 0, 0, 0, 0, 1]);
    const row1 = Array.from(m.data.subarray(8, 16));
    expect(row1[0]).toBeCloseTo(1, 12);
    expect(row1.slice(1)).toEqual([0, 1, 0, 0, 0, 1, 0]);
  });

  it('adds no indicators when asked not to, and a constant column scales by 1', () => {
    const t = aq.table({ c: [3, 3, null], k: ['a', null, 'b'] });
    const e = fitStandardEncoder(t, [
      { name: 'c', kind: 'numeric' },
      { name: 'k', kind: 'categorical' },
    ], { missingIndicators: false });
    expect(e.outputNames).toEqual(['c', 'k=a', 'k=b']);
    const m = applyStandardEncoder(e, t);
    expect(Array.from(m.data)).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 1]);
  });

  it('survives a JSON round trip with identical output', () => {
    const back = JSON.parse(JSON.stringify(enc));
    expect(Array.from(applyStandardEncoder(back, train).data)).toEqual(Array.from(applyStandardEncoder(enc, train).data));
  });

  it('rejects a table without a fitted column', () => {
    expect(() => applyStandardEncoder(enc, aq.table({ amount: [1] }))).toThrow(/pay/);
  });
});

describe('tree encoder', () => {
  it('passes numbers through, NaN for missing, ordered integer codes for categories', () => {
    const enc = fitTreeEncoder(train, specs);
    expect(enc.outputNames).toEqual(['amount', 'pay', 'sex']);
    const test = aq.table({ amount: [7.5, null], pay: ['10', '3'], sex: ['M', null] });
    const m = applyTreeEncoder(enc, test);
    // pay codes: -2 → 0, 0 → 1, 10 → 2 (numeric order, not string order); unknown '3' → NaN
    expect(Array.from(m.data)).toEqual([7.5, 2, 1, NaN, NaN, NaN]);
  });

  it('one-hot option: unknown and missing → all zeros; JSON round trip', () => {
    const enc = fitTreeEncoder(train, specs, { categorical: 'onehot' });
    expect(enc.outputNames).toEqual(['amount', 'pay=-2', 'pay=0', 'pay=10', 'sex=F', 'sex=M']);
    const test = aq.table({ amount: [1, 2], pay: ['0', 'x'], sex: [null, 'F'] });
    const m = applyTreeEncoder(JSON.parse(JSON.stringify(enc)), test);
    expect(Array.from(m.data)).toEqual([1, 0, 1, 0, 0, 0, 2, 0, 0, 0, 1, 0]);
  });
});

describe('feature specs and label order', () => {
  it('takes modelled roles except the target from a schema', () => {
    const col = (name: string, role: DatasetSchema['columns'][number]['role']) => ({
      name, role, inferredRole: role, reason: '', numeric: true, integer: true, missing: 0, distinct: 2,
    });
    const schema: DatasetSchema = {
      columns: [col('ID', 'identifier'), col('AGE', 'continuous'), col('SEX', 'categorical'), col('when', 'datetime'), col('note', 'text'), col('y', 'categorical')],
      target: 'y',
      positiveLabel: '1',
      rowCount: 2,
    };
    expect(featureSpecsFromSchema(schema)).toEqual([
      { name: 'AGE', kind: 'numeric' },
      { name: 'SEX', kind: 'categorical' },
      { name: 'when', kind: 'numeric' },
    ]);
  });

  it('sorts numeric labels by value before text labels', () => {
    expect(sortLabels(['b', '10', '-2', 'a', '2', '2'])).toEqual(['-2', '2', '10', 'a', 'b']);
  });
});
