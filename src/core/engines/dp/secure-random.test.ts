import { describe, expect, it } from 'vitest';
import { createSecureRng } from './secure-random.ts';

describe('cryptographic noise source', () => {
  it('draws standard normals (mean 0, variance 1) and uniforms in [0, 1)', () => {
    const rng = createSecureRng();
    const m = 40000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < m; i++) {
      const z = rng.normal();
      s += z;
      s2 += z * z;
    }
    // sd of the mean 0.005, of the variance about 0.007: 5 sd each
    expect(Math.abs(s / m)).toBeLessThan(0.025);
    expect(Math.abs(s2 / m - 1)).toBeLessThan(0.035);
    for (let i = 0; i < 1000; i++) {
      const u = rng.next();
      expect(u).toBeGreaterThanOrEqual(0);
      expect(u).toBeLessThan(1);
    }
  });

  it('is not reproducible (two sources differ)', () => {
    expect(createSecureRng().next()).not.toBe(createSecureRng().next());
  });
});
