/**
 * Applying cleaning steps. Each step returns a new table and schema (the input table and its
 * column arrays are never modified) and a report of what changed. Statistics a step needs
 * (imputation values, cap bounds, rare shares) come from the table it is applied to; the report's
 * notes say which values were used, since a replay on other data may compute different ones.
 */
import { applyDerivedFeatures } from '../derive/derived-features.ts';
import type { ColumnTable } from 'arquero';
import type { ColumnSchema, DatasetSchema } from '../schema.ts';
import { detectDatetimeFormat, parseDatetime } from '../infer/datetime.ts';
import { detectDatetimePattern } from '../export/datetime-pattern.ts';
import { isMissing, readColumn } from '../eda/columns.ts';
import { iqrBounds, quantileSorted } from '../eda/quantile.ts';
import { isNumericRole, toLabelOrNull, toNumberOrNull } from './convert.ts';
import type { CleaningStep, ImputeStep } from './steps.ts';
import { indicatorColumnName, stepInputColumns, stepOutputColumns, stepRemovedColumns } from './steps.ts';
import { countChanged, materialize, refreshSchema, replaceColumn } from './table-ops.ts';
import { applyJoinDateParts, applyParseNumbers } from './parse-steps.ts';
import { applyBuildKey } from './key-step.ts';

export interface StepReport {
  stepId: string;
  kind: CleaningStep['kind'];
  rowsBefore: number;
  rowsAfter: number;
  rowsRemoved: number;
  /** cells whose stored value changed (imputed, capped, remapped, converted, ...) */
  cellsChanged: number;
  columnsAdded: string[];
  columnsRemoved: string[];
  /** values the step computed from this table (bounds, fill values, detected format) */
  notes: string[];
}

export interface StepResult {
  table: ColumnTable;
  schema: DatasetSchema;
  report: StepReport;
}

export class CleaningError extends Error {
  constructor(step: Pick<CleaningStep, 'id' | 'kind'>, message: string) {
    super(`Step "${step.id}" (${step.kind}): ${message}`);
    this.name = 'CleaningError';
  }
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
}

function schemaColumn(schema: DatasetSchema, step: CleaningStep, name: string): ColumnSchema {
  const c = schema.columns.find((col) => col.name === name);
  if (!c) throw new CleaningError(step, `column "${name}" is not in the schema`);
  return c;
}

function requireNumeric(schema: DatasetSchema, step: CleaningStep, name: string): void {
  const c = schemaColumn(schema, step, name);
  if (!isNumericRole(c.role)) throw new CleaningError(step, `column "${name}" is ${c.role}, this step needs a continuous or datetime column`);
}

function values(table: ColumnTable, name: string): unknown[] {
  return Array.from(readColumn(table, name));
}

function sortedNumbers(vals: unknown[]): Float64Array {
  const nums: number[] = [];
  for (const v of vals) if (typeof v === 'number' && Number.isFinite(v)) nums.push(v);
  return Float64Array.from(nums).sort();
}

/** Most frequent non-missing value; ties go to the smallest number / first label in sort order. */
function modeOf(vals: unknown[]): unknown {
  const counts = new Map<unknown, number>();
  for (const v of vals) if (!isMissing(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: unknown = undefined;
  let bestCount = 0;
  for (const [v, c] of counts) {
    const tieWins =
      c === bestCount &&
      (typeof v === 'number' && typeof best === 'number' ? v < best : String(v) < String(best));
    if (c > bestCount || tieWins) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}

interface Change {
  table: ColumnTable;
  schema: DatasetSchema;
  cellsChanged: number;
  notes: string[];
}

function changeColumn(table: ColumnTable, schema: DatasetSchema, name: string, next: unknown[], notes: string[], before?: unknown[]): Change {
  const old = before ?? values(table, name);
  const t = replaceColumn(table, name, next);
  return { table: t, schema: refreshSchema(t, schema, [name]), cellsChanged: countChanged(old, next), notes };
}

function imputeValue(step: ImputeStep, col: ColumnSchema, vals: unknown[]): unknown {
  const numeric = isNumericRole(col.role);
  switch (step.method) {
    case 'mean':
    case 'median': {
      if (!numeric) throw new CleaningError(step, `${step.method} needs a numeric column, "${step.column}" is ${col.role}`);
      const sorted = sortedNumbers(vals);
      if (sorted.length === 0) throw new CleaningError(step, `column "${step.column}" has no values to compute a ${step.method} from`);
      if (step.method === 'median') return quantileSorted(sorted, 0.5);
      let s = 0;
      for (let i = 0; i < sorted.length; i++) s += sorted[i];
      return s / sorted.length;
    }
    case 'mode': {
      const m = modeOf(vals);
      if (m === undefined) throw new CleaningError(step, `column "${step.column}" has no values to compute a mode from`);
      return m;
    }
    case 'constant': {
      if (step.value === undefined || step.value === null) throw new CleaningError(step, 'method "constant" needs a value');
      if (!numeric) return String(step.value);
      const n = toNumberOrNull(step.value);
      if (n === null) throw new CleaningError(step, `constant ${JSON.stringify(step.value)} is not a number, "${step.column}" is ${col.role}`);
      return n;
    }
  }
}

function applyImpute(table: ColumnTable, schema: DatasetSchema, step: ImputeStep): Change & { added: string[] } {
  const col = schemaColumn(schema, step, step.column);
  const old = values(table, step.column);
  const fill = imputeValue(step, col, old);
  const flags = new Array<string>(old.length);
  const next = old.map((v, i) => {
    const miss = isMissing(v);
    flags[i] = miss ? '1' : '0';
    return miss ? fill : v;
  });
  const filled = flags.filter((f) => f === '1').length;
  const notes = [`filled ${filled} missing cell(s) of "${step.column}" with ${step.method} ${typeof fill === 'number' ? fmt(fill) : JSON.stringify(fill)}`];
  let t = replaceColumn(table, step.column, next);
  let s = schema;
  const added: string[] = [];
  if (step.addIndicator) {
    const ind = indicatorColumnName(step);
    if (table.columnNames().includes(ind)) throw new CleaningError(step, `indicator column "${ind}" already exists`);
    const order = t.columnNames().flatMap((n) => (n === step.column ? [n, ind] : [n]));
    t = t.assign({ [ind]: flags }).select(order);
    const indSchema: ColumnSchema = {
      name: ind,
      role: 'categorical',
      inferredRole: 'categorical',
      reason: `missing-value indicator for "${step.column}", added by cleaning step "${step.id}"`,
      numeric: true,
      integer: true,
      missing: 0,
      distinct: new Set(flags).size,
    };
    s = { ...s, columns: s.columns.flatMap((c) => (c.name === step.column ? [c, indSchema] : [c])) };
    added.push(ind);
  }
  return { table: t, schema: refreshSchema(t, s, [step.column]), cellsChanged: filled, notes, added };
}

function applyCap(table: ColumnTable, schema: DatasetSchema, step: Extract<CleaningStep, { kind: 'capOutliers' }>): Change {
  requireNumeric(schema, step, step.column);
  const old = values(table, step.column);
  const sorted = sortedNumbers(old);
  if (sorted.length === 0) return { table, schema, cellsChanged: 0, notes: [`"${step.column}" has no values to cap`] };
  let lo: number;
  let hi: number;
  if (step.method === 'iqr') {
    const b = iqrBounds(sorted, step.iqrMultiplier ?? 1.5);
    lo = b.lower;
    hi = b.upper;
  } else {
    const pl = step.lower ?? 0.01;
    const pu = step.upper ?? 0.99;
    if (!(pl >= 0 && pu <= 1 && pl <= pu)) throw new CleaningError(step, `percentiles must satisfy 0 ≤ lower ≤ upper ≤ 1, got ${pl} and ${pu}`);
    lo = quantileSorted(sorted, pl);
    hi = quantileSorted(sorted, pu);
  }
  const sides = step.sides ?? 'both';
  if (sides === 'upper') lo = -Infinity;
  if (sides === 'lower') hi = Infinity;
  const next = old.map((v) => (typeof v === 'number' ? Math.min(hi, Math.max(lo, v)) : v));
  const note = `capped "${step.column}" to [${Number.isFinite(lo) ? fmt(lo) : '−∞'}, ${Number.isFinite(hi) ? fmt(hi) : '∞'}] (${step.method} bounds computed on this table)`;
  return changeColumn(table, schema, step.column, next, [note], old);
}

function applyRange(table: ColumnTable, schema: DatasetSchema, step: Extract<CleaningStep, { kind: 'enforceRange' }>): Change {
  requireNumeric(schema, step, step.column);
  const lo = step.min ?? -Infinity;
  const hi = step.max ?? Infinity;
  const old = values(table, step.column);
  const out = (v: unknown): v is number => typeof v === 'number' && (v < lo || v > hi);
  if (step.action === 'dropRows') {
    const keep: number[] = [];
    old.forEach((v, i) => {
      if (!out(v)) keep.push(i);
    });
    const t = table.reify(keep);
    return { table: t, schema: refreshSchema(t, schema, 'all'), cellsChanged: 0, notes: [] };
  }
  const next = old.map((v) => (out(v) ? (step.action === 'clamp' ? Math.min(hi, Math.max(lo, v)) : null) : v));
  return changeColumn(table, schema, step.column, next, [], old);
}

function requireLabels(schema: DatasetSchema, step: CleaningStep, name: string): void {
  const c = schemaColumn(schema, step, name);
  if (isNumericRole(c.role)) throw new CleaningError(step, `column "${name}" is ${c.role}; change its role to categorical first`);
}

function applyMergeRare(table: ColumnTable, schema: DatasetSchema, step: Extract<CleaningStep, { kind: 'mergeRareCategories' }>): Change {
  requireLabels(schema, step, step.column);
  const old = values(table, step.column);
  const counts = new Map<string, number>();
  let known = 0;
  for (const v of old) {
    if (isMissing(v)) continue;
    known++;
    const k = String(v);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const rare = new Set([...counts].filter(([, c]) => c / known < step.minShare).map(([k]) => k));
  const next = old.map((v) => (!isMissing(v) && rare.has(String(v)) ? step.otherLabel : v));
  const note = `merged ${rare.size} label(s) below ${fmt(step.minShare * 100)} % into "${step.otherLabel}": ${[...rare].sort().join(', ')}`;
  return changeColumn(table, schema, step.column, next, [note], old);
}

function normalizeText(v: unknown, trim: boolean, caseFold: 'none' | 'lower' | 'upper'): unknown {
  if (typeof v !== 'string') return v;
  let s = trim ? v.trim().replace(/\s+/g, ' ') : v;
  if (caseFold === 'lower') s = s.toLowerCase();
  else if (caseFold === 'upper') s = s.toUpperCase();
  return s === '' ? null : s;
}

function convertForRole(step: CleaningStep, v: unknown, role: ColumnSchema['role'], format: string | null): unknown {
  if (isMissing(v)) return null;
  switch (role) {
    case 'continuous':
      return toNumberOrNull(v);
    case 'datetime':
      if (typeof v === 'number') return Number.isFinite(v) ? v : null;
      if (format === null) throw new CleaningError(step, 'no datetime format given or detected');
      return parseDatetime(String(v), format);
    default:
      return toLabelOrNull(v, true);
  }
}

function detectFormat(step: CleaningStep, vals: unknown[], name: string): string {
  const text = vals.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  const f = detectDatetimeFormat(text);
  if (f === null) throw new CleaningError(step, `could not detect a date format in column "${name}"`);
  return f;
}

/** The exact pattern of a column's date texts (up to 2,000 distinct ones), or null. */
function datetimePatternOf(values: readonly unknown[], format: string): string | null {
  const counts = new Map<string, number>();
  for (const v of values) if (typeof v === 'string' && v.trim() !== '' && counts.size < 2000) counts.set(v.trim(), (counts.get(v.trim()) ?? 0) + 1);
  return counts.size > 0 ? detectDatetimePattern(counts, format) : null;
}

function applySetRole(table: ColumnTable, schema: DatasetSchema, step: Extract<CleaningStep, { kind: 'setRole' | 'parseDates' }>): Change {
  const col = schemaColumn(schema, step, step.column);
  const role = step.kind === 'parseDates' ? 'datetime' : step.role;
  const old = values(table, step.column);
  let format: string | null = null;
  if (role === 'datetime') {
    const given = step.kind === 'parseDates' ? step.format : (step.datetimeFormat ?? null);
    const hasText = old.some((v) => typeof v === 'string');
    format = given ?? (hasText ? detectFormat(step, old, step.column) : null);
  }
  const next = old.map((v) => convertForRole(step, v, role, format));
  const lost = old.filter((v, i) => !isMissing(v) && next[i] === null).length;
  const notes = [`"${step.column}" is now ${role}${format ? ` (format ${format})` : ''}`];
  if (lost > 0) notes.push(`${lost} value(s) could not be converted and are now missing`);
  const t = replaceColumn(table, step.column, next);
  const s: DatasetSchema = {
    ...schema,
    columns: schema.columns.map((c) => {
      if (c !== col) return c;
      const updated: ColumnSchema = { ...c, role };
      if (role === 'datetime' && format) updated.datetimeFormat = format;
      else if (role !== 'datetime') delete updated.datetimeFormat;
      // downloads write the dates back as the text was written (export/csv-export.ts)
      const pattern = role === 'datetime' && format ? datetimePatternOf(old, format) : null;
      if (pattern) updated.inputFormat = { datetime: pattern };
      else if (role === 'datetime' || c.inputFormat?.datetime) delete updated.inputFormat;
      return updated;
    }),
  };
  return { table: t, schema: refreshSchema(t, s, [step.column]), cellsChanged: countChanged(old, next), notes };
}

function applyInner(table: ColumnTable, schema: DatasetSchema, step: CleaningStep): Change & { added?: string[]; removed?: string[] } {
  switch (step.kind) {
    case 'dropMissing': {
      const cols = step.columns ?? table.columnNames();
      const arrays = cols.map((c) => readColumn(table, c));
      const keep: number[] = [];
      for (let i = 0; i < table.numRows(); i++) if (arrays.every((a) => !isMissing(a[i]))) keep.push(i);
      const t = table.reify(keep);
      return { table: t, schema: refreshSchema(t, schema, 'all'), cellsChanged: 0, notes: [] };
    }
    case 'dropDuplicates': {
      const t = (step.columns ? table.dedupe(...step.columns) : table.dedupe()).reify();
      return { table: t, schema: refreshSchema(t, schema, 'all'), cellsChanged: 0, notes: [] };
    }
    case 'impute':
      return applyImpute(table, schema, step);
    case 'capOutliers':
      return applyCap(table, schema, step);
    case 'enforceRange':
      return applyRange(table, schema, step);
    case 'remapCategories': {
      requireLabels(schema, step, step.column);
      const old = values(table, step.column);
      const map = new Map(Object.entries(step.mapping));
      const next = old.map((v) => (isMissing(v) || !map.has(String(v)) ? v : map.get(String(v))));
      return changeColumn(table, schema, step.column, next, [], old);
    }
    case 'mergeRareCategories':
      return applyMergeRare(table, schema, step);
    case 'normalizeText': {
      let t = table;
      let changed = 0;
      for (const c of step.columns) {
        const old = values(t, c);
        const next = old.map((v) => normalizeText(v, step.trim, step.caseFold));
        changed += countChanged(old, next);
        t = replaceColumn(t, c, next);
      }
      return { table: t, schema: refreshSchema(t, schema, step.columns), cellsChanged: changed, notes: [] };
    }
    case 'parseDates':
    case 'setRole':
      return applySetRole(table, schema, step);
    case 'dropColumns': {
      const drop = new Set(step.columns);
      const t = table.select(table.columnNames().filter((n) => !drop.has(n)));
      const targetDropped = schema.target !== null && drop.has(schema.target);
      const s: DatasetSchema = {
        ...schema,
        columns: schema.columns.filter((c) => !drop.has(c.name)),
        target: targetDropped ? null : schema.target,
        positiveLabel: targetDropped ? null : schema.positiveLabel,
      };
      return { table: t, schema: s, cellsChanged: 0, notes: targetDropped ? [`the target "${schema.target}" was dropped`] : [], removed: [...step.columns] };
    }
    case 'renameColumn': {
      if (step.from === step.to) return { table, schema, cellsChanged: 0, notes: [] };
      if (!step.to.trim()) throw new CleaningError(step, 'the new name is empty');
      if (table.columnNames().includes(step.to)) throw new CleaningError(step, `a column "${step.to}" already exists`);
      const t = table.rename({ [step.from]: step.to });
      const s: DatasetSchema = {
        ...schema,
        columns: schema.columns.map((c) => (c.name === step.from ? { ...c, name: step.to } : c)),
        target: schema.target === step.from ? step.to : schema.target,
      };
      return { table: t, schema: s, cellsChanged: 0, notes: [], added: [step.to], removed: [step.from] };
    }
    case 'parseNumbers':
      return applyParseNumbers(table, schema, step);
    case 'joinDateParts':
      return applyJoinDateParts(table, schema, step, (message) => {
        throw new CleaningError(step, message);
      });
    case 'buildKey':
      return applyBuildKey(table, schema, step, (message) => {
        throw new CleaningError(step, message);
      });
    case 'deriveFeatures': {
      const outputs = stepOutputColumns(step);
      const clash = outputs.filter((c) => table.columnNames().includes(c));
      if (clash.length > 0) throw new CleaningError(step, `column${clash.length > 1 ? 's' : ''} ${clash.map((c) => `"${c}"`).join(', ')} already exist`);
      const r = applyDerivedFeatures(table, schema, step.features);
      return { table: r.table, schema: r.schema, cellsChanged: 0, notes: [], added: outputs };
    }
  }
}

/** Apply one step (enabled or not: the caller decides; `applyRecipe` skips disabled ones). */
export function applyStep(table: ColumnTable, schema: DatasetSchema, step: CleaningStep): StepResult {
  const input = materialize(table);
  const have = new Set(input.columnNames());
  const missing = stepInputColumns(step).filter((c) => !have.has(c));
  if (missing.length > 0) throw new CleaningError(step, `missing column(s) ${missing.map((m) => `"${m}"`).join(', ')}`);
  const r = applyInner(input, schema, step);
  const rowsBefore = input.numRows();
  const rowsAfter = r.table.numRows();
  return {
    table: r.table,
    schema: r.schema,
    report: {
      stepId: step.id,
      kind: step.kind,
      rowsBefore,
      rowsAfter,
      rowsRemoved: rowsBefore - rowsAfter,
      cellsChanged: r.cellsChanged,
      columnsAdded: r.added ?? [],
      columnsRemoved: r.removed ?? [],
      notes: r.notes,
    },
  };
}

/**
 * Columns the enabled steps need but the table will not have when they run (tracking renames,
 * drops and added indicator columns). Empty when the recipe can be replayed on this table.
 */
export function missingRecipeColumns(columns: readonly string[], recipe: readonly CleaningStep[]): { stepId: string; column: string }[] {
  const have = new Set(columns);
  const problems: { stepId: string; column: string }[] = [];
  for (const step of recipe) {
    if (!step.enabled) continue;
    for (const c of stepInputColumns(step)) if (!have.has(c)) problems.push({ stepId: step.id, column: c });
    for (const c of stepRemovedColumns(step)) have.delete(c);
    for (const c of stepOutputColumns(step)) have.add(c);
  }
  return problems;
}

export interface RecipeResult {
  table: ColumnTable;
  schema: DatasetSchema;
  reports: StepReport[];
}

/** Apply the enabled steps in order. Checks every column reference first and names all missing ones. */
export function applyRecipe(table: ColumnTable, schema: DatasetSchema, recipe: readonly CleaningStep[]): RecipeResult {
  const problems = missingRecipeColumns(table.columnNames(), recipe);
  if (problems.length > 0) {
    const cols = [...new Set(problems.map((p) => p.column))];
    const detail = problems.map((p) => `"${p.column}" (step "${p.stepId}")`).join(', ');
    throw new Error(`The recipe needs column${cols.length > 1 ? 's' : ''} the table does not have: ${detail}`);
  }
  let t = table;
  let s = schema;
  const reports: StepReport[] = [];
  for (const step of recipe) {
    if (!step.enabled) continue;
    const r = applyStep(t, s, step);
    t = r.table;
    s = r.schema;
    reports.push(r.report);
  }
  return { table: t, schema: s, reports };
}

