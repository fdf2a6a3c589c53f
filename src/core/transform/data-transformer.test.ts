import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import type { ColumnRole, DatasetSchema } from '../data/schema';
import { samplesDir } from '../../test-support/paths';
import { createRng } from '../util/random';
import { DataTransformer, fitDataTransformer, MISSING_LABEL, type ContinuousColumnTransform } from './data-transformer';

function schemaOf(cols: [string, ColumnRole, boolean?][], rowCount: number): DatasetSchema {
  return {
    columns: cols.map(([name, role, integer]) => ({
      name,
      role,
      inferredRole: role,
      reason: 'test fixture',
      numeric: role === 'continuous' || role === 'datetime',
      integer: integer ?? false,
      missing: 0,
      distinct: 0,
    })),
    target: null,
    positiveLabel: null,
    rowCount,
  };
}

/**
 * 600 rows. `amount` has three well separated clusters (1000, 5000, 20000; every value within 2 sd
 * of its centre) so posterior mode sampling never lands in a mode where the scalar would clip.
 */
function fixture() {
  const r = createRng(21);
  const n = 600;
  const centres = [
    [1000, 10],
    [5000, 20],
    [20000, 50],
  ];
  const id: string[] = [], grade: (string | null)[] = [], amount: number[] = [], sex: string[] = [];
  const age: number[] = [], pay: string[] = [], opened: number[] = [], income: (number | null)[] = [], note: string[] = [];
  const payCodes = ['0', '-1', '2', '10', '-2'];
  for (let i = 0; i < n; i++) {
    id.push(`C${i}`);
    grade.push(i % 10 === 9 ? null : ['A', 'B', 'C'][i % 3]);
    const [mu, sd] = centres[i % 3];
    amount.push(mu + sd * Math.max(-2, Math.min(2, r.normal())));
    sex.push(r.next() < 0.6 ? '2' : '1');
    age.push(25 + r.int(36));
    pay.push(payCodes[i % 5]);
    opened.push(Date.UTC(2019, 0, 1) + r.int(365) * 86_400_000 + r.int(86_400) * 1000);
    income.push(i % 7 === 3 ? null : 30_000 + 5_000 * r.normal());
    note.push(`free text ${i}`);
  }
  const table = aq.table({ id, grade, amount, sex, age, pay, opened, income, note });
  const schema = schemaOf(
    [
      ['id', 'identifier'],
      ['grade', 'categorical'],
      ['amount', 'continuous'],
      ['sex', 'categorical'],
      ['age', 'continuous', true],
      ['pay', 'categorical'],
      ['opened', 'datetime'],
      ['income', 'continuous'],
      ['note', 'text'],
    ],
    n,
  );
  return { table, schema, n };
}

describe('fitDataTransformer layout', () => {
  const { table, schema } = fixture();
  const t = fitDataTransformer(table, schema, { seed: 1 });
  const modes = (name: string) => (t.columns.find((c) => c.name === name) as ContinuousColumnTransform).modes.length;

  it('lays out modelled columns in schema order with contiguous spans', () => {
    const L = t.layout;
    expect(L.spans.map((s) => `${s.column}:${s.part}`)).toEqual([
      'grade:category',
      'amount:value',
      'amount:mode',
      'sex:category',
      'age:value',
      'age:mode',
      'pay:category',
      'opened:value',
      'opened:mode',
      'income:value',
      'income:mode',
      'income:missing',
    ]);
    let pos = 0;
    for (const s of L.spans) {
      expect(s.start).toBe(pos);
      expect(s.kind).toBe(s.part === 'value' ? 'scalar' : 'onehot');
      pos += s.width;
    }
    expect(L.width).toBe(pos);
    expect(modes('amount')).toBe(3);
    expect(L.spans[2].width).toBe(3);
    expect(L.spans[11].width).toBe(2);
    // hand count: grade 4 (A, B, C, missing) + amount 1+3 + sex 2 + age 1+m + pay 5 + opened 1+m + income 1+m+2
    expect(L.width).toBe(4 + 4 + 2 + 1 + modes('age') + 5 + 1 + modes('opened') + 1 + modes('income') + 2);
  });

  it('gives every categorical column its own condition offset', () => {
    const L = t.layout;
    expect(L.conditionSpans.map((c) => c.column)).toEqual(['grade', 'sex', 'pay']);
    expect(L.conditionSpans.map((c) => c.condOffset)).toEqual([0, 4, 6]);
    expect(L.condWidth).toBe(11);
    expect(L.conditionSpans[0]).toMatchObject({ start: 0, width: 4, labels: ['A', 'B', 'C', MISSING_LABEL] });
    expect(L.conditionSpans[1]).toMatchObject({ start: 8, width: 2, labels: ['1', '2'] });
    // numeric codes in numeric order
    expect(L.conditionSpans[2]).toMatchObject({ start: 8 + 2 + 1 + modes('age'), width: 5, labels: ['-2', '-1', '0', '2', '10'] });
    for (const c of L.conditionSpans) {
      const span = L.spans.find((s) => s.column === c.column)!;
      expect(span.start).toBe(c.start);
    }
    expect(t.categoryCounts()).toEqual([
      [180, 180, 180, 60],
      expect.any(Array),
      [120, 120, 120, 120, 120],
    ]);
  });
});

describe('DataTransformer transform / inverse', () => {
  const { table, schema, n } = fixture();
  const t = fitDataTransformer(table, schema, { seed: 1 });
  const m = t.transform(table, createRng(5));
  const W = t.layout.width;

  it('writes valid encodings: one hot per one-hot span, scalars within ±0.99', () => {
    expect(m.length).toBe(n * W);
    for (let i = 0; i < n; i++) {
      for (const s of t.layout.spans) {
        if (s.kind === 'scalar') {
          expect(Math.abs(m[i * W + s.start])).toBeLessThanOrEqual(0.99);
        } else {
          let ones = 0, zeros = 0;
          for (let j = 0; j < s.width; j++) {
            const v = m[i * W + s.start + j];
            if (v === 1) ones++;
            else if (v === 0) zeros++;
          }
          expect([ones, zeros]).toEqual([1, s.width - 1]);
        }
      }
    }
    // row 1: grade 'B', sex, pay '-1' (second label 0-based index 1)
    expect(m[1 * W + 1]).toBe(1);
    const pay = t.layout.conditionSpans[2];
    expect(m[1 * W + pay.start + 1]).toBe(1);
    // row 3: income missing -> missing span [0, 1], scalar 0
    const inc = t.layout.spans.filter((s) => s.column === 'income');
    expect(m[3 * W + inc[2].start]).toBe(0);
    expect(m[3 * W + inc[2].start + 1]).toBe(1);
    expect(m[3 * W + inc[0].start]).toBe(0);
  });

  it('round-trips the table: categoricals and missing exactly, continuous to 1e-6 relative', () => {
    const back = t.inverse(m, n);
    expect(back.columnNames()).toEqual(['grade', 'amount', 'sex', 'age', 'pay', 'opened', 'income']);
    for (const name of ['grade', 'sex', 'pay', 'age']) {
      expect(back.array(name)).toEqual(table.array(name));
    }
    expect(back.array('grade')[9]).toBeNull();
    // datetime comes back as whole epoch ms; a float32 scalar over a year-wide mode carries ~1e-9
    // relative precision (a few seconds), so it is checked like the other continuous columns
    expect((back.array('opened') as number[]).every((v) => Number.isInteger(v))).toBe(true);
    for (const name of ['amount', 'income', 'opened']) {
      const a = table.array(name) as (number | null)[];
      const b = back.array(name) as (number | null)[];
      for (let i = 0; i < n; i++) {
        if (a[i] === null) expect(b[i]).toBeNull();
        else expect(Math.abs((b[i] as number) - a[i]!) / Math.abs(a[i]!)).toBeLessThan(1e-6);
      }
    }
    expect((back.array('income') as unknown[]).filter((v) => v === null)).toHaveLength(86);
  });

  it('is deterministic by seed (fit and transform)', () => {
    const t2 = fitDataTransformer(table, schema, { seed: 1 });
    expect(t2.toJSON()).toEqual(t.toJSON());
    expect(t2.transform(table, createRng(5))).toEqual(m);
  });

  it('survives a JSON round trip with identical transform and inverse', () => {
    const copy = DataTransformer.fromJSON(JSON.parse(JSON.stringify(t.toJSON())));
    expect(copy.layout).toEqual(t.layout);
    const m2 = copy.transform(table, createRng(5));
    expect(m2).toEqual(m);
    expect(copy.inverse(m2, n).objects()).toEqual(t.inverse(m, n).objects());
    expect(() => DataTransformer.fromJSON({ format: 'other' } as never)).toThrow(/not a synthcredit data transformer/);
  });

  it('rejects labels and missing values not seen in training, and absent columns', () => {
    const base = table.slice(0, 2);
    expect(() => t.transform(base.derive({ pay: () => '7' }), createRng(1))).toThrow(/"pay" has label "7".*not seen in training/);
    expect(() => t.transform(base.derive({ sex: () => null }), createRng(1))).toThrow(/"sex" is missing in row 0/);
    expect(() => t.transform(base.derive({ amount: () => null }), createRng(1))).toThrow(/"amount" is missing in row 0/);
    expect(() => t.transform(base.select('grade', 'amount'), createRng(1))).toThrow(/no column "sex"/);
  });
});

describe('DataTransformer inverse on known parameters', () => {
  // hand-built: a bimodal continuous column with missing values, an integer column, a categorical
  const t = new DataTransformer([
    {
      kind: 'continuous',
      name: 'x',
      role: 'continuous',
      integer: false,
      min: -10,
      max: 30,
      hasMissing: true,
      modes: [
        { weight: 0.5, mean: 0, std: 4 },
        { weight: 0.5, mean: 20, std: 5 },
      ],
    },
    { kind: 'continuous', name: 'n', role: 'continuous', integer: true, min: 0, max: 100, hasMissing: false, modes: [{ weight: 1, mean: 50, std: 10 }] },
    { kind: 'categorical', name: 'c', labels: ['a', 'b', MISSING_LABEL], missingIndex: 2, counts: [5, 4, 1] },
  ]);
  // layout: x value 0, x mode 1-2, x missing 3-4, n value 5, n mode 6, c 7-9
  const W = t.layout.width;
  const rows = (...rs: Record<number, number>[]) => {
    const m = new Float32Array(rs.length * W);
    rs.forEach((vals, i) => {
      for (const [k, v] of Object.entries(vals)) m[i * W + Number(k)] = v;
    });
    return m;
  };

  it('decodes scalar·4·std + mean of the argmax mode', () => {
    expect(W).toBe(10);
    expect(t.layout.conditionSpans).toEqual([{ column: 'c', start: 7, width: 3, condOffset: 0, labels: ['a', 'b', MISSING_LABEL] }]);
    // soft activations as a generator would give them: argmax decides
    const m = rows({ 0: 0.25, 1: 0.2, 2: 0.7, 3: 0.9, 4: 0.1, 5: 0.125, 6: 1, 7: 0.1, 8: 0.6, 9: 0.3 });
    expect(t.inverse(m, 1).objects()[0]).toEqual({ x: 0.25 * 4 * 5 + 20, n: 55, c: 'b' });
  });

  it('rounds integer columns', () => {
    // 0.1·40 + 50 = 54 (float32 noise), 0.109375·40 + 50 = 54.375 -> 54, 0.0625·40 + 50 = 52.5 -> 53
    const m = rows(...[0.1, 0.109375, 0.0625].map((s) => ({ 1: 1, 3: 1, 5: s, 6: 1, 7: 1 })));
    expect(t.inverse(m, 3).array('n')).toEqual([54, 54, 53]);
  });

  it('clamps to the training range unless allowOutOfRange; scalars clip to ±1', () => {
    const m = rows(
      { 0: 0.25, 2: 1, 3: 1, 5: -1, 6: 1, 7: 1 }, // x = 25 (inside), n = 10
      { 0: 1.5, 2: 1, 3: 1, 5: 0.75, 6: 1, 7: 1 }, // x scalar clipped to 1 -> 40 -> clamped to 30; n = 80
      { 0: -0.75, 1: 1, 3: 1, 5: -2, 6: 1, 7: 1 }, // x = -12 -> clamped to -10; n scalar -1 -> 10
    );
    expect(t.inverse(m, 3).array('x')).toEqual([25, 30, -10]);
    expect(t.inverse(m, 3).array('n')).toEqual([10, 80, 10]);
    expect(t.inverse(m, 3, { allowOutOfRange: true }).array('x')).toEqual([25, 40, -12]);
  });

  it('decodes the missing span and the missing category to null', () => {
    const m = rows({ 0: 0.3, 1: 1, 3: 0.2, 4: 0.8, 6: 1, 9: 1 });
    expect(t.inverse(m, 1).objects()[0]).toEqual({ x: null, n: 50, c: null });
  });

  it('assigns modes by posterior sampling, with exact scalars', () => {
    // x = 10 lies between the modes: P(mode 1) = w N(10; 20, 5) / (w N(10; 0, 4) + w N(10; 20, 5)) ≈ 0.711
    const n = 20_000;
    const tbl = aq.table({ x: Array(n).fill(10), n: Array(n).fill(50), c: Array(n).fill('a') });
    const m = t.transform(tbl, createRng(8));
    const d0 = Math.exp(-0.5 * 2.5 ** 2) / 4, d1 = Math.exp(-0.5 * 2 ** 2) / 5;
    const p1 = d1 / (d0 + d1);
    let ones = 0;
    for (let i = 0; i < n; i++) {
      const k = m[i * W + 2] === 1 ? 1 : 0;
      expect(m[i * W + 1] + m[i * W + 2]).toBe(1);
      ones += k;
      expect(m[i * W]).toBe(k === 1 ? -0.5 : 0.625);
    }
    expect(p1).toBeCloseTo(0.7114, 3);
    expect(Math.abs(ones / n - p1)).toBeLessThan(5 * Math.sqrt((p1 * (1 - p1)) / n));
    // decoding the argmax mode returns the value either way
    expect(new Set(t.inverse(m, n).array('x'))).toEqual(new Set([10]));
  });
});

describe('DataTransformer on the UCI credit card sample', () => {
  const cont = ['LIMIT_BAL', 'AGE', ...[1, 2, 3, 4, 5, 6].map((i) => `BILL_AMT${i}`), ...[1, 2, 3, 4, 5, 6].map((i) => `PAY_AMT${i}`)];
  const cat = ['SEX', 'EDUCATION', 'MARRIAGE', 'PAY_0', 'PAY_2', 'PAY_3', 'PAY_4', 'PAY_5', 'PAY_6', 'default_payment_next_month'];

  it('fits in seconds and round-trips', () => {
    const raw = aq.fromCSV(readFileSync(resolve(samplesDir, 'uci_credit_card_default.csv'), 'utf8'), { autoType: false });
    const data: Record<string, unknown[]> = {};
    for (const c of raw.columnNames()) {
      const a = raw.array(c) as string[];
      data[c] = cont.includes(c) ? Array.from(a, Number) : Array.from(a, (s) => String(Number(s)));
    }
    const table = aq.table(data as Record<string, (string | number)[]>);
    const n = table.numRows();
    expect(n).toBe(30_000);
    const schema = schemaOf(
      raw.columnNames().map((name) => [name, name === 'ID' ? 'identifier' : cont.includes(name) ? 'continuous' : 'categorical', true]),
      n,
    );

    const t = fitDataTransformer(table, schema, { seed: 7 });
    const m = t.transform(table, createRng(1));
    const back = t.inverse(m, n);

    const L = t.layout;
    expect(L.conditionSpans.map((c) => c.column)).toEqual(cat);
    expect(L.conditionSpans[0].labels).toEqual(['1', '2']);
    expect(L.conditionSpans[1].labels).toEqual(['0', '1', '2', '3', '4', '5', '6']);
    expect(L.conditionSpans[2].labels).toEqual(['0', '1', '2', '3']);
    expect(L.conditionSpans[3].labels).toEqual(['-2', '-1', '0', '1', '2', '3', '4', '5', '6', '7', '8']);
    expect(L.conditionSpans[9].labels).toEqual(['0', '1']);
    let off = 0;
    for (const c of L.conditionSpans) {
      expect(c.condOffset).toBe(off);
      off += c.width;
    }
    expect(L.condWidth).toBe(off);
    expect(t.categoryCounts()[9]).toEqual([30_000 - 6_636, 6_636]);
    for (const c of t.columns) {
      if (c.kind !== 'continuous') continue;
      expect(c.modes.length).toBeGreaterThanOrEqual(1);
      expect(c.modes.length).toBeLessThanOrEqual(10);
      for (const md of c.modes) {
        expect(md.weight).toBeGreaterThanOrEqual(0.005);
        expect(md.std).toBeGreaterThan(0);
      }
    }

    expect(back.columnNames()).toEqual(schema.columns.filter((c) => c.name !== 'ID').map((c) => c.name));
    for (const c of cat) expect(back.array(c)).toEqual(table.array(c));
    // continuous: exact (integers) wherever the scalar was not clipped; clipping is rare
    let exact = 0, total = 0;
    for (const c of cont) {
      const valueStart = L.spans.find((s) => s.column === c && s.part === 'value')!.start;
      const a = table.array(c) as number[];
      const b = back.array(c) as number[];
      for (let i = 0; i < n; i++) {
        total++;
        if (Math.abs(m[i * L.width + valueStart]) < 0.99) {
          expect(b[i]).toBe(a[i]);
        }
        if (b[i] === a[i]) exact++;
      }
    }
    expect(exact / total).toBeGreaterThan(0.999);
  });
});
