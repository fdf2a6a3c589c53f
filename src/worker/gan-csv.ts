/** The synthetic download of the GAN step (to be replaced by the shared core writer). */
import type { ColumnTable } from 'arquero';
import type { ColumnRole } from '../core/data/schema';

/** Cells a spreadsheet would run as a formula get a leading apostrophe; plain numbers stay as they are. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) return '';
  let s = typeof v === 'number' ? String(v) : String(v);
  const plainNumber = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s);
  if (!plainNumber && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  if (/[",\r\n]/.test(s)) s = `"${s.replace(/"/g, '""')}"`;
  return s;
}

/** CSV of a typed table: datetime columns as ISO 8601 (UTC), everything else as stored. */
export function tableToCsv(table: ColumnTable, columns: { name: string; role: ColumnRole }[]): string {
  const cols = columns.map((c) => ({ ...c, values: table.array(c.name) as ArrayLike<unknown> }));
  const lines: string[] = [columns.map((c) => csvCell(c.name)).join(',')];
  const n = table.numRows();
  for (let i = 0; i < n; i++) {
    lines.push(
      cols
        .map((c) => {
          const v = c.values[i];
          if (c.role === 'datetime' && typeof v === 'number' && Number.isFinite(v)) return csvCell(new Date(v).toISOString());
          return csvCell(v);
        })
        .join(','),
    );
  }
  return lines.join('\n') + '\n';
}
