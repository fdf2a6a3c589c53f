/**
 * A cleaning recipe is an ordered list of steps. Editing helpers are pure (they return new arrays);
 * export/import is JSON with a version field, validated field by field so a hand-edited or stale
 * file fails with an error naming the step and the field.
 */
import { COLUMN_ROLES } from '../schema.ts';
import type { CleaningStep, CleaningStepKind } from './steps.ts';
import { CLEANING_STEP_KINDS } from './steps.ts';

export const RECIPE_VERSION = 1;

export interface RecipeFile {
  version: number;
  steps: CleaningStep[];
}

/** Move the step at `from` to position `to` (clamped to the array). */
export function moveStep(recipe: readonly CleaningStep[], from: number, to: number): CleaningStep[] {
  const out = [...recipe];
  if (from < 0 || from >= out.length) return out;
  const [step] = out.splice(from, 1);
  out.splice(Math.max(0, Math.min(out.length, to)), 0, step);
  return out;
}

export function toggleStep(recipe: readonly CleaningStep[], id: string, enabled?: boolean): CleaningStep[] {
  return recipe.map((s) => (s.id === id ? { ...s, enabled: enabled ?? !s.enabled } : s));
}

export function deleteStep(recipe: readonly CleaningStep[], id: string): CleaningStep[] {
  return recipe.filter((s) => s.id !== id);
}

export function replaceStep(recipe: readonly CleaningStep[], step: CleaningStep): CleaningStep[] {
  return recipe.map((s) => (s.id === step.id ? step : s));
}

/** Append a step, renaming its id (`id-2`, `id-3`, ...) when the recipe already has it. */
export function addStep(recipe: readonly CleaningStep[], step: CleaningStep): CleaningStep[] {
  const ids = new Set(recipe.map((s) => s.id));
  let id = step.id;
  for (let k = 2; ids.has(id); k++) id = `${step.id}-${k}`;
  return [...recipe, { ...step, id }];
}

export function recipeToJson(recipe: readonly CleaningStep[]): string {
  const file: RecipeFile = { version: RECIPE_VERSION, steps: [...recipe] };
  return JSON.stringify(file, null, 2);
}

type Obj = Record<string, unknown>;

class Checker {
  constructor(
    private readonly o: Obj,
    private readonly where: string,
  ) {}
  fail(field: string, want: string): never {
    throw new Error(`Invalid cleaning recipe: ${this.where}, field "${field}": expected ${want}, got ${JSON.stringify(this.o[field]) ?? 'nothing'}`);
  }
  string(f: string, nonEmpty = true): string {
    const v = this.o[f];
    if (typeof v !== 'string' || (nonEmpty && v === '')) this.fail(f, nonEmpty ? 'a non-empty string' : 'a string');
    return v;
  }
  optString(f: string): void {
    if (this.o[f] !== undefined) this.string(f, false);
  }
  boolean(f: string): void {
    if (typeof this.o[f] !== 'boolean') this.fail(f, 'true or false');
  }
  number(f: string, lo = -Infinity, hi = Infinity): void {
    const v = this.o[f];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi) this.fail(f, `a number in [${lo}, ${hi}]`);
  }
  optNumber(f: string, lo = -Infinity, hi = Infinity): void {
    if (this.o[f] !== undefined) this.number(f, lo, hi);
  }
  numberOrNull(f: string): void {
    if (this.o[f] !== null) this.number(f);
  }
  oneOf(f: string, options: readonly string[]): void {
    if (!options.includes(this.o[f] as string)) this.fail(f, `one of ${options.map((x) => `"${x}"`).join(', ')}`);
  }
  optOneOf(f: string, options: readonly string[]): void {
    if (this.o[f] !== undefined) this.oneOf(f, options);
  }
  stringArray(f: string, allowNull: boolean): void {
    const v = this.o[f];
    if (allowNull && v === null) return;
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || x === '')) this.fail(f, `an array of column names${allowNull ? ' or null' : ''}`);
  }
}

function validateStep(raw: unknown, index: number, ids: Set<string>): CleaningStep {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Error(`Invalid cleaning recipe: step ${index + 1} is not an object`);
  }
  const o = raw as Obj;
  const label = typeof o.id === 'string' && o.id ? `step ${index + 1} ("${o.id}")` : `step ${index + 1}`;
  const c = new Checker(o, label);
  const id = c.string('id');
  if (ids.has(id)) c.fail('id', 'an id not used by an earlier step');
  ids.add(id);
  c.oneOf('kind', CLEANING_STEP_KINDS);
  c.boolean('enabled');
  c.optString('note');
  switch (o.kind as CleaningStepKind) {
    case 'dropMissing':
    case 'dropDuplicates':
      c.stringArray('columns', true);
      break;
    case 'impute':
      c.string('column');
      c.oneOf('method', ['mean', 'median', 'mode', 'constant']);
      c.boolean('addIndicator');
      c.optString('indicatorName');
      if (o.method === 'constant' && typeof o.value !== 'string' && !(typeof o.value === 'number' && Number.isFinite(o.value))) {
        c.fail('value', 'a number or string (method "constant")');
      }
      break;
    case 'capOutliers':
      c.string('column');
      c.oneOf('method', ['percentile', 'iqr']);
      c.optNumber('lower', 0, 1);
      c.optNumber('upper', 0, 1);
      c.optNumber('iqrMultiplier', 0);
      c.optOneOf('sides', ['both', 'lower', 'upper']);
      break;
    case 'enforceRange':
      c.string('column');
      c.numberOrNull('min');
      c.numberOrNull('max');
      c.oneOf('action', ['clamp', 'setMissing', 'dropRows']);
      break;
    case 'remapCategories': {
      c.string('column');
      const m = o.mapping;
      if (typeof m !== 'object' || m === null || Array.isArray(m) || Object.values(m).some((v) => v !== null && typeof v !== 'string')) {
        c.fail('mapping', 'an object mapping labels to labels (or null)');
      }
      break;
    }
    case 'mergeRareCategories':
      c.string('column');
      c.number('minShare', 0, 1);
      c.string('otherLabel');
      break;
    case 'normalizeText':
      c.stringArray('columns', false);
      c.boolean('trim');
      c.oneOf('caseFold', ['none', 'lower', 'upper']);
      break;
    case 'parseDates':
      c.string('column');
      if (o.format !== null) c.string('format');
      break;
    case 'dropColumns':
      c.stringArray('columns', false);
      break;
    case 'parseNumbers':
      c.string('column');
      if (o.percentAsFraction !== undefined) c.boolean('percentAsFraction');
      break;
    case 'joinDateParts':
      c.string('year');
      c.string('month');
      if (o.day !== null) c.string('day');
      if (o.time !== null) c.string('time');
      c.string('output');
      c.boolean('dropParts');
      break;
    case 'buildKey':
      c.stringArray('columns', false);
      c.string('output');
      break;
    case 'renameColumn':
      c.string('from');
      c.string('to');
      break;
    case 'setRole':
      c.string('column');
      c.oneOf('role', COLUMN_ROLES);
      c.optString('datetimeFormat');
      break;
    case 'deriveFeatures': {
      const features = o.features;
      if (!Array.isArray(features) || features.length === 0) c.fail('features', 'a non-empty array of derived features');
      (features as unknown[]).forEach((f, k) => {
        if (typeof f !== 'object' || f === null) c.fail('features', `an object at position ${k + 1}`);
        const fc = new Checker(f as Obj, `${label}, feature ${k + 1}`);
        fc.oneOf('kind', ['datetime-parts', 'haversine-km', 'history']);
        const kind = (f as Obj).kind;
        if (kind === 'history') {
          const key = (f as Obj).key;
          if (!Array.isArray(key) || key.length === 0 || !key.every((x) => typeof x === 'string')) fc.fail('key', 'a non-empty array of column names');
          fc.string('time');
        }
        for (const field of kind === 'datetime-parts' ? ['column', 'hour', 'weekday'] : kind === 'history' ? [] : ['lat', 'long', 'otherLat', 'otherLong', 'output']) fc.string(field);
      });
      break;
    }
  }
  return o as unknown as CleaningStep;
}

/** Parse and validate an exported recipe; throws naming the bad step and field. */
export function parseRecipeJson(text: string): CleaningStep[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`Invalid cleaning recipe: not JSON (${(e as Error).message})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error('Invalid cleaning recipe: expected an object with "version" and "steps"');
  const file = data as Obj;
  if (file.version !== RECIPE_VERSION) {
    throw new Error(`Invalid cleaning recipe: unsupported version ${JSON.stringify(file.version)} (this app reads version ${RECIPE_VERSION})`);
  }
  if (!Array.isArray(file.steps)) throw new Error('Invalid cleaning recipe: "steps" must be an array');
  const ids = new Set<string>();
  return file.steps.map((s, i) => validateStep(s, i, ids));
}
