/**
 * A what-if question for the generator: "clients who defaulted (default_payment_next_month = 1),
 * younger than 30 (AGE < 30)". Fixed categorical labels go to the generator's conditional vector
 * where the column is a condition column; every part is also checked on the output rows, so the
 * result holds exactly. Unlike constraints, a missing value does NOT satisfy a condition.
 */
import type { ColumnTable } from 'arquero';
import { asLabel, bindConstraint, columnValues, compare, comparatorSymbol, formatNumber, type Comparator, type Constraint, type RowTest } from './constraints';

export interface NumericCondition {
  column: string;
  op: Comparator;
  value: number;
}

export interface WhatIf {
  /** categorical column → the label every row must hold */
  fixed: Record<string, string>;
  /** numeric comparisons every row must satisfy, e.g. { column: 'AGE', op: '<', value: 30 } */
  compare: NumericCondition[];
}

export const NO_CONDITIONS: WhatIf = { fixed: {}, compare: [] };

export function describeNumericCondition(c: NumericCondition): string {
  return `${c.column} ${comparatorSymbol(c.op)} ${formatNumber(c.value)}`;
}

export function describeWhatIf(w: WhatIf): string {
  const parts = [...Object.entries(w.fixed).map(([c, v]) => `${c} = ${v}`), ...w.compare.map(describeNumericCondition)];
  return parts.length ? parts.join(' and ') : 'no condition';
}

/** One checkable clause: a condition part or a constraint. */
export interface Clause {
  /** e.g. "AGE < 30" */
  label: string;
  source: 'condition' | 'constraint';
  bind(table: ColumnTable): RowTest;
}

export function conditionClauses(w: WhatIf): Clause[] {
  const out: Clause[] = [];
  for (const [column, label] of Object.entries(w.fixed)) {
    out.push({
      label: `${column} = ${label}`,
      source: 'condition',
      bind: (t) => {
        const v = columnValues(t, column);
        return (i) => asLabel(v[i]) === label;
      },
    });
  }
  for (const c of w.compare) {
    if (!Number.isFinite(c.value)) throw new Error(`the condition on "${c.column}" needs a number, got ${c.value}`);
    out.push({
      label: describeNumericCondition(c),
      source: 'condition',
      bind: (t) => {
        const v = columnValues(t, c.column);
        return (i) => {
          const x = v[i];
          return typeof x === 'number' && compare(x, c.op, c.value);
        };
      },
    });
  }
  return out;
}

export function constraintClauses(constraints: readonly Constraint[]): Clause[] {
  return constraints.filter((c) => c.enabled).map((c) => ({ label: c.label, source: 'constraint' as const, bind: (t: ColumnTable) => bindConstraint(c, t) }));
}

/** How many rows of `table` satisfy the clause. */
export function countSatisfying(table: ColumnTable, clause: Clause): number {
  const test = clause.bind(table);
  const n = table.numRows();
  let k = 0;
  for (let i = 0; i < n; i++) if (test(i)) k++;
  return k;
}
