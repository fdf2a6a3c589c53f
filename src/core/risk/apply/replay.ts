import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { applySchema, categoricalLabel } from '../../data/infer/index.ts';
import { applyRecipe, stepRemovedColumns, type CleaningStep } from '../../data/clean/index.ts';
import { isModelledRole, type DatasetSchema } from '../../data/schema.ts';
import { applyDerivedFeatures } from '../../data/derive/derived-features.ts';
import { concatTables, takeTableRows } from '../workbench/table-rows.ts';
import type { ApplyModelFile } from './model-file.ts';

/**
 * New rows go through the same path as the training rows: the TRAINING schema's roles are applied
 * (inference is not re-run, so a column keeps its role however the new file looks), then the
 * cleaning recipe is replayed, then the derived features. Scoring must keep one output row per
 * input row, so steps that drop rows are neutralised: dropMissing and dropDuplicates are skipped
 * (the models handle missing values), enforceRange 'dropRows' blanks the value instead.
 */
export function scoringRecipe(steps: readonly CleaningStep[]): { steps: CleaningStep[]; notes: string[] } {
  const notes: string[] = [];
  const out: CleaningStep[] = [];
  for (const s of steps) {
    if (!s.enabled) continue;
    if (s.kind === 'dropMissing' || s.kind === 'dropDuplicates') {
      notes.push(`Recipe step "${s.id}" (${s.kind}) drops rows; it is skipped when scoring so every row gets a score.`);
    } else if (s.kind === 'enforceRange' && s.action === 'dropRows') {
      notes.push(`Recipe step "${s.id}" blanks out-of-range values of ${s.column} instead of dropping the row.`);
      out.push({ ...s, action: 'setMissing' });
    } else out.push(s);
  }
  return { steps: out, notes };
}

export interface PreparedRows {
  /** cleaned rows with derived features, one per input row, in input order */
  table: ColumnTable;
  /** training-schema columns the file lacks (filled with missing values) */
  missingColumns: string[];
  /** file columns the training schema does not know (ignored) */
  extraColumns: string[];
  notes: string[];
  /** 1 / 0 per row when the file has the target column; NaN where the target is missing */
  labels: Float64Array | null;
}

/** Raw model inputs that cannot be absent: modelled, not the target, not dropped by the recipe. */
function requiredColumns(schema: DatasetSchema, recipe: readonly CleaningStep[]): Set<string> {
  const dropped = new Set(recipe.filter((s) => s.enabled).flatMap((s) => (s.kind === 'dropColumns' ? stepRemovedColumns(s) : [])));
  return new Set(schema.columns.filter((c) => isModelledRole(c.role) && c.name !== schema.target && !dropped.has(c.name)).map((c) => c.name));
}

function labelsOf(table: ColumnTable, file: ApplyModelFile): Float64Array | null {
  const { target, positiveLabel } = file.schema;
  if (!target || !table.columnNames().includes(target)) return null;
  const v = table.array(target) as ArrayLike<unknown>;
  const out = new Float64Array(v.length);
  let known = 0;
  for (let i = 0; i < v.length; i++) {
    if (v[i] === null || v[i] === undefined) out[i] = NaN;
    else {
      out[i] = String(v[i]) === (positiveLabel ?? '1') ? 1 : 0;
      known++;
    }
  }
  return known > 0 ? out : null;
}

/**
 * A typed table (training-schema columns) → cleaned rows with derived features. With `context`
 * (typed training rows), the recipe runs on context + new rows, so statistics a step computes
 * (imputation means, cap bounds, rare shares) come from the training data: right for one applicant.
 */
export function replayTyped(typed: ColumnTable, file: ApplyModelFile, context: ColumnTable | null = null): { table: ColumnTable; notes: string[] } {
  const { steps, notes } = scoringRecipe(file.recipe);
  const names = file.schema.columns.map((c) => c.name);
  let input = typed.select(names);
  const offset = context ? context.numRows() : 0;
  if (context) input = concatTables(context, input, names);
  let cleaned: ColumnTable;
  try {
    cleaned = applyRecipe(input, file.schema, steps).table;
  } catch (e) {
    throw new Error(`Replaying the cleaning recipe failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (context) cleaned = takeTableRows(cleaned, Int32Array.from({ length: typed.numRows() }, (_, i) => offset + i));
  const table = file.derivedFeatures.length > 0 ? applyDerivedFeatures(cleaned, file.schema, file.derivedFeatures).table : cleaned;
  return { table, notes };
}

/** A loaded file (every cell a string or null) → rows ready for the model. */
export function prepareRawTable(raw: ColumnTable, file: ApplyModelFile): PreparedRows {
  const have = new Set(raw.columnNames());
  const names = file.schema.columns.map((c) => c.name);
  const known = new Set(names);
  const missingColumns = names.filter((n) => !have.has(n));
  const extraColumns = raw.columnNames().filter((n) => !known.has(n));
  const required = requiredColumns(file.schema, file.recipe);
  const lacking = missingColumns.filter((n) => required.has(n));
  if (lacking.length > 0) {
    throw new Error(`The file lacks ${lacking.length === 1 ? 'a column' : 'columns'} the model needs: ${lacking.join(', ')}. Columns must be named as in the training data.`);
  }
  const n = raw.numRows();
  let filled = raw.select(names.filter((c) => have.has(c)));
  if (missingColumns.length > 0) filled = filled.assign(Object.fromEntries(missingColumns.map((c) => [c, new Array<null>(n).fill(null)])));
  const typed = applySchema(filled.select(names), file.schema);
  const { table, notes } = replayTyped(typed, file);
  if (missingColumns.length > 0) notes.unshift(`Not in the file (treated as missing): ${missingColumns.join(', ')}.`);
  if (extraColumns.length > 0) notes.unshift(`Ignored (not in the training data): ${extraColumns.join(', ')}.`);
  return { table, missingColumns, extraColumns, notes, labels: labelsOf(typed, file) };
}

/**
 * One applicant's values, as the screening form holds them (numbers, epoch ms, labels; absent =
 * missing), as a one-row typed table of the training schema.
 */
export function applicantTable(record: Record<string, unknown>, schema: DatasetSchema): ColumnTable {
  const data: Record<string, unknown[]> = {};
  for (const c of schema.columns) {
    const v = record[c.name];
    let typed: unknown = null;
    if (v !== null && v !== undefined && v !== '') {
      if (c.role === 'continuous' || c.role === 'datetime') {
        const x = typeof v === 'number' ? v : Number(v);
        typed = Number.isFinite(x) ? x : null;
      } else if (c.role === 'categorical') typed = categoricalLabel(String(v));
      else typed = String(v);
    }
    data[c.name] = [typed];
  }
  return aq.table(data, schema.columns.map((c) => c.name));
}
