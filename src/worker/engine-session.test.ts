import type { ColumnTable } from 'arquero';
import { describe, expect, test } from 'vitest';
import { takeRows } from '../core/data/eda/columns';
import { dependentTable } from '../core/engines/testing/fixtures';
import { EngineSession, type EngineDataSource, type EngineProgress } from './engine-session';

/** Stands in for PreparedData: every fifth row is held out as test. */
function source(n = 600): EngineDataSource & { splits: number; trainRows: number } {
  const { table, schema } = dependentTable(n, 7);
  let split: { train: number[] } | null = null;
  const src = {
    splits: 0,
    trainRows: 0,
    cleaned: () => ({ table, schema }),
    split: () => split,
    makeSplit: () => {
      src.splits++;
      split = { train: Array.from({ length: n }, (_, i) => i).filter((i) => i % 5 !== 0) };
      src.trainRows = split.train.length;
      return split;
    },
    trainTable: (): ColumnTable => {
      if (!split) throw new Error('no split');
      return takeRows(table, split.train);
    },
  };
  return src;
}

function rows(t: ColumnTable): unknown[][] {
  const names = t.columnNames();
  const cols = names.map((c) => t.array(c) as ArrayLike<unknown>);
  return Array.from({ length: t.numRows() }, (_, i) => cols.map((c) => c[i]));
}

describe('EngineSession', () => {
  test('fits sequential trees on the train split (modelled columns only) with progress, and samples under a fixed label', async () => {
    const data = source();
    const session = new EngineSession(data);
    const progress: EngineProgress[] = [];
    const outcome = await session.fit({ kind: 'ar-cart', seed: 3 }, (p) => progress.push(p));
    expect(outcome.status).toBe('done');
    if (outcome.status !== 'done') return;
    // the default 80/20 split was made, and the model saw its 480 train rows
    expect(data.splits).toBe(1);
    expect(outcome.model.trainRows).toBe(480);
    // the identifier is not modelled
    expect(outcome.model.columns.map((c) => c.name)).toEqual(['g', 'x', 'y', 'amt', 't']);
    expect(outcome.model.columns.find((c) => c.name === 't')?.labels).toEqual(['0', '1']);
    expect(outcome.model.seconds).toBeGreaterThan(0);
    expect(outcome.model.label).toBe('Sequential trees');
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)!.fraction).toBe(1);
    expect(session.state().phase).toBe('done');
    const current = session.current()!;
    expect(current.version).toBe(1);
    const sample = await current.fitted.sample(300, { fixed: { t: '1' } }, 11);
    expect(sample.numRows()).toBe(300);
    expect(Array.from(sample.array('t') as ArrayLike<unknown>).every((v) => v === '1')).toBe(true);
  });

  test('cancel stops the fit and keeps the previous model', async () => {
    const session = new EngineSession(source());
    const first = await session.fit({ kind: 'ar-cart', seed: 1 });
    expect(first.status).toBe('done');
    const running = session.fit({ kind: 'latent-class', seed: 2 });
    expect(session.state().phase).toBe('fitting');
    // a second fit while one runs is refused
    expect((await session.fit({ kind: 'ar-cart' })).status).toBe('failed');
    session.cancel();
    const outcome = await running;
    expect(outcome.status).toBe('stopped');
    expect(session.state().phase).toBe('stopped');
    expect(session.current()?.info.kind).toBe('ar-cart');
    expect(session.current()?.version).toBe(1);
  });

  test('the JSON file round trip samples identically', async () => {
    const session = new EngineSession(source());
    await session.fit({ kind: 'ar-cart', seed: 5 });
    const text = JSON.stringify(session.toFile('my trees'));
    const other = new EngineSession(source());
    const info = other.loadFile(JSON.parse(text));
    expect(info.name).toBe('my trees');
    expect(info.loaded).toBe(true);
    const a = await session.current()!.fitted.sample(200, { fixed: { g: 'b' } }, 42);
    const b = await other.current()!.fitted.sample(200, { fixed: { g: 'b' } }, 42);
    expect(rows(b)).toEqual(rows(a));
    expect(() => other.loadFile({ format: 'something else' })).toThrow(/not a SynthCredit engine model/);
    // a failed load leaves the loaded model current
    expect(other.current()?.info.name).toBe('my trees');
  });
});
