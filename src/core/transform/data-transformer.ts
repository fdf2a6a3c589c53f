/**
 * CTGAN's data transformer: turns a typed training table into the GAN's encoded matrix and back.
 *
 * - continuous and datetime columns: mode-specific normalisation. A 1-D Gaussian mixture is fitted
 *   per column; each value draws its mode from the mixture posterior (not the argmax) and is encoded
 *   as a 'value' scalar (v - mean_k) / (4 std_k) clipped to [-0.99, 0.99] followed by a 'mode'
 *   one-hot. A column with missing values in training gets a 'missing' one-hot of width 2
 *   ([1, 0] present, [0, 1] missing); a missing value encodes scalar 0 in the heaviest mode.
 * - categorical columns: a 'category' one-hot over the labels seen in training; a missing value is a
 *   category of its own, labelled MISSING_LABEL in the layout and decoded back to null.
 *
 * Spans follow schema order; the layout's conditionSpans are the categorical columns, each with its
 * own offset in the conditional vector.
 */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import type { DatasetSchema } from '../data/schema';
import type { Rng } from '../util/random';
import type { ConditionSpan, EncodedLayout, OutputSpan } from './encoded-layout';
import { fitGaussianMixture, sampleMode, type GaussianMixtureOptions, type MixtureMode } from './gaussian-mixture';

/** How a missing categorical value is labelled in the layout (and in conditionVector). */
export const MISSING_LABEL = '(missing)';

/** CTGAN clips the normalised scalar just inside tanh's range. */
const SCALAR_CLIP = 0.99;

export interface ContinuousColumnTransform {
  kind: 'continuous';
  name: string;
  role: 'continuous' | 'datetime';
  /** values are rounded back to whole numbers (datetime: whole milliseconds) */
  integer: boolean;
  /** observed training range of the non-missing values */
  min: number;
  max: number;
  /** training data had missing values: the encoding has a 'missing' span */
  hasMissing: boolean;
  modes: MixtureMode[];
}

export interface CategoricalColumnTransform {
  kind: 'categorical';
  name: string;
  /** labels in span order; the missing category (if any) is shown as a MISSING_LABEL variant */
  labels: string[];
  /** position of the missing category in `labels`, or -1 when training had no missing value */
  missingIndex: number;
  /** training frequency of each label */
  counts: number[];
}

export type ColumnTransform = ContinuousColumnTransform | CategoricalColumnTransform;

export interface DataTransformerJSON {
  format: 'synthcredit.data-transformer';
  version: 1;
  columns: ColumnTransform[];
}

export interface DataTransformerOptions {
  /** seeds the mixture fits (each column gets its own stream derived from this and its name) */
  seed?: number;
  /** options for every column's Gaussian mixture */
  mixture?: Omit<GaussianMixtureOptions, 'seed'>;
}

export interface InverseOptions {
  /** keep continuous values outside the observed training [min, max] instead of clamping them */
  allowOutOfRange?: boolean;
}

interface ColumnPlacement {
  /** continuous: value scalar; categorical: first category */
  start: number;
  /** continuous: first mode position */
  modeStart: number;
  /** continuous with missing span: its position, else -1 */
  missingStart: number;
  /** continuous: index of the heaviest mode (where missing values are parked) */
  heaviestMode: number;
  /** categorical: label -> position in span */
  labelIndex: Map<string, number>;
}

export class DataTransformer {
  readonly columns: readonly ColumnTransform[];
  readonly layout: EncodedLayout;
  private readonly placements: ColumnPlacement[];

  constructor(columns: ColumnTransform[]) {
    if (columns.length === 0) throw new Error('DataTransformer: no modelled columns');
    this.columns = columns;
    const spans: OutputSpan[] = [];
    const conditionSpans: ConditionSpan[] = [];
    this.placements = [];
    let pos = 0;
    let condPos = 0;
    for (const col of columns) {
      if (col.kind === 'continuous') {
        if (col.modes.length === 0) throw new Error(`DataTransformer: column "${col.name}" has no modes`);
        const placement: ColumnPlacement = {
          start: pos,
          modeStart: pos + 1,
          missingStart: -1,
          heaviestMode: col.modes.reduce((b, m, k) => (m.weight > col.modes[b].weight ? k : b), 0),
          labelIndex: new Map(),
        };
        spans.push({ kind: 'scalar', start: pos, width: 1, column: col.name, part: 'value' });
        pos += 1;
        spans.push({ kind: 'onehot', start: pos, width: col.modes.length, column: col.name, part: 'mode' });
        pos += col.modes.length;
        if (col.hasMissing) {
          placement.missingStart = pos;
          spans.push({ kind: 'onehot', start: pos, width: 2, column: col.name, part: 'missing' });
          pos += 2;
        }
        this.placements.push(placement);
      } else {
        if (col.labels.length === 0) throw new Error(`DataTransformer: column "${col.name}" has no labels`);
        const labelIndex = new Map<string, number>();
        col.labels.forEach((l, i) => {
          if (i !== col.missingIndex) labelIndex.set(l, i);
        });
        this.placements.push({ start: pos, modeStart: -1, missingStart: -1, heaviestMode: -1, labelIndex });
        spans.push({ kind: 'onehot', start: pos, width: col.labels.length, column: col.name, part: 'category' });
        conditionSpans.push({
          column: col.name,
          start: pos,
          width: col.labels.length,
          condOffset: condPos,
          labels: col.labels.slice(),
        });
        pos += col.labels.length;
        condPos += col.labels.length;
      }
    }
    this.layout = { width: pos, spans, conditionSpans, condWidth: condPos };
  }

  /** Training frequency of each category, per condition span (same order as layout.conditionSpans). */
  categoryCounts(): number[][] {
    return this.columns.filter((c): c is CategoricalColumnTransform => c.kind === 'categorical').map((c) => c.counts.slice());
  }

  /**
   * Encode `table` (it must hold every modelled column, typed as in the schema) into a row-major
   * rows x layout.width matrix. Mode assignment is random (posterior sampling) through `rng`.
   */
  transform(table: ColumnTable, rng: Rng): Float32Array {
    const nRows = table.numRows();
    const width = this.layout.width;
    const out = new Float32Array(nRows * width);
    const scratch = new Float64Array(Math.max(1, ...this.columns.map((c) => (c.kind === 'continuous' ? c.modes.length : 1))));
    this.columns.forEach((col, ci) => {
      const values = table.column(col.name);
      if (!values) throw new Error(`DataTransformer.transform: the table has no column "${col.name}"`);
      const p = this.placements[ci];
      if (col.kind === 'continuous') {
        const mixture = { modes: col.modes };
        for (let i = 0; i < nRows; i++) {
          const row = i * width;
          const v = toNumber(values.at(i), col.name);
          if (v === null) {
            if (p.missingStart < 0) {
              throw new Error(`DataTransformer.transform: column "${col.name}" is missing in row ${i}, but had no missing values in training`);
            }
            out[row + p.modeStart + p.heaviestMode] = 1;
            out[row + p.missingStart + 1] = 1;
            continue;
          }
          const k = sampleMode(mixture, v, rng, scratch);
          const m = col.modes[k];
          const s = (v - m.mean) / (4 * m.std);
          out[row + p.start] = s > SCALAR_CLIP ? SCALAR_CLIP : s < -SCALAR_CLIP ? -SCALAR_CLIP : s;
          out[row + p.modeStart + k] = 1;
          if (p.missingStart >= 0) out[row + p.missingStart] = 1;
        }
      } else {
        for (let i = 0; i < nRows; i++) {
          const label = toLabel(values.at(i));
          const idx = label === null ? col.missingIndex : (p.labelIndex.get(label) ?? -1);
          if (idx < 0) {
            throw new Error(
              label === null
                ? `DataTransformer.transform: column "${col.name}" is missing in row ${i}, but had no missing values in training`
                : `DataTransformer.transform: column "${col.name}" has label "${label}" (row ${i}) not seen in training`,
            );
          }
          out[i * width + p.start + idx] = 1;
        }
      }
    });
    return out;
  }

  /**
   * Decode a row-major nRows x layout.width matrix (the transformer's own output, or the
   * generator's activations) back to a table with the original column names and typed values.
   * One-hot spans are read by argmax; scalars are clipped to [-1, 1].
   */
  inverse(matrix: Float32Array, nRows: number, options: InverseOptions = {}): ColumnTable {
    const width = this.layout.width;
    if (matrix.length < nRows * width) {
      throw new Error(`DataTransformer.inverse: matrix has ${matrix.length} values, ${nRows} rows need ${nRows * width}`);
    }
    const data: Record<string, (number | string | null)[]> = {};
    this.columns.forEach((col, ci) => {
      const p = this.placements[ci];
      if (col.kind === 'continuous') {
        const vals: (number | null)[] = new Array(nRows);
        for (let i = 0; i < nRows; i++) {
          const row = i * width;
          if (p.missingStart >= 0 && matrix[row + p.missingStart + 1] > matrix[row + p.missingStart]) {
            vals[i] = null;
            continue;
          }
          const k = argmax(matrix, row + p.modeStart, col.modes.length);
          let s = matrix[row + p.start];
          s = s > 1 ? 1 : s < -1 ? -1 : s;
          const m = col.modes[k];
          let v = s * 4 * m.std + m.mean;
          if (!options.allowOutOfRange) v = v < col.min ? col.min : v > col.max ? col.max : v;
          // + 0 turns Math.round's -0 into 0
          if (col.integer) v = Math.round(v) + 0;
          vals[i] = v;
        }
        data[col.name] = vals;
      } else {
        const vals: (string | null)[] = new Array(nRows);
        for (let i = 0; i < nRows; i++) {
          const k = argmax(matrix, i * width + p.start, col.labels.length);
          vals[i] = k === col.missingIndex ? null : col.labels[k];
        }
        data[col.name] = vals;
      }
    });
    return aq.table(data);
  }

  /** Every fitted parameter as plain JSON (for saving a trained model). */
  toJSON(): DataTransformerJSON {
    return {
      format: 'synthcredit.data-transformer',
      version: 1,
      columns: this.columns.map((c) =>
        c.kind === 'continuous'
          ? { ...c, modes: c.modes.map((m) => ({ ...m })) }
          : { ...c, labels: c.labels.slice(), counts: c.counts.slice() },
      ),
    };
  }

  static fromJSON(json: DataTransformerJSON): DataTransformer {
    if (!json || json.format !== 'synthcredit.data-transformer' || json.version !== 1) {
      throw new Error('DataTransformer.fromJSON: not a synthcredit data transformer (version 1)');
    }
    return new DataTransformer(
      json.columns.map((c) =>
        c.kind === 'continuous'
          ? { ...c, modes: c.modes.map((m) => ({ ...m })) }
          : { ...c, labels: c.labels.slice(), counts: c.counts.slice() },
      ),
    );
  }
}

/**
 * Fit the transformer on the (training) typed table: every column whose role is continuous,
 * categorical or datetime, in schema order (identifier and text columns are skipped; the target is
 * an ordinary categorical column).
 */
export function fitDataTransformer(table: ColumnTable, schema: DatasetSchema, options: DataTransformerOptions = {}): DataTransformer {
  const nRows = table.numRows();
  if (nRows === 0) throw new Error('fitDataTransformer: the table has no rows');
  const seed = options.seed ?? 0;
  const columns: ColumnTransform[] = [];
  for (const cs of schema.columns) {
    if (cs.role !== 'continuous' && cs.role !== 'datetime' && cs.role !== 'categorical') continue;
    const values = table.column(cs.name);
    if (!values) throw new Error(`fitDataTransformer: the table has no column "${cs.name}" (in the schema)`);
    if (cs.role === 'categorical') {
      columns.push(fitCategorical(cs.name, values, nRows));
      continue;
    }
    const present: number[] = [];
    let hasMissing = false;
    let min = Infinity, max = -Infinity;
    for (let i = 0; i < nRows; i++) {
      const v = toNumber(values.at(i), cs.name);
      if (v === null) {
        hasMissing = true;
        continue;
      }
      present.push(v);
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (present.length === 0) min = max = 0;
    const { mixture } = fitGaussianMixture(present, { ...options.mixture, seed: (seed ^ hashString(cs.name)) >>> 0 });
    columns.push({
      kind: 'continuous',
      name: cs.name,
      role: cs.role,
      integer: cs.role === 'datetime' || cs.integer,
      min,
      max,
      hasMissing,
      modes: mixture.modes,
    });
  }
  return new DataTransformer(columns);
}

function fitCategorical(name: string, values: { at(i: number): unknown }, nRows: number): CategoricalColumnTransform {
  const counts = new Map<string, number>();
  let missing = 0;
  for (let i = 0; i < nRows; i++) {
    const l = toLabel(values.at(i));
    if (l === null) missing++;
    else counts.set(l, (counts.get(l) ?? 0) + 1);
  }
  const labels = [...counts.keys()].sort(compareLabels);
  const freq = labels.map((l) => counts.get(l)!);
  let missingIndex = -1;
  if (missing > 0) {
    let shown = MISSING_LABEL;
    for (let j = 2; counts.has(shown); j++) shown = `${MISSING_LABEL}#${j}`;
    missingIndex = labels.length;
    labels.push(shown);
    freq.push(missing);
  }
  return { kind: 'categorical', name, labels, missingIndex, counts: freq };
}

/** Numeric codes in numeric order (-2, -1, 0, 1, 10), then other labels by code unit. */
export function compareLabels(a: string, b: string): number {
  const na = a.trim() === '' ? NaN : Number(a);
  const nb = b.trim() === '' ? NaN : Number(b);
  const fa = Number.isFinite(na), fb = Number.isFinite(nb);
  if (fa && fb && na !== nb) return na - nb;
  if (fa !== fb) return fa ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function toNumber(v: unknown, column: string): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (v instanceof Date) return v.getTime();
  throw new TypeError(`DataTransformer: column "${column}" should hold numbers (typed table), found ${typeof v} ${String(v)}`);
}

function toLabel(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' && Number.isNaN(v)) return null;
  return typeof v === 'string' ? v : String(v);
}

function argmax(a: Float32Array, start: number, width: number): number {
  let best = 0;
  let bestV = a[start];
  for (let k = 1; k < width; k++) {
    if (a[start + k] > bestV) {
      bestV = a[start + k];
      best = k;
    }
  }
  return best;
}

/** FNV-1a: a per-column seed that does not depend on column order. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
