/**
 * The steps entity detection offers are real recipe steps in the worker: the destroyed-key
 * finding's buildKey step and the date-parts time step are added with `editRecipe`, replayed on
 * the data (the cleaned table has the new column), listed in the recipe, saved with the project's
 * recipe, and the next proposal uses what they built.
 */
import { describe, expect, test } from 'vitest';
import { DatasetSession } from './dataset-session';
import { PreparedData } from './prepared-data';
import { createStreamsApi } from './streams-api';
import { parseRecipeJson } from '../core/data/clean';
import { streamFixture } from '../core/engines/sequential/stream-fixture';
import { textStream } from '../test-support/text-stream';


async function load(csv: string) {
  const session = new DatasetSession();
  expect((await session.load(() => textStream(csv), { name: 'cards.csv' }, () => undefined)).ok).toBe(true);
  const prepared = new PreparedData(session);
  return { session, prepared, streams: createStreamsApi(prepared) };
}

describe('entity detection steps in the worker recipe', () => {
  test('a spreadsheet-mangled card number: rebuild the key from the profile columns, then fit', async () => {
    const { table } = streamFixture(10, 2);
    const iso = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
    const names = ['card', 'time', 'name', 'category', 'amt', 'fraud'];
    const lines = [names.join(',')];
    const col = (n: string) => table.array(n) as ArrayLike<string | number>;
    for (let i = 0; i < table.numRows(); i++) {
      // cards ...1000 to ...1009 lose their last digits: five values for ten cards
      const card = `4.0000${Math.floor(Number(String(col('card')[i]).slice(-2)) / 2)}E+15`;
      lines.push([card, iso(Number(col('time')[i])), col('name')[i], col('category')[i], col('amt')[i], col('fraud')[i]].join(','));
    }
    const { prepared, streams } = await load(lines.join('\n') + '\n');
    const before = streams.streamsPropose()!;
    expect(before.customers).toBe(5);
    const finding = before.findings.find((f) => f.kind === 'key-destroyed');
    if (finding?.kind !== 'key-destroyed' || !finding.suggestedStep) throw new Error('no key-destroyed finding with a step');
    expect(finding.suggestedStep).toMatchObject({ kind: 'buildKey', columns: ['name'], output: 'customer_key' });
    const out = prepared.editRecipe({ op: 'add', step: finding.suggestedStep });
    expect(out.ok).toBe(true);
    expect(prepared.recipe().map((s) => s.kind)).toEqual(['buildKey']);
    expect(parseRecipeJson(prepared.exportRecipe())).toEqual(prepared.recipe());
    const after = streams.streamsPropose()!;
    expect(after.spec.key).toEqual(['customer_key']);
    expect(after.customers).toBe(10);
    expect(after.spec.profile).toEqual(['card', 'name']);
    // every row of one person has one key; ten people, ten keys
    const cleaned = prepared.cleaned().table;
    const key = cleaned.array('customer_key') as ArrayLike<string>;
    const name = cleaned.array('name') as ArrayLike<string>;
    const keyOf = new Map<string, string>();
    for (let i = 0; i < cleaned.numRows(); i++) {
      if (!keyOf.has(name[i])) keyOf.set(name[i], key[i]);
      expect(key[i]).toBe(keyOf.get(name[i]));
    }
    expect(new Set(keyOf.values()).size).toBe(10);
    streams.streamsSetHoldout({ testFraction: 0.2, seed: 1, laterFraction: null });
    expect((await streams.streamsFit(after.spec, 1)).status).toBe('done');
  });

  test('date parts: the proposed time step joins them, and the next proposal uses the time', async () => {
    const lines = ['User,Card,Year,Month,Day,Time,Amount'];
    for (const [u, c] of [[0, 0], [0, 1], [1, 0]]) for (let d = 1; d <= 4; d++) lines.push(`${u},${c},2019,3,${d + u},${10 + c}:3${d},$${(u + 1) * 10 + d}.50`);
    const { prepared, streams } = await load(lines.join('\n') + '\n');
    const p = streams.streamsPropose()!;
    expect(p.spec.key).toEqual(['User', 'Card']);
    expect(p.timeStep).toMatchObject({ year: 'Year', month: 'Month', day: 'Day', time: 'Time', output: 'time' });
    expect(prepared.editRecipe({ op: 'add', step: p.timeStep! }).ok).toBe(true);
    const t = prepared.cleaned().table.array('time') as ArrayLike<number>;
    // row 4: user 0, card 1, day 1 at 11:31
    expect(t[4]).toBe(Date.UTC(2019, 2, 1, 11, 31));
    const again = streams.streamsPropose()!;
    expect(again.timeStep).toBeUndefined();
    expect(again.spec).toMatchObject({ key: ['User', 'Card'], time: 'time', event: ['Amount'] });
  });

  test('date parts: the downloads write the synthetic time back as Year, Month, Day and Time in the input layout', async () => {
    const header = 'User,Card,Year,Month,Day,Time,Amount,Is Fraud?';
    const lines = [header];
    for (let u = 0; u < 6; u++)
      for (let c = 0; c < 2; c++) for (let d = 1; d <= 6; d++) lines.push(`${u},${c},2019,${d < 4 ? 'Mar' : 'Apr'},${3 * d + c},${String(8 + d).padStart(2, '0')}:${10 + u}${d === 6 ? ',"$1,200.00"' : `,$${(u + 1) * 10 + d}.50`},No`);
    const { prepared, streams } = await load(lines.join('\n') + '\n');
    const p = streams.streamsPropose()!;
    const added = prepared.editRecipe({ op: 'add', step: p.timeStep! });
    expect(added.ok ? '' : added.error).toBe('');
    const spec = streams.streamsPropose()!.spec;
    expect((await streams.streamsFit(spec, 2)).status).toBe('done');
    const d = await streams.streamsGenerate(5, 3);
    const rows = d.joined.split('\r\n').filter((l) => l !== '');
    expect(rows[0]).toBe(header);
    const body = rows.slice(1).map((l) => l.match(/("[^"]*"|[^,]+)/g)!);
    expect(body.length).toBe(d.nTransactions);
    for (const r of body) {
      expect(r[2]).toMatch(/^20\d\d$/);
      expect(r[3]).toMatch(/^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)$/);
      expect(Number(r[4])).toBeGreaterThanOrEqual(1);
      expect(Number(r[4])).toBeLessThanOrEqual(31);
      expect(r[5]).toMatch(/^\d\d:\d\d$/);
      expect(r[6]).toMatch(/^"?\$[\d,]+\.\d\d"?$/);
    }
    // the transactions table has the parts where the time was, after the key ("Is Fraud?" is always
    // "No" here: one value per card, a profile column of the customers table)
    expect(d.transactions.split('\r\n')[0]).toBe('User,Card,Year,Month,Day,Time,Amount');
    expect(d.customers.split('\r\n')[0]).toBe('User,Card,Is Fraud?');
  });
});
