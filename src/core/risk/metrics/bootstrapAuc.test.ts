import { describe, expect, it } from 'vitest';
import { createRng } from '../../util/random';
import { bootstrapAucInterval } from './bootstrapAuc';
import { rocAuc } from './rocAuc';

/** Scores that separate the classes imperfectly: positives ~ N(1, 1), negatives ~ N(0, 1). */
function sample(n: number, seed: number): { y: number[]; s: number[] } {
  const rng = createRng(seed);
  const y: number[] = [];
  const s: number[] = [];
  for (let i = 0; i < n; i++) {
    const label = rng.next() < 0.3 ? 1 : 0;
    y.push(label);
    // rounded so that there are ties
    s.push(Math.round((label + rng.normal()) * 20) / 20);
  }
  return { y, s };
}

describe('bootstrapAucInterval', () => {
  it('contains the point estimate, is reproducible, and differs with the seed', () => {
    const { y, s } = sample(400, 1);
    const a = bootstrapAucInterval(y, s, { replicates: 500, seed: 7 });
    expect(a.auc).toBe(rocAuc(y, s));
    expect(a.lower).toBeLessThan(a.auc);
    expect(a.upper).toBeGreaterThan(a.auc);
    expect(bootstrapAucInterval(y, s, { replicates: 500, seed: 7 })).toEqual(a);
    expect(bootstrapAucInterval(y, s, { replicates: 500, seed: 8 }).lower).not.toBe(a.lower);
  });

  it('narrows as n grows (width ~ 1/sqrt(n))', () => {
    const small = sample(200, 2);
    const large = sample(5000, 3);
    const ws = bootstrapAucInterval(small.y, small.s, { replicates: 400, seed: 1 });
    const wl = bootstrapAucInterval(large.y, large.s, { replicates: 400, seed: 1 });
    expect(wl.upper - wl.lower).toBeLessThan((ws.upper - ws.lower) / 3);
    // true AUC of N(1,1) vs N(0,1) is Phi(1/sqrt 2) = 0.760; the large interval covers it
    expect(wl.lower).toBeLessThan(0.7602);
    expect(wl.upper).toBeGreaterThan(0.7602);
  });

  it('replicate AUC equals rocAuc of the resample (weights reproduce the tie rule)', () => {
    // one replicate with level 0 collapses lower = upper = that replicate's AUC; redo the same draws by hand
    const y = [0, 1, 0, 1, 1, 0, 0];
    const s = [0.3, 0.3, 0.1, 0.9, 0.5, 0.5, 0.2];
    const r = bootstrapAucInterval(y, s, { replicates: 1, level: 0, seed: 5 });
    const rng = createRng(5);
    const pos = [1, 3, 4];
    const neg = [0, 2, 5, 6];
    const yy: number[] = [];
    const ss: number[] = [];
    for (let i = 0; i < pos.length; i++) {
      const j = pos[rng.int(pos.length)];
      yy.push(1);
      ss.push(s[j]);
    }
    for (let i = 0; i < neg.length; i++) {
      const j = neg[rng.int(neg.length)];
      yy.push(0);
      ss.push(s[j]);
    }
    expect(r.lower).toBeCloseTo(rocAuc(yy, ss), 14);
  });
});
