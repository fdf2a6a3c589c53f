import { describe, expect, it } from 'vitest';
import { constantScores, MIN_TEST_ROWS_PER_CLASS, scoreWarnings } from './score-warnings';
import { rocAuc } from './rocAuc';
import { bootstrapAucInterval } from './bootstrapAuc';
import { evaluateScores } from '../workbench/evaluation.ts';

describe('score warnings', () => {
  it('reports a model with constant scores as having learned nothing (its AUC is exactly 0.5 [0.5, 0.5])', () => {
    const y = Array.from({ length: 40 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const scores = new Array(40).fill(0.25);
    expect(rocAuc(y, scores)).toBe(0.5);
    const ci = bootstrapAucInterval(y, scores, { replicates: 50, seed: 1 });
    expect([ci.lower, ci.upper]).toEqual([0.5, 0.5]);
    expect(constantScores(scores)).toBe(true);
    expect(scoreWarnings(y, scores).map((w) => w.kind)).toEqual(['learned-nothing']);
    expect(evaluateScores(y, scores, { bootstrapReplicates: 20 }).warnings?.[0].message).toContain('learned nothing');
    // one different score is a ranking, not a degenerate model
    expect(constantScores([...scores.slice(1), 0.3])).toBe(false);
  });

  it('flags a test set with fewer than 10 rows of a class, even at AUC 1', () => {
    // 3 positives, perfectly separated
    const y = [1, 1, 1, ...new Array(50).fill(0)];
    const scores = y.map((v, i) => (v ? 0.9 : i / 100));
    expect(rocAuc(y, scores)).toBe(1);
    const w = scoreWarnings(y, scores);
    expect(w.map((x) => x.kind)).toEqual(['small-test']);
    expect(w[0].message).toContain('Only 3 positive test rows');
    // exactly the minimum of each class is not flagged
    const y10 = [...new Array(MIN_TEST_ROWS_PER_CLASS).fill(1), ...new Array(MIN_TEST_ROWS_PER_CLASS).fill(0)];
    expect(scoreWarnings(y10, y10.map((v, i) => v * 0.5 + i / 100))).toEqual([]);
  });
});
