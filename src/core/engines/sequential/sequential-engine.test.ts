import { describe, expect, it } from 'vitest';
import { EngineStoppedError } from '../types.ts';
import { CUSTOMER, fitSequential, linkedTables, sequentialFromJSON, groupStreams } from './index.ts';
import { streamFixture } from './stream-fixture.ts';

const { table, schema, spec } = streamFixture(40, 1);
const FAST = { minLeaf: 10, maxLeaves: 60, seed: 2 };

describe('sequential engine', () => {
  const fitted = fitSequential(table, schema, spec, FAST);

  it('generates each customer’s events in time order, as many as the profile says', async () => {
    const s = await (await fitted).sample(30, 5);
    expect(s.customers.numRows()).toBe(30);
    const c = s.events.array(CUSTOMER) as ArrayLike<number>;
    const t = s.events.array('time') as ArrayLike<number>;
    for (let i = 1; i < s.events.numRows(); i++) if (c[i] === c[i - 1]) expect(t[i]).toBeGreaterThanOrEqual(t[i - 1]);
    // the fixture's customers hold 20–40 events; smoothing may stretch that a little, not to 1 or 100
    const counts = groupStreams(s.events, [CUSTOMER], 'time').rows.map((r) => r.length);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(15);
    expect(Math.max(...counts)).toBeLessThanOrEqual(45);
  });

  it('keeps spending habits that depend on the profile (M buys a, F buys b)', async () => {
    const s = await (await fitted).sample(40, 6);
    const gender = s.customers.array('gender') as ArrayLike<string>;
    const c = s.events.array(CUSTOMER) as ArrayLike<number>;
    const cat = s.events.array('category') as ArrayLike<string>;
    const tally = { M: [0, 0], F: [0, 0] } as Record<string, number[]>;
    for (let i = 0; i < s.events.numRows(); i++) {
      if (cat[i] === 'c') continue;
      const g = gender[c[i]];
      tally[g][1]++;
      if (cat[i] === (g === 'M' ? 'a' : 'b')) tally[g][0]++;
    }
    expect(tally.M[0] / tally.M[1]).toBeGreaterThan(0.75);
    expect(tally.F[0] / tally.F[1]).toBeGreaterThan(0.75);
  });

  it('places fraud as one episode of consecutive events, at night, with large amounts', async () => {
    const s = await (await fitted).sample(40, 7);
    const streams = groupStreams(s.events, [CUSTOMER], 'time').rows;
    const y = s.events.array('fraud') as ArrayLike<string>;
    const amt = s.events.array('amt') as ArrayLike<number>;
    const t = s.events.array('time') as ArrayLike<number>;
    let withFraud = 0;
    let night = 0;
    let fraudEvents = 0;
    let large = 0;
    for (const r of streams) {
      const pos = Array.from(r).map((i, p) => (y[i] === '1' ? p : -1)).filter((p) => p >= 0);
      if (pos.length === 0) continue;
      withFraud++;
      expect(pos[pos.length - 1] - pos[0]).toBe(pos.length - 1);
      for (const p of pos) {
        fraudEvents++;
        if (new Date(t[r[p]]).getUTCHours() < 4) night++;
        if (amt[r[p]] > 500) large++;
      }
    }
    // half of the fixture's customers have an episode
    expect(withFraud / streams.length).toBeGreaterThan(0.25);
    expect(withFraud / streams.length).toBeLessThan(0.75);
    // no legitimate event is at night; a same-day follower of a daytime event cannot be
    expect(night / fraudEvents).toBeGreaterThan(0.7);
    // legitimate amounts are 8–120; trees may mix a few into a fraud leaf
    expect(large / fraudEvents).toBeGreaterThan(0.85);
  });

  it('recomputes a Unix-time column from the time and keeps merchant latitude near home', async () => {
    const s = await (await fitted).sample(20, 8);
    const t = s.events.array('time') as ArrayLike<number>;
    const unix = s.events.array('unix') as ArrayLike<number>;
    const c = s.events.array(CUSTOMER) as ArrayLike<number>;
    const home = s.customers.array('lat') as ArrayLike<number>;
    const ml = s.events.array('merch_lat') as ArrayLike<number>;
    for (let i = 0; i < s.events.numRows(); i++) {
      expect(unix[i]).toBe(Math.round(t[i] / 1000));
      expect(Math.abs(ml[i] - home[c[i]])).toBeLessThan(0.75);
    }
  });

  it('saves and restores: the same seed gives the same streams', async () => {
    const f = await fitted;
    const again = sequentialFromJSON(JSON.parse(JSON.stringify(f.toJSON())));
    const a = await f.sample(10, 11);
    const b = await again.sample(10, 11);
    expect(b.events.toCSV()).toBe(a.events.toCSV());
    expect(b.customers.toCSV()).toBe(a.customers.toCSV());
  });

  it('reports progress and stops when asked', async () => {
    const seen: number[] = [];
    await fitSequential(table, schema, spec, FAST, { onProgress: (f) => seen.push(f) });
    expect(seen[seen.length - 1]).toBe(1);
    expect(seen.every((f, k) => k === 0 || f >= seen[k - 1])).toBe(true);
    let calls = 0;
    await expect(fitSequential(table, schema, spec, FAST, { shouldStop: () => ++calls > 3 })).rejects.toBeInstanceOf(EngineStoppedError);
  });

  it('writes linked tables with one card number and one name per customer, never a real one', async () => {
    const s = await (await fitted).sample(12, 9);
    const out = linkedTables(s, table, schema, spec, 3);
    expect(out.customers.numRows()).toBe(12);
    expect(out.joined.columnNames()).toEqual(table.columnNames());
    const cards = out.customers.array('card') as ArrayLike<string>;
    const real = new Set(Array.from(table.array('card') as ArrayLike<string>));
    const names = new Set(Array.from(table.array('name') as ArrayLike<string>));
    const luhn = (s: string) => {
      let sum = 0;
      for (let i = 0; i < s.length; i++) {
        let d = Number(s[s.length - 1 - i]);
        if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
        sum += d;
      }
      return sum % 10 === 0;
    };
    for (let i = 0; i < 12; i++) {
      expect(luhn(cards[i])).toBe(true);
      expect(real.has(cards[i])).toBe(false);
    }
    expect(new Set(Array.from(cards)).size).toBe(12);
    const jc = out.joined.array('card') as ArrayLike<string>;
    const jn = out.joined.array('name') as ArrayLike<string>;
    const nameOf = new Map<string, string>();
    for (let i = 0; i < out.joined.numRows(); i++) {
      expect(names.has(jn[i])).toBe(false);
      if (!nameOf.has(jc[i])) nameOf.set(jc[i], jn[i]);
      expect(jn[i]).toBe(nameOf.get(jc[i]));
    }
    expect(nameOf.size).toBe(12);
  });
});
