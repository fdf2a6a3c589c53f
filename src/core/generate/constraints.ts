/**
 * Rules every generated row must obey, learnt from (or checked against) the training table:
 * value ranges, inequalities between columns or with constants, and the category pairs seen in
 * training (a pair never seen stays absent). Each constraint is plain JSON with a human label, so
 * the page can list, toggle and send them to the worker.
 *
 * Missing values: a null cell passes a constraint (the constraint is about values that exist);
 * for allowed pairs, null is a label of its own and its pairs are learnt like any other.
 */
import type { ColumnTable } from 'arquero';
import type { DatasetSchema } from '../data/schema';

export type Comparator = '<' | '<=' | '>' | '>=';
export const COMPARATORS: readonly Comparator[] = ['<', '<=', '>', '>='];

interface ConstraintBase {
  id: string;
  /** shown to the user, e.g. "PAY_AMT1 ≥ 0" */
  label: string;
  enabled: boolean;
  /** why it was suggested (shown as a hint); absent for user-made ones */
  reason?: string;
}

/** min ≤ value ≤ max (inclusive; null bound = open). */
export interface RangeConstraint extends ConstraintBase {
  kind: 'range';
  column: string;
  min: number | null;
  max: number | null;
}

/** `left op right`, right a column name (string) or a constant (number). */
export interface InequalityConstraint extends ConstraintBase {
  kind: 'inequality';
  left: string;
  op: Comparator;
  right: string | number;
}

/** Only these (a, b) label pairs may occur; learnt from training, so unseen pairs stay absent. */
export interface AllowedPairsConstraint extends ConstraintBase {
  kind: 'allowed-pairs';
  columns: [string, string];
  pairs: [string | null, string | null][];
  /** label combinations of the two columns that never occur in training */
  unseen: number;
}

export type Constraint = RangeConstraint | InequalityConstraint | AllowedPairsConstraint;

const SYMBOL: Record<Comparator, string> = { '<': '<', '<=': '≤', '>': '>', '>=': '≥' };

export function comparatorSymbol(op: Comparator): string {
  return SYMBOL[op];
}

export function compare(a: number, op: Comparator, b: number): boolean {
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}

export function formatNumber(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
}

export function rangeConstraint(column: string, min: number | null, max: number | null, reason?: string): RangeConstraint {
  const label =
    min !== null && max !== null
      ? `${formatNumber(min)} ≤ ${column} ≤ ${formatNumber(max)}`
      : min !== null
        ? `${column} ≥ ${formatNumber(min)}`
        : max !== null
          ? `${column} ≤ ${formatNumber(max)}`
          : `${column}: any value`;
  return { id: `range:${column}`, kind: 'range', column, min, max, label, enabled: true, reason };
}

export function inequalityConstraint(left: string, op: Comparator, right: string | number, reason?: string): InequalityConstraint {
  const r = typeof right === 'number' ? formatNumber(right) : right;
  return { id: `ineq:${left}${op}${r}`, kind: 'inequality', left, op, right, label: `${left} ${SYMBOL[op]} ${r}`, enabled: true, reason };
}

/** The set of (a, b) pairs observed in `train`, as a constraint. */
export function learnAllowedPairs(train: ColumnTable, a: string, b: string, reason?: string): AllowedPairsConstraint {
  const va = columnValues(train, a);
  const vb = columnValues(train, b);
  const seen = new Map<string, [string | null, string | null]>();
  const la = new Set<string>();
  const lb = new Set<string>();
  for (let i = 0; i < va.length; i++) {
    const x = asLabel(va[i]);
    const y = asLabel(vb[i]);
    la.add(labelKey(x));
    lb.add(labelKey(y));
    const k = pairKey(x, y);
    if (!seen.has(k)) seen.set(k, [x, y]);
  }
  const pairs = [...seen.values()];
  const unseen = la.size * lb.size - pairs.length;
  return {
    id: `pairs:${a}|${b}`,
    kind: 'allowed-pairs',
    columns: [a, b],
    pairs,
    unseen,
    label: `${a} × ${b}: only the ${pairs.length} combinations seen in the training data (${unseen} never seen stay absent)`,
    enabled: true,
    reason,
  };
}

/** Columns a constraint reads. */
export function constraintColumns(c: Constraint): string[] {
  switch (c.kind) {
    case 'range':
      return [c.column];
    case 'inequality':
      return typeof c.right === 'string' ? [c.left, c.right] : [c.left];
    case 'allowed-pairs':
      return [...c.columns];
  }
}

/** A row test bound to one table's columns: `test(i)` is true when row i obeys the rule. */
export type RowTest = (i: number) => boolean;

export function bindConstraint(c: Constraint, table: ColumnTable): RowTest {
  switch (c.kind) {
    case 'range': {
      const v = columnValues(table, c.column);
      const lo = c.min ?? -Infinity;
      const hi = c.max ?? Infinity;
      return (i) => {
        const x = v[i];
        return typeof x !== 'number' || (x >= lo && x <= hi);
      };
    }
    case 'inequality': {
      const l = columnValues(table, c.left);
      const op = c.op;
      if (typeof c.right === 'number') {
        const r = c.right;
        return (i) => {
          const x = l[i];
          return typeof x !== 'number' || compare(x, op, r);
        };
      }
      const rv = columnValues(table, c.right);
      return (i) => {
        const x = l[i];
        const y = rv[i];
        return typeof x !== 'number' || typeof y !== 'number' || compare(x, op, y);
      };
    }
    case 'allowed-pairs': {
      const va = columnValues(table, c.columns[0]);
      const vb = columnValues(table, c.columns[1]);
      const allowed = new Set(c.pairs.map(([x, y]) => pairKey(x, y)));
      return (i) => allowed.has(pairKey(asLabel(va[i]), asLabel(vb[i])));
    }
  }
}

/** Number of rows of `table` breaking each constraint (by id). */
export function countViolations(table: ColumnTable, constraints: readonly Constraint[]): Record<string, number> {
  const out: Record<string, number> = {};
  const n = table.numRows();
  for (const c of constraints) {
    const test = bindConstraint(c, table);
    let bad = 0;
    for (let i = 0; i < n; i++) if (!test(i)) bad++;
    out[c.id] = bad;
  }
  return out;
}

export interface SuggestOptions {
  /** at most this many allowed-pair constraints (default 3) */
  maxPairs?: number;
  /** only pairs of categorical columns with at most this many labels each (default 12) */
  maxLabels?: number;
}

/**
 * Constraints the training data supports:
 * - the observed [min, max] of every continuous column (generated values stay in the real range);
 * - `column ≥ 0` for every continuous column that is never negative (amounts, ages);
 * - for low-cardinality categorical pairs, the combinations seen in training, when the data shows
 *   clear structural zeros: combinations that never occur although independence would expect
 *   them several times (e.g. "no delay this month" after "8 months late last month").
 */
export function suggestConstraints(train: ColumnTable, schema: DatasetSchema, options: SuggestOptions = {}): Constraint[] {
  const maxPairs = options.maxPairs ?? 3;
  const maxLabels = options.maxLabels ?? 12;
  const out: Constraint[] = [];
  const n = train.numRows();
  if (n === 0) return out;
  for (const col of schema.columns) {
    if (col.role !== 'continuous') continue;
    const v = columnValues(train, col.name);
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x !== 'number' || !Number.isFinite(x)) continue;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    if (min > max) continue;
    out.push(rangeConstraint(col.name, min, max, 'the range observed in the training data'));
    if (min >= 0) out.push(inequalityConstraint(col.name, '>=', 0, 'never negative in the training data'));
  }

  const cats = schema.columns
    .filter((c) => c.role === 'categorical')
    .map((c) => ({ name: c.name, counts: labelCounts(columnValues(train, c.name)) }))
    .filter((c) => c.counts.size >= 2 && c.counts.size <= maxLabels);
  const scored: { a: string; b: string; score: number; zeros: number }[] = [];
  for (let i = 0; i < cats.length; i++) {
    for (let j = i + 1; j < cats.length; j++) {
      const a = cats[i];
      const b = cats[j];
      const va = columnValues(train, a.name);
      const vb = columnValues(train, b.name);
      const seen = new Set<string>();
      for (let r = 0; r < n; r++) seen.add(pairKey(asLabel(va[r]), asLabel(vb[r])));
      // expected share of rows in the never-seen cells if the columns were independent
      let missingMass = 0;
      let zeros = 0;
      for (const [x, nx] of a.counts) {
        for (const [y, ny] of b.counts) {
          if (seen.has(pairKey(fromKey(x), fromKey(y)))) continue;
          const expected = (nx * ny) / n;
          if (expected >= 5) zeros++;
          missingMass += expected;
        }
      }
      if (zeros > 0) scored.push({ a: a.name, b: b.name, score: missingMass / n, zeros });
    }
  }
  scored.sort((x, y) => y.score - x.score || x.a.localeCompare(y.a) || x.b.localeCompare(y.b));
  for (const s of scored.slice(0, maxPairs)) {
    out.push(
      learnAllowedPairs(
        train,
        s.a,
        s.b,
        `${s.zeros} combinations never occur although independence would expect each at least 5 times (${(s.score * 100).toFixed(1)} % of rows)`,
      ),
    );
  }
  return out;
}

// ---------------------------------------------------------------- helpers shared in this folder

export function columnValues(table: ColumnTable, name: string): ArrayLike<unknown> {
  const col = table.column(name);
  if (!col) throw new Error(`no column "${name}" in the table`);
  return table.array(name) as ArrayLike<unknown>;
}

export function asLabel(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' && Number.isNaN(v)) return null;
  return typeof v === 'string' ? v : String(v);
}

const NULL_KEY = '\u0000null';

function labelKey(l: string | null): string {
  return l === null ? NULL_KEY : l;
}

function fromKey(k: string): string | null {
  return k === NULL_KEY ? null : k;
}

export function pairKey(a: string | null, b: string | null): string {
  return `${labelKey(a)}\u0001${labelKey(b)}`;
}

function labelCounts(values: ArrayLike<unknown>): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i < values.length; i++) {
    const k = labelKey(asLabel(values[i]));
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}
