/**
 * Mixed-type association matrix for the explore step.
 *
 * - numeric–numeric: Pearson r (pairwise complete rows), in [−1, 1];
 * - categorical–categorical: Cramér's V without bias correction,
 *   V = sqrt(χ² / (n · (min(r, c) − 1))) over the non-empty rows r and columns c of the contingency table;
 * - categorical–numeric: correlation ratio η = sqrt(SS_between / SS_total) of the numeric column
 *   grouped by the categorical one (the same value is shown in both cells).
 * Continuous and datetime columns are numeric; every other role is categorical. Rows missing either
 * value are left out of that cell; `n` says how many rows each cell used.
 * Speed: columns become typed arrays once (numbers pre-centred, labels integer-coded), then each
 * pair is one pass over the rows.
 */
import type { ColumnTable } from 'arquero';
import type { DatasetSchema } from '../schema.ts';
import { isModelledRole } from '../schema.ts';
import { assertColumns, labelColumn, numericColumn } from './columns.ts';

export type AssociationMeasure = 'pearson' | 'cramersV' | 'correlationRatio';

export interface AssociationCell {
  measure: AssociationMeasure;
  /** null when undefined (constant column, a single category, too few rows) */
  value: number | null;
  /** rows used */
  n: number;
}

export interface AssociationMatrix {
  columns: string[];
  kinds: ('numeric' | 'categorical')[];
  /** cells[i][j], symmetric */
  cells: AssociationCell[][];
  /** categorical columns whose rarest levels were pooled (more than `maxLevels` levels) */
  pooledLevels: string[];
}

export interface AssociationOptions {
  /** categorical levels kept per column; rarer ones are pooled into one level (default 50) */
  maxLevels?: number;
}

interface NumericCol {
  kind: 'numeric';
  /** centred values, NaN = missing */
  x: Float64Array;
}
interface CategoricalCol {
  kind: 'categorical';
  /** level codes, −1 = missing */
  codes: Int32Array;
  levels: number;
}
type Prepared = NumericCol | CategoricalCol;

function prepareNumeric(values: Float64Array): NumericCol {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isNaN(values[i])) {
      n++;
      sum += values[i];
    }
  }
  const mean = n > 0 ? sum / n : 0;
  const x = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) x[i] = values[i] - mean;
  return { kind: 'numeric', x };
}

function prepareCategorical(labels: (string | null)[], maxLevels: number): { col: CategoricalCol; pooled: boolean } {
  const counts = new Map<string, number>();
  for (const v of labels) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  const order = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const pooled = order.length > maxLevels;
  const codeOf = new Map<string, number>();
  order.forEach(([label], i) => codeOf.set(label, pooled ? Math.min(i, maxLevels - 1) : i));
  const codes = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i];
    codes[i] = v === null ? -1 : (codeOf.get(v) as number);
  }
  return { col: { kind: 'categorical', codes, levels: pooled ? maxLevels : order.length }, pooled };
}

export function pearson(x: Float64Array, y: Float64Array): AssociationCell {
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < x.length; i++) {
    const a = x[i];
    const b = y[i];
    if (a === a && b === b) {
      n++;
      sx += a;
      sy += b;
      sxx += a * a;
      syy += b * b;
      sxy += a * b;
    }
  }
  if (n < 2) return { measure: 'pearson', value: null, n };
  const cov = sxy - (sx * sy) / n;
  const vx = sxx - (sx * sx) / n;
  const vy = syy - (sy * sy) / n;
  if (!(vx > 0) || !(vy > 0)) return { measure: 'pearson', value: null, n };
  const r = cov / Math.sqrt(vx * vy);
  return { measure: 'pearson', value: Math.max(-1, Math.min(1, r)), n };
}

export function cramersV(a: Int32Array, ka: number, b: Int32Array, kb: number): AssociationCell {
  const table = new Float64Array(ka * kb);
  const rowSum = new Float64Array(ka);
  const colSum = new Float64Array(kb);
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    const p = a[i];
    const q = b[i];
    if (p >= 0 && q >= 0) {
      table[p * kb + q]++;
      rowSum[p]++;
      colSum[q]++;
      n++;
    }
  }
  let r = 0;
  let c = 0;
  for (let p = 0; p < ka; p++) if (rowSum[p] > 0) r++;
  for (let q = 0; q < kb; q++) if (colSum[q] > 0) c++;
  const m = Math.min(r, c);
  if (n === 0 || m < 2) return { measure: 'cramersV', value: null, n };
  let chi2 = 0;
  for (let p = 0; p < ka; p++) {
    if (rowSum[p] === 0) continue;
    for (let q = 0; q < kb; q++) {
      if (colSum[q] === 0) continue;
      const e = (rowSum[p] * colSum[q]) / n;
      const d = table[p * kb + q] - e;
      chi2 += (d * d) / e;
    }
  }
  return { measure: 'cramersV', value: Math.min(1, Math.sqrt(chi2 / (n * (m - 1)))), n };
}

export function correlationRatio(codes: Int32Array, levels: number, x: Float64Array): AssociationCell {
  const cnt = new Float64Array(levels);
  const sum = new Float64Array(levels);
  let n = 0;
  let total = 0;
  let totalSq = 0;
  for (let i = 0; i < codes.length; i++) {
    const k = codes[i];
    const v = x[i];
    if (k >= 0 && v === v) {
      cnt[k]++;
      sum[k] += v;
      n++;
      total += v;
      totalSq += v * v;
    }
  }
  if (n < 2) return { measure: 'correlationRatio', value: null, n };
  const grand = (total * total) / n;
  const ssTotal = totalSq - grand;
  if (!(ssTotal > 0)) return { measure: 'correlationRatio', value: null, n };
  let ssBetween = 0;
  for (let k = 0; k < levels; k++) if (cnt[k] > 0) ssBetween += (sum[k] * sum[k]) / cnt[k];
  ssBetween -= grand;
  const eta2 = Math.max(0, Math.min(1, ssBetween / ssTotal));
  return { measure: 'correlationRatio', value: Math.sqrt(eta2), n };
}

function pair(a: Prepared, b: Prepared): AssociationCell {
  if (a.kind === 'numeric' && b.kind === 'numeric') return pearson(a.x, b.x);
  if (a.kind === 'categorical' && b.kind === 'categorical') return cramersV(a.codes, a.levels, b.codes, b.levels);
  if (a.kind === 'categorical' && b.kind === 'numeric') return correlationRatio(a.codes, a.levels, b.x);
  const cat = b as CategoricalCol;
  return correlationRatio(cat.codes, cat.levels, (a as NumericCol).x);
}

/**
 * Association between every pair of `columns` (default: the schema's modelled columns —
 * continuous, categorical, datetime — present in the table).
 */
export function associationMatrix(
  table: ColumnTable,
  schema: DatasetSchema,
  columns?: string[],
  opts: AssociationOptions = {},
): AssociationMatrix {
  const have = new Set(table.columnNames());
  const names = columns ?? schema.columns.filter((c) => isModelledRole(c.role) && have.has(c.name)).map((c) => c.name);
  assertColumns(table, names, 'associationMatrix');
  const maxLevels = Math.max(2, opts.maxLevels ?? 50);
  const pooledLevels: string[] = [];
  const prepared: Prepared[] = names.map((name) => {
    const role = schema.columns.find((c) => c.name === name)?.role;
    if (!role) throw new Error(`associationMatrix: column "${name}" is not in the schema`);
    if (role === 'continuous' || role === 'datetime') return prepareNumeric(numericColumn(table, name));
    const { col, pooled } = prepareCategorical(labelColumn(table, name), maxLevels);
    if (pooled) pooledLevels.push(name);
    return col;
  });
  const cells: AssociationCell[][] = names.map(() => new Array<AssociationCell>(names.length));
  for (let i = 0; i < names.length; i++) {
    for (let j = i; j < names.length; j++) {
      const cell = pair(prepared[i], prepared[j]);
      cells[i][j] = cell;
      cells[j][i] = i === j ? cell : { ...cell };
    }
  }
  return { columns: names, kinds: prepared.map((p) => p.kind), cells, pooledLevels };
}
