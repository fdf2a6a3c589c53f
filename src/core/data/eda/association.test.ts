import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { schemaOf } from '../clean/test-schema.ts';
import { associationMatrix } from './association.ts';
import { createRng } from '../../util/random.ts';

describe('associationMatrix', () => {
  it('Pearson r for numeric pairs (hand-worked: 6/√60)', () => {
    const t = aq.table({ x: [1, 2, 3, 4, 5], y: [2, 4, 5, 4, 5] });
    const m = associationMatrix(t, schemaOf({ x: 'continuous', y: 'continuous' }, 5));
    expect(m.cells[0][1].measure).toBe('pearson');
    expect(m.cells[0][1].value).toBeCloseTo(6 / Math.sqrt(60), 12);
    expect(m.cells[1][0].value).toBeCloseTo(6 / Math.sqrt(60), 12);
    expect(m.cells[0][0].value).toBeCloseTo(1, 12);
  });

  it('Pearson skips rows missing either value', () => {
    const t = aq.table({ x: [1, 2, 3, null, 4, 5], y: [2, 4, 5, 100, 4, 5] });
    const m = associationMatrix(t, schemaOf({ x: 'continuous', y: 'continuous' }, 6));
    expect(m.cells[0][1].n).toBe(5);
    expect(m.cells[0][1].value).toBeCloseTo(6 / Math.sqrt(60), 12);
  });

  it("Cramér's V without bias correction", () => {
    // 2×2 table [[3,1],[1,3]]: expected 2 everywhere, χ² = 4·(1²/2) = 2, V = sqrt(2/(8·1)) = 0.5
    const a = ['A', 'A', 'A', 'A', 'B', 'B', 'B', 'B'];
    const b = ['p', 'p', 'p', 'q', 'p', 'q', 'q', 'q'];
    // 2×3 table A: p2 q2 r0, B: p0 q2 r2 → E = 1,2,1 per row, χ² = 4, V = sqrt(4/8)
    const c = ['p', 'p', 'q', 'q', 'q', 'q', 'r', 'r'];
    const t = aq.table({ a, b, c });
    const m = associationMatrix(t, schemaOf({ a: 'categorical', b: 'categorical', c: 'categorical' }, 8));
    expect(m.cells[0][1]).toMatchObject({ measure: 'cramersV', n: 8 });
    expect(m.cells[0][1].value).toBeCloseTo(0.5, 12);
    expect(m.cells[0][2].value).toBeCloseTo(Math.SQRT1_2, 12);
    expect(m.cells[0][0].value).toBeCloseTo(1, 12);
  });

  it('correlation ratio η for categorical–numeric', () => {
    // groups {1,2,3} and {4,5,6}: SS_between = 13.5, SS_total = 17.5
    const t = aq.table({ g: ['u', 'u', 'u', 'v', 'v', 'v'], x: [1, 2, 3, 4, 5, 6] });
    const m = associationMatrix(t, schemaOf({ g: 'categorical', x: 'continuous' }, 6));
    expect(m.kinds).toEqual(['categorical', 'numeric']);
    expect(m.cells[0][1].measure).toBe('correlationRatio');
    expect(m.cells[0][1].value).toBeCloseTo(Math.sqrt(13.5 / 17.5), 12);
    expect(m.cells[1][0].value).toBeCloseTo(Math.sqrt(13.5 / 17.5), 12);
  });

  it('leaves out identifier/text columns by default and reports undefined cells as null', () => {
    const t = aq.table({ id: ['1', '2', '3'], k: [7, 7, 7], x: [1, 2, 3] });
    const m = associationMatrix(t, schemaOf({ id: 'identifier', k: 'continuous', x: 'continuous' }, 3));
    expect(m.columns).toEqual(['k', 'x']);
    expect(m.cells[0][1].value).toBeNull();
  });

  it('finds a planted association among 25 mixed columns (its speed on 300,000 rows is the eda.rows300k.seconds bench record)', () => {
    const n = 60_000;
    const rng = createRng(1);
    const data: Record<string, unknown[]> = {};
    const roles: Record<string, 'continuous' | 'categorical'> = {};
    const base = Array.from({ length: n }, () => rng.normal());
    for (let j = 0; j < 15; j++) {
      data[`n${j}`] = j === 1 ? base.map((v) => 2 * v + 0.1 * rng.normal()) : j === 0 ? base : base.map(() => rng.normal());
      roles[`n${j}`] = 'continuous';
    }
    for (let j = 0; j < 10; j++) {
      data[`c${j}`] = j === 0 ? base.map((v) => (v > 0 ? 'hi' : 'lo')) : base.map(() => String(rng.int(6)));
      roles[`c${j}`] = 'categorical';
    }
    const t = aq.table(data);
    const m = associationMatrix(t, schemaOf(roles, n));
    expect(m.columns).toHaveLength(25);
    expect(m.cells[0][1].value).toBeGreaterThan(0.99);
    expect(Math.abs(m.cells[0][2].value!)).toBeLessThan(0.02);
    // η of n0 by c0 (split at 0): E|Z| structure gives η = sqrt(2/π) ≈ 0.798
    expect(m.cells[0][15].value).toBeCloseTo(Math.sqrt(2 / Math.PI), 2);
  });
});
