import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { historyFeatures, HISTORY_FEATURE_NAMES as N } from '../../data/derive/history-features.ts';
import { createFeatureMatrix } from '../../risk/features/feature-matrix.ts';
import { streamFixture } from '../../engines/sequential/stream-fixture.ts';
import { customerDcrRatio, customerDetection, customerSummaries, splitByCustomer, laterPeriodStart, streamFidelity, streamView, transitionSimilarity, tvOfCounts, copiedProfiles } from './index.ts';

const H = 36e5;
const cols = { key: ['k'], time: 't', amount: 'amt', category: 'cat', target: 'y', positive: '1' };

describe('stream fidelity', () => {
  it('transition similarity by hand: rows weighted by the real origin share; a row never left counts as 1', () => {
    const real = streamView(aq.table({ k: ['A', 'A', 'A', 'A'], t: [1, 2, 3, 4], cat: ['x', 'y', 'x', 'y'] }), { ...cols, amount: null, target: null });
    const synth = streamView(aq.table({ k: ['B', 'B', 'B'], t: [1, 2, 3], cat: ['x', 'x', 'y'] }), { ...cols, amount: null, target: null });
    // x→y, y→x, x→y: R_x = {y: 1} (weight 2/3), R_y = {x: 1} (weight 1/3); S_x = {x: ½, y: ½}, S_y empty
    expect(transitionSimilarity(real, synth)).toBeCloseTo(1 - ((2 / 3) * 0.5 + (1 / 3) * 1), 12);
  });

  it('TV complement of counts by hand', () => {
    expect(tvOfCounts([1, 1], [1, 3])).toBeCloseTo(0.75, 12);
  });

  it('a table against itself scores 1 everywhere; the fraud customer share is a ratio', () => {
    const { table, schema } = streamFixture(12, 3);
    const c = { key: ['card'], time: 'time', amount: 'amt', category: 'category', target: 'fraud', positive: schema.positiveLabel };
    const v = streamView(table, c);
    const f = streamFidelity(v, v);
    for (const x of Object.values(f)) expect(x).toBeCloseTo(1, 12);
    // fixture: customers 0, 1, 4, 5, 8, 9 have fraud (6 of 12); keep only customers 0..3 → 2 of 4
    const firstFour = table.filter(aq.escape((d: { card: string }) => Number(d.card.slice(-4)) < 1004));
    const g = streamFidelity(v, streamView(firstFour, c));
    expect(g.fraudCustomerShareRatio).toBeCloseTo(0.5 / 0.5, 12);
    const onlyFraudFree = table.filter(aq.escape((d: { card: string }) => [1002, 1003].includes(Number(d.card.slice(-4)))));
    expect(streamFidelity(v, streamView(onlyFraudFree, c)).fraudCustomerShareRatio).toBe(0);
  });
});

describe('history features', () => {
  it('match hand-computed values', () => {
    const t = aq.table({ k: ['A', 'A', 'A', 'A', 'B'], t: [0, 0.5 * H, 2 * H, 25 * H, 3 * H], amt: [10, 20, 30, 60, 5], la: [0, 0, 0, 0, 9], lo: [0, 1, 1, 1, 9] });
    const h = historyFeatures(t, { key: ['k'], time: 't', amount: 'amt', merchantLat: 'la', merchantLong: 'lo' });
    expect(h[N.sincePrevious]).toEqual([null, 1800, 5400, 82800, null]);
    expect(h[N.amountToMean]).toEqual([null, 2, 2, 3, null]);
    expect(h[N.lastHour]).toEqual([0, 1, 0, 0, 0]);
    expect(h[N.lastDay]).toEqual([0, 1, 2, 1, 0]);
    // one degree of longitude on the equator: 2πR/360
    expect(h[N.kmFromPrevious][1]).toBeCloseTo((2 * Math.PI * 6371.0088) / 360, 6);
    expect(h[N.kmFromPrevious][2]).toBe(0);
    expect(h[N.kmFromPrevious][0]).toBeNull();
  });
});

describe('per-customer checks', () => {
  it('splits by customer: every customer is on one side', () => {
    const { table } = streamFixture(20, 4);
    const s = splitByCustomer(table, ['card'], 'time', 0.2, 1);
    expect(s.testCustomers).toBe(4);
    const card = table.array('card') as ArrayLike<string>;
    const trainCards = new Set(Array.from(s.train, (i) => card[i]));
    const testCards = new Set(Array.from(s.test, (i) => card[i]));
    expect(testCards.size).toBe(4);
    for (const c of testCards) expect(trainCards.has(c)).toBe(false);
    expect(s.train.length + s.test.length).toBe(table.numRows());
  });

  it('splits by customer and by time: held-out customers in the later period, training before it', () => {
    // 4 cards with one event on each of days 1..4: the latest quarter of the events is day 4
    const day = (d: number) => Date.UTC(2021, 0, d);
    const card: string[] = [];
    const time: number[] = [];
    for (const c of ['a', 'b', 'c', 'd']) for (const d of [3, 1, 4, 2]) (card.push(c), time.push(day(d)));
    const t = aq.table({ card, time });
    const cutoff = laterPeriodStart(t, 'time', 0.25);
    expect(cutoff).toBe(day(4));
    const s = splitByCustomer(t, ['card'], 'time', 0.25, 3, cutoff, true);
    expect([s.trainCustomers, s.testCustomers]).toEqual([3, 1]);
    // the held-out card keeps its day-4 event only; the three others keep days 1..3
    expect(s.test.length).toBe(1);
    expect(time[s.test[0]]).toBe(day(4));
    expect(s.train.length).toBe(9);
    const testCard = card[s.test[0]];
    for (const i of s.train) {
      expect(card[i]).not.toBe(testCard);
      expect(time[i]).toBeLessThan(day(4));
    }
    // by time for the held-out side only: training customers keep their later events
    expect(splitByCustomer(t, ['card'], 'time', 0.25, 3, cutoff).train.length).toBe(12);
    expect(() => laterPeriodStart(t, 'time', 1)).toThrow(/between 0 and 1/);
  });

  it('DCR ratio by hand on standardised summaries', () => {
    const m = (xs: number[]) => createFeatureMatrix(Float64Array.from(xs), xs.length, ['x']);
    // train mean 5, sd 5: held-out 1 is 0.2 from train 0 (z −1), synthetic 2 is 0.4 away
    const r = customerDcrRatio(m([0, 10]), m([1]), m([2]));
    expect(r.holdoutMedian).toBeCloseTo(0.2, 12);
    expect(r.syntheticMedian).toBeCloseTo(0.4, 12);
    expect(r.ratio).toBeCloseTo(2, 12);
  });

  it('detection on summaries: same generator scores high, a shifted one is caught', () => {
    const summaries = (seed: number) => customerSummaries(streamView(streamFixture(60, seed).table, { key: ['card'], time: 'time', amount: 'amt', category: 'category', target: 'fraud', positive: '1' }), ['a', 'b', 'c']);
    const a = summaries(10);
    const b = summaries(11);
    expect(customerDetection(a, b, 3, 0).score).toBeGreaterThan(0.5);
    const shifted = createFeatureMatrix(b.data.map((x, i) => (i % b.nCols === 2 ? x * 3 : x)), b.nRows, b.columnNames);
    expect(customerDetection(a, shifted, 3, 0).score).toBeLessThan(0.2);
  });

  it('counts synthetic profiles equal to a real one', () => {
    const real = aq.table({ g: ['M', 'F'], lat: [1, 2] });
    const synth = aq.table({ g: ['M', 'M', 'F'], lat: [1, 2, 2] });
    expect(copiedProfiles(real, synth, ['g', 'lat'])).toBe(2);
  });
});

describe('history features as a cleaning-recipe step', () => {
  it('adds the columns through applyDerivedFeatures and validates in a recipe', async () => {
    const { applyDerivedFeatures } = await import('../../data/derive/derived-features.ts');
    const { parseRecipeJson } = await import('../../data/clean/recipe.ts');
    const t = aq.table({ k: ['A', 'A'], t: [0, H], amt: [10, 30] });
    const step = { kind: 'history' as const, key: ['k'], time: 't', amount: 'amt' };
    const out = applyDerivedFeatures(t, { columns: [], target: null, positiveLabel: null, rowCount: 2 }, [step]);
    expect(Array.from(out.table.array(N.amountToMean) as ArrayLike<number | null>)).toEqual([null, 3]);
    expect(out.schema.columns.map((c) => c.name)).toEqual([N.sincePrevious, N.amountToMean, N.lastHour, N.lastDay]);
    const recipe = (features: unknown[]) => JSON.stringify({ version: 1, steps: [{ id: 's1', enabled: true, kind: 'deriveFeatures', features }] });
    expect(parseRecipeJson(recipe([step]))).toHaveLength(1);
    expect(() => parseRecipeJson(recipe([{ ...step, key: [] }]))).toThrow(/key/);
  });
});
