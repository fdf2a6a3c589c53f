/**
 * The Load step's choices in the worker: the event class (suggested, then chosen), role changes
 * that would turn values into missing (refused or confirmed), and the two-digit-year pivot.
 */
import { describe, expect, it } from 'vitest';
import { DatasetSession } from './dataset-session';
import { openText } from '../core/data/__fixtures__/streams.ts';

async function session(csv: string): Promise<DatasetSession> {
  const s = new DatasetSession();
  const out = await s.load(openText(csv), { name: 'test.csv' }, () => undefined);
  expect(out.ok).toBe(true);
  return s;
}

describe('DatasetSession at load', () => {
  it('suggests the minority class of a 1 = good target, lists the classes with shares, and takes the choice', async () => {
    const s = await session('amount,good\n1,1\n2,1\n3,0\n4,1\n');
    expect(s.current()!.schema).toMatchObject({ target: 'good', positiveLabel: '0' });
    const classes = s.targetClasses()!;
    expect(classes.classes).toEqual([{ label: '1', count: 3, share: 0.75 }, { label: '0', count: 1, share: 0.25 }]);
    expect(classes).toMatchObject({ suggested: '0', event: '0', column: 'good' });
    expect(s.setTarget('good', '1').positiveLabel).toBe('1');
    expect(s.targetClasses()!.event).toBe('1');
    expect(() => s.setTarget('good', 'yes')).toThrow(/not a value/);
    // choosing the column again without a class takes the suggestion, not "1"
    expect(s.setTarget('good').positiveLabel).toBe('0');
  });

  it('refuses a role change that empties a column and asks before one that loses some values', async () => {
    const s = await session('code,amount,when\nA1,$5.00,08:15\nB2,$7.50,13:45\nC3,oops,23:00\nD4,$1.25,00:30\n');
    expect(s.previewRole('code', 'continuous')).toEqual({ lost: 4, present: 4, examples: ['A1', 'B2', 'C3'] });
    expect(() => s.setRole('code', 'continuous', { allowLoss: true })).toThrow(/all 4 values of "code" would become missing/);
    expect(s.current()!.schema.columns[0].role).toBe('categorical');
    expect(s.previewRole('amount', 'continuous')).toMatchObject({ lost: 1, present: 4, examples: ['oops'] });
    expect(() => s.setRole('amount', 'continuous')).toThrow(/1 of 4 values/);
    s.setRole('amount', 'continuous', { allowLoss: true });
    expect(s.typedTable().array('amount')).toEqual([5, 7.5, null, 1.25]);
    // clock times switched to continuous become seconds since midnight, nothing lost
    expect(s.current()!.schema.columns.find((c) => c.name === 'when')).toMatchObject({ role: 'continuous', timeOfDay: true });
    expect(s.previewRole('when', 'datetime').lost).toBe(4);
  });

  it('reads two-digit years with the pivot the user sets', async () => {
    const s = await session('opened,x\n1/2/27,1\n3/9/88,2\n');
    const year = () => (s.typedTable().array('opened') as number[]).map((ms) => new Date(ms).getUTCFullYear());
    expect(year()).toEqual([2027, 1988]);
    s.setTwoDigitYearPivot('opened', 20);
    expect(year()).toEqual([1927, 1988]);
    expect(() => s.setTwoDigitYearPivot('opened', 100)).toThrow(/0 to 99/);
  });
});
