/**
 * Test-only helpers (imported by *.test.ts files in this folder, never by app code).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { samplesDir } from '../../../test-support/paths.ts';
import { createRng, shuffledIndices } from '../../util/random.ts';
import type { FeatureSpec } from '../features/feature-spec.ts';

/**
 * ROC AUC as the Mann-Whitney statistic with ties counted ½:
 * P(score_pos > score_neg) + ½ P(tie), by ranking (average ranks for ties).
 */
export function aucMannWhitney(y: ArrayLike<number>, score: ArrayLike<number>): number {
  const n = y.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => score[a] - score[b]);
  let rankSumPos = 0;
  let nPos = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && score[order[j + 1]] === score[order[i]]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (y[order[k]] === 1) {
        rankSumPos += avgRank;
        nPos++;
      }
    }
    i = j + 1;
  }
  const nNeg = n - nPos;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

export const UCI_TARGET = 'default_payment_next_month';
export const UCI_CATEGORICAL = ['SEX', 'EDUCATION', 'MARRIAGE', 'PAY_0', 'PAY_2', 'PAY_3', 'PAY_4', 'PAY_5', 'PAY_6'];

/** The bundled UCI sample as a typed table (categorical codes as canonical strings), ID dropped. */
export function loadUciTable(): ColumnTable {
  const text = readFileSync(resolve(samplesDir, 'uci_credit_card_default.csv'), 'utf8');
  const parse: Record<string, (v: string) => unknown> = {};
  for (const c of UCI_CATEGORICAL) parse[c] = (v: string) => (v === '' ? null : String(Number(v)));
  return aq.fromCSV(text, { parse }).select(aq.not('ID'));
}

export function uciFeatureSpecs(table: ColumnTable): FeatureSpec[] {
  return table
    .columnNames()
    .filter((c) => c !== UCI_TARGET)
    .map((name) => ({ name, kind: UCI_CATEGORICAL.includes(name) ? 'categorical' : 'numeric' }));
}

/**
 * The test's own seeded stratified 80/20 split (the app's split code lives elsewhere):
 * in each class, a shuffled 20 % goes to the test part.
 */
export function stratifiedSplit80(y: ArrayLike<number>, seed: number): { train: number[]; test: number[] } {
  const rng = createRng(seed);
  const train: number[] = [];
  const test: number[] = [];
  for (const cls of [0, 1]) {
    const idx: number[] = [];
    for (let i = 0; i < y.length; i++) if (y[i] === cls) idx.push(i);
    const order = shuffledIndices(idx.length, rng);
    const nTest = Math.round(0.2 * idx.length);
    order.forEach((o, k) => (k < nTest ? test : train).push(idx[o]));
  }
  return { train: train.sort((a, b) => a - b), test: test.sort((a, b) => a - b) };
}
