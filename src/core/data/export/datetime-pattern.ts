/**
 * Datetime patterns as the input wrote them: find the exact pattern of a column's texts
 * (`2019-01-01 00:00:18` is `YYYY-MM-DD HH:mm:ss`, `01/08/1959` is `MM/DD/YYYY`, `1/8/59 4:05 PM`
 * is `M/D/YY h:mm A`) and write epoch milliseconds (UTC) back in it.
 *
 * Tokens: `YYYY`, `YY`, `MM`/`M` month, `DD`/`D` day, `HH`/`H` hour 0-23, `hh`/`h` hour 1-12,
 * `mm` minutes, `ss` seconds, `S`… fraction digits, `A`/`a` AM/PM (upper / lower case);
 * text in `[...]` and any other character is literal. A pattern with one letter (`M`) writes
 * no leading zero, two letters pad to two digits.
 */
import { parseDatetime } from '../infer/datetime.ts';

type Field = 'Y4' | 'Y2' | 'M' | 'D' | 'H' | 'h' | 'm' | 's' | 'f';

/** The fields of a recognised format (infer/datetime.ts), in the order they are written. */
function formatFields(format: string): Field[] {
  if (format === 'ISO') return ['Y4', 'M', 'D', 'H', 'm', 's', 'f'];
  const out: Field[] = [];
  const tokens: [string, Field][] = [['YYYY', 'Y4'], ['YY', 'Y2'], ['MM', 'M'], ['M', 'M'], ['DD', 'D'], ['D', 'D'], ['HH', 'H'], ['H', 'H'], ['hh', 'h'], ['h', 'h'], ['mm', 'm'], ['ss', 's']];
  let i = 0;
  while (i < format.length) {
    const t = tokens.find(([k]) => format.startsWith(k, i));
    if (t) {
      out.push(t[1]);
      if (t[1] === 's') out.push('f');
      i += t[0].length;
    } else i++;
  }
  return out;
}

interface Shape {
  /** literal runs between the digit runs, with AM/PM already replaced by a marker */
  skeleton: string;
  fields: Field[];
  widths: number[];
}

const ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;
const AMPM = /([AaPp])([Mm])/;

/** The shape of one text: digit runs mapped onto the format's fields, the rest literal. */
function shapeOf(text: string, fields: Field[]): Shape | null {
  let t = text.trim();
  let zone = '';
  if (ZONE.test(t) && /\d[T ]\d/.test(t)) {
    zone = '[Z]';
    t = t.replace(ZONE, '');
  }
  const runs = t.split(/(\d+)/);
  // runs: literal, digits, literal, digits, ..., literal
  const digits = runs.filter((_, i) => i % 2 === 1);
  if (digits.length === 0 || digits.length > fields.length) return null;
  let skeleton = '';
  const used = fields.slice(0, digits.length);
  for (let i = 0; i < runs.length; i++) {
    if (i % 2 === 1) {
      skeleton += `{${(i - 1) / 2}}`;
      continue;
    }
    const literal = runs[i];
    const m = AMPM.exec(literal);
    const lit = (s: string) => s.replace(/[A-Za-z]+/g, (w) => `[${w}]`);
    skeleton += m ? lit(literal.slice(0, m.index)) + (m[1] === m[1].toUpperCase() ? 'A' : 'a') + lit(literal.slice(m.index + 2)) : lit(literal);
  }
  return { skeleton: skeleton + zone, fields: used, widths: digits.map((d) => d.length) };
}

/**
 * The exact pattern of a datetime column's texts read by `format` (from infer/datetime.ts), or
 * null. Texts are weighed by how often they occur; the most common shape wins (a column mixing
 * date-only and timestamp texts keeps its majority). Month, day and hour are padded when no text
 * wrote them with one digit.
 */
export function detectDatetimePattern(texts: Iterable<[string, number]>, format: string): string | null {
  const fields = formatFields(format);
  const groups = new Map<string, { weight: number; shapes: Shape[] }>();
  let seen = 0;
  for (const [text, count] of texts) {
    if (seen++ >= 2000) break;
    if (parseDatetime(text, format) === null) continue;
    const s = shapeOf(text, fields);
    if (!s) continue;
    const g = groups.get(s.skeleton) ?? { weight: 0, shapes: [] };
    g.weight += count;
    g.shapes.push(s);
    groups.set(s.skeleton, g);
  }
  let best: { weight: number; shapes: Shape[] } | null = null;
  for (const g of groups.values()) if (!best || g.weight > best.weight) best = g;
  if (!best) return null;
  const first = best.shapes[0];
  const tokens = first.fields.map((f, k) => {
    const widths = best!.shapes.map((s) => s.widths[k]);
    const padded = widths.every((w) => w >= 2);
    switch (f) {
      case 'Y4': return 'YYYY';
      case 'Y2': return 'YY';
      case 'M': return padded ? 'MM' : 'M';
      case 'D': return padded ? 'DD' : 'D';
      case 'H': return padded ? 'HH' : 'H';
      case 'h': return padded ? 'hh' : 'h';
      case 'm': return 'mm';
      case 's': return 'ss';
      case 'f': return 'S'.repeat(Math.max(...widths));
    }
  });
  return first.skeleton.replace(/\{(\d+)\}/g, (_, k) => tokens[Number(k)]);
}

type Piece = { token: string } | { literal: string };

const PATTERN_TOKENS = ['YYYY', 'YY', 'MM', 'M', 'DD', 'D', 'HH', 'H', 'hh', 'h', 'mm', 'ss', 'A', 'a'];
const compiledPatterns = new Map<string, Piece[]>();

function compilePattern(pattern: string): Piece[] {
  const hit = compiledPatterns.get(pattern);
  if (hit) return hit;
  const pieces: Piece[] = [];
  let i = 0;
  while (i < pattern.length) {
    if (pattern[i] === '[') {
      const end = pattern.indexOf(']', i);
      const stop = end < 0 ? pattern.length : end;
      pieces.push({ literal: pattern.slice(i + 1, stop) });
      i = stop + 1;
      continue;
    }
    if (pattern[i] === 'S') {
      let j = i;
      while (pattern[j] === 'S') j++;
      pieces.push({ token: pattern.slice(i, j) });
      i = j;
      continue;
    }
    const t = PATTERN_TOKENS.find((k) => pattern.startsWith(k, i));
    if (t) {
      pieces.push({ token: t });
      i += t.length;
    } else pieces.push({ literal: pattern[i++] });
  }
  compiledPatterns.set(pattern, pieces);
  return pieces;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Epoch milliseconds (UTC) written in `pattern` (see the module comment). */
export function formatDatetime(ms: number, pattern: string): string {
  const d = new Date(ms);
  const h24 = d.getUTCHours();
  let out = '';
  for (const p of compilePattern(pattern)) {
    if ('literal' in p) {
      out += p.literal;
      continue;
    }
    const t = p.token;
    switch (t) {
      case 'YYYY': out += pad(d.getUTCFullYear(), 4); break;
      case 'YY': out += pad(d.getUTCFullYear() % 100, 2); break;
      case 'MM': out += pad(d.getUTCMonth() + 1, 2); break;
      case 'M': out += String(d.getUTCMonth() + 1); break;
      case 'DD': out += pad(d.getUTCDate(), 2); break;
      case 'D': out += String(d.getUTCDate()); break;
      case 'HH': out += pad(h24, 2); break;
      case 'H': out += String(h24); break;
      case 'hh': out += pad(h24 % 12 || 12, 2); break;
      case 'h': out += String(h24 % 12 || 12); break;
      case 'mm': out += pad(d.getUTCMinutes(), 2); break;
      case 'ss': out += pad(d.getUTCSeconds(), 2); break;
      case 'A': out += h24 < 12 ? 'AM' : 'PM'; break;
      case 'a': out += h24 < 12 ? 'am' : 'pm'; break;
      default: out += pad(d.getUTCMilliseconds(), 3).padEnd(t.length, '0').slice(0, t.length);
    }
  }
  return out;
}
