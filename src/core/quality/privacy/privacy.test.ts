import { describe, expect, it } from 'vitest';
import { createRng } from '../../util/random';
import type { ColumnData, QualityColumn } from '../types';
import { countExactCopies, countRareCopies } from './exactCopies';
import { encodeRows, fitGowerEncoding } from './gowerEncoding';
import { nearestDistances } from './nearestDistance';
import { privacyReport } from './privacyReport';

const columns: QualityColumn[] = [
  { name: 'x', kind: 'continuous' },
  { name: 'c', kind: 'discrete' },
];

describe('Gower-like distance to the closest record', () => {
  const train: ColumnData = { x: [0, 10], c: ['a', 'b'] };
  const enc = fitGowerEncoding(train, columns);
  const ref = encodeRows(train, enc);

  it('scales continuous by the training range and counts a category mismatch as 1', () => {
    // to row 1: (0.25 + 1) / 2; to row 2: (0.75 + 0) / 2
    const d = nearestDistances(encodeRows({ x: [2.5], c: ['b'] }, enc), ref);
    expect(d[0]).toBeCloseTo(0.375, 7);
  });
  it('treats missing vs value as 1 and missing vs missing as 0; unseen labels mismatch', () => {
    const d = nearestDistances(encodeRows({ x: [null, 0, 20], c: ['a', null, 'zzz'] }, enc), ref);
    expect(Array.from(d)).toEqual([0.5, 0.5, 1]);
    const both = nearestDistances(encodeRows({ x: [null], c: [null] }, enc), encodeRows({ x: [null], c: [null] }, enc));
    expect(both[0]).toBe(0);
  });

  it('equals a naive scan on random data with missing values (the pruning is exact)', () => {
    const rng = createRng(11);
    const cols: QualityColumn[] = [
      { name: 'u', kind: 'continuous' },
      { name: 'v', kind: 'continuous' },
      { name: 'w', kind: 'continuous' },
      { name: 'k', kind: 'discrete' },
      { name: 'm', kind: 'discrete' },
    ];
    const make = (n: number): ColumnData => ({
      u: Array.from({ length: n }, () => (rng.next() < 0.1 ? null : rng.normal())),
      v: Array.from({ length: n }, () => Math.round(rng.normal() * 3)),
      w: Array.from({ length: n }, () => rng.next() ** 3),
      k: Array.from({ length: n }, () => (rng.next() < 0.05 ? null : String(rng.int(4)))),
      m: Array.from({ length: n }, () => String(rng.int(2))),
    });
    const t = make(400);
    const q = make(150);
    const e = fitGowerEncoding(t, cols);
    const a = encodeRows(t, e);
    const b = encodeRows(q, e);
    const fast = nearestDistances(b, a);
    const dc = 3;
    const dk = 2;
    for (let i = 0; i < b.n; i++) {
      let best = Infinity;
      for (let r = 0; r < a.n; r++) {
        let s = 0;
        for (let j = 0; j < dc; j++) {
          const x = b.cont[i * dc + j];
          const y = a.cont[r * dc + j];
          s += Number.isNaN(x) || Number.isNaN(y) ? (Number.isNaN(x) && Number.isNaN(y) ? 0 : 1) : Math.abs(x - y);
        }
        for (let j = 0; j < dk; j++) s += b.cat[i * dk + j] === a.cat[r * dk + j] ? 0 : 1;
        best = Math.min(best, s);
      }
      expect(fast[i]).toBeCloseTo(best / 5, 12);
    }
  });
});

describe('countExactCopies', () => {
  it('matches rows on every column, labels by value', () => {
    const r = countExactCopies({ x: [1, 2], c: ['1', 'b'] }, { x: [1, 1, 2, null], c: ['1.0', '2', 'b', 'b'] }, columns);
    expect(r).toEqual({ count: 2, rows: 4 });
  });
});

describe('countRareCopies', () => {
  it('counts only copies of rows that fewer than k training rows share (hand-counted)', () => {
    // training: (1, a) x5 common, (2, a) x4 rare, (3, b) x1 rare
    const source = { x: [1, 1, 1, 1, 1, 2, 2, 2, 2, 3], c: ['a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'b'] };
    // candidates: (1, a) common, (2, a) rare x2, (3, b) rare, (3, a) no real row, (2, b) no real row
    const candidates = { x: [1, 2, 2, 3, 3, 2], c: ['a', 'a', 'a', 'b', 'a', 'b'] };
    expect(countRareCopies(source, candidates, columns, 5)).toEqual({ count: 3, rows: 6, rareSourceRows: 2, k: 5 });
    // with k = 5 → 6, (1, a) becomes rare as well
    expect(countRareCopies(source, candidates, columns, 6).count).toBe(4);
  });
});

/** Train / held-out / synthetic tables of the same distribution (x uniform 0..100, c in a..d). */
function table(n: number, seed: number, step = 0): ColumnData {
  const rng = createRng(seed);
  return {
    x: Array.from({ length: n }, () => (step > 0 ? Math.round((rng.next() * 100) / step) * step : rng.next() * 100)),
    c: Array.from({ length: n }, () => 'abcd'[rng.int(4)]),
  };
}

describe('privacyReport', () => {
  const train = table(300, 1);
  const holdout = table(100, 2);

  it('flags a synthetic table made of training copies: DCR 0, every copy counted, ratio 0, AUC high', () => {
    const synthetic: ColumnData = { x: Array.from(train.x).slice(0, 100), c: Array.from(train.c).slice(0, 100) };
    const r = privacyReport(train, holdout, synthetic, columns);
    expect(r.dcr.syntheticMedian).toBe(0);
    expect(r.dcr.holdoutMedian).toBeGreaterThan(0);
    expect(r.dcr.ratio).toBe(0);
    expect(r.dcr.closeShare).toBe(1);
    expect(r.exactCopies.count).toBe(100);
    expect(r.exactCopies.share).toBe(1);
    // x is a float: every training row is unique, so each copy is a copy of a rare row
    expect(r.rareCopies.count).toBe(100);
    expect(r.rareCopies.verdict.level).toBe('risk');
    expect(r.membershipInference.auc).toBeGreaterThan(0.6);
    expect([r.dcr.ratioVerdict.level, r.dcr.closeShareVerdict.level, r.exactCopies.verdict.level]).toEqual(['risk', 'risk', 'risk']);
    expect(r.membershipInference.verdict.level).toBe('risk');
  });

  it('passes a fresh sample of the same distribution: ratio near 1, no copies, AUC near 0.5', () => {
    const r = privacyReport(table(600, 10), table(300, 11), table(300, 12), columns);
    expect(r.dcr.ratio).toBeGreaterThan(0.6);
    expect(r.dcr.ratio).toBeLessThan(1.6);
    expect(r.membershipInference.auc).toBeGreaterThan(0.4);
    expect(r.membershipInference.auc).toBeLessThan(0.6);
    expect(r.membershipInference.members).toBe(300);
    expect(r.membershipInference.nonMembers).toBe(300);
  });

  it('gives a large ratio for synthetic rows far from every real row', () => {
    const far: ColumnData = { x: Array.from(train.x).slice(0, 50).map((v) => (v as number) + 500), c: Array(50).fill('zzz') };
    const r = privacyReport(train, holdout, far, columns);
    expect(r.dcr.ratio).toBeGreaterThan(50);
    expect(r.exactCopies.count).toBe(0);
    expect(r.dcr.closeShare).toBe(0);
    expect(r.dcr.ratioVerdict.level).toBe('good');
    expect(r.exactCopies.verdict.level).toBe('good');
  });

  it('cannot judge closeness when held-out rows often duplicate training rows (5th percentile 0)', () => {
    // x on a 1-unit grid with 4 labels: about 300 of 404 cells are taken, so most held-out rows have a twin
    const gridTrain = table(300, 1, 1);
    const r = privacyReport(gridTrain, table(100, 2, 1), gridTrain, columns);
    expect(r.dcr.holdoutP5).toBe(0);
    expect(r.dcr.closeShare).toBe(0);
    expect(r.dcr.closeShareVerdict.level).toBe('unknown');
    expect(r.exactCopies.holdoutCount).toBeGreaterThan(5);
    expect(r.exactCopies.verdict.level).toBe('risk');
  });

  it('subsamples with the seed when tables exceed the caps, and says so', () => {
    const synthetic = table(200, 3);
    const opts = { maxQueryRows: 50, maxReferenceRows: 120, seed: 4 };
    const a = privacyReport(train, holdout, synthetic, columns, opts);
    expect(a.rowsUsed).toEqual({
      train: { used: 120, total: 300 },
      holdout: { used: 50, total: 100 },
      synthetic: { used: 50, total: 200 },
      members: 50,
    });
    expect(a.dcr.synthetic).toHaveLength(50);
    const b = privacyReport(train, holdout, synthetic, columns, opts);
    expect(Array.from(b.dcr.synthetic)).toEqual(Array.from(a.dcr.synthetic));
    // exact copies are always counted over all rows
    expect(a.exactCopies.count).toBe(countExactCopies(train, synthetic, columns).count);
  });
});
