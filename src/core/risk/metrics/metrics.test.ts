import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { referenceDir } from '../../../test-support/paths';
import {
  accuracyAt,
  averagePrecision,
  brierScore,
  calibrationBins,
  confusionMatrix,
  f1At,
  gini,
  ksStatistic,
  logLoss,
  prCurve,
  precisionAt,
  recallAt,
  rocAuc,
  rocCurve,
  thresholdMetrics,
} from './index';

interface ReferenceCase {
  name: string;
  n: number;
  positives: number;
  y_true: number[];
  y_score: number[];
  expected: {
    roc_auc: number;
    gini: number;
    average_precision: number;
    brier: number;
    log_loss: number;
    ks: number;
    threshold: number;
    confusion_at_threshold: { tp: number; fp: number; tn: number; fn: number };
    precision_at_threshold: number;
    recall_at_threshold: number;
    f1_at_threshold: number;
    calibration: {
      edges: number[];
      bins: { bin: number; lower: number; upper: number; count: number; mean_predicted: number | null; observed_rate: number | null }[];
    };
  };
}

const cases: ReferenceCase[] = JSON.parse(
  readFileSync(resolve(referenceDir, 'classifier_metrics_cases.json'), 'utf8'),
).cases;
const TOL = 1e-9;
const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(TOL);

describe('classifier metrics against scikit-learn 1.2.1 known answers', () => {
  it('has the three reference cases', () => {
    expect(cases.map((c) => c.name)).toEqual(['ties_50', 'ties_200', 'imbalanced_1000']);
  });

  for (const c of cases) {
    describe(c.name, () => {
      const y = c.y_true;
      const s = c.y_score;
      const e = c.expected;
      it('matches roc_auc, gini, average_precision, brier, log_loss, ks', () => {
        expect(y.length).toBe(c.n);
        close(rocAuc(y, s), e.roc_auc);
        close(gini(y, s), e.gini);
        close(averagePrecision(y, s), e.average_precision);
        close(brierScore(y, s), e.brier);
        close(logLoss(y, s), e.log_loss);
        close(ksStatistic(y, s), e.ks);
      });
      it('matches the confusion matrix and rates at the threshold (score >= threshold is positive)', () => {
        expect(confusionMatrix(y, s, e.threshold)).toEqual(e.confusion_at_threshold);
        close(precisionAt(y, s, e.threshold), e.precision_at_threshold);
        close(recallAt(y, s, e.threshold), e.recall_at_threshold);
        close(f1At(y, s, e.threshold), e.f1_at_threshold);
        const m = e.confusion_at_threshold;
        close(accuracyAt(y, s, e.threshold), (m.tp + m.tn) / c.n);
      });
      it('matches the calibration bins, edges included', () => {
        const cal = calibrationBins(y, s, 10);
        expect(Array.from(cal.edges)).toEqual(e.calibration.edges);
        expect(cal.bins).toHaveLength(e.calibration.bins.length);
        cal.bins.forEach((b, k) => {
          const x = e.calibration.bins[k];
          expect(b.bin).toBe(x.bin);
          expect(b.lower).toBe(x.lower);
          expect(b.upper).toBe(x.upper);
          expect(b.count).toBe(x.count);
          if (x.mean_predicted === null) expect(b.meanPredicted).toBeNull();
          else close(b.meanPredicted as number, x.mean_predicted);
          if (x.observed_rate === null) expect(b.observedRate).toBeNull();
          else close(b.observedRate as number, x.observed_rate);
        });
      });
    });
  }

  it('puts 0.7 in bin 6 and 0.3 in bin 2 (linspace edges, not floor(score * 10))', () => {
    const cal = calibrationBins([0, 1, 0, 1], [0.7, 0.3, 0, 1]);
    expect(cal.bins.map((b) => b.count)).toEqual([1, 0, 1, 0, 0, 0, 1, 0, 0, 1]);
  });
});

describe('classifier metrics on a hand-computed case', () => {
  // sorted by score: 0.8 (pos), 0.4 (neg), 0.35 (pos), 0.1 (neg)
  const y = [0, 0, 1, 1];
  const s = [0.1, 0.4, 0.35, 0.8];
  it('computes AUC, gini, KS, AP, Brier and log loss', () => {
    // 3 of the 4 (pos, neg) pairs are ordered correctly
    expect(rocAuc(y, s)).toBeCloseTo(0.75, 15);
    expect(gini(y, s)).toBeCloseTo(0.5, 15);
    expect(ksStatistic(y, s)).toBeCloseTo(0.5, 15);
    // recall steps 0.5 at precision 1, then 0.5 at precision 2/3
    expect(averagePrecision(y, s)).toBeCloseTo(0.5 + 0.5 * (2 / 3), 15);
    expect(brierScore(y, s)).toBeCloseTo((0.01 + 0.16 + 0.4225 + 0.04) / 4, 15);
    expect(logLoss(y, s)).toBeCloseTo(-(Math.log(0.9) + Math.log(0.6) + Math.log(0.35) + Math.log(0.8)) / 4, 15);
  });
  it('gives the ROC and PR points', () => {
    const roc = rocCurve(y, s);
    expect(Array.from(roc.fpr)).toEqual([0, 0, 0.5, 0.5, 1]);
    expect(Array.from(roc.tpr)).toEqual([0, 0.5, 0.5, 1, 1]);
    expect(Array.from(roc.thresholds)).toEqual([1.8, 0.8, 0.4, 0.35, 0.1]);
    const pr = prCurve(y, s);
    expect(Array.from(pr.recall)).toEqual([0.5, 0.5, 1]);
    expect(Array.from(pr.precision)).toEqual([1, 0.5, 2 / 3]);
  });
  it('counts a tie as one half and a tied group as one threshold', () => {
    expect(rocAuc([0, 1], [0.5, 0.5])).toBe(0.5);
    // pairs (pos, neg): (0.5, 0.2) twice a win, (0.5, 0.5) twice a tie
    expect(rocAuc([0, 1, 1, 0], [0.2, 0.5, 0.5, 0.5])).toBeCloseTo((1 + 1 + 0.5 + 0.5) / 4, 15);
    // one threshold at 0.5: recall 1 at precision 2/3
    expect(averagePrecision([0, 1, 1, 0], [0.2, 0.5, 0.5, 0.5])).toBeCloseTo(2 / 3, 15);
  });
  it('computes the rates at a threshold, a score equal to it counting as positive', () => {
    const m = thresholdMetrics(y, s, 0.4);
    expect(m.confusion).toEqual({ tp: 1, fp: 1, tn: 1, fn: 1 });
    expect([m.precision, m.recall, m.f1, m.accuracy]).toEqual([0.5, 0.5, 0.5, 0.5]);
    // nothing predicted positive: precision and f1 are 0, not NaN
    const none = thresholdMetrics(y, s, 0.9);
    expect([none.precision, none.recall, none.f1, none.accuracy]).toEqual([0, 0, 0, 0.5]);
  });
  it('returns NaN for AUC with one class and rejects bad input', () => {
    expect(rocAuc([1, 1], [0.2, 0.3])).toBeNaN();
    expect(() => rocAuc([0, 2], [0.2, 0.3])).toThrow();
    expect(() => rocAuc([0, 1], [0.2])).toThrow();
    expect(() => brierScore([0, 1], [0.2, NaN])).toThrow();
  });
});
