import { describe, expect, test } from 'vitest';
import { median } from './median';

describe('median', () => {
  test('odd count: the middle value, whatever the order', () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([-3])).toBe(-3);
  });

  test('even count: the mean of the two middle values, sorted as numbers (not as text)', () => {
    expect(median([10, 2, 4, 100])).toBe(7);
  });

  test('no values: NaN; the input is left as it was', () => {
    expect(median([])).toBeNaN();
    const xs = [3, 1, 2];
    median(xs);
    expect(xs).toEqual([3, 1, 2]);
  });
});
