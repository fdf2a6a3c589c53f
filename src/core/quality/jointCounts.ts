import type { CodedColumn } from './codedColumn';

/** Cells up to this count use a dense array; larger (many-category) pairs use a Map of seen cells. */
const DENSE_LIMIT = 1 << 22;

/** Counts of (a, b) cells, keyed a * b.size + b. */
export interface JointCounts {
  get(cell: number): number;
  /** cells with a non-zero count */
  cells(): Iterable<number>;
  total: number;
}

export function jointCounts(a: CodedColumn, b: CodedColumn): JointCounts {
  const n = a.codes.length;
  if (b.codes.length !== n) throw new Error(`columns differ in length: ${n} and ${b.codes.length}`);
  const width = b.size;
  if (a.size * b.size <= DENSE_LIMIT) {
    const counts = new Float64Array(a.size * b.size);
    for (let i = 0; i < n; i++) counts[a.codes[i] * width + b.codes[i]]++;
    return {
      get: (c) => counts[c],
      *cells() {
        for (let c = 0; c < counts.length; c++) if (counts[c] > 0) yield c;
      },
      total: n,
    };
  }
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const c = a.codes[i] * width + b.codes[i];
    counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  return { get: (c) => counts.get(c) ?? 0, cells: () => counts.keys(), total: n };
}
