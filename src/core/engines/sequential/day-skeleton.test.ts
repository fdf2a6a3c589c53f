import { describe, expect, it } from 'vitest';
import { createRng } from '../../util/random.ts';
import { drawDays, fitDaySkeleton, monthOfDay } from './day-skeleton.ts';
import { weekdayOfDay } from './stream-layout.ts';

const DAY0 = Date.UTC(2024, 0, 1) / 864e5; // a Monday

describe('day skeleton', () => {
  it('learns each class’s weekday propensity and the season from event days', () => {
    // class 0 shops on Saturdays and Sundays only, class 1 on every day, over 8 weeks
    const days: number[] = [];
    const group: number[] = [];
    for (let d = DAY0; d < DAY0 + 56; d++) {
      const wd = weekdayOfDay(d);
      if (wd === 0 || wd === 6) {
        days.push(d, d);
        group.push(0, 0);
      }
      days.push(d);
      group.push(1);
    }
    const s = fitDaySkeleton(days, group, 2, [
      [DAY0, DAY0 + 55],
      [DAY0, DAY0 + 55],
    ]);
    // class 0: two events on each weekend day, none on weekdays → relative to its mean (4/7 per day)
    expect(s.weekday[0][0]).toBeCloseTo(3.5, 9);
    expect(s.weekday[0][6]).toBeCloseTo(3.5, 9);
    for (let wd = 1; wd <= 5; wd++) expect(s.weekday[0][wd]).toBe(0);
    // class 1: one event a day → every weekday weight 1
    s.weekday[1].forEach((w) => expect(w).toBeCloseTo(1, 9));
    // events per available day: January 31 + 8 weekend days × 2 over 2 × 31 days, February
    // 1–25 25 + 8 × 2 over 2 × 25 days; months without any available day weigh 1
    expect(s.month[1] / s.month[0]).toBeCloseTo(41 / 50 / (47 / 62), 9);
    expect((s.month[0] + s.month[1]) / 2).toBeCloseTo(1, 9);
    expect(s.month[5]).toBe(1);
  });

  it('draws days in order from the first day to the last, on the class’s weekdays in between', () => {
    const s = { weekday: [[1, 0, 0, 0, 0, 0, 1]], month: new Array<number>(12).fill(1) };
    const rng = createRng(3);
    const first = DAY0 + 2; // Wednesday
    const last = DAY0 + 89; // Sunday
    const days = drawDays(s, 0, first, last, 200, rng);
    expect(days).toHaveLength(200);
    expect(days[0]).toBe(first);
    expect(days[199]).toBe(last);
    for (let k = 1; k < days.length; k++) expect(days[k]).toBeGreaterThanOrEqual(days[k - 1]);
    for (const d of days.slice(1, -1)) expect([0, 6]).toContain(weekdayOfDay(d));
    // without the ends every day is drawn, all within the range
    const free = drawDays(s, 0, first, last, 50, rng, false);
    expect(free).toHaveLength(50);
    for (const d of free) {
      expect(d).toBeGreaterThanOrEqual(first);
      expect(d).toBeLessThanOrEqual(last);
      expect([0, 6]).toContain(weekdayOfDay(d));
    }
  });

  it('follows the season: a month weighted twice gets about twice the events per day', () => {
    const month = new Array<number>(12).fill(1);
    month[1] = 2; // February
    const s = { weekday: [new Array<number>(7).fill(1)], month };
    const days = drawDays(s, 0, DAY0, DAY0 + 59, 20_000, createRng(9));
    const jan = days.filter((d) => monthOfDay(d) === 0).length / 31;
    const feb = days.filter((d) => monthOfDay(d) === 1).length / 29;
    expect(feb / jan).toBeGreaterThan(1.85);
    expect(feb / jan).toBeLessThan(2.15);
  });
});
