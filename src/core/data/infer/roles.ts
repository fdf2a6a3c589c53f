import type { ColumnRole } from '../schema.ts';
import type { ColumnStats } from './column-stats.ts';
import { detectDatetimeFormat, parseDatetime } from './datetime.ts';
import { looksLikeCardNumber, looksLikeId, looksLikeZip, looksPersonal } from './names.ts';

export interface RoleGuess {
  role: ColumnRole;
  reason: string;
  datetimeFormat?: string;
}

/** Whole-number columns with at most this many values, over a small range, are codes. */
export const MAX_CODE_VALUES = 20;
const MAX_CODE_SPAN = 100;
/** Distinct values sampled to detect a date format. */
const DATE_SAMPLE = 200;

const HEX_ID = /^(?:[0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The role a column's values and name suggest, with one sentence saying why. */
export function guessRole(s: ColumnStats): RoleGuess {
  if (s.nonMissing === 0) {
    return { role: 'text', reason: 'Every cell is empty, so there is nothing to model.' };
  }
  return s.numeric ? numericRole(s) : textRole(s);
}

function numericRole(s: ColumnStats): RoleGuess {
  const unique = s.distinct === s.nonMissing;
  const largest = Math.max(Math.abs(s.min), Math.abs(s.max));
  if (looksLikeCardNumber(s.name) && s.integer && (largest >= 1e10 || s.eNotation > 0)) {
    const mangled = s.eNotation > 0 ? `; ${s.eNotation} are in E-notation, whose lost digits cannot be recovered` : '';
    return { role: 'identifier', reason: `Card or account numbers (${digits(largest)}-digit values${mangled}): a key, not a quantity.` };
  }
  if (s.integer && largest > Number.MAX_SAFE_INTEGER) {
    return { role: 'identifier', reason: `Numbers of ${digits(largest)} digits are too long to be quantities (and lose digits as numbers): a key.` };
  }
  if (looksLikeZip(s.name)) {
    return { role: 'categorical', reason: `The name says ZIP/postal code: ${s.distinct} codes that label places, not quantities.` };
  }
  if (s.leadingZeros > 0) {
    const role: ColumnRole = unique ? 'identifier' : 'categorical';
    return { role, reason: `Values with leading zeros (${s.leadingZeros} such) are codes, not numbers${unique ? ', each used once' : ''}.` };
  }
  if (s.integer && unique && s.distinct > 2 && (looksLikeId(s.name) || s.max - s.min + 1 === s.distinct)) {
    const why = s.max - s.min + 1 === s.distinct ? `consecutive whole numbers ${s.min}..${s.max}, each once` : 'unique whole numbers and an id-like name';
    return { role: 'identifier', reason: `A row key: ${why}.` };
  }
  if (s.distinct <= 2) {
    return { role: 'categorical', reason: `Only ${s.distinct} distinct value${s.distinct === 1 ? '' : 's'}: a two-class label.` };
  }
  if (s.integer && s.distinct <= MAX_CODE_VALUES && s.max - s.min <= MAX_CODE_SPAN) {
    return { role: 'categorical', reason: `${s.distinct} distinct whole numbers between ${s.min} and ${s.max}: category codes.` };
  }
  return {
    role: 'continuous',
    reason: `Numbers with ${s.distinct} distinct ${s.integer ? 'whole ' : ''}values from ${s.min} to ${s.max}: a quantity.`,
  };
}

function textRole(s: ColumnStats): RoleGuess {
  const texts = [...s.counts.keys()];
  const format = detectDatetimeFormat(texts.slice(0, DATE_SAMPLE));
  if (format !== null) {
    let failed = 0;
    for (const [t, n] of s.counts) if (parseDatetime(t, format) === null) failed += n;
    if (failed <= s.nonMissing * 0.01) {
      const note = failed > 0 ? ` ${failed} value${failed === 1 ? '' : 's'} could not be read and will count as missing.` : '';
      return { role: 'datetime', datetimeFormat: format, reason: `Dates written as ${format} (e.g. "${texts[0]}").${note}` };
    }
  }
  const ratio = s.distinct / s.nonMissing;
  const hexIds = texts.filter((t) => HEX_ID.test(t)).length;
  if (hexIds >= texts.length * 0.95 && ratio >= 0.95) {
    return { role: 'identifier', reason: `Unique hexadecimal codes (like "${texts[0]}"): a key.` };
  }
  if (looksPersonal(s.name)) {
    return { role: 'text', reason: 'The name suggests personal data (names, addresses, contacts), which is never modelled or copied.' };
  }
  if (texts.some((t) => t.includes('@')) && texts.filter(isEmail).length >= texts.length * 0.5) {
    return { role: 'text', reason: 'E-mail addresses: personal data, never modelled or copied.' };
  }
  if (looksLikeId(s.name) && ratio >= 0.95) {
    return { role: 'identifier', reason: `An id-like name with ${s.distinct} distinct values for ${s.nonMissing} rows: a key.` };
  }
  if (s.nonMissing >= 20 && ratio >= 0.9) {
    return s.withSpaces >= 0.5 || s.meanLength > 30
      ? { role: 'text', reason: `Free text: ${s.distinct} distinct values for ${s.nonMissing} rows.` }
      : { role: 'identifier', reason: `Near-unique codes: ${s.distinct} distinct values for ${s.nonMissing} rows.` };
  }
  if (s.meanLength > 50 && ratio > 0.5) {
    return { role: 'text', reason: `Long free text (${Math.round(s.meanLength)} characters on average).` };
  }
  return { role: 'categorical', reason: `${s.distinct} distinct labels for ${s.nonMissing} rows.` };
}

/** `x@y.z`: one @, no spaces, a dot inside the domain (no regex that could backtrack on long cells). */
function isEmail(t: string): boolean {
  return /^[^@\s]+@[^@\s]+$/.test(t) && t.slice(t.indexOf('@') + 2, -1).includes('.');
}

function digits(n: number): number {
  return Math.floor(Math.log10(Math.max(1, n))) + 1;
}
