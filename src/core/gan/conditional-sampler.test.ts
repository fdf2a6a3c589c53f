import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import type { DatasetSchema } from '../data/schema';
import { fitDataTransformer } from '../transform/data-transformer';
import type { EncodedLayout } from '../transform/encoded-layout';
import { createRng } from '../util/random';
import { ConditionalSampler } from './conditional-sampler';

/**
 * Hand-made layout: a continuous column first (value + 2 modes), then categorical A (3 labels),
 * then categorical B (4 labels, the last never observed). Row counts are known exactly.
 */
const layout: EncodedLayout = {
  width: 10,
  spans: [
    { kind: 'scalar', start: 0, width: 1, column: 'x', part: 'value' },
    { kind: 'onehot', start: 1, width: 2, column: 'x', part: 'mode' },
    { kind: 'onehot', start: 3, width: 3, column: 'A', part: 'category' },
    { kind: 'onehot', start: 6, width: 4, column: 'B', part: 'category' },
  ],
  conditionSpans: [
    { column: 'A', start: 3, width: 3, condOffset: 0, labels: ['a0', 'a1', 'a2'] },
    { column: 'B', start: 6, width: 4, condOffset: 3, labels: ['b0', 'b1', 'b2', 'b3'] },
  ],
  condWidth: 7,
};
const countsA = [600, 300, 100];
const countsB = [10, 90, 900, 0];
const nRows = 1000;

function encoded(): Float32Array {
  const m = new Float32Array(nRows * layout.width);
  // A: rows 0..599 a0, 600..899 a1, 900..999 a2; B: rows i % 100 < 1 -> b0, < 10 -> b1, else b2
  for (let i = 0; i < nRows; i++) {
    const r = i * layout.width;
    m[r] = 0.1;
    m[r + 1 + (i % 2)] = 1;
    m[r + 3 + (i < 600 ? 0 : i < 900 ? 1 : 2)] = 1;
    const b = i % 100 < 1 ? 0 : i % 100 < 10 ? 1 : 2;
    m[r + 6 + b] = 1;
  }
  return m;
}

/** Pearson chi-square of observed counts against expected probabilities (positive ones only). */
function chiSquare(observed: number[], probs: number[]): number {
  const n = observed.reduce((s, o) => s + o, 0);
  let chi = 0;
  probs.forEach((p, j) => {
    if (p > 0) chi += (observed[j] - n * p) ** 2 / (n * p);
    else expect(observed[j]).toBe(0);
  });
  return chi;
}
// chi-square critical values at p = 0.001
const CRIT = { 1: 10.83, 2: 13.82 } as const;

describe('ConditionalSampler (training by sampling)', () => {
  const m = encoded();
  const sampler = ConditionalSampler.fromEncoded(m, nRows, layout);

  it('counts categories from the encoded matrix', () => {
    expect(sampler.categoryCounts()).toEqual([countsA, countsB]);
  });

  it('draws columns uniformly and categories in proportion to log(frequency + 1)', () => {
    const batch = 100_000;
    const s = sampler.sampleTrainingConditions(batch, createRng(1));
    const perCol = [0, 0];
    const obs = [new Array(3).fill(0), new Array(4).fill(0)];
    for (let b = 0; b < batch; b++) {
      perCol[s.columns[b]]++;
      obs[s.columns[b]][s.categories[b]]++;
    }
    expect(chiSquare(perCol, [0.5, 0.5])).toBeLessThan(CRIT[1]);
    const logP = (c: number[]) => {
      const l = c.map((f) => Math.log(f + 1));
      const t = l.reduce((a, b) => a + b, 0);
      return l.map((x) => x / t);
    };
    expect(logP(countsA)[0]).toBeCloseTo(Math.log(601) / (Math.log(601) + Math.log(301) + Math.log(101)), 12);
    expect(chiSquare(obs[0], logP(countsA))).toBeLessThan(CRIT[2]);
    expect(chiSquare(obs[1], logP(countsB))).toBeLessThan(CRIT[2]);
    // the rare b0 (1 % of rows) is drawn at log 11 / (log 11 + log 91 + log 901) ≈ 17.5 %
    expect(obs[1][0] / perCol[1]).toBeGreaterThan(0.15);
    expect(obs[1][3]).toBe(0);
  });

  it('writes cond at each column’s own offset, a matching mask, and real rows with that category', () => {
    const batch = 5000;
    const s = sampler.sampleTrainingConditions(batch, createRng(2));
    expect(s.cond.length).toBe(batch * 7);
    expect(s.mask.length).toBe(batch * 2);
    let sawB = 0;
    for (let b = 0; b < batch; b++) {
      const col = s.columns[b], cat = s.categories[b];
      const span = layout.conditionSpans[col];
      const condRow = Array.from(s.cond.subarray(b * 7, b * 7 + 7));
      const expected = new Array(7).fill(0);
      expected[(col === 0 ? 0 : 3) + cat] = 1;
      expect(condRow).toEqual(expected);
      expect(Array.from(s.mask.subarray(b * 2, b * 2 + 2))).toEqual(col === 0 ? [1, 0] : [0, 1]);
      const r = s.rowIndices[b];
      expect(r).toBeGreaterThanOrEqual(0);
      expect(r).toBeLessThan(nRows);
      expect(m[r * layout.width + span.start + cat]).toBe(1);
      if (col === 1) sawB++;
    }
    expect(sawB).toBeGreaterThan(0);
  });

  it('is deterministic by seed', () => {
    const a = sampler.sampleTrainingConditions(256, createRng(9));
    const b = sampler.sampleTrainingConditions(256, createRng(9));
    const c = sampler.sampleTrainingConditions(256, createRng(10));
    expect(a).toEqual(b);
    expect(a.rowIndices).not.toEqual(c.rowIndices);
  });

  it('samples original conditions at the empirical frequency', () => {
    const batch = 100_000;
    const s = sampler.sampleOriginalConditions(batch, createRng(3));
    const obs = [new Array(3).fill(0), new Array(4).fill(0)];
    for (let b = 0; b < batch; b++) {
      obs[s.columns[b]][s.categories[b]]++;
      expect(s.cond[b * 7 + layout.conditionSpans[s.columns[b]].condOffset + s.categories[b]]).toBe(1);
    }
    expect(chiSquare(obs[0], countsA.map((c) => c / 1000))).toBeLessThan(CRIT[2]);
    expect(chiSquare(obs[1], countsB.map((c) => c / 1000))).toBeLessThan(CRIT[2]);
  });

  it('builds user-fixed condition vectors and explains bad requests', () => {
    expect(Array.from(sampler.conditionVector({ B: 'b2' }))).toEqual([0, 0, 0, 0, 0, 1, 0]);
    expect(Array.from(sampler.conditionVector({ A: 'a1' }, 2))).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
    expect(() => sampler.conditionVector({ Z: 'b2' })).toThrow(/unknown column "Z"; categorical columns: A, B/);
    expect(() => sampler.conditionVector({ x: '1' })).toThrow(/"x" is not categorical/);
    expect(() => sampler.conditionVector({ B: 'b9' })).toThrow(/"B" has no category "b9"; categories: b0, b1, b2, b3/);
  });

  it('works from saved category counts for generation only', () => {
    const g = ConditionalSampler.fromCategoryCounts(layout, sampler.categoryCounts());
    expect(g.sampleOriginalConditions(64, createRng(4))).toEqual(sampler.sampleOriginalConditions(64, createRng(4)));
    expect(() => g.sampleTrainingConditions(1, createRng(1))).toThrow(/fromEncoded/);
    expect(() => ConditionalSampler.fromCategoryCounts(layout, [[1, 2, 3]])).toThrow(/do not match/);
  });

  it('without categorical columns: empty cond, uniform real rows', () => {
    const flat: EncodedLayout = { width: 3, spans: [layout.spans[0], layout.spans[1]], conditionSpans: [], condWidth: 0 };
    const s = ConditionalSampler.fromEncoded(new Float32Array(30), 10, flat).sampleTrainingConditions(50, createRng(1));
    expect(s.cond.length).toBe(0);
    expect(s.mask.length).toBe(0);
    expect(Array.from(s.rowIndices).every((r) => r >= 0 && r < 10)).toBe(true);
    expect(new Set(s.rowIndices).size).toBeGreaterThan(5);
  });
});

describe('ConditionalSampler with the DataTransformer', () => {
  it('finds rows of the chosen category for a non-first categorical column', () => {
    const r = createRng(6);
    const n = 400;
    const table = aq.table({
      amount: Array.from({ length: n }, () => 1000 + 100 * r.normal()),
      sex: Array.from({ length: n }, (_, i) => (i % 4 === 0 ? '1' : '2')),
      pay: Array.from({ length: n }, (_, i) => ['-1', '0', '2'][i % 3]),
      target: Array.from({ length: n }, (_, i) => (i % 10 === 0 ? '1' : i % 10 === 1 ? null : '0')),
    });
    const col = (name: string, role: 'continuous' | 'categorical') => ({
      name, role, inferredRole: role, reason: '', numeric: role === 'continuous', integer: false, missing: 0, distinct: 0,
    });
    const schema: DatasetSchema = {
      columns: [col('amount', 'continuous'), col('sex', 'categorical'), col('pay', 'categorical'), col('target', 'categorical')],
      target: 'target',
      positiveLabel: '1',
      rowCount: n,
    };
    const t = fitDataTransformer(table, schema, { seed: 2 });
    const m = t.transform(table, createRng(3));
    const sampler = ConditionalSampler.fromEncoded(m, n, t.layout);
    expect(t.layout.conditionSpans.map((c) => c.condOffset)).toEqual([0, 2, 5]);
    expect(sampler.categoryCounts()).toEqual(t.categoryCounts());
    const s = sampler.sampleTrainingConditions(3000, createRng(4));
    const decoded = t.inverse(m, n);
    for (let b = 0; b < 3000; b++) {
      const span = t.layout.conditionSpans[s.columns[b]];
      const label = span.labels[s.categories[b]];
      const actual = decoded.get(span.column, s.rowIndices[b]);
      expect(actual ?? '(missing)').toBe(label);
      expect(s.cond[b * t.layout.condWidth + span.condOffset + s.categories[b]]).toBe(1);
    }
    // "only defaulters": the target block starts after sex (2) and pay (3)
    const v = sampler.conditionVector({ target: '1' });
    expect(Array.from(v)).toEqual([0, 0, 0, 0, 0, 0, 1, 0]);
    expect(sampler.conditionVector({ target: '(missing)' })[7]).toBe(1);
  });
});
