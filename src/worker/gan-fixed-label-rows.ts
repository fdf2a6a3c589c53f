/**
 * Rows from a trained GAN with some categorical labels fixed (GanSession.generate, used by Apply's
 * stress test). The condition vector makes the fixed labels likely, not certain: rows that miss
 * them are rejected and drawn again (as SDV's conditional sampling does), up to MAX_DRAWN_FACTOR x n
 * rows; what is still missing then gets the labels set by hand and is counted as forced.
 */
import type { ColumnTable } from 'arquero';
import { MISSING_LABEL, type DataTransformer } from '../core/transform/data-transformer';
import type { GanTrainer } from '../core/gan/trainer';
import { takeRows } from '../core/data/eda/columns';

const GENERATE_CHUNK = 5000;
const MAX_DRAWN_FACTOR = 20;

export interface FixedLabelRows {
  table: ColumnTable;
  /** share of drawn rows that had the fixed labels (1 without fixed labels) */
  acceptance: number;
  /** rows whose fixed labels had to be set by hand */
  forced: number;
}

export async function generateWithFixedLabels(
  m: { trainer: GanTrainer; transformer: DataTransformer },
  n: number,
  fixed: Record<string, string>,
  baseSeed: number,
  onProgress?: (done: number, total: number) => void,
): Promise<FixedLabelRows> {
  const condition = Object.keys(fixed).length ? fixed : undefined;
  const parts: ColumnTable[] = [];
  let have = 0;
  let drawn = 0;
  let accepted = 0;
  for (let round = 0; have < n && drawn < MAX_DRAWN_FACTOR * n; round++) {
    const rate = drawn > 0 ? Math.max(0.05, accepted / drawn) : 1;
    const b = Math.min(GENERATE_CHUNK, Math.max(100, Math.ceil((n - have) / rate)));
    const matrix = await m.trainer.sample(b, condition, (baseSeed + round * 7907) >>> 0);
    let t = m.transformer.inverse(matrix, b);
    drawn += b;
    if (condition) {
      const keep = matchingRows(t, condition);
      accepted += keep.length;
      t = takeRows(t, keep);
    } else {
      accepted += b;
    }
    if (t.numRows() > n - have) t = takeRows(t, Array.from({ length: n - have }, (_, i) => i));
    if (t.numRows() > 0) parts.push(t);
    have += t.numRows();
    onProgress?.(have, n);
    await new Promise((r) => setTimeout(r, 0));
  }
  let forced = 0;
  if (have < n && condition) {
    // the model almost never produces this combination: fill the rest with the labels set by hand
    forced = n - have;
    const matrix = await m.trainer.sample(forced, condition, (baseSeed + 104729) >>> 0);
    const t = m.transformer.inverse(matrix, forced);
    parts.push(t.assign(Object.fromEntries(Object.entries(condition).map(([c, v]) => [c, new Array<string | null>(forced).fill(v.startsWith(MISSING_LABEL) ? null : v)]))));
    onProgress?.(n, n);
  }
  const table = parts.length === 1 ? parts[0] : parts[0].concat(...parts.slice(1));
  return { table, acceptance: drawn ? accepted / drawn : 1, forced };
}

/** Rows whose categorical labels equal every fixed label. */
function matchingRows(table: ColumnTable, fixed: Record<string, string>): number[] {
  const cols = Object.entries(fixed).map(([c, v]) => [table.array(c) as ArrayLike<unknown>, v] as const);
  const out: number[] = [];
  // the missing category is fixed by its layout label and decodes to null
  for (let i = 0; i < table.numRows(); i++) if (cols.every(([a, v]) => a[i] === v || (v.startsWith(MISSING_LABEL) && a[i] === null))) out.push(i);
  return out;
}
