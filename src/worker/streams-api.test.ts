import { describe, expect, it } from 'vitest';
import { streamFixture } from '../core/engines/sequential/stream-fixture';
import type { PreparedData } from './prepared-data';
import { createStreamsApi } from './streams-api';

const { table, schema } = streamFixture(30, 5);
const prepared = { cleaned: () => ({ table, schema }) } as unknown as PreparedData;

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

  it('cancels a fit', async () => {
    const api = createStreamsApi(prepared);
    const spec = api.streamsPropose()!.spec;
    const run = api.streamsFit(spec, 1, () => api.streamsCancel());
    expect((await run).status).toBe('cancelled');
  });

  it('holds out customers (by customer), reports the streams panel, and stops a generation', async () => {
    const api = createStreamsApi(prepared);
    const spec = api.streamsPropose()!.spec;
    expect((await api.streamsFit(spec, 3, undefined, 0.2)).status).toBe('done');
    const st = api.streamsState();
    // 30 customers: round(0.2 × 30) = 6 held out, every event of each on one side
    expect(st.fitted).toMatchObject({ trainCustomers: 24, heldOutCustomers: 6, loaded: false });
    expect(st.generated).toBeNull();
    await expect(api.streamsReport()).rejects.toThrow(/Generate customers first/);
    await api.streamsGenerate(30, 4);
    expect(api.streamsState().generated?.nCustomers).toBe(30);
    const seen: number[] = [];
    const r = await api.streamsReport((p) => seen.push(p.fraction));
    expect(seen.at(-1)).toBe(1);
    expect(r.customers).toEqual({ train: 24, heldOut: 6, synthetic: 30 });
    const trainEvents = r.events.train;
    expect(trainEvents).toBeGreaterThan(0);
    expect(trainEvents).toBeLessThan(table.numRows());
    // placeholders never replay a real card number or name
    expect(r.replayed).toEqual([
      { column: 'card', cells: 0 },
      { column: 'name', cells: 0 },
    ]);
    expect(r.profileColumnsCompared).toEqual(['gender', 'lat']);
    expect(r.dcr).not.toBeNull();
    expect(r.dcr!.holdoutMedian).toBeGreaterThan(0);
    expect('score' in r.detection).toBe(true);
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
