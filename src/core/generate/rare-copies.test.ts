import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { rareCopyFilter } from './rare-copies';

describe('rareCopyFilter (the GAN copy guard)', () => {
  it('drops generated rows equal to a training row seen fewer than k times, keeps common and new rows (hand-counted)', () => {
    // training: (a, 30) 5 times (common), (a, 40) 4 times (rare), (b, 30) once (rare); integers and labels
    const train = aq.table({
      g: ['a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'b'],
      age: [30, 30, 30, 30, 30, 40, 40, 40, 40, 30],
      id: ['x0', 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8', 'x9'],
    });
    const filter = rareCopyFilter(train, ['g', 'age'], 5);
    // generated: common, rare, rare, new (b, 40), a float next to a real value, rare again; id is ignored
    const chunk = aq.table({
      g: ['a', 'a', 'b', 'b', 'a', 'a'],
      age: [30, 40, 30, 40, 40.000001, 40],
      id: ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'],
    });
    const { table, rejected } = filter(chunk);
    expect(rejected).toBe(3);
    expect(table.columnNames()).toEqual(['g', 'age', 'id']);
    expect(Array.from(table.array('id') as ArrayLike<string>)).toEqual(['p0', 'p3', 'p4']);
  });

  it('with k = 11 every training row is rare; with k = 1 none is', () => {
    const train = aq.table({ g: ['a', 'a', 'b'], n: [1, 1, 2] });
    const chunk = aq.table({ g: ['a', 'b', 'b'], n: [1, 2, 1] });
    expect(rareCopyFilter(train, ['g', 'n'], 11)(chunk).rejected).toBe(2);
    expect(rareCopyFilter(train, ['g', 'n'], 1)(chunk).rejected).toBe(0);
  });
});
