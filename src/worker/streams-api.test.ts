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
});
