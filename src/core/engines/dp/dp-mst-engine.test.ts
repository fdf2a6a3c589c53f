import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { createRng } from '../../util/random.ts';
import { schemaFor } from '../testing/uci.ts';
import { dependentTable } from '../testing/fixtures.ts';
import { epsilonFromRho, gaussianSigma, rhoFromEpsilonDelta } from './accounting.ts';
import { dpMstEngine } from './dp-mst-engine.ts';
import { DP_UNPROTECTED } from './guarantee.ts';

/** a ∈ {p, q, r} (0.5, 0.3, 0.2); b = '1' with probability 0.1, 0.5, 0.9 given a; u uniform on 0..99 */
function knownTable(n: number, seed = 5) {
  const rng = createRng(seed);
  const a: string[] = [];
  const b: string[] = [];
  const u: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = rng.next();
    const ai = r < 0.5 ? 'p' : r < 0.8 ? 'q' : 'r';
    a.push(ai);
    b.push(rng.next() < (ai === 'p' ? 0.1 : ai === 'q' ? 0.5 : 0.9) ? '1' : '0');
    u.push(rng.int(100));
  }
  const table = aq.table({ a, b, u });
  return { table, schema: schemaFor(table, ['a', 'b'], 'b') };
}

describe('dp-mst budget', () => {
  it('spends exactly the budget, with the default delta, and says where it went (MST tree)', async () => {
    const { table, schema } = dependentTable(3000);
    const f = await dpMstEngine.fit(table, schema, { epsilon: 1, seed: 2, structure: 'tree' });
    const g = f.privacyGuarantee!();
    // 1 / 3000² = 1.11e-7 < 1e-6
    expect(g.delta).toBeCloseTo(1 / 9e6, 20);
    expect(g.rho).toBeCloseTo(rhoFromEpsilonDelta(1, 1 / 9e6), 15);
    expect(Math.abs(g.rhoSpent - g.rho)).toBeLessThan(1e-15);
    expect(g.epsilon).toBeCloseTo(1, 12);
    expect(epsilonFromRho(g.rhoSpent, g.delta)).toBeCloseTo(1, 12);
    const steps = (s: string) => g.measurements.filter((m) => m.step === s);
    // modelled: g, x, y, amt, t; numeric x, y, amt get private bins
    expect(steps('bins').map((m) => m.columns[0])).toEqual(['x', 'y', 'amt']);
    expect(steps('one-way')).toHaveLength(5);
    expect(steps('select')).toHaveLength(1);
    expect(steps('two-way')).toHaveLength(4);
    // shares: bins 10 %, within-bin copula 5 %, then of the rest one-way 20 %, select 10 %, two-way 70 %
    const rest = 0.85 * g.rho;
    // the copula of x, y, amt: 3 pairs and 3 squares, each moved by at most 1/4 by one row
    expect(steps('copula')).toHaveLength(1);
    expect(steps('copula')[0].columns).toEqual(['x', 'y', 'amt']);
    expect(steps('copula')[0].rho).toBeCloseTo(0.05 * g.rho, 15);
    expect(steps('copula')[0].sigma).toBeCloseTo((Math.sqrt(6) / 4) * gaussianSigma(0.05 * g.rho), 10);
    expect(steps('copula')[0].cells).toBe(6);
    for (const m of steps('bins')) {
      expect(m.rho).toBeCloseTo((0.1 * g.rho) / 3, 15);
      expect(m.sigma).toBeCloseTo(gaussianSigma(m.rho / 3), 10);
    }
    for (const m of steps('one-way')) {
      expect(m.rho).toBeCloseTo((0.2 * rest) / 5, 15);
      expect(m.sigma).toBeCloseTo(gaussianSigma(m.rho), 10);
    }
    for (const m of steps('two-way')) {
      expect(m.rho).toBeCloseTo((0.7 * rest) / 4, 15);
      expect(m.sigma).toBeCloseTo(gaussianSigma(m.rho), 10);
    }
    expect(steps('select')[0].epsilonEach).toBeCloseTo(Math.sqrt((8 * 0.1 * rest) / 4), 12);
    expect(g.unprotected).toBe(DP_UNPROTECTED);
    expect(g.unprotected).toMatch(/schema/);
    // the guarantee travels with the model file
    expect((JSON.parse(JSON.stringify(f.toJSON())) as { guarantee: { epsilon: number } }).guarantee.epsilon).toBeCloseTo(1, 12);
  });

  it('spends exactly the budget with the target in every clique', async () => {
    const { table, schema } = dependentTable(3000);
    const f = await dpMstEngine.fit(table, schema, { epsilon: 3, delta: 1e-6, seed: 2, structure: 'class-tree' });
    const g = f.privacyGuarantee!();
    expect(g.rho).toBeCloseTo(rhoFromEpsilonDelta(3, 1e-6), 15);
    expect(Math.abs(g.rhoSpent - g.rho)).toBeLessThan(1e-15);
    expect(g.epsilon).toBeCloseTo(3, 12);
    const steps = (s: string) => g.measurements.filter((m) => m.step === s);
    const rest = 0.85 * g.rho;
    // target t × each of g, x, y, amt; a tree over those 4 (3 choices); t × pair for its 3 edges
    expect(steps('one-way').map((m) => m.columns)).toEqual([['t', 'g'], ['t', 'x'], ['t', 'y'], ['t', 'amt']]);
    for (const m of steps('one-way')) expect(m.sigma).toBeCloseTo(gaussianSigma((0.2 * rest) / 4), 10);
    expect(steps('select')[0].uses).toBe(3);
    expect(steps('two-way')).toHaveLength(3);
    for (const m of steps('two-way')) {
      expect(m.columns[0]).toBe('t');
      expect(m.sigma).toBeCloseTo(gaussianSigma((0.7 * rest) / 3), 10);
    }
    expect(g.mechanism).toMatch(/target in every clique/);
  });

  it('spends nothing on bins for declared ranges, and samples inside them', async () => {
    const { table, schema } = knownTable(2000);
    const f = await dpMstEngine.fit(table, schema, { epsilon: 2, delta: 1e-6, ranges: { u: { min: 0, max: 99 } }, bins: 10, seed: 1 });
    const g = f.privacyGuarantee!();
    expect(g.measurements.filter((m) => m.step === 'bins')).toHaveLength(0);
    // one numeric column: no within-bin copula, its share goes to the marginals
    expect(g.measurements.filter((m) => m.step === 'copula')).toHaveLength(0);
    expect(g.delta).toBe(1e-6);
    expect(Math.abs(g.rhoSpent - rhoFromEpsilonDelta(2, 1e-6))).toBeLessThan(1e-15);
    const u = Array.from((await f.sample(3000, {}, 1)).array('u') as ArrayLike<number>);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThanOrEqual(99);
  });

  it('recovers a known distribution at a large epsilon', async () => {
    const { table, schema } = knownTable(20000);
    const f = await dpMstEngine.fit(table, schema, { epsilon: 1000, seed: 3 });
    const s = await f.sample(40000, {}, 7);
    const a = s.array('a') as ArrayLike<string>;
    const b = s.array('b') as ArrayLike<string>;
    const u = s.array('u') as ArrayLike<number>;
    const n = s.numRows();
    const count = (pred: (i: number) => boolean) => {
      let k = 0;
      for (let i = 0; i < n; i++) if (pred(i)) k++;
      return k;
    };
    // standard errors at 40,000 rows are below 0.005; the bound leaves room for the model's noise
    for (const [label, p] of [['p', 0.5], ['q', 0.3], ['r', 0.2]] as const) {
      const na = count((i) => a[i] === label);
      expect(Math.abs(na / n - p)).toBeLessThan(0.02);
      const pb = count((i) => a[i] === label && b[i] === '1') / na;
      expect(Math.abs(pb - (label === 'p' ? 0.1 : label === 'q' ? 0.5 : 0.9))).toBeLessThan(0.03);
    }
    let mean = 0;
    for (let i = 0; i < n; i++) mean += u[i] / n;
    expect(Math.abs(mean - 49.5)).toBeLessThan(2);
  });

  it('at a small epsilon the fitted model is visibly noisier than at a large one', async () => {
    const { table, schema } = knownTable(2000);
    const gap = async (epsilon: number) => {
      const f = await dpMstEngine.fit(table, schema, { epsilon, seed: 4 });
      const s = await f.sample(20000, {}, 2);
      const b = s.array('b') as ArrayLike<string>;
      const a = s.array('a') as ArrayLike<string>;
      let k = 0;
      let m = 0;
      for (let i = 0; i < s.numRows(); i++) if (a[i] === 'r') {
        m++;
        if (b[i] === '1') k++;
      }
      return Math.abs(k / m - 0.9);
    };
    const errors = await Promise.all([0.02, 1000].map(gap));
    expect(errors[0]).toBeGreaterThan(errors[1]);
  });
});
