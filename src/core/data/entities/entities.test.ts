import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import { streamFixture } from '../../engines/sequential/stream-fixture.ts';
import type { DatasetSchema } from '../schema.ts';
import { constancyWithinKey, proposeStreams, rowKeys } from './index.ts';

/** the fixture plus a birth date per customer: a second datetime, constant within each card */
function withBirthDate() {
  const { table, schema } = streamFixture(40, 2);
  const card = table.array('card') as ArrayLike<string>;
  const dob = Array.from(card, (c) => Date.UTC(1950 + (Number(c.slice(-4)) % 40), 0, 1));
  const t = table.assign({ dob });
  const s: DatasetSchema = { ...schema, columns: [...schema.columns, { name: 'dob', role: 'datetime', inferredRole: 'datetime', reason: 'test', numeric: false, integer: false, missing: 0, distinct: 40 }] };
  return { table: t, schema: s };
}

describe('customers-and-transactions proposal', () => {
  it('names the key, the time that varies within keys, measured profile columns and event columns', () => {
    const { table, schema } = withBirthDate();
    const p = proposeStreams(table, schema)!;
    expect(p.spec.key).toEqual(['card']);
    expect(p.spec.time).toBe('time');
    expect(p.spec.profile).toEqual(['name', 'gender', 'lat', 'dob']);
    expect(p.spec.event).toEqual(['category', 'amt', 'merch_lat', 'unix', 'fraud']);
    expect(p.customers).toBe(40);
    expect(p.findings).toEqual([]);
  });

  it('reports profile columns that vary within some keys, with how many keys', () => {
    const { table, schema } = withBirthDate();
    const gender = Array.from(table.array('gender') as ArrayLike<string>);
    gender[1] = gender[1] === 'M' ? 'F' : 'M';
    const p = proposeStreams(table.assign({ gender }), schema)!;
    expect(p.spec.profile).not.toContain('gender');
    expect(p.spec.event).toContain('gender');
    const f = p.findings.find((x) => x.kind === 'profile-varies');
    expect(f && f.kind === 'profile-varies' && f.columns).toEqual([{ column: 'gender', varyingKeys: 1, keys: 40 }]);
  });

  it('finds a key destroyed by a spreadsheet and offers to rebuild it from profile columns', () => {
    const { table, schema } = withBirthDate();
    // two customers collapse onto each E-notation value, as 16-digit numbers shown with 6 digits do
    const card = Array.from(table.array('card') as ArrayLike<string>, (c) => `4.0000${Math.floor(Number(c.slice(-2)) / 2)}E+15`);
    const p = proposeStreams(table.assign({ card }), schema)!;
    const f = p.findings.find((x) => x.kind === 'key-destroyed');
    expect(f && f.kind === 'key-destroyed' && f.column).toBe('card');
    expect(f && f.kind === 'key-destroyed' && f.rebuildFrom).toEqual(['name', 'dob']);
    const rebuilt = proposeStreams(table.assign({ card }), schema, ['name', 'dob'])!;
    expect(rebuilt.customers).toBe(40);
    expect(rebuilt.spec.profile).toContain('card');
  });

  it('measures constancy per key', () => {
    const t = aq.table({ k: ['a', 'a', 'b', 'b', 'c'], v: [1, 1, 2, 3, null] });
    expect(constancyWithinKey(t, rowKeys(t, ['k']), 'v')).toEqual({ column: 'v', keys: 2, varyingKeys: 1 });
  });
});
