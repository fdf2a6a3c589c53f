import type { ColumnTable } from 'arquero';
import type { DatasetSchema } from '../../data/schema';
import type { ReplayCheck } from './types';
import { replayVerdict } from './verdicts';

function textOf(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const t = v.trim();
  return t === '' ? null : t;
}

/**
 * Identifier and text columns (IDs, names, streets) are never modelled, so no real value of theirs
 * may turn up in the synthetic table. Every string cell of the synthetic table is checked against
 * the real values of those columns (train and test), column by column: an identifier/text column of
 * the synthetic table is compared with the same real column only (a placeholder first name that
 * happens to be some customer's last name replays nothing: "Jordan" in first_name is not the real
 * last_name "Jordan"). In another column a hit on any identifier/text value counts only when the
 * value is not an ordinary real value of that column (a category label "A" that also happens to be
 * a name is not a leak). Numeric cells
 * are not compared: a generated amount equal to some customer number reveals nothing.
 * Only counts are kept, never the values themselves.
 */
export function replayCheck(schema: DatasetSchema, real: ColumnTable[], synthetic: ColumnTable): ReplayCheck {
  const sensitive = schema.columns.filter((c) => (c.role === 'identifier' || c.role === 'text') && real.some((t) => t.columnNames().includes(c.name)));
  const values = new Map<string, Set<string>>();
  for (const c of sensitive) {
    for (const t of real) {
      if (!t.columnNames().includes(c.name)) continue;
      for (const v of t.array(c.name) as Iterable<unknown>) {
        const s = textOf(v);
        if (s === null) continue;
        let owners = values.get(s);
        if (!owners) values.set(s, (owners = new Set()));
        owners.add(c.name);
      }
    }
  }
  const sensitiveNames = new Set(sensitive.map((c) => c.name));
  const leaks: ReplayCheck['leaks'] = [];
  if (values.size > 0) {
    for (const name of synthetic.columnNames()) {
      let ordinary: Set<string> | null = null;
      if (!sensitiveNames.has(name)) {
        ordinary = new Set();
        for (const t of real) {
          if (!t.columnNames().includes(name)) continue;
          for (const v of t.array(name) as Iterable<unknown>) {
            const s = textOf(v);
            if (s !== null) ordinary.add(s);
          }
        }
      }
      let cells = 0;
      const sources = new Set<string>();
      for (const v of synthetic.array(name) as Iterable<unknown>) {
        const s = textOf(v);
        if (s === null) continue;
        const owners = values.get(s);
        if (!owners || (ordinary && ordinary.has(s))) continue;
        // an identifier/text column replays only its own real values
        if (!ordinary && !owners.has(name)) continue;
        cells++;
        if (ordinary) for (const o of owners) sources.add(o);
        else sources.add(name);
      }
      if (cells > 0) leaks.push({ column: name, sourceColumns: [...sources], cells });
    }
  }
  const totalCells = leaks.reduce((a, l) => a + l.cells, 0);
  return {
    checkedColumns: sensitive.map((c) => c.name),
    leaks,
    totalCells,
    verdict: replayVerdict(totalCells, sensitive.length),
  };
}
