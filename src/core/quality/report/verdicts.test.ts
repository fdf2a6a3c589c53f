import { describe, expect, it } from 'vitest';
import type { Verdict, VerdictLevel } from '../privacy/verdict';
import { overallVerdict, qualityVerdict, utilityVerdict } from './verdicts';

const LEVELS: VerdictLevel[] = ['good', 'warning', 'risk', 'unknown'];
const RANK = { risk: 0, warning: 1, good: 2 } as const;
const v = (level: VerdictLevel): Verdict => ({ level, message: `${level}.` });

describe('the overall verdict agrees with detection and utility', () => {
  it('is never better than any known verdict beside it, and equals the worst of them (every combination)', () => {
    for (const q of LEVELS) {
      for (const d of LEVELS) {
        for (const u of LEVELS) {
          const quality = q === 'unknown' ? qualityVerdict(NaN, 'Overall quality') : { level: q, message: `Overall quality 0.900: ${q}.` };
          const out = overallVerdict(quality, [
            { label: 'detection', verdict: v(d) },
            { label: 'utility', verdict: v(u) },
          ]);
          if (q === 'unknown') {
            expect(out.level).toBe('unknown');
            continue;
          }
          const known = [q, d, u].filter((l): l is 'good' | 'warning' | 'risk' => l !== 'unknown');
          const worst = known.reduce((a, b) => (RANK[b] < RANK[a] ? b : a));
          expect(out.level, `${q}/${d}/${u}`).toBe(worst);
          // the contradiction of the issue: "Good" beside a "Problem"
          if (d === 'risk' || u === 'risk') expect(out.level).toBe('risk');
          if (out.level !== q) {
            if (d !== 'unknown' && RANK[d as 'good'] < RANK[q]) expect(out.message).toContain('detection');
            if (u !== 'unknown' && RANK[u as 'good'] < RANK[q]) expect(out.message).toContain('utility');
          }
        }
      }
    }
  });

  it('says in words why a good quality score is not good overall', () => {
    const out = overallVerdict(qualityVerdict(0.91, 'Overall quality'), [
      { label: 'detection', verdict: qualityVerdict(0.003, 'Detection') },
      { label: 'utility', verdict: utilityVerdict(0.8, 0.6) },
    ]);
    expect(out).toEqual({
      level: 'risk',
      message:
        'Overall quality 0.910: the columns and pairs look good, but detection is a problem and utility is a problem, so overall it is a problem; do not rely on this synthetic data before that is fixed.',
    });
    expect(out.message).not.toContain('follows the real data closely');
  });
});

describe('utility verdict', () => {
  it('calls a synthetic-trained model that learned nothing a problem, not a score', () => {
    const out = utilityVerdict(0.8, 0.5, { tstrLearnedNothing: true, testMinorityRows: 200 });
    expect(out.level).toBe('risk');
    expect(out.message).toContain('learned nothing');
    expect(out.message).not.toContain('0.500 on real test rows');
  });

  it('does not judge on a tiny test set', () => {
    const out = utilityVerdict(1, 1, { testMinorityRows: 3 });
    expect(out.level).toBe('unknown');
    expect(out.message).toContain('Only 3 test rows of the rarer class');
    // ten rows of each class are enough to give the usual verdict
    expect(utilityVerdict(1, 1, { testMinorityRows: 10 }).level).toBe('good');
  });
});
