import type { ColumnRole, NumberFormat } from '../schema.ts';
import { parseClockTime } from './clock-time.ts';
import type { ColumnStats } from './column-stats.ts';
import { detectDatetimeFormat, parseDatetime } from './datetime.ts';
import { looksLikeCardNumber, looksLikeId, looksLikeZip, looksPersonal } from './names.ts';

export interface RoleGuess {
  role: ColumnRole;
  reason: string;
  datetimeFormat?: string;
  timeOfDay?: boolean;
  numberFormat?: NumberFormat;
  sentinels?: number[];
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
  if (!s.numeric) return textRole(s);
  const guess = numericRole(s);
  const format = numberFormat(s);
  if (format === null || guess.role !== 'continuous') return guess;
  return { ...guess, numberFormat: format, reason: `${guess.reason} Written ${describeFormat(format)}; read as numbers.` };
}

function numberFormat(s: ColumnStats): NumberFormat | null {
  const f = s.formatted;
  if (f.currencyTexts + f.thousands + f.percent + f.parentheses === 0) return null;
  const out: NumberFormat = {};
  if (f.currency !== null) out.currency = f.currency;
  if (f.thousands > 0) out.thousands = true;
  if (f.percent > 0) out.percent = true;
  if (f.parentheses > 0) out.parentheses = true;
  return out;
}

function describeFormat(f: NumberFormat): string {
  const parts: string[] = [];
  if (f.currency) parts.push(`with a currency sign (${f.currency})`);
  if (f.thousands) parts.push('with thousands separators');
  if (f.percent) parts.push('as percentages (12.5% is 12.5)');
  if (f.parentheses) parts.push('with negatives in parentheses');
  return parts.join(', ');
}

/** Codes such as 96, 98, 99, 999 ("not known", "refused") that sit far above the other values. */
export function sentinelValues(values: readonly number[]): number[] {
  const isSentinelLike = (v: number) => Number.isInteger(v) && v >= 90 && /^9+[5-9]?$/.test(String(v)) && String(v).length >= 2;
  const candidates = values.filter(isSentinelLike);
  if (candidates.length === 0 || candidates.length > 3) return [];
  const rest = values.filter((v) => !isSentinelLike(v));
  if (rest.length < 2) return [];
  const restMax = Math.max(...rest);
  const lowest = Math.min(...candidates);
  return restMax * 3 < lowest ? candidates.sort((a, b) => a - b) : [];
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
    // zero-padding varies (`01` beside `12` and `150`): a quantity written carelessly, not a code;
    // one width everywhere (`00202`, `01500`) with many values and no code-like name: a padded number
    const mixed = s.zeroPaddedWidth === 0;
    if (!unique && !looksLikeId(s.name) && s.integer && (mixed ? s.distinct > 2 : s.distinct > MAX_CODE_VALUES)) {
      const how = mixed ? 'some written with leading zeros (like 01) beside unpadded ones' : `zero-padded to ${s.zeroPaddedWidth} digits`;
      if (s.distinct <= MAX_CODE_VALUES && s.max - s.min <= MAX_CODE_SPAN) {
        return { role: 'categorical', reason: `${s.distinct} distinct whole numbers between ${s.min} and ${s.max}, ${how}: category codes.` };
      }
      return { role: 'continuous', reason: `Numbers with ${s.distinct} distinct whole values from ${s.min} to ${s.max}, ${how}: a quantity.` };
    }
    const role: ColumnRole = unique ? 'identifier' : 'categorical';
    return { role, reason: `Values with leading zeros (${s.leadingZeros} such) are codes, not numbers${unique ? ', each used once' : ''}.` };
  }
  if (s.integer && unique && s.distinct > 2 && (looksLikeId(s.name) || s.max - s.min + 1 === s.distinct)) {
    const why = s.max - s.min + 1 === s.distinct ? `consecutive whole numbers ${s.min}..${s.max}, each once` : 'unique whole numbers and an id-like name';
    return { role: 'identifier', reason: `A row key: ${why}.` };
  }
  if (s.distinct === 1) {
    return { role: 'categorical', reason: `One value only (${s.min}): a constant, which carries no information.` };
  }
  if (s.distinct === 2) {
    return { role: 'categorical', reason: `Only 2 distinct values (${s.min} and ${s.max}): a two-valued code or flag.` };
  }
  const sentinels = s.integer ? sentinelValues(s.values) : [];
  if (sentinels.length > 0) {
    const rest = s.values.filter((v) => !sentinels.includes(v));
    const lo = Math.min(...rest);
    const hi = Math.max(...rest);
    const codes = `${sentinels.join(', ')} sit far above the other values (${lo}..${hi}): special codes (e.g. "not known", "refused"), kept as their own values and not merged into others`;
    if (rest.length <= MAX_CODE_VALUES && hi - lo <= MAX_CODE_SPAN) {
      return { role: 'categorical', sentinels, reason: `${s.distinct} distinct whole numbers; ${codes}.` };
    }
    return { role: 'continuous', sentinels, reason: `Numbers from ${lo} to ${hi}; ${codes}.` };
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
  if (texts.every((t) => parseClockTime(t) !== null)) {
    return {
      role: 'continuous',
      timeOfDay: true,
      reason: `Clock times (e.g. "${texts[0]}"): a time of day, read as seconds since midnight.`,
    };
  }
  if (s.distinct === 1) {
    return { role: 'categorical', reason: `One value only ("${texts[0]}"): a constant, which carries no information.` };
  }
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
  // a two-valued column named like personal data ("telephone": yes/none) is a flag, not the data itself
  if (looksPersonal(s.name) && s.distinct > 2) {
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
