import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import type { ColumnSchema, DatasetSchema } from '../../data/schema.ts';
import { createRng } from '../../util/random.ts';
import { CUSTOMER, fitSequential, groupStreams } from './index.ts';
import { weekdayOfDay } from './stream-layout.ts';

/**
 * Three kinds of customers that no profile column tells apart (gender is drawn at random):
 * weekend shoppers (six purchases of `a` on every Saturday and Sunday), weekday shoppers (three
 * purchases of `b` on every weekday) and slow ones (one purchase of `c` a week), over 24 weeks,
 * at random times of day.
 */
function habitsFixture() {
  const rng = createRng(5);
  const cols: Record<string, (string | number)[]> = { card: [], time: [], gender: [], category: [], amt: [] };
  const start = Date.UTC(2024, 0, 1) / 864e5; // a Monday
  for (let c = 0; c < 36; c++) {
    const kind = c % 3;
    const gender = rng.next() < 0.5 ? 'M' : 'F';
    for (let d = start; d < start + 168; d++) {
      const wd = weekdayOfDay(d);
      const weekend = wd === 0 || wd === 6;
      const times = kind === 0 ? (weekend ? 6 : 0) : kind === 1 ? (weekend ? 0 : 3) : (d - start) % 7 === c % 7 ? 1 : 0;
      const tods = Array.from({ length: times }, () => 8 * 36e5 + rng.int(14 * 3600) * 1000).sort((a, b) => a - b);
      for (let k = 0; k < times; k++) {
        cols.card.push(`card-${c}`);
        cols.time.push(d * 864e5 + tods[k]);
        cols.gender.push(gender);
        cols.category.push(['a', 'b', 'c'][kind]);
        cols.amt.push(Math.round((10 + 40 * kind + 5 * rng.next()) * 100) / 100);
      }
    }
  }
  const names = Object.keys(cols);
  const role: Record<string, ColumnSchema['role']> = { card: 'identifier', time: 'datetime', gender: 'categorical', category: 'categorical', amt: 'continuous' };
  const columns: ColumnSchema[] = names.map((n) => ({ name: n, role: role[n], inferredRole: role[n], reason: 'test', numeric: n === 'amt' || n === 'time', integer: false, missing: 0, distinct: new Set(cols[n]).size }));
  const schema: DatasetSchema = { columns, target: null, positiveLabel: null, rowCount: cols.card.length };
  return { table: aq.table(cols, names), schema, spec: { key: ['card'], time: 'time', profile: ['gender'], event: ['category', 'amt'] } };
}

describe('sequential engine: habits no profile column names', () => {
  it('keeps each synthetic customer’s weekday habit, pace and category together over the stream', async () => {
    const { table, schema, spec } = habitsFixture();
    const fitted = await fitSequential(table, schema, spec, { minLeaf: 10, maxLeaves: 60, seed: 3 });
    const s = await fitted.sample(60, 4);
    const t = s.events.array('time') as ArrayLike<number>;
    const cat = s.events.array('category') as ArrayLike<string>;
    const streams = groupStreams(s.events, [CUSTOMER], 'time').rows;
    let clearWeekend = 0;
    let spanOk = 0;
    let slowOk = 0;
    let slow = 0;
    for (const r of streams) {
      const days = Array.from(r, (i) => Math.floor(t[i] / 864e5));
      // the first and the last day come from the profile engine; the days between from the class
      const inner = days.slice(1, -1);
      // real customers are active for 161–167 days; a stream keeps the span its profile chose
      if (days[days.length - 1] - days[0] >= 155 && days[days.length - 1] - days[0] <= 170) spanOk++;
      const weekend = inner.filter((d) => [0, 6].includes(weekdayOfDay(d))).length / Math.max(1, inner.length);
      const usual = new Map<string, number>();
      for (const i of r) usual.set(cat[i], (usual.get(cat[i]) ?? 0) + 1);
      const top = [...usual.entries()].sort((a, b) => b[1] - a[1])[0];
      if (r.length <= 40) {
        // a slow customer: about a week between purchases, not the quick customers' day
        slow++;
        const gaps = days.slice(1).map((d, k) => d - days[k]).sort((a, b) => a - b);
        if (gaps[gaps.length >> 1] >= 4) slowOk++;
        continue;
      }
      if ((weekend > 0.85 && top[0] === 'a') || (weekend < 0.15 && top[0] === 'b')) clearWeekend++;
    }
    expect(spanOk / streams.length).toBeGreaterThan(0.9);
    expect(slow).toBeGreaterThan(10);
    expect(slowOk / slow).toBeGreaterThan(0.8);
    expect(clearWeekend / (streams.length - slow)).toBeGreaterThan(0.8);
  });
});
