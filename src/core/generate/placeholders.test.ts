import { describe, expect, it } from 'vitest';
import * as aq from 'arquero';
import type { ColumnRole, ColumnSchema, DatasetSchema } from '../data/schema';
import { applyIdentifierColumns, detectPlaceholderKind, makePlaceholders, planIdentifierColumns, replayCheck, replayCheckByColumn, shapeOf } from './placeholders';

function schemaOf(roles: Record<string, ColumnRole>): DatasetSchema {
  const columns: ColumnSchema[] = Object.entries(roles).map(([name, role]) => ({ name, role, inferredRole: role, reason: '', numeric: false, integer: false, missing: 0, distinct: 0 }));
  return { columns, target: null, positiveLabel: null, rowCount: 0 };
}

const real = aq.table({
  ID: Array.from({ length: 3000 }, (_, i) => String(i + 1)),
  cc_num: Array.from({ length: 3000 }, (_, i) => String(4000_0000_0000_0000 + i * 7919)),
  first: Array.from({ length: 3000 }, (_, i) => ['Jennifer', 'Stephanie', 'Edward', 'Jeremy', 'Tyler', 'Mary'][i % 6]),
  street: Array.from({ length: 3000 }, (_, i) => `${100 + i} Perry Cove`),
  trans_num: Array.from({ length: 3000 }, (_, i) => (i * 2654435761 >>> 0).toString(16).padStart(8, '0').repeat(4)),
  code: Array.from({ length: 3000 }, (_, i) => (i % 10 === 0 ? null : `AB-${String(i).padStart(4, '0')}x`)),
  AGE: Array.from({ length: 3000 }, (_, i) => 20 + (i % 50)),
});
const schema = schemaOf({ ID: 'identifier', cc_num: 'identifier', first: 'text', AGE: 'continuous', street: 'text', trans_num: 'identifier', code: 'text' });

describe('placeholders', () => {
  it('detects the kind from the column name and values', () => {
    const kinds = Object.fromEntries(planIdentifierColumns(real, schema).map((p) => [p.name, p.kind]));
    expect(kinds).toEqual({ ID: 'pattern', cc_num: 'card', first: 'first-name', street: 'street', trans_num: 'hex', code: 'pattern' });
    expect(detectPlaceholderKind('customer_name', ['Ann Lee'])).toBe('full-name');
    // a customer code (the key a buildKey step makes, a customer id) keeps its pattern, not a person's name
    expect(detectPlaceholderKind('customer_key', ['K0123456789abcdef'])).toBe('pattern');
    expect(detectPlaceholderKind('customer_id', ['10442'])).toBe('pattern');
    expect(detectPlaceholderKind('email', ['a@b.org'])).toBe('email');
  });

  it('keeps the shape of the originals', () => {
    const ids = makePlaceholders(real.array('ID') as string[], 500, 'pattern', { seed: 1, unique: true });
    // digits only, no leading zero, lengths as in the real column (1-4 digits)... or longer once those run out
    expect(ids.every((v) => v !== null && /^[1-9][0-9]*$/.test(v))).toBe(true);
    expect(new Set(ids).size).toBe(500);
    const cards = makePlaceholders(real.array('cc_num') as string[], 200, 'card', { seed: 2 });
    expect(cards.every((v) => v !== null && /^[45]\d{15}$/.test(v) && luhn(v))).toBe(true);
    const hex = makePlaceholders(real.array('trans_num') as string[], 200, 'hex', { seed: 3 });
    expect(hex.every((v) => v !== null && /^[0-9a-f]{32}$/.test(v))).toBe(true);
    const codes = makePlaceholders(real.array('code') as (string | null)[], 2000, 'pattern', { seed: 4 });
    const present = codes.filter((v): v is string => v !== null);
    expect(present.every((v) => shapeOf(v) === 'AA-9999a')).toBe(true);
    // the real column's 10 % missing share is kept (binomial sd ≈ 0.7 %)
    expect(codes.length - present.length).toBeGreaterThan(150);
    expect(codes.length - present.length).toBeLessThan(250);
    const names = makePlaceholders(real.array('first') as string[], 300, 'first-name', { seed: 5 });
    expect(names.every((v) => v !== null && /^[A-Z][A-Za-z' -]+$/.test(v))).toBe(true);
    const streets = makePlaceholders(real.array('street') as string[], 100, 'street', { seed: 6 });
    expect(streets.every((v) => v !== null && /^\d+ \S/.test(v))).toBe(true);
    // seeded: same seed, same values
    expect(makePlaceholders(real.array('first') as string[], 50, 'first-name', { seed: 5 })).toEqual(names.slice(0, 50));
  });

  it('replays no real value, and the replay check finds copied ones', () => {
    const synth = aq.table({ AGE: [30, 40, 50, 60, 70, 31, 41, 51, 61, 71].flatMap((a) => Array.from({ length: 100 }, () => a)) });
    const plans = planIdentifierColumns(real, schema);
    const out = applyIdentifierColumns(synth, real, schema, plans, 11);
    expect(out.columnNames()).toEqual(['ID', 'cc_num', 'first', 'AGE', 'street', 'trans_num', 'code']);
    expect(out.numRows()).toBe(1000);
    const cols = plans.map((p) => p.name);
    expect(replayCheck(real, out, cols)).toBe(0);
    // 1-4 digit ids are all real (1..3000 covers most of them): placeholders got longer rather than copy one
    expect((out.array('ID') as string[]).every((v) => !(Number(v) >= 1 && Number(v) <= 3000))).toBe(true);
    // the check is not blind: copied values are counted
    const copied = aq.table({ first: Array.from({ length: 1000 }, () => 'Jennifer') });
    const leaked = aq.table({ first: ['Mary', 'jennifer ', 'Zed'], ID: ['1', '2999', '999999'] });
    expect(replayCheckByColumn(real, leaked, ['first', 'ID'])).toEqual({ first: 2, ID: 2 });
    expect(replayCheck(real, copied, ['first'])).toBe(1000);
  });

  it('drops columns on request', () => {
    const synth = aq.table({ AGE: [30, 40] });
    const plans = planIdentifierColumns(real, schema).map((p) => (p.name === 'first' || p.name === 'ID' ? { ...p, mode: 'drop' as const } : p));
    const out = applyIdentifierColumns(synth, real, schema, plans, 1);
    expect(out.columnNames()).toEqual(['cc_num', 'AGE', 'street', 'trans_num', 'code']);
  });
});

function luhn(s: string): boolean {
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    let d = Number(s[s.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}
