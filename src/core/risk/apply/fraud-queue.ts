/**
 * The alert queue: rows by fraud score, highest first (ties by row order), and, when the true
 * labels are known, precision at k = frauds among the first k / k.
 */
export function alertOrder(scores: ArrayLike<number>): Int32Array {
  return Int32Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
}

export function precisionAtK(scores: ArrayLike<number>, labels: ArrayLike<number>, k: number): number {
  const order = alertOrder(scores);
  const m = Math.min(k, order.length);
  if (m <= 0) return 0;
  let hits = 0;
  for (let r = 0; r < m; r++) hits += labels[order[r]] === 1 ? 1 : 0;
  return hits / m;
}

/** Precision at each k of `ks` (k larger than the rows uses all rows). */
export function precisionCurve(scores: ArrayLike<number>, labels: ArrayLike<number>, ks: number[]): { k: number; precision: number; found: number }[] {
  const order = alertOrder(scores);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i] === 1 ? 1 : 0;
  return ks.map((k) => {
    const m = Math.min(k, order.length);
    let hits = 0;
    for (let r = 0; r < m; r++) hits += labels[order[r]] === 1 ? 1 : 0;
    return { k: m, precision: m ? hits / m : 0, found: positives ? hits / positives : 0 };
  });
}
