import { describe, expect, it } from 'vitest';
import { analyseRareCodes } from './rare-codes.ts';

const counts = (pairs: [number, number][]) => new Map(pairs.map(([c, n]) => [String(c), n] as [string, number]));

describe('analyseRareCodes (data-driven, UCI counts)', () => {
  it('EDUCATION: flags 0 (placeholder) and 5, 6 (a cluster after the thinning tail 4)', () => {
    const a = analyseRareCodes(counts([[0, 14], [1, 10585], [2, 14030], [3, 4917], [4, 123], [5, 280], [6, 51]]))!;
    expect(a.frequent).toEqual(['1', '2', '3']);
    expect(a.flagged.map((f) => f.code)).toEqual(['0', '5', '6']);
    expect(a.acceptedTail).toEqual(['4']);
    expect(a.suggestedTarget).toBe('4');
  });

  it('MARRIAGE: flags 0 only, merges into 3', () => {
    const a = analyseRareCodes(counts([[0, 54], [1, 13659], [2, 15964], [3, 323]]))!;
    expect(a.flagged.map((f) => f.code)).toEqual(['0']);
    expect(a.suggestedTarget).toBe('3');
  });

  it('PAY_0 and PAY_4: a thinning ordinal tail (with small bumps) is not flagged', () => {
    const pay0 = analyseRareCodes(
      counts([[-2, 2759], [-1, 5686], [0, 14737], [1, 3688], [2, 2667], [3, 322], [4, 76], [5, 26], [6, 11], [7, 9], [8, 19]]),
    )!;
    expect(pay0.flagged).toEqual([]);
    const pay4 = analyseRareCodes(
      counts([[-2, 4348], [-1, 5687], [0, 16455], [1, 2], [2, 3159], [3, 180], [4, 69], [5, 35], [6, 5], [7, 58], [8, 2]]),
    )!;
    expect(pay4.flagged).toEqual([]);
  });

  it('flags a code separated by a gap (9 after 1..3) and a negative code in a 0-based coding', () => {
    const gap = analyseRareCodes(counts([[1, 400], [2, 300], [3, 280], [4, 10], [9, 10]]))!;
    expect(gap.flagged.map((f) => f.code)).toEqual(['9']);
    expect(gap.flagged[0].reason).toMatch(/gap/);
    const neg = analyseRareCodes(counts([[-1, 5], [0, 500], [1, 495]]))!;
    expect(neg.flagged.map((f) => f.code)).toEqual(['-1']);
  });

  it('does not apply to text labels', () => {
    expect(analyseRareCodes(new Map([['a', 10], ['b', 1]]))).toBeNull();
  });

  it('sentinel codes 96 and 98 after a count 0..7 are flagged as sentinels, never suggested for merging', () => {
    const a = analyseRareCodes(counts([[0, 500], [1, 200], [2, 90], [3, 40], [4, 15], [5, 8], [6, 4], [7, 2], [96, 5], [98, 9]]))!;
    expect(a.flagged.map((f) => f.code)).toEqual(['96', '98']);
    expect(a.sentinels).toEqual(['96', '98']);
  });
});
