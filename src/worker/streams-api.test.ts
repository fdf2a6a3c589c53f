import { describe, expect, it } from 'vitest';
import { streamFixture } from '../core/engines/sequential/stream-fixture';
import type { PreparedData } from './prepared-data';
import { createStreamsApi, streamsHoldoutRows } from './streams-api';

const { table, schema } = streamFixture(30, 5);
const prepared = { cleaned: () => ({ table, schema }), recipe: () => [] } as unknown as PreparedData;

describe('streams worker API', () => {
  it('proposes, fits with progress, generates the linked downloads; one name per card', async () => {
    const api = createStreamsApi(prepared);
    const proposal = api.streamsPropose()!;
    expect(proposal.spec.key).toEqual(['card']);
    const seen: number[] = [];
    const out = await api.streamsFit(proposal.spec, 1, (p) => seen.push(p.fraction));
    expect(out.status).toBe('done');
    expect(seen[seen.length - 1]).toBe(1);
    const d = await api.streamsGenerate(10, 2);
    const lines = d.joined.split('\r\n').filter((l) => l !== '');
    expect(lines[0]).toBe(table.columnNames().join(','));
    const header = lines[0].split(',');
    const [ci, ni] = [header.indexOf('card'), header.indexOf('name')];
    const nameOf = new Map<string, string>();
    for (const l of lines.slice(1)) {
      const cells = l.split(',');
      if (!nameOf.has(cells[ci])) nameOf.set(cells[ci], cells[ni]);
      expect(cells[ni]).toBe(nameOf.get(cells[ci]));
    }
    expect(nameOf.size).toBe(10);
    expect(d.customers.split('\r\n').filter((l) => l !== '')).toHaveLength(11);
    expect(api.streamsValidate().hourTv).toBeGreaterThan(0.5);
    const again = createStreamsApi(prepared);
    expect(again.streamsImportModel(api.streamsExportModel())).toEqual(proposal.spec);
  });

  it('trains on the training customers only; held out by customer, optionally by a later period', async () => {
    const api = createStreamsApi(prepared);
    const spec = api.streamsPropose()!.spec;
    expect(api.streamsHoldout()).toEqual({ testFraction: 0.2, seed: 0, laterFraction: null });
    expect((await api.streamsFit(spec, 1)).status).toBe('done');
    const byCustomer = api.streamsModelInfo()!;
    expect([byCustomer.trainCustomers, byCustomer.heldOutCustomers]).toEqual([24, 6]);
    expect(byCustomer.trainRows! + byCustomer.heldOutRows!).toBe(table.numRows());
    await api.streamsGenerate(12, 3);
    const v = api.streamsValidate();
    expect(v.heldOut.customers).toBe(6);
    expect(v.heldOut.dcrRatio).toBeGreaterThan(0);

    expect(() => api.streamsSetHoldout({ testFraction: 0.2, seed: 1, laterFraction: 1.5 })).toThrow(/between 0 and 1/);
    api.streamsSetHoldout({ testFraction: 0.2, seed: 1, laterFraction: 0.3 });
    expect((await api.streamsFit(spec, 1)).status).toBe('done');
    const byTime = api.streamsModelInfo()!;
    const from = byTime.laterPeriodFrom!;
    const t = table.array('time') as ArrayLike<number>;
    const later = Array.from(t).filter((x) => x >= from).length;
    // about 30 % of all events lie in the later period; training uses only events before it
    expect(later / table.numRows()).toBeCloseTo(0.3, 1);
    expect(byTime.heldOutCustomers).toBe(6);
    expect(byTime.heldOutRows!).toBeLessThan(later);
    const rows = streamsHoldoutRows(table, spec, api.streamsHoldout());
    expect(rows.train.length).toBe(byTime.trainRows);
    for (const i of rows.train) expect(t[i]).toBeLessThan(from);
    for (const i of rows.test) expect(t[i]).toBeGreaterThanOrEqual(from);
    const card = table.array('card') as ArrayLike<string>;
    const trainCards = new Set(Array.from(rows.train, (i) => card[i]));
    for (const i of rows.test) expect(trainCards.has(card[i])).toBe(false);
    // the fraud model is tested on the held-out customers' later period
    await api.streamsGenerate(12, 3);
    const r = await api.streamsReport();
    expect(r.fraudModel.laterPeriodFrom).toBe(from);
    // (the 6 held-out cards keep one fraud burst of 3 in their later period: too few, said so)
    const laterFraud = Array.from(rows.test).filter((i) => (table.array('fraud') as ArrayLike<string>)[i] === '1').length;
    expect(laterFraud).toBe(3);
    expect(r.fraudModel).toEqual({ skipped: 'The held-out real customers have 3 fraud events (at least 5 needed): too few to test a fraud model.', laterPeriodFrom: from });
  });

  it('cancels a fit', async () => {
    const api = createStreamsApi(prepared);
    const spec = api.streamsPropose()!.spec;
    const run = api.streamsFit(spec, 1, () => api.streamsCancel());
    expect((await run).status).toBe('cancelled');
  });

  it('the streams report: held-out customers by customer, figures and distributions; a generation can be stopped', async () => {
    const api = createStreamsApi(prepared);
    const spec = api.streamsPropose()!.spec;
    api.streamsSetHoldout({ testFraction: 0.2, seed: 3, laterFraction: null });
    expect((await api.streamsFit(spec, 3)).status).toBe('done');
    const st = api.streamsState();
    // 30 customers: round(0.2 × 30) = 6 held out, every event of each on one side
    expect(st.model).toMatchObject({ trainCustomers: 24, heldOutCustomers: 6, source: 'fitted' });
    expect(st.generated).toBeNull();
    await expect(api.streamsReport()).rejects.toThrow(/Generate customers first/);
    const seenGen: number[] = [];
    await api.streamsGenerate(30, 4, (p) => seenGen.push(p.fraction));
    expect(seenGen[0]).toBe(0);
    expect(api.streamsState().generated).toEqual({ nCustomers: 30, nTransactions: expect.any(Number), seed: 4 });
    const seen: number[] = [];
    const r = await api.streamsReport((p) => seen.push(p.fraction));
    expect(seen.at(-1)).toBe(1);
    expect(r.customers).toEqual({ train: 24, heldOut: 6, synthetic: 30 });
    expect(r.events.train).toBe(st.model!.trainRows);
    // placeholders never replay a real card number or name
    expect(r.replayed).toEqual([
      { column: 'card', cells: 0 },
      { column: 'name', cells: 0 },
    ]);
    expect(r.profileColumnsCompared).toEqual(['gender', 'lat']);
    // the same DCR ratio as streamsValidate's
    expect(r.dcr!.ratio).toBeCloseTo(api.streamsValidate().heldOut.dcrRatio!, 12);
    expect('score' in r.detection).toBe(true);
    // single events: synthetic against the held-out real events, every one (fewer than the cap)
    if ('error' in r.eventDetection) throw new Error(r.eventDetection.error);
    expect(r.eventDetection.against).toBe('held-out');
    expect(r.eventDetection.rowsPerSide).toBe(Math.min(st.model!.heldOutRows!, r.events.synthetic));
    expect(r.eventDetection.score).toBeGreaterThanOrEqual(0);
    expect(r.eventDetection.score).toBeLessThanOrEqual(1);
    // judged on the event columns with the hour and weekday; the three that give it away most first
    expect(r.eventDetection.columns).toEqual(['category', 'amt', 'merch_lat', 'unix', 'fraud', '(hour of day)', '(weekday)']);
    const imp = r.eventDetection.giveaways.map((g) => g.importance);
    expect(imp).toHaveLength(3);
    expect(imp).toEqual(imp.slice().sort((a, b) => b - a));
    // the fraud model on the held-out customers' events (their fraud bursts of 3)
    if ('skipped' in r.fraudModel) throw new Error(r.fraudModel.skipped);
    expect(r.fraudModel.testEvents).toBe(st.model!.heldOutRows);
    expect(r.fraudModel.testFraudEvents % 3).toBe(0);
    expect(r.fraudModel.trtr).toBeGreaterThan(0.9);
    expect(r.fraudModel.ratio).toBeCloseTo(r.fraudModel.tstr / r.fraudModel.trtr, 12);
    expect(r.fraudModel.laterPeriodFrom).toBeNull();
    // cancelled while the fraud model is fitted
    const stopped = api.streamsReport((p) => {
      if (p.message.startsWith('Fraud model')) api.streamsCancel();
    });
    await expect(stopped).rejects.toThrow(/^Stopped: the streams report was cancelled/);
    for (const d of [r.distributions.hour, r.distributions.weekday, r.distributions.eventsPerCustomer]) {
      const shares = d.kind === 'discrete' ? d.categories.map((c) => c.real) : d.bins.map((b) => b.real);
      expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    }
    // the fixture's categories a, b, c: all three rows and columns of the transition matrices
    expect(r.distributions.transitions!.categories.slice().sort()).toEqual(['a', 'b', 'c']);
    const stopping = api.streamsGenerate(200, 5, () => api.streamsCancel());
    await expect(stopping).rejects.toThrow(/^Stopped/);
  });
});
