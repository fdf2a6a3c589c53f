import type { ColumnTable } from 'arquero';

/**
 * Reads a typed table column as numbers: null (and anything that is not a finite
 * number) becomes NaN, the single missing marker inside the numeric paths.
 */
export function readNumericColumn(table: ColumnTable, name: string): Float64Array {
  const values = table.array(name) as ArrayLike<unknown>;
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = typeof v === 'number' && Number.isFinite(v) ? v : NaN;
  }
  return out;
}

/**
 * Reads a categorical column as labels. Typed tables hold strings; a number (an untyped
 * table) is turned into its canonical string, so 1 and "1" are the same label.
 */
export function readLabelColumn(table: ColumnTable, name: string): (string | null)[] {
  const values = table.array(name) as ArrayLike<unknown>;
  const out: (string | null)[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = v === null || v === undefined ? null : String(v);
  }
  return out;
}

/**
 * Category order: numeric labels by value (so integer codes such as PAY_0 -2..8 keep their
 * order as tree codes), then the other labels alphabetically.
 */
export function sortLabels(labels: Iterable<string>): string[] {
  return [...new Set(labels)].sort((a, b) => {
    const na = Number(a);
    const nb = Number(b);
    const aNum = a.trim() !== '' && Number.isFinite(na);
    const bNum = b.trim() !== '' && Number.isFinite(nb);
    if (aNum && bNum) return na - nb || (a < b ? -1 : a > b ? 1 : 0);
    if (aNum) return -1;
    if (bNum) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

export function requireColumns(table: ColumnTable, names: string[]): void {
  const present = new Set(table.columnNames());
  const absent = names.filter((n) => !present.has(n));
  if (absent.length > 0) throw new Error(`table lacks feature column(s): ${absent.join(', ')}`);
}
