/**
 * Identifier and text columns are never learnt or copied. In the synthetic output they are either
 * dropped or filled with locally generated placeholders of the same shape: fake names and street
 * addresses (faker, seeded), 16-digit card numbers, hex ids of the real length, or a pattern that
 * mimics a real value's character classes (digit → digit, letter → letter of the same case,
 * anything else kept). A placeholder equal to any real value is drawn again, so `replayCheck`
 * finds none; identifier placeholders are also unique within the output.
 */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import { Faker, base, en } from '@faker-js/faker';
import type { ColumnRole, DatasetSchema } from '../data/schema';
import { createRng, type Rng } from '../util/random';
import { asLabel, columnValues } from './constraints';

export type PlaceholderKind = 'full-name' | 'first-name' | 'last-name' | 'street' | 'city' | 'email' | 'company' | 'job' | 'card' | 'hex' | 'pattern';

export type IdentifierMode = 'placeholder' | 'drop';

export const PLACEHOLDER_LABELS: Record<PlaceholderKind, string> = {
  'full-name': 'fake full names',
  'first-name': 'fake first names',
  'last-name': 'fake last names',
  street: 'fake street addresses',
  city: 'fake city names',
  email: 'fake e-mail addresses',
  company: 'fake company names',
  job: 'fake job titles',
  card: 'fake 16-digit card numbers',
  hex: 'random hex ids of the same length',
  pattern: 'random values with the same character pattern',
};

const HEX = /^[0-9a-f]+$/i;
const DIGITS = '0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const HEXCHARS = '0123456789abcdef';
/** draws per value before falling back to a longer pattern */
const MAX_TRIES = 25;

/** Which placeholder fits the column, from its name and its real values. */
export function detectPlaceholderKind(name: string, values: ArrayLike<unknown>): PlaceholderKind {
  const sample: string[] = [];
  for (let i = 0; i < values.length && sample.length < 500; i++) {
    const l = asLabel(values[i]);
    if (l !== null && l.trim() !== '') sample.push(l.trim());
  }
  const n = (name.toLowerCase().match(/[a-z0-9]+/g) ?? []).join('_');
  const has = (re: RegExp) => re.test(n);
  if (sample.length > 0 && sample.every((v) => v.length >= 16 && HEX.test(v)) && new Set(sample.map((v) => v.length)).size === 1 && sample.some((v) => /[a-f]/i.test(v))) return 'hex';
  if (has(/(^|_)(cc|card|pan)(_|$)|card_?num|credit_?card|cc_?num/)) return 'card';
  if (has(/(^|_)e_?mail(_|$)/) || (sample.length > 0 && sample.every((v) => /^[^@\s]+@[^@\s]+\.[a-z]{2,}$/i.test(v)))) return 'email';
  if (has(/(^|_)(first|given|fore)(_?name)?(_|$)/)) return 'first-name';
  if (has(/(^|_)(last|sur|family)(_?name)?(_|$)|surname/)) return 'last-name';
  if (has(/street|address|(^|_)addr(_|$)/)) return 'street';
  if (has(/(^|_)(merchant|company|employer|business)(_|$)/)) return 'company';
  if (has(/(^|_)(job|occupation|profession)(_|$)/)) return 'job';
  if (has(/(^|_)city(_|$)/)) return 'city';
  // customer_id, customer_key, holder_no: a code that names a customer, not a person's name
  if (has(/(^|_)(id|key|no|num|number|code)(_|$)/)) return 'pattern';
  if (has(/(^|_)(name|full_?name|customer|holder|client_name)(_|$)/)) return 'full-name';
  return 'pattern';
}

export interface PlaceholderOptions {
  seed?: number;
  /** no two placeholders equal (identifiers); default false */
  unique?: boolean;
  /** share of null cells (default: the real column's missing share) */
  nullRate?: number;
}

/**
 * n placeholders for a column with real values `real`. Never returns a real value (compared
 * trimmed and case-insensitively).
 */
export function makePlaceholders(real: ArrayLike<unknown>, n: number, kind: PlaceholderKind, options: PlaceholderOptions = {}): (string | null)[] {
  const seed = (options.seed ?? 0) >>> 0;
  const rng = createRng(seed ^ 0x9e3779b9);
  const realSet = new Set<string>();
  const templates: string[] = [];
  let missing = 0;
  for (let i = 0; i < real.length; i++) {
    const l = asLabel(real[i]);
    if (l === null || l.trim() === '') {
      missing++;
      continue;
    }
    realSet.add(normalise(l));
    templates.push(l);
  }
  const nullRate = options.nullRate ?? (real.length ? missing / real.length : 0);
  const faker = kind === 'pattern' || kind === 'card' || kind === 'hex' ? null : seededFaker(seed);
  const hexLength = kind === 'hex' && templates.length ? templates[0].trim().length : 32;
  const hexUpper = kind === 'hex' && templates.some((t) => /[A-F]/.test(t)) && !templates.some((t) => /[a-f]/.test(t));
  const used = new Set<string>();
  const out = new Array<string | null>(n);
  const draw = (extra: number): string => {
    switch (kind) {
      case 'card':
        return cardNumber(rng);
      case 'hex': {
        const s = randomChars(rng, HEXCHARS, hexLength + extra);
        return hexUpper ? s.toUpperCase() : s;
      }
      case 'pattern':
        return mimic(templates.length ? templates[rng.int(templates.length)] : 'xxxxxxxx', rng, extra);
      default:
        return extra > 0 ? mimic(templates.length ? templates[rng.int(templates.length)] : 'Xxxxxx', rng, extra - 1) : fakerValue(faker!, kind);
    }
  };
  // once the values of one length are used up (unique ids), later values start longer
  let level = 0;
  for (let i = 0; i < n; i++) {
    if (nullRate > 0 && rng.next() < nullRate) {
      out[i] = null;
      continue;
    }
    let v = '';
    // collisions with real values (or earlier identifiers) are drawn again, then made longer
    for (let extra = level, tries = 0; ; tries++) {
      if (tries === MAX_TRIES) {
        extra++;
        if (options.unique) level = extra;
        tries = 0;
      }
      v = draw(extra);
      const key = normalise(v);
      if (realSet.has(key)) continue;
      if (options.unique) {
        if (used.has(key)) continue;
        used.add(key);
      }
      break;
    }
    out[i] = v;
  }
  return out;
}

export interface IdentifierColumnPlan {
  name: string;
  role: ColumnRole;
  kind: PlaceholderKind;
  mode: IdentifierMode;
}

/** The identifier and text columns of the schema, each with its detected placeholder kind (mode: placeholder). */
export function planIdentifierColumns(real: ColumnTable, schema: DatasetSchema): IdentifierColumnPlan[] {
  return schema.columns
    .filter((c) => c.role === 'identifier' || c.role === 'text')
    .filter((c) => real.column(c.name))
    .map((c) => ({ name: c.name, role: c.role, kind: detectPlaceholderKind(c.name, columnValues(real, c.name)), mode: 'placeholder' as IdentifierMode }));
}

/**
 * Add placeholder columns to `synth` (or leave them out, mode 'drop') and order the columns as in
 * the schema. Columns of `synth` not in the schema keep their place at the end.
 */
export function applyIdentifierColumns(synth: ColumnTable, real: ColumnTable, schema: DatasetSchema, plans: readonly IdentifierColumnPlan[], seed = 0): ColumnTable {
  const n = synth.numRows();
  const data: Record<string, unknown[] | ArrayLike<unknown>> = {};
  const order: string[] = [];
  const byName = new Map(plans.map((p) => [p.name, p]));
  plans.forEach((p, k) => {
    if (p.mode === 'drop') return;
    data[p.name] = makePlaceholders(columnValues(real, p.name), n, p.kind, { seed: (seed + 7919 * (k + 1)) >>> 0, unique: p.role === 'identifier' });
  });
  for (const c of schema.columns) {
    const p = byName.get(c.name);
    if (p) {
      if (p.mode !== 'drop') order.push(c.name);
    } else if (synth.column(c.name)) {
      data[c.name] = synth.array(c.name) as ArrayLike<unknown>;
      order.push(c.name);
    }
  }
  for (const name of synth.columnNames()) {
    if (!order.includes(name) && !byName.has(name)) {
      data[name] = synth.array(name) as ArrayLike<unknown>;
      order.push(name);
    }
  }
  return aq.table(data as Record<string, unknown[]>, order);
}

/**
 * How many cells of `synth` (in `columns`) hold a value that occurs in the same column of `real`
 * (trimmed, case-insensitive). Must be 0 for identifier and text columns.
 */
export function replayCheck(real: ColumnTable, synth: ColumnTable, columns: readonly string[]): number {
  return Object.values(replayCheckByColumn(real, synth, columns)).reduce((s, k) => s + k, 0);
}

export function replayCheckByColumn(real: ColumnTable, synth: ColumnTable, columns: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const name of columns) {
    if (!synth.column(name) || !real.column(name)) {
      out[name] = 0;
      continue;
    }
    const realSet = new Set<string>();
    const r = columnValues(real, name);
    for (let i = 0; i < r.length; i++) {
      const l = asLabel(r[i]);
      if (l !== null && l.trim() !== '') realSet.add(normalise(l));
    }
    const s = columnValues(synth, name);
    let k = 0;
    for (let i = 0; i < s.length; i++) {
      const l = asLabel(s[i]);
      if (l !== null && realSet.has(normalise(l))) k++;
    }
    out[name] = k;
  }
  return out;
}

/** The character-class shape of a value: 9 digit, a lower, A upper, other characters as themselves. */
export function shapeOf(v: string): string {
  let s = '';
  for (const ch of v) s += /[0-9]/.test(ch) ? '9' : /[a-z]/.test(ch) ? 'a' : /[A-Z]/.test(ch) ? 'A' : ch;
  return s;
}

// ---------------------------------------------------------------- helpers

function normalise(v: string): string {
  return v.trim().toLowerCase();
}

function seededFaker(seed: number): Faker {
  const f = new Faker({ locale: [en, base] });
  f.seed(seed);
  return f;
}

function fakerValue(f: Faker, kind: PlaceholderKind): string {
  switch (kind) {
    case 'full-name':
      return f.person.fullName();
    case 'first-name':
      return f.person.firstName();
    case 'last-name':
      return f.person.lastName();
    case 'street':
      return f.location.streetAddress();
    case 'city':
      return f.location.city();
    case 'email':
      return f.internet.email({ provider: 'example.com' });
    case 'company':
      return f.company.name();
    case 'job':
      return f.person.jobTitle();
    default:
      return f.string.alphanumeric(10);
  }
}

function randomChars(rng: Rng, alphabet: string, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[rng.int(alphabet.length)];
  return s;
}

/** Same character classes as `template`, position by position; `extra` more characters of the last class. */
function mimic(template: string, rng: Rng, extra: number): string {
  let s = '';
  let last = DIGITS;
  let first = true;
  for (const ch of template) {
    let alphabet: string | null = null;
    if (ch >= '0' && ch <= '9') alphabet = first && ch !== '0' ? DIGITS.slice(1) : DIGITS;
    else if (ch >= 'a' && ch <= 'z') alphabet = LOWER;
    else if (ch >= 'A' && ch <= 'Z') alphabet = UPPER;
    if (alphabet) {
      s += alphabet[rng.int(alphabet.length)];
      last = alphabet === DIGITS.slice(1) ? DIGITS : alphabet;
    } else {
      s += ch;
    }
    first = false;
  }
  return s + randomChars(rng, last, extra);
}

/** 16 digits starting 4 or 5, with a valid Luhn check digit. */
function cardNumber(rng: Rng): string {
  const d: number[] = [rng.next() < 0.5 ? 4 : 5];
  for (let i = 1; i < 15; i++) d.push(rng.int(10));
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    // from the right, the check digit's neighbour (index 14) is doubled
    let x = d[i];
    if ((15 - i) % 2 === 1) {
      x *= 2;
      if (x > 9) x -= 9;
    }
    sum += x;
  }
  d.push((10 - (sum % 10)) % 10);
  return d.join('');
}
