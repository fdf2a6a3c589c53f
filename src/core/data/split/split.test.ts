import { describe, expect, it } from 'vitest';
import { randomSplit, stratifiedSplit } from './split.ts';

function labelsOf(counts: [string | null, number][]): (string | null)[] {
  // interleave so classes are not in blocks
  const out: (string | null)[] = [];
  const left = counts.map(([, n]) => n);
  while (left.some((n) => n > 0)) counts.forEach(([l], i) => left[i]-- > 0 && out.push(l));
  return out;
}

function countIn(idx: Int32Array, labels: (string | null)[], label: string | null): number {
  let n = 0;
  for (const i of idx) if (labels[i] === label) n++;
  return n;
}

describe('stratifiedSplit', () => {
  const labels = labelsOf([
    ['1', 23],
    ['0', 77],
    [null, 3],
  ]);

  it('partitions all rows and stratifies each class within one row', () => {
    const { train, test } = stratifiedSplit(labels, { testFraction: 0.25, seed: 42 });
    expect(train.length + test.length).toBe(103);
    expect(new Set([...train, ...test]).size).toBe(103);
    expect(test.length).toBe(26); // round(103 · 0.25)
    // largest remainder: quotas 5.75 / 19.25 / 0.75 → 6 / 19 / 1
    expect(countIn(test, labels, '1')).toBe(6);
    expect(countIn(test, labels, '0')).toBe(19);
    expect(countIn(test, labels, null)).toBe(1);
    for (const [l, n] of [['1', 23], ['0', 77], [null, 3]] as const) {
      expect(Math.abs(countIn(test, labels, l) - n * 0.25)).toBeLessThan(1);
    }
    expect([...test]).toEqual([...test].sort((a, b) => a - b));
  });

  it('is reproducible by seed and changes with it', () => {
    const a = stratifiedSplit(labels, { seed: 5 });
    const b = stratifiedSplit(labels, { seed: 5 });
    const c = stratifiedSplit(labels, { seed: 6 });
    expect(Array.from(a.test)).toEqual(Array.from(b.test));
    expect(Array.from(a.test)).not.toEqual(Array.from(c.test));
    expect(a.test.length).toBe(21); // default 0.2 of 103 = 20.6 → 21
  });

  it('keeps a rare class in both sets (0.44 % positives)', () => {
    const rare = labelsOf([
      ['1', 22],
      ['0', 5017],
    ]);
    const { train, test } = stratifiedSplit(rare, { testFraction: 0.2, seed: 1 });
    expect(countIn(test, rare, '1')).toBe(4); // 4.4 → 4
    expect(countIn(train, rare, '1')).toBe(18);
  });

  it('rejects a bad fraction', () => {
    expect(() => stratifiedSplit(['a'], { testFraction: 1.5, seed: 1 })).toThrow(/testFraction/);
  });
});

describe('randomSplit', () => {
  it('splits n rows by fraction, seeded', () => {
    const a = randomSplit(50, { testFraction: 0.3, seed: 9 });
    expect(a.test.length).toBe(15);
    expect(a.train.length).toBe(35);
    expect(new Set([...a.train, ...a.test]).size).toBe(50);
    expect(Array.from(randomSplit(50, { testFraction: 0.3, seed: 9 }).test)).toEqual(Array.from(a.test));
  });
});
