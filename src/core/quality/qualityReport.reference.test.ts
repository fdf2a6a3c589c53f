import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as aq from 'arquero';
import { beforeAll, describe, expect, it } from 'vitest';
import { referenceDir } from '../../test-support/paths';
import { histogramBinEdges } from './discretize';
import { toNumeric } from './numericColumn';
import { qualityReport, type QualityReport } from './qualityReport';
import type { ColumnData, QualityColumn } from './types';

/** Known answers from SDMetrics 0.17.1 (see src/test-support/reference/README.md). */
interface Expected {
  overall: number;
  column_shapes: number;
  column_pair_trends: number;
  columns: { column: string; sdtype: string; metric: string; score: number }[];
  pairs: {
    column_1: string;
    column_2: string;
    metric: string;
    score: number;
    real_correlation?: number;
    synthetic_correlation?: number;
    real_cramers_v?: number;
  }[];
  strong_pairs: { score: number; n_pairs: number };
  sdmetrics_0_27_plus_defaults: { column_pair_trends: number; n_pairs: number; overall: number };
  pair_trends_discretization: { bin_edges: Record<string, { real: number[]; synthetic: number[] }> };
}

const TOL = 1e-9;
const read = (name: string) => readFileSync(resolve(referenceDir, name), 'utf8');
const expected: Expected = JSON.parse(read('uci_expected_quality.json'));
const metadata: { columns: Record<string, { sdtype: string }> } = JSON.parse(read('uci_metadata.json'));
const columns: QualityColumn[] = Object.entries(metadata.columns).map(([name, m]) => ({
  name,
  kind: m.sdtype === 'numerical' || m.sdtype === 'datetime' ? 'continuous' : 'discrete',
}));

/**
 * Typed-table form: continuous as number | null, discrete as string | null. The synthetic labels
 * are written the way pandas holds an integer column with empty cells ("1.0"), so the test also
 * checks that categories are compared by value.
 */
function load(file: string, labelStyle: (v: number) => string): ColumnData {
  const t = aq.fromCSV(read(file));
  const out: ColumnData = {};
  for (const c of columns) {
    const values = t.array(c.name) as (number | null)[];
    out[c.name] = c.kind === 'continuous' ? Array.from(values) : Array.from(values, (v) => (v === null ? null : labelStyle(v)));
  }
  return out;
}

describe('qualityReport against SDMetrics 0.17.1 on the UCI samples', () => {
  let real: ColumnData;
  let synthetic: ColumnData;
  let report: QualityReport;

  beforeAll(() => {
    real = load('uci_real_sample.csv', (v) => String(v));
    synthetic = load('uci_synthetic_sample.csv', (v) => v.toFixed(1));
    report = qualityReport(real, synthetic, columns);
  });

  it('reads the samples as described (3,000 rows, 150 + 120 missing synthetic cells)', () => {
    expect(columns).toHaveLength(24);
    expect(columns.filter((c) => c.kind === 'continuous')).toHaveLength(14);
    expect(real.LIMIT_BAL.length).toBe(3000);
    expect(synthetic.LIMIT_BAL.length).toBe(3000);
    expect(Array.from(synthetic.PAY_AMT1).filter((v) => v === null)).toHaveLength(150);
    expect(Array.from(synthetic.MARRIAGE).filter((v) => v === null)).toHaveLength(120);
    expect(synthetic.SEX[0]).toMatch(/\.0$/);
  });

  it('reproduces the bin edges used for mixed pairs, bit for bit', () => {
    const edges = expected.pair_trends_discretization.bin_edges;
    expect(Object.keys(edges)).toHaveLength(14);
    for (const [name, e] of Object.entries(edges)) {
      expect(Array.from(histogramBinEdges(toNumeric(real[name]))), `${name} real`).toEqual(e.real);
      expect(Array.from(histogramBinEdges(toNumeric(synthetic[name]))), `${name} synthetic`).toEqual(e.synthetic);
    }
  });

  it('matches every column score', () => {
    expect(report.columns.map((c) => c.column)).toEqual(expected.columns.map((c) => c.column));
    report.columns.forEach((c, i) => {
      const e = expected.columns[i];
      expect(c.metric).toBe(e.metric);
      expect(Math.abs(c.score - e.score), c.column).toBeLessThanOrEqual(TOL);
    });
  });

  it('matches every pair score, correlation and Cramér V (276 pairs in metadata order)', () => {
    expect(report.pairs).toHaveLength(276);
    expect(expected.pairs).toHaveLength(276);
    report.pairs.forEach((p, i) => {
      const e = expected.pairs[i];
      const label = `${p.column1} x ${p.column2}`;
      expect([p.column1, p.column2, p.metric]).toEqual([e.column_1, e.column_2, e.metric]);
      expect(Math.abs(p.score - e.score), label).toBeLessThanOrEqual(TOL);
      if (e.metric === 'CorrelationSimilarity') {
        expect(Math.abs(p.realCorrelation! - e.real_correlation!), label).toBeLessThanOrEqual(TOL);
        expect(Math.abs(p.syntheticCorrelation! - e.synthetic_correlation!), label).toBeLessThanOrEqual(TOL);
      } else {
        expect(Math.abs(p.realCramersV! - e.real_cramers_v!), label).toBeLessThanOrEqual(TOL);
      }
    });
  });

  it('matches overall, Column Shapes and Column Pair Trends', () => {
    expect(Math.abs(report.columnShapes - expected.column_shapes)).toBeLessThanOrEqual(TOL);
    expect(Math.abs(report.columnPairTrends - expected.column_pair_trends)).toBeLessThanOrEqual(TOL);
    expect(Math.abs(report.overall - expected.overall)).toBeLessThanOrEqual(TOL);
  });

  it('matches the strong-pairs mean and the SDMetrics >= 0.27 variant', () => {
    expect(report.strongPairs.nPairs).toBe(expected.strong_pairs.n_pairs);
    expect(Math.abs(report.strongPairs.columnPairTrends - expected.strong_pairs.score)).toBeLessThanOrEqual(TOL);
    const v = expected.sdmetrics_0_27_plus_defaults;
    expect(report.sdmetrics027.nPairs).toBe(v.n_pairs);
    expect(Math.abs(report.sdmetrics027.columnPairTrends - v.column_pair_trends)).toBeLessThanOrEqual(TOL);
    expect(Math.abs(report.sdmetrics027.overall - v.overall)).toBeLessThanOrEqual(TOL);
  });

  it('needs the 1e-6 pseudo-count for the synthetic-only codes (EDUCATION, PAY_0) to match closely', () => {
    const plain = qualityReport(real, synthetic, columns, { syntheticOnlyPseudoCount: 0 });
    const byName = (r: QualityReport, n: string) => r.columns.find((c) => c.column === n)!.score;
    const exp = (n: string) => expected.columns.find((c) => c.column === n)!.score;
    // without the quirk the score is off by ~1e-10; with it, at round-off level
    expect(Math.abs(byName(plain, 'PAY_0') - exp('PAY_0'))).toBeGreaterThan(1e-11);
    expect(Math.abs(byName(report, 'PAY_0') - exp('PAY_0'))).toBeLessThan(1e-14);
    expect(Math.abs(byName(report, 'EDUCATION') - exp('EDUCATION'))).toBeLessThan(1e-14);
  });

  it('is unchanged by the both-missing double count here (no discrete pair has missing in both tables)', () => {
    const buggy = qualityReport(real, synthetic, columns, { bothMissingDoubleCount: true });
    expect(buggy.pairs.map((p) => p.score)).toEqual(report.pairs.map((p) => p.score));
  });
});
