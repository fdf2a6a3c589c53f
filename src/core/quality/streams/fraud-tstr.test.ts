import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { streamFixture } from '../../engines/sequential/stream-fixture.ts';
import { fitSequential, linkedTables } from '../../engines/sequential/index.ts';
import { takeRows } from '../../data/eda/columns.ts';
import { splitByCustomer } from './customer-split.ts';
import { streamColumnsFor } from './stream-roles.ts';
import { streamsFraudModel, MIN_HELD_OUT_FRAUD_EVENTS } from './fraud-tstr.ts';
import { eventDetection, eventDetectionColumns } from './event-detection.ts';

// 40 cards, every other one with a burst of 3 night purchases on one day: the history features
// (purchases in the last hour / day, amount over the card's running mean) reveal the burst
const { table, schema, spec } = streamFixture(40, 3);
const cols = streamColumnsFor(schema, spec);
const split = splitByCustomer(table, spec.key, spec.time, 0.25, 0);
const train = takeRows(table, split.train);
const test = takeRows(table, split.test);
const categories = ['a', 'b', 'c'];

describe('fraud model on streams (TSTR against TRTR)', () => {
  it('TRTR is high on the burst pattern; TSTR on generated streams is an AUC; ratio = tstr / trtr', async () => {
    const fitted = await fitSequential(train, schema, spec, { seed: 1 });
    const synthetic = linkedTables(await fitted.sample(split.trainCustomers, 2), table, schema, spec, 2).joined;
    const seen: string[] = [];
    const m = await streamsFraudModel(train, test, synthetic, cols, categories, 0, (w) => void seen.push(w));
    expect(seen).toEqual(['tstr', 'trtr']);
    if ('skipped' in m) throw new Error(m.skipped);
    expect(m.trtr).toBeGreaterThan(0.95);
    expect(m.tstr).toBeGreaterThanOrEqual(0);
    expect(m.tstr).toBeLessThanOrEqual(1);
    expect(m.ratio).toBeCloseTo(m.tstr / m.trtr, 12);
    const fraudRows = (test.array('fraud') as string[]).filter((v) => v === '1').length;
    expect([m.testEvents, m.testFraudEvents]).toEqual([test.numRows(), fraudRows]);
  }, 60_000);

  it('skips with a clear message: no fraud column, no held-out customers, too few held-out fraud events', async () => {
    expect(await streamsFraudModel(train, test, train, { ...cols, target: null, positive: null }, categories)).toEqual({ skipped: expect.stringMatching(/no fraud \(target\) column/) });
    expect(await streamsFraudModel(train, null, train, cols, categories)).toEqual({ skipped: expect.stringMatching(/No real customers were held out/) });
    // held-out customers without a single fraud event
    const clean = test.params({ one: '1' }).filter((d: Record<string, unknown>, $: { one: string }) => d.fraud !== $.one);
    const r = await streamsFraudModel(train, clean, train, cols, categories);
    expect(r).toEqual({ skipped: `The held-out real customers have 0 fraud events (at least ${MIN_HELD_OUT_FRAUD_EVENTS} needed): too few to test a fraud model.` });
    // synthetic streams without fraud: one class, no model
    const noFraud = train.derive({ fraud: () => '0' });
    expect(await streamsFraudModel(train, test, noFraud, cols, categories)).toEqual({ skipped: expect.stringMatching(/synthetic streams hold one class only/) });
  });
});

describe('detection on single events', () => {
  it('reads the event columns and hour / weekday, not the raw time; catches shifted amounts, not a copy', async () => {
    expect(eventDetectionColumns(schema, spec).map((c) => c.name)).toEqual(['category', 'amt', 'merch_lat', 'unix', 'fraud', '(hour of day)', '(weekday)']);
    const noUnix = { ...spec, event: spec.event.filter((e) => e !== 'unix') };
    // the even and the odd rows of the same cards: one distribution, hard to tell apart
    const rows = Array.from({ length: train.numRows() }, (_, i) => i);
    const even = takeRows(train, Int32Array.from(rows.filter((i) => i % 2 === 0)));
    const odd = takeRows(train, Int32Array.from(rows.filter((i) => i % 2 === 1)));
    const same = await eventDetection(even, odd, schema, noUnix, { maxRowsPerSide: 300 });
    expect(same.rowsPerSide).toBe(300);
    expect(same.score).toBeGreaterThan(0.7);
    const shifted = odd.derive({ amt: aq.escape((d: { amt: number }) => d.amt * 3 + 7) });
    const caught = await eventDetection(even, shifted, schema, noUnix, { maxRowsPerSide: 300 });
    expect(caught.score).toBeLessThan(0.2);
  });

  it('stops when asked', async () => {
    await expect(eventDetection(train, test, schema, spec, { maxRowsPerSide: 300 }, { shouldStop: () => true })).rejects.toThrow(/stopped/);
  });
});
