import type { ColumnSchema } from '../schema.ts';
import type { ColumnStats } from './column-stats.ts';
import { targetNameScore } from './names.ts';
import { numberLabel, parseNumber } from './number.ts';

const POSITIVE_WORDS = new Set(['yes', 'y', 'true', 't', 'positive', 'pos', 'bad', 'default', 'fraud']);

export interface TargetGuess {
  target: string | null;
  positiveLabel: string | null;
}

/**
 * A binary column whose name reads like a target (default, fraud, target, class, label,
 * bad, y): the strongest name wins, then the later column. The positive class is "1",
 * else a yes/true-like label, else the rarer one.
 */
export function suggestTarget(columns: ColumnSchema[], stats: ColumnStats[]): TargetGuess {
  let best: { index: number; score: number } | null = null;
  columns.forEach((c, i) => {
    if (c.distinct !== 2 || c.role !== 'categorical') return;
    const score = targetNameScore(c.name);
    if (score > 0 && (!best || score >= best.score)) best = { index: i, score };
  });
  if (best === null) return { target: null, positiveLabel: null };
  const { index } = best;
  return { target: columns[index].name, positiveLabel: positiveLabel(stats[index]) };
}

function positiveLabel(s: ColumnStats): string {
  const labels = new Map<string, number>();
  for (const [t, n] of s.counts) {
    const x = s.numeric ? parseNumber(t) : null;
    const label = x === null ? t : numberLabel(x);
    labels.set(label, (labels.get(label) ?? 0) + n);
  }
  if (labels.has('1')) return '1';
  const named = [...labels.keys()].find((l) => POSITIVE_WORDS.has(l.toLowerCase()));
  if (named !== undefined) return named;
  const [a, b] = [...labels.entries()].sort((x, y) => x[1] - y[1] || (x[0] < y[0] ? 1 : -1));
  return (a ?? b)[0];
}
