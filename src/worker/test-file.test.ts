import { describe, expect, test } from 'vitest';
import { DatasetSession } from './dataset-session';
import { PreparedData } from './prepared-data';
import { loadTestFile } from './test-file-api';
import { checkProvenance } from './provenance';
import { openText } from '../core/data/__fixtures__/streams.ts';

/** n rows: id, age (some out of range: 7 and 150), limit, default (every third row 1). */
function csv(n: number, offset = 0, header = 'id,age,limit,default'): string {
  const lines = [header];
  for (let i = 0; i < n; i++) {
    const k = i + offset;
    const age = k % 17 === 0 ? 150 : 20 + (k % 40);
    lines.push(`c${k},${age},${(1 + (k % 9)) * 10000},${k % 3 === 0 ? 1 : 0}`);
  }
  return lines.join('\n') + '\n';
}

async function loaded(n = 200): Promise<{ session: DatasetSession; prepared: PreparedData }> {
  const session = new DatasetSession();
  const out = await session.load(openText(csv(n)), { name: 'train.csv' }, () => undefined);
  if (!out.ok) throw new Error(out.error.message);
  session.setTarget('default', '1');
  return { session, prepared: new PreparedData(session) };
}

describe('separate test file', () => {
  test('all loaded rows train; the file, typed and cleaned with the same recipe, is the test set', async () => {
    const { prepared } = await loaded(200);
    // the recipe drops ages outside 16..120: 12 of the 200 loaded rows (k = 0, 17, ..., 187)
    const r = prepared.editRecipe({ op: 'add', step: { id: 'age', enabled: true, kind: 'enforceRange', column: 'age', min: 16, max: 120, action: 'dropRows' } });
    expect(r.ok).toBe(true);
    expect(prepared.cleaned().table.numRows()).toBe(188);
    // test file: 51 rows, k = 1000..1050; ages 150 at k = 1003, 1020, 1037 → 48 rows after cleaning
    const out = await loadTestFile(prepared, openText(csv(51, 1000)), 'test.csv');
    if (!out.ok) throw new Error(out.error);
    expect(out.info).toMatchObject({ name: 'test.csv', rows: 48 });
    expect(out.split.mode).toBe('test-file');
    expect(out.split.testFile).toBe('test.csv');
    expect(out.split.train.rows).toBe(188);
    expect(out.split.test.rows).toBe(48);
    // positives in the test file: k ≡ 0 (mod 3) among the 48 kept rows
    const kept = Array.from({ length: 51 }, (_, i) => 1000 + i).filter((k) => !(k % 17 === 0));
    expect(out.split.test.positives).toBe(kept.filter((k) => k % 3 === 0).length);
    expect(prepared.trainTable().numRows()).toBe(188);
    const test = prepared.testTable();
    expect(test.numRows()).toBe(48);
    // typed with the loaded schema: numbers stay numbers, the target's labels are strings
    expect(typeof (test.array('age') as ArrayLike<unknown>)[0]).toBe('number');
    expect((test.array('default') as ArrayLike<unknown>)[0]).toBe('0');
    expect((test.array('id') as ArrayLike<unknown>)[0]).toBe('c1000');
  });

  test('a file with other columns is refused, naming them; the split is unchanged', async () => {
    const { prepared } = await loaded(60);
    prepared.makeSplit(0.25, 3);
    const bad = await loadTestFile(prepared, openText(csv(10, 0, 'id,age,credit_limit,default')), 'other.csv');
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.error).toContain('lacks "limit"');
    expect(bad.error).toContain('"credit_limit"');
    expect(prepared.splitSummary()!.mode).toBe('random');
    expect(prepared.testTable().numRows()).toBe(15);
  });
});

describe('provenance of a split', () => {
  test('a new split or a recipe edit no longer matches; restoring the recorded one matches again', async () => {
    const { prepared } = await loaded(200);
    prepared.makeSplit(0.2, 42);
    const trained = prepared.provenance()!;
    expect(trained.split).toMatchObject({ mode: 'random', seed: 42, testFraction: 0.2, trainRows: 160, testRows: 40 });
    expect(checkProvenance(trained, prepared.provenance()).state).toBe('match');
    // same seed and fraction again: the same rows
    prepared.makeSplit(0.2, 42);
    expect(checkProvenance(trained, prepared.provenance()).state).toBe('match');

    prepared.makeSplit(0.2, 7);
    const moved = checkProvenance(trained, prepared.provenance());
    expect(moved.state).toBe('mismatch');
    expect(moved.canRestore).toBe(true);
    expect(moved.message).toMatch(/different train\/test split/);
    expect(moved.differences[0]).toMatch(/seed 42 .* now test fraction 0.2, seed 7/);

    prepared.makeSplit(0.2, 42);
    prepared.editRecipe({ op: 'add', step: { id: 'age', enabled: true, kind: 'enforceRange', column: 'age', min: 16, max: 120, action: 'dropRows' } });
    const edited = checkProvenance(trained, prepared.provenance());
    expect(edited.state).toBe('mismatch');
    expect(edited.differences).toContain('the cleaning recipe changed after training');

    const back = prepared.restoreProvenance(trained);
    expect(back.train.rows).toBe(160);
    expect(prepared.recipe()).toEqual([]);
    expect(checkProvenance(trained, prepared.provenance()).state).toBe('match');
  });

  test('other data cannot be restored; a model without a record is "unknown"', async () => {
    const a = await loaded(200);
    a.prepared.makeSplit(0.2, 42);
    const trained = a.prepared.provenance()!;
    const b = await loaded(201);
    b.prepared.makeSplit(0.2, 42);
    const other = checkProvenance(trained, b.prepared.provenance());
    expect(other.state).toBe('mismatch');
    expect(other.canRestore).toBe(false);
    expect(() => b.prepared.restoreProvenance(trained)).toThrow(/not the data this model was trained on/);
    expect(checkProvenance(null, b.prepared.provenance()).state).toBe('unknown');
  });
});
