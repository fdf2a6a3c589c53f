import * as aq from 'arquero';
import { describe, expect, it } from 'vitest';
import { MAX_KEPT_TABLES, rankScore, RunHistory, type RunScores } from './run-history';

const scores = (overall: number, strongPairs: number): RunScores => ({
  overall,
  columnShapes: overall,
  pairTrends: overall,
  strongPairs,
  strongPairCount: 3,
  tstrAuc: 0.7,
  trtrAuc: 0.75,
  dcrRatio: 1,
  exactCopies: 0,
  miaAuc: 0.5,
  replayCells: 0,
});

describe('RunHistory', () => {
  it('records each new table once and marks the current one', () => {
    const h = new RunHistory();
    const a = aq.table({ x: [1, 2] });
    const b = aq.table({ x: [3] });
    expect(h.observe(null, 's', 0)).toBeNull();
    const ra = h.observe(a, 'CTGAN, 10 epochs, seed 1', 100)!;
    expect(h.observe(a, 'CTGAN, 10 epochs, seed 1', 100)!.id).toBe(ra.id);
    const rb = h.observe(b, 'CTGAN, 20 epochs, seed 2', 200)!;
    expect([ra.id, rb.id]).toEqual(['run-1', 'run-2']);
    expect(h.list().map((r) => [r.id, r.rows, r.current])).toEqual([
      ['run-2', 1, true],
      ['run-1', 2, false],
    ]);
    // making an older table current again is not a new run
    h.observe(a, 'CTGAN, 10 epochs, seed 1', 300);
    expect(h.current()!.id).toBe('run-1');
    expect(h.list()).toHaveLength(2);
  });

  it('marks as best the run with the highest mean of overall and strong-pair trends', () => {
    expect(rankScore(scores(0.8, 0.6))).toBeCloseTo(0.7, 12);
    expect(rankScore(scores(0.8, NaN))).toBe(0.8);
    expect(rankScore(null)).toBeNaN();
    const h = new RunHistory();
    const ids = [0, 1, 2].map((i) => h.observe(aq.table({ x: [i] }), `run ${i}`, i)!.id);
    // run 1 has the higher overall, run 2 wins on strong pairs: (0.82 + 0.8) / 2 > (0.85 + 0.6) / 2
    h.setScores(ids[1], scores(0.85, 0.6));
    h.setScores(ids[2], scores(0.82, 0.8));
    expect(h.bestId()).toBe(ids[2]);
    expect(h.list().filter((r) => r.best).map((r) => r.id)).toEqual([ids[2]]);
  });

  it('restores the runs of an earlier session with their scores, best marked, numbering continued', () => {
    const before = new RunHistory();
    const ids = [0, 1].map((i) => before.observe(aq.table({ x: [i] }), `run ${i}`, i)!.id);
    before.setScores(ids[0], scores(0.9, 0.9));
    before.setScores(ids[1], scores(0.7, 0.7));
    const saved = before.list().reverse().map(({ rank: _r, best: _b, current: _c, ...record }) => record);
    const after = new RunHistory();
    expect(after.restore(saved)).toBe(2);
    expect(after.list().map((r) => [r.id, r.best, r.dataKept, r.scores?.overall])).toEqual([
      ['run-2', false, false, 0.7],
      ['run-1', true, false, 0.9],
    ]);
    expect(after.table('run-1')).toBeNull();
    expect(after.observe(aq.table({ x: [9] }), 'run 9', 9)!.id).toBe('run-3');
  });

  it('keeps the tables of the most recent runs only, but every run record', () => {
    const h = new RunHistory();
    for (let i = 0; i < MAX_KEPT_TABLES + 2; i++) h.observe(aq.table({ x: [i] }), `run ${i}`, i);
    const rows = h.list();
    expect(rows).toHaveLength(MAX_KEPT_TABLES + 2);
    expect(rows.filter((r) => r.dataKept)).toHaveLength(MAX_KEPT_TABLES);
    expect(h.table('run-1')).toBeNull();
    expect(h.table(`run-${MAX_KEPT_TABLES + 2}`)).not.toBeNull();
  });
});

describe('RunHistory: what made a run is data', () => {
  it('names the engine from its kind, whatever the source text says, and keeps settings, provenance and copies rejected', () => {
    const h = new RunHistory();
    const r = h.observe(aq.table({ x: [1] }), 'CTGAN-looking text that is not a GAN', 1, {
      engineKind: 'ar-cart',
      settings: { seed: 3 },
      modelKey: 'engine-2',
      copiesRejected: 17,
      trainedOn: null,
    })!;
    expect([r.engineKind, r.engine, r.settings, r.modelKey, r.copiesRejected]).toEqual(['ar-cart', 'Sequential trees', { seed: 3 }, 'engine-2', 17]);
    const g = h.observe(aq.table({ x: [2] }), 'Sequential trees (looks like an engine)', 2, { engineKind: 'ctgan' })!;
    expect(g.engine).toBe('CTGAN');
    // no origin given: unknown, never guessed from the text
    expect(h.observe(aq.table({ x: [3] }), 'CTGAN, 10 epochs', 3)!.engine).toBe('other');
  });
});
