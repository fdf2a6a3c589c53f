import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { duplicateRowMask } from './duplicates.ts';

describe('duplicateRowMask', () => {
  it('marks later repeats only; 1 and "1" differ; missing equals missing', () => {
    const t = aq.table({ a: [1, '1', 1, null, null, 2], b: ['x', 'x', 'x', null, NaN, 'y'] });
    expect(Array.from(duplicateRowMask(t, ['a', 'b']))).toEqual([0, 0, 1, 0, 1, 0]);
    expect(Array.from(duplicateRowMask(t, ['b']))).toEqual([0, 1, 1, 0, 1, 0]);
  });

  it('agrees with a string-key count on many rows', () => {
    const n = 20000;
    const a = Array.from({ length: n }, (_, i) => (i * 7919) % 97);
    const b = Array.from({ length: n }, (_, i) => String((i * 104729) % 89));
    const t = aq.table({ a, b });
    const seen = new Set<string>();
    let expected = 0;
    for (let i = 0; i < n; i++) {
      const k = `${a[i]}|${b[i]}`;
      if (seen.has(k)) expected++;
      else seen.add(k);
    }
    expect(Array.from(duplicateRowMask(t, ['a', 'b'])).reduce((s, v) => s + v, 0)).toBe(expected);
  });
});
