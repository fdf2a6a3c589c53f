import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as aq from 'arquero';
import { samplesDir } from '../../../test-support/paths.ts';
import { loadCsv } from '../../data/load/index.ts';
import { applySchema, inferSchema } from '../../data/infer/index.ts';
import { applyRecipe, type CleaningStep } from '../../data/clean/index.ts';
import type { DatasetSchema } from '../../data/schema.ts';
import { featureSpecsFromSchema } from '../features/feature-spec.ts';
import { binaryTarget } from '../workbench/target.ts';
import { encodeFor, fitRiskModel, predictTable, type FittedRiskModel } from '../workbench/fitted-model.ts';
import { quantileSorted } from '../../data/eda/quantile.ts';
import {
  applicantTable,
  benchBatchScore,
  categoricalReference,
  chooseCutoff,
  cutoffForApprovalRate,
  cutoffTable,
  cutoffForMaxBadRate,
  cutoffForMaxProfit,
  evaluateCutoff,
  expectedLoss,
  explainRows,
  makeModelFile,
  modelFileToJson,
  numericReference,
  parseModelFile,
  pdFromPoints,
  pointsBreakdown,
  pointsFromOdds,
  pointsFromPd,
  portfolioLoss,
  precisionAtK,
  prepareRawTable,
  psiFromShares,
  quantileBinLabels,
  replayTyped,
  scoreTable,
  scoredOutputTable,
  shiftColumn,
  stabilityBand,
  stabilityIndex,
  topReasons,
  trainingReference,
  alertOrder,
} from './index.ts';

describe('scorecard points (600 at 50:1, 20 points to double the odds)', () => {
  it('gives 600 / 620 / 580 for odds 50 / 100 / 25', () => {
    expect(pointsFromOdds(50)).toBeCloseTo(600, 10);
    expect(pointsFromOdds(100)).toBeCloseTo(620, 10);
    expect(pointsFromOdds(25)).toBeCloseTo(580, 10);
    // odds 50:1 good:bad ⇔ PD = 1/51
    expect(pointsFromPd(1 / 51)).toBeCloseTo(600, 10);
    expect(pdFromPoints(620)).toBeCloseTo(1 / 101, 12);
  });
  it('is configurable: 500 at 20:1 with PDO 40 → 540 at 40:1', () => {
    const s = { basePoints: 500, baseOdds: 20, pdo: 40 };
    expect(pointsFromOdds(20, s)).toBeCloseTo(500, 10);
    expect(pointsFromOdds(40, s)).toBeCloseTo(540, 10);
  });
  it('splits a log-odds explanation into points that add up to the score', () => {
    // log-odds of default = −ln 50 + 0.3 − 0.3 ⇒ PD 1/51 ⇒ 600 points
    const b = pointsBreakdown(-Math.log(50), [0.3, -0.3]);
    const factor = 20 / Math.LN2;
    expect(b.featurePoints[0]).toBeCloseTo(-0.3 * factor, 10);
    expect(b.featurePoints[1]).toBeCloseTo(0.3 * factor, 10);
    expect(b.total).toBeCloseTo(600, 10);
  });
});

describe('population stability index', () => {
  it('of two share vectors (hand-computed)', () => {
    // 0.05·ln(0.25/0.2) + (−0.05)·ln(0.25/0.3) = 0.05·0.2231436 + 0.05·0.1823216
    expect(psiFromShares([0.2, 0.3, 0.5], [0.25, 0.25, 0.5])).toBeCloseTo(0.0202733, 6);
  });
  it('bins on the training deciles, with ε for empty bins', () => {
    // training 1..10: decile edges 1.9, 2.8, …, 9.1, one value per bin (10 % each)
    const ref = numericReference('x', Float64Array.from({ length: 10 }, (_, i) => i + 1));
    expect(ref.kind === 'numeric' && ref.edges.length).toBe(9);
    expect(ref.kind === 'numeric' && ref.edges[0]).toBeCloseTo(1.9, 12);
    // new: five 1s and 2..6 ⇒ shares 0.5, 0.1 ×5, 0 ×4
    const r = stabilityIndex(ref, [1, 1, 1, 1, 1, 2, 3, 4, 5, 6]);
    // 0.4·ln 5 + 4·(0.0001 − 0.1)·ln(0.0001 / 0.1) = 0.6437752 + 2.7603390
    expect(r.index).toBeCloseTo(3.4041142, 6);
    expect(r.band).toBe('shift');
    expect(r.bins).toHaveLength(10);
    expect(stabilityIndex(ref, [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]).index).toBeCloseTo(0, 12);
  });
  it('handles categories, unseen labels and missing values (CSI)', () => {
    const ref = categoricalReference('c', ['a', 'a', 'b', 'b']);
    const r = stabilityIndex(ref, ['a', 'b', 'b', 'c']);
    // a: (0.25−0.5)·ln 0.5; b: 0; (other): (0.25−0.0001)·ln 2500
    expect(r.index).toBeCloseTo(-0.25 * Math.log(0.5) + 0.2499 * Math.log(2500), 10);
    expect(r.bins.map((b) => b.bin)).toEqual(['a', 'b', '(other)']);
  });
  it('bands: < 0.1 stable, 0.1–0.25 watch, > 0.25 shift', () => {
    expect([0.05, 0.1, 0.25, 0.26].map(stabilityBand)).toEqual(['stable', 'watch', 'watch', 'shift']);
  });
});

describe('expected loss', () => {
  it('Σ PD × LGD × EAD on a small portfolio, by segment', () => {
    // 0.45 · (0.1·1000 + 0.2·2000 + 0.05·4000) = 0.45 · 700 = 315
    const pd = [0.1, 0.2, 0.05];
    const ead = [1000, 2000, 4000];
    expect(expectedLoss(pd, ead, 0.45)).toBeCloseTo(315, 10);
    const p = portfolioLoss(pd, ead, 0.45, ['B', 'A', 'B']);
    expect(p.ead).toBe(7000);
    expect(p.lossRate).toBeCloseTo(315 / 7000, 12);
    expect(p.segments.map((s) => [s.segment, s.count])).toEqual([['A', 1], ['B', 2]]);
    expect(p.segments[0].el).toBeCloseTo(180, 10);
    expect(p.segments[1].el).toBeCloseTo(135, 10);
    expect(p.segments[1].meanPd).toBeCloseTo(0.075, 12);
  });
  it('bins a numeric segment column by quantiles, in order', () => {
    const labels = quantileBinLabels([1, 2, 3, 4, NaN], 2);
    expect(labels).toEqual(['[1, 2.5)', '[1, 2.5)', '[2.5, 4]', '[2.5, 4]', null]);
  });
});

describe('cut-off strategies', () => {
  const pd = [0.3, 0.01, 0.1, 0.05, 0.02];
  const labels = [1, 0, 0, 1, 0];
  it('by approval rate: the cut-off is the quantile of the PDs', () => {
    const sorted = Float64Array.from(pd).sort();
    for (const a of [0, 0.2, 0.5, 0.6, 0.9, 1]) expect(cutoffForApprovalRate(pd, a)).toBe(quantileSorted(sorted, a));
    // sorted 0.01 0.02 0.05 0.1 0.3: the 0.5 quantile is 0.05; 0.6 lies 40 % of the way from 0.05 to 0.1
    expect(cutoffForApprovalRate(pd, 0.5)).toBe(0.05);
    expect(cutoffForApprovalRate(pd, 0.6)).toBeCloseTo(0.07, 15);
    expect(evaluateCutoff({ pd }, cutoffForApprovalRate(pd, 0.6)).approvalRate).toBe(0.6);
  });
  it('by max bad rate among the approved (observed outcomes)', () => {
    // by PD: 0.01 good, 0.02 good, 0.05 bad, 0.1 good, 0.3 bad ⇒ bad rates 0, 0, 1/3, 1/4, 2/5
    const t = cutoffTable({ pd, labels });
    expect(t.map((p) => p.badRate)).toEqual([0, 0, 0, 1 / 3, 1 / 4, 2 / 5]);
    expect(cutoffForMaxBadRate(t, 0.25).cutoff).toBe(0.1);
    expect(cutoffForMaxBadRate(t, 0.2).cutoff).toBe(0.02);
  });
  it('by expected profit: margin 100 per good, LGD × exposure = 500 per default', () => {
    const t = cutoffTable({ pd, labels, margin: 100, loss: 500 });
    expect(t.map((p) => p.profit)).toEqual([0, 100, 200, -300, -200, -700]);
    expect(cutoffForMaxProfit(t).cutoff).toBe(0.02);
    const c = chooseCutoff({ kind: 'max-profit', lgd: 0.5, exposure: 1000, marginRate: 0.1 }, pd, labels);
    expect(c.cutoff).toBe(0.02);
    expect(c.at.profit).toBe(200);
    expect(c.outcomes).toBe('observed');
    // other strategies draw the profit curve with the same costs
    const a = chooseCutoff({ kind: 'approval-rate', approvalRate: 0.4 }, pd, labels, null, { lgd: 0.5, exposure: 1000, marginRate: 0.1 });
    expect(a.at.profit).toBe(200);
    expect(a.curve.map((p) => p.profit)).toEqual([0, 100, 200, -300, -200, -700]);
  });
  it('uses the PDs as expected outcomes without labels', () => {
    const c = chooseCutoff({ kind: 'approval-rate', approvalRate: 0.4 }, pd, null);
    expect(c.at.badRate).toBeCloseTo((0.01 + 0.02) / 2, 12);
    expect(c.outcomes).toBe('expected');
  });
});

describe('fraud queue and stress shifts', () => {
  it('orders alerts by score and computes precision at k', () => {
    const scores = [0.2, 0.9, 0.5, 0.9, 0.1];
    expect(Array.from(alertOrder(scores))).toEqual([1, 3, 2, 0, 4]);
    expect(precisionAtK(scores, [0, 1, 1, 0, 1], 2)).toBe(0.5);
    expect(precisionAtK(scores, [0, 1, 1, 0, 1], 3)).toBeCloseTo(2 / 3, 12);
  });
  it('shifts a code column by +1 within the observed codes', () => {
    const t = aq.table({ PAY_0: ['0', '8', '-2', null], AMT: [10, null, 30, 40] });
    const cats = ['-2', '-1', '0', '1', '2', '8'];
    expect(Array.from(shiftColumn(t, 'PAY_0', { kind: 'add', delta: 1 }, cats).array('PAY_0') as string[])).toEqual(['1', '8', '-1', null]);
    expect(Array.from(shiftColumn(t, 'AMT', { kind: 'multiply', factor: 0.5 }).array('AMT') as number[])).toEqual([5, null, 15, 20]);
    expect(Array.from(shiftColumn(t, 'PAY_0', { kind: 'set', value: '2' }, cats).array('PAY_0') as string[])).toEqual(['2', '2', '2', null]);
  });
  it('top reasons: by size, or only those that raise risk', () => {
    const r = topReasons(['a', 'b', 'c', 'd'], [0.1, -0.5, 0.3, 0], 2);
    expect(r).toEqual([
      { feature: 'b', contribution: -0.5, direction: 'lowers risk' },
      { feature: 'c', contribution: 0.3, direction: 'raises risk' },
    ]);
    expect(topReasons(['a', 'b', 'c'], [0.1, -0.5, 0.3], 3, 'raises').map((x) => x.feature)).toEqual(['c', 'a']);
  });
});

// ---- the whole path on real data: load → infer → type → recipe → train; then batch scoring ----

const TARGET = 'default_payment_next_month';
const uciText = readFileSync(resolve(samplesDir, 'uci_credit_card_default.csv'), 'utf8').split('\n').slice(0, 3001).join('\n') + '\n';

function streamOf(text: string): () => ReadableStream<Uint8Array> {
  return () => new Blob([text]).stream() as unknown as ReadableStream<Uint8Array>;
}

const RECIPE: CleaningStep[] = [
  { id: 'edu', kind: 'remapCategories', enabled: true, column: 'EDUCATION', mapping: { '0': '4', '5': '4', '6': '4' } },
  { id: 'cap', kind: 'capOutliers', enabled: true, column: 'LIMIT_BAL', method: 'percentile', lower: 0.01, upper: 0.99 },
  { id: 'rare', kind: 'mergeRareCategories', enabled: true, column: 'PAY_6', minShare: 0.01, otherLabel: 'rare' },
  { id: 'dupes', kind: 'dropDuplicates', enabled: true, columns: ['ID'] },
];

async function trainingPath(kind: 'logistic' | 'gbdt') {
  const raw = await loadCsv(streamOf(uciText));
  const inferred = inferSchema(raw.table);
  const schema: DatasetSchema = { ...inferred, target: TARGET, positiveLabel: '1' };
  const typed = applySchema(raw.table, schema);
  const cleaned = applyRecipe(typed, schema, RECIPE);
  const features = featureSpecsFromSchema(cleaned.schema);
  const y = binaryTarget(cleaned.table, TARGET, '1');
  const fitted = await fitRiskModel(kind, cleaned.table, y.y, features, { gbdtRounds: 30, seed: 1 });
  const reference = await trainingReference(fitted, cleaned.table, schema, typed);
  const file = makeModelFile({ name: kind, label: kind, fitted, derivedFeatures: [], schema, recipe: RECIPE, cutoff: { pd: 0.3, strategy: { kind: 'manual', pd: 0.3 } }, reference });
  return { raw, schema, typed, cleaned, fitted, file };
}

describe('batch scoring replays the training path', () => {
  it('a batch equal to the training data gets identical probabilities (logistic, and after a JSON round trip)', async () => {
    const { cleaned, fitted, file } = await trainingPath('logistic');
    const expected = await predictTable(fitted, cleaned.table);
    const batch = await loadCsv(streamOf(uciText));
    const prepared = prepareRawTable(batch.table, file);
    expect(prepared.missingColumns).toEqual([]);
    expect(prepared.notes.join(' ')).toMatch(/dupes/);
    const scored = await scoreTable(fitted, prepared.table, { reasons: 3, reference: file.reference.encodedMeans, chunkRows: 700 });
    expect(Array.from(scored.pd)).toEqual(Array.from(expected));
    const loaded = parseModelFile(modelFileToJson(file));
    const again = await scoreTable(loaded.fitted, prepareRawTable(batch.table, loaded.file).table, { reasons: 0 });
    expect(Array.from(again.pd)).toEqual(Array.from(expected));
    expect(prepared.labels?.length).toBe(3000);
    const out = scoredOutputTable(batch.table, scored, { cutoff: 0.3, scaling: file.scaling });
    expect(out.numRows()).toBe(3000);
    expect(out.columnNames().slice(-6)).toEqual(['probability', 'decision', 'score_points', 'reason_1', 'reason_2', 'reason_3']);
  });

  it('GBDT too; the explanation adds up to the log-odds exactly', async () => {
    const { cleaned, fitted, file } = await trainingPath('gbdt');
    const expected = await predictTable(fitted, cleaned.table);
    const batch = await loadCsv(streamOf(uciText));
    const scored = await scoreTable(fitted, prepareRawTable(batch.table, file).table, { reasons: 3 });
    expect(Array.from(scored.pd)).toEqual(Array.from(expected));
    const x = encodeFor(fitted, cleaned.table);
    const e = await explainRows(fitted, x, file.reference.encodedMeans, [0, 7]);
    e.rows.forEach((r, k) => {
      const logOdds = r.base + r.contributions.reduce((a, b) => a + b, 0);
      const p = expected[[0, 7][k]];
      expect(logOdds).toBeCloseTo(Math.log(p / (1 - p)), 9);
    });
  });

  it('reports missing and extra columns; a missing model input is an error', async () => {
    const { file } = await trainingPath('logistic');
    const batch = (await loadCsv(streamOf(uciText))).table;
    const noId = batch.select(batch.columnNames().filter((c) => c !== 'ID' && c !== TARGET)).assign({ note: new Array(batch.numRows()).fill('x') });
    const p = prepareRawTable(noId, file);
    expect(p.missingColumns).toEqual(['ID', TARGET]);
    expect(p.extraColumns).toEqual(['note']);
    expect(p.labels).toBeNull();
    expect(p.table.numRows()).toBe(3000);
    expect(() => prepareRawTable(batch.select(batch.columnNames().filter((c) => c !== 'PAY_0')), file)).toThrow(/PAY_0/);
  });

  it('one applicant: logistic explanation is exact and points add up', async () => {
    const { fitted, file, typed } = await trainingPath('logistic');
    const applicant = applicantTable({ LIMIT_BAL: 50000, SEX: '2', EDUCATION: '2', MARRIAGE: '1', AGE: 30, PAY_0: '2', PAY_2: '2' }, file.schema);
    const { table } = replayTyped(applicant, file, typed);
    expect(table.numRows()).toBe(1);
    const x = encodeFor(fitted as FittedRiskModel, table);
    const pd = (await predictTable(fitted, table))[0];
    const e = (await explainRows(fitted, x, file.reference.encodedMeans)).rows[0];
    const b = pointsBreakdown(e.base, e.contributions, file.scaling);
    expect(b.total).toBeCloseTo(pointsFromPd(pd, file.scaling), 8);
    const bench = await benchBatchScore(fitted, typed.numRows() > 0 ? replayTyped(typed, file).table : table, { rows: 2000, repeats: 1 });
    expect(bench).toBeGreaterThan(0);
  });
});
