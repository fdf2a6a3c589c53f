/**
 * Small synthetic tables with known structure for the engine tests.
 */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import type { DatasetSchema } from '../../data/schema.ts';
import { createRng } from '../../util/random.ts';
import { schemaFor } from './uci.ts';

/**
 * n rows: g ∈ {a, b, c}; t ('0'/'1') depends on g; x ~ N(0, 1) with 3 % missing; y = round(10·x + noise)
 * (integer, strongly dependent on x); amt ≥ 0, integer, 30 % exact zeros, log-normal otherwise;
 * id: an identifier the engines must ignore.
 */
export function dependentTable(n: number, seed = 1): { table: ColumnTable; schema: DatasetSchema } {
  const rng = createRng(seed);
  const g: string[] = [];
  const t: string[] = [];
  const x: (number | null)[] = [];
  const y: number[] = [];
  const amt: number[] = [];
  const id: string[] = [];
  for (let i = 0; i < n; i++) {
    const gi = ['a', 'b', 'c'][rng.next() < 0.5 ? 0 : rng.next() < 0.6 ? 1 : 2];
    g.push(gi);
    t.push(rng.next() < (gi === 'a' ? 0.1 : gi === 'b' ? 0.5 : 0.9) ? '1' : '0');
    const xi = rng.normal();
    x.push(rng.next() < 0.03 ? null : xi);
    y.push(Math.round(10 * xi + rng.normal()) + 0);
    amt.push(rng.next() < 0.3 ? 0 : Math.round(Math.exp(6 + rng.normal())));
    id.push(`row-${i}`);
  }
  const table = aq.table({ id, g, x, y, amt, t }, ['id', 'g', 'x', 'y', 'amt', 't']);
  const schema = schemaFor(table, ['g', 't'], 't');
  const idCol = schema.columns.find((c) => c.name === 'id')!;
  idCol.role = 'identifier';
  idCol.inferredRole = 'identifier';
  const xCol = schema.columns.find((c) => c.name === 'x')!;
  xCol.integer = false;
  return { table, schema };
}

/** n rows of unique non-integer floats (u, v = u + noise) and a label: nothing may be copied from them. */
export function uniqueValuesTable(n: number, seed = 2): { table: ColumnTable; schema: DatasetSchema } {
  const rng = createRng(seed);
  const u = Array.from({ length: n }, () => rng.next() * 100 + 1e-7);
  const v = u.map((a) => a + rng.normal() * 3 + 1e-9);
  const k = u.map((a) => (a > 50 ? 'hi' : 'lo'));
  const table = aq.table({ u, v, k }, ['u', 'v', 'k']);
  const schema = schemaFor(table, ['k'], null);
  for (const c of schema.columns) if (c.role === 'continuous') c.integer = false;
  return { table, schema };
}

/** n rows: 10 % inactive (a = b = 0), the rest unique amounts; k a label. Every inactive row is a copy risk. */
export function guardTable(n: number, seed = 3): { table: ColumnTable; schema: DatasetSchema } {
  const rng = createRng(seed);
  const k: string[] = [];
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < n; i++) {
    const inactive = i % 10 === 0;
    k.push(rng.next() < 0.5 ? 'x' : 'y');
    const x = 100 + rng.next() * 1000;
    a.push(inactive ? 0 : x);
    b.push(inactive ? 0 : x * (0.5 + rng.next()));
  }
  const table = aq.table({ k, a, b }, ['k', 'a', 'b']);
  const schema = schemaFor(table, ['k'], null);
  for (const c of schema.columns) if (c.role === 'continuous') c.integer = false;
  return { table, schema };
}

/**
 * n mostly categorical rows where copies are likely: four labels (3 × 3 × 3 × 2 = 54 combinations,
 * drawn with very unequal weights so some combinations occur hundreds of times and others once or
 * twice) and `age`, a whole number 20..29 that repeats often. Every sampled row is a real label
 * combination, and `age` is rounded back onto real ages.
 */
export function mostlyCategoricalTable(n: number, seed = 4): { table: ColumnTable; schema: DatasetSchema } {
  const rng = createRng(seed);
  const pick = (labels: string[], weights: number[]): string => {
    let u = rng.next() * weights.reduce((a, b) => a + b, 0);
    for (let k = 0; k < labels.length; k++) if ((u -= weights[k]) < 0) return labels[k];
    return labels[labels.length - 1];
  };
  const a: string[] = [];
  const b: string[] = [];
  const c: string[] = [];
  const d: string[] = [];
  const age: number[] = [];
  for (let i = 0; i < n; i++) {
    const ai = pick(['a1', 'a2', 'a3'], [0.85, 0.12, 0.03]);
    a.push(ai);
    b.push(pick(['b1', 'b2', 'b3'], ai === 'a1' ? [0.8, 0.15, 0.05] : [0.2, 0.3, 0.5]));
    c.push(pick(['c1', 'c2', 'c3'], [0.7, 0.2, 0.1]));
    d.push(pick(['0', '1'], ai === 'a3' ? [0.3, 0.7] : [0.9, 0.1]));
    age.push(20 + Math.floor(rng.next() * 10));
  }
  const table = aq.table({ a, b, c, d, age }, ['a', 'b', 'c', 'd', 'age']);
  const schema = schemaFor(table, ['a', 'b', 'c', 'd'], 'd');
  return { table, schema };
}
