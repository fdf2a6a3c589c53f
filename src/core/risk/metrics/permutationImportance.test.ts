import { describe, expect, it } from 'vitest';
import { createRng } from '../../util/random';
import { permutationImportance } from './permutationImportance';

describe('permutationImportance', () => {
  const rng = createRng(3);
  const rows: { signal: number; noise: number }[] = [];
  const y: number[] = [];
  for (let i = 0; i < 500; i++) {
    const signal = rng.normal();
    rows.push({ signal, noise: rng.normal() });
    y.push(signal + 0.5 * rng.normal() > 0 ? 1 : 0);
  }
  // a "model" that only reads `signal`
  const predict = (rs: readonly { signal: number; noise: number }[]) => rs.map((r) => 1 / (1 + Math.exp(-r.signal)));

  it('ranks the feature the model uses first and gives the unused one zero importance', async () => {
    const res = await permutationImportance(rows, y, predict, { repeats: 3, seed: 1 });
    expect(res.baseline).toBeGreaterThan(0.85);
    expect(res.features.map((f) => f.feature)).toEqual(['signal', 'noise']);
    expect(res.features[0].importance).toBeGreaterThan(0.3);
    expect(res.features[1].importance).toBe(0);
    expect(res.features[1].drops).toEqual([0, 0, 0]);
  });

  it('accepts an async predict and a lower-is-better metric', async () => {
    const brier = (t: ArrayLike<number>, s: ArrayLike<number>) => {
      let acc = 0;
      for (let i = 0; i < t.length; i++) acc += (s[i] - t[i]) ** 2;
      return acc / t.length;
    };
    const res = await permutationImportance(rows, y, async (rs) => predict(rs), {
      features: ['signal'],
      metric: brier,
      greaterIsBetter: false,
      repeats: 2,
    });
    // permuting signal makes the Brier score worse, reported as a positive importance
    expect(res.features[0].importance).toBeGreaterThan(0.05);
  });
});
