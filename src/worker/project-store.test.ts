import { describe, expect, test } from 'vitest';
import {
  decodeColumn,
  encodeColumn,
  memoryAdapter,
  ProjectStore,
  StorageFullError,
  validateProjectFile,
  PROJECT_FILE_FORMAT,
  type StoredDataset,
  type StoredState,
} from './project-store';
import type { DatasetSummary } from './dataset-session';

function summary(name = 'credit.csv'): DatasetSummary {
  return {
    name,
    rowCount: 4,
    columns: ['id', 'amount', 'grade'],
    delimiter: ',',
    encoding: 'utf-8',
    compressed: false,
    bytesRead: 60,
    notices: [],
    skippedRows: [],
    schema: {
      columns: [
        { name: 'id', role: 'identifier', inferredRole: 'identifier', reason: 'unique', numeric: true, integer: true, missing: 0, distinct: 4 },
        { name: 'amount', role: 'continuous', inferredRole: 'continuous', reason: 'numbers', numeric: true, integer: false, missing: 1, distinct: 3 },
        { name: 'grade', role: 'categorical', inferredRole: 'categorical', reason: 'few labels', numeric: false, integer: false, missing: 0, distinct: 2 },
      ],
      target: 'grade',
      positiveLabel: 'B',
      rowCount: 4,
    },
    loadSeconds: 0.01,
  } as DatasetSummary;
}

function dataset(): StoredDataset {
  return {
    summary: summary(),
    columns: [encodeColumn('id', ['1', '2', '3', '4']), encodeColumn('amount', ['10.5', null, '7', '10.5']), encodeColumn('grade', ['A', 'B', 'A', 'A'])],
  };
}

const state: StoredState = {
  step: 'explore',
  schema: summary().schema,
  recipe: [{ id: 'drop-id', kind: 'dropColumns', enabled: true, columns: ['id'] }],
  split: { seed: 7, testFraction: 0.25 },
};

describe('column encoding', () => {
  test('a column with few distinct values becomes labels + 1-byte codes, and decodes to the same cells', () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i % 7 === 0 ? null : `code${i % 3}`));
    const c = encodeColumn('x', values);
    expect(c.kind).toBe('dict');
    if (c.kind !== 'dict') return;
    expect(c.width).toBe(1);
    // 4 labels: code1, code2, null, code0 in first-seen order (row 0 is null)
    expect(c.labels).toEqual([null, 'code1', 'code2', 'code0']);
    expect(decodeColumn(c)).toEqual(values);
  });

  test('300 distinct labels need 2-byte codes', () => {
    const values = Array.from({ length: 3000 }, (_, i) => `L${i % 300}`);
    const c = encodeColumn('x', values);
    expect(c.kind === 'dict' && c.width).toBe(2);
    expect(decodeColumn(c)).toEqual(values);
  });

  test('a mostly-distinct column stays a plain array (dictionary would be larger)', () => {
    const values = Array.from({ length: 100 }, (_, i) => String(i * 1.5));
    const c = encodeColumn('x', values);
    expect(c.kind).toBe('plain');
    expect(decodeColumn(c)).toEqual(values);
  });

  test('codes past the label list are refused (a damaged file)', () => {
    const c = encodeColumn('x', ['a', 'b', 'a']);
    if (c.kind !== 'dict') throw new Error('expected dict');
    expect(() => decodeColumn({ ...c, labels: ['a'] })).toThrow(/code 1 has no label/);
  });
});

describe('ProjectStore on the in-memory adapter', () => {
  test('parts round-trip through save and load, and the meta follows the dataset', async () => {
    const store = new ProjectStore(memoryAdapter());
    const p = await store.create('My project');
    await store.setCurrent(p.id);
    await store.savePart(p.id, 'dataset', dataset());
    await store.savePart(p.id, 'state', state);
    expect(await store.currentId()).toBe(p.id);
    const meta = (await store.meta(p.id))!;
    expect(meta).toMatchObject({ name: 'My project', datasetName: 'credit.csv', rows: 4, columns: 3 });
    expect(meta.bytes).toBeGreaterThan(0);
    const back = await store.loadAll(p.id);
    expect(back.state).toEqual(state);
    expect(back.dataset!.summary).toEqual(summary());
    expect(back.dataset!.columns.map(decodeColumn)).toEqual([['1', '2', '3', '4'], ['10.5', null, '7', '10.5'], ['A', 'B', 'A', 'A']]);
  });

  test('export → JSON text → import gives a new project with the same parts', async () => {
    const a = new ProjectStore(memoryAdapter());
    const p = await a.create('Loans');
    await a.savePart(p.id, 'dataset', dataset());
    await a.savePart(p.id, 'state', state);
    await a.savePart(p.id, 'runs', { runs: [{ id: 'run-1', scores: { overall: 0.8 } }] });
    const text = JSON.stringify(await a.exportProject(p.id));
    const parsed = JSON.parse(text);
    expect(parsed).toMatchObject({ format: PROJECT_FILE_FORMAT, version: 1, name: 'Loans' });

    // a fresh store (another browser profile)
    const b = new ProjectStore(memoryAdapter());
    const imported = await b.importProject(parsed);
    expect(imported.id).not.toBe('');
    expect(imported).toMatchObject({ name: 'Loans', datasetName: 'credit.csv', rows: 4 });
    const parts = await b.loadAll(imported.id);
    expect(parts.state).toEqual(state);
    expect(parts.runs).toEqual({ runs: [{ id: 'run-1', scores: { overall: 0.8 } }] });
    expect(parts.dataset!.columns.map(decodeColumn)).toEqual(dataset().columns.map(decodeColumn));

    // importing again into the same store: a second project, its name made unique
    const again = await b.importProject(parsed);
    expect(again.name).toBe('Loans (2)');
    expect((await b.list()).map((m) => m.name).sort()).toEqual(['Loans', 'Loans (2)']);
  });

  test('rename, delete (the current one leaves no current project) and list order', async () => {
    let t = Date.parse('2025-01-01T00:00:00Z');
    const store = new ProjectStore(memoryAdapter(), () => new Date((t += 1000)));
    const a = await store.create('A');
    const b = await store.create('B');
    await store.setCurrent(a.id);
    await store.savePart(a.id, 'state', state);
    // A was saved last: newest first
    expect((await store.list()).map((m) => m.name)).toEqual(['A', 'B']);
    await expect(store.rename(b.id, '  ')).rejects.toThrow(/needs a name/);
    expect((await store.rename(b.id, 'A')).name).toBe('A (2)');
    await store.delete(a.id);
    expect(await store.currentId()).toBeNull();
    expect(await store.loadPart(a.id, 'state')).toBeUndefined();
    expect((await store.list()).map((m) => m.name)).toEqual(['A (2)']);
    await expect(store.savePart(a.id, 'state', state)).rejects.toThrow(/no longer exists/);
  });

  test('a full disk gives StorageFullError with a way out, and the stored part stays as it was', async () => {
    const store = new ProjectStore(memoryAdapter({ quotaBytes: 2000 }));
    const p = await store.create('Big');
    await store.savePart(p.id, 'state', state);
    const huge = { summary: summary(), columns: [encodeColumn('x', Array.from({ length: 5000 }, (_, i) => `v${i}`))] };
    const err = await store.savePart(p.id, 'dataset', huge).catch((e) => e);
    expect(err).toBeInstanceOf(StorageFullError);
    expect(err.message).toMatch(/storage .* is full/);
    expect(err.message).toMatch(/delete old projects/);
    expect(err.message).toMatch(/export/);
    expect(await store.loadPart(p.id, 'dataset')).toBeUndefined();
    expect(await store.loadPart(p.id, 'state')).toEqual(state);
  });

  test('checkpoint interval: default 5, settable, whole numbers ≥ 1 only', async () => {
    const store = new ProjectStore(memoryAdapter());
    expect(await store.checkpointEvery()).toBe(5);
    await store.setCheckpointEvery(2);
    expect(await store.checkpointEvery()).toBe(2);
    await expect(store.setCheckpointEvery(0)).rejects.toThrow(/≥ 1/);
    await expect(store.setCheckpointEvery(1.5)).rejects.toThrow(/whole number/);
  });

  test('files that are not projects, or of another version, are refused with a reason', () => {
    expect(() => validateProjectFile({ format: 'synthcredit.gan-model', version: 1 })).toThrow(/not a SynthCredit project/);
    expect(() => validateProjectFile({ format: PROJECT_FILE_FORMAT, version: 2, parts: {} })).toThrow(/version 2/);
    expect(() => validateProjectFile({ format: PROJECT_FILE_FORMAT, version: 1, parts: { dataset: { summary: {}, columns: [{ name: 'x', kind: 'zip' }] } } })).toThrow(/damaged dataset/);
    expect(validateProjectFile({ format: PROJECT_FILE_FORMAT, version: 1, parts: {} }).name).toBe('Imported project');
  });
});
