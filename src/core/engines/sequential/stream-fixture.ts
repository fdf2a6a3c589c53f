import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import type { ColumnSchema, DatasetSchema } from '../../data/schema.ts';
import { createRng } from '../../util/random.ts';
import type { StreamSpec } from './stream-spec.ts';

/**
 * A small transactions table with known structure, for tests: customers of gender M buy
 * category `a` (amount near 10) nine times in ten, customers of gender F category `b` (amount near
 * 100); events one to two days apart at 08:00–20:00; every other customer has one fraud episode of
 * 3 consecutive events at 01:00–03:00 with amounts near 900. Home latitude per customer, merchant
 * latitude within ±0.5 of it; `unix` is the time in seconds.
 */
export function streamFixture(customers = 40, seed = 1): { table: ColumnTable; schema: DatasetSchema; spec: StreamSpec } {
  const rng = createRng(seed);
  const cols: Record<string, (string | number | null)[]> = { card: [], time: [], name: [], gender: [], lat: [], category: [], amt: [], merch_lat: [], unix: [], fraud: [] };
  const start = Date.UTC(2020, 0, 1);
  for (let c = 0; c < customers; c++) {
    const gender = c % 2 === 0 ? 'M' : 'F';
    const lat = 30 + rng.next() * 10;
    const n = 20 + rng.int(21);
    const episode = c % 4 < 2 ? 5 + rng.int(n - 8) : -1;
    let day = rng.int(3);
    for (let p = 0; p < n; p++) {
      const fraud = episode >= 0 && p >= episode && p < episode + 3;
      const hour = fraud ? 1 + rng.int(2) : 8 + rng.int(12);
      if (p > 0 && !(fraud && p > episode)) day += 1 + rng.int(2);
      const t = start + day * 864e5 + hour * 36e5 + rng.int(3600) * 1000;
      const usual = gender === 'M' ? 'a' : 'b';
      const category = fraud ? 'c' : rng.next() < 0.9 ? usual : usual === 'a' ? 'b' : 'a';
      const amt = fraud ? 900 + rng.next() * 50 : (category === 'a' ? 10 : 100) * (0.8 + 0.4 * rng.next());
      cols.card.push(`40000000000${String(1000 + c)}`);
      cols.time.push(t);
      cols.name.push(`Person ${c}`);
      cols.gender.push(gender);
      cols.lat.push(Math.round(lat * 1e4) / 1e4);
      cols.category.push(category);
      cols.amt.push(Math.round(amt * 100) / 100);
      cols.merch_lat.push(Math.round((lat - 0.5 + rng.next()) * 1e6) / 1e6);
      cols.unix.push(t / 1000);
      cols.fraud.push(fraud ? '1' : '0');
    }
  }
  const names = Object.keys(cols);
  const table = aq.table(cols, names);
  const role: Record<string, ColumnSchema['role']> = { card: 'identifier', time: 'datetime', name: 'text', gender: 'categorical', lat: 'continuous', category: 'categorical', amt: 'continuous', merch_lat: 'continuous', unix: 'continuous', fraud: 'categorical' };
  const columns: ColumnSchema[] = names.map((n) => ({ name: n, role: role[n], inferredRole: role[n], reason: 'test', numeric: ['lat', 'amt', 'merch_lat', 'unix', 'time'].includes(n), integer: n === 'unix', missing: 0, distinct: new Set(cols[n]).size }));
  const schema: DatasetSchema = { columns, target: 'fraud', positiveLabel: '1', rowCount: table.numRows() };
  const spec: StreamSpec = { key: ['card'], time: 'time', profile: ['name', 'gender', 'lat'], event: ['category', 'amt', 'merch_lat', 'unix', 'fraud'] };
  return { table, schema, spec };
}
