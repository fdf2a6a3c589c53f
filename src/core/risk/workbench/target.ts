import type { ColumnTable } from 'arquero';

/**
 * The binary target of a table as 0/1: a row is positive when its label equals the schema's
 * positive label (numbers compare through their canonical string, so 1 and "1" agree).
 * Rows whose target is missing cannot be scored and are listed separately.
 */
export interface BinaryTarget {
  /** 0/1 per kept row */
  y: Uint8Array;
  /** rows of the table with a known target, ascending */
  rows: Int32Array;
  positives: number;
}

export function binaryTarget(table: ColumnTable, target: string, positiveLabel: string): BinaryTarget {
  if (!table.columnNames().includes(target)) throw new Error(`the table has no target column "${target}"`);
  const values = table.array(target) as ArrayLike<unknown>;
  const rows: number[] = [];
  const y: number[] = [];
  let positives = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) continue;
    const label = String(v);
    const yi = label === positiveLabel ? 1 : 0;
    rows.push(i);
    y.push(yi);
    positives += yi;
  }
  return { y: Uint8Array.from(y), rows: Int32Array.from(rows), positives };
}
