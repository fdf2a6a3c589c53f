/**
 * Test helpers (Node only): hostile CSV inputs generated on the fly, so no large or binary
 * files are committed. Every case is built lazily (`bytes()`), so the 10 MB ones exist only
 * while their own test runs. Randomness is seeded (CONVENTIONS.md).
 */
import { createRng } from '../../util/random.ts';

export interface HostileCase {
  name: string;
  bytes: () => Uint8Array;
  /** stream chunk size; 65536 is what Node's and Chromium's file streams hand out */
  chunkSize?: number;
}

const encoder = new TextEncoder();
export const utf8 = (text: string): Uint8Array => encoder.encode(text);

/** `n` seeded random bytes, every value 0..255 possible. */
export function randomBytes(n: number, seed: number): Uint8Array {
  const rng = createRng(seed);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.int(256);
  return out;
}

/** `n` seeded random bytes with no control characters (0x20..0xFF): not refused as binary up front. */
export function randomPrintableBytes(n: number, seed: number): Uint8Array {
  const rng = createRng(seed);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = 0x20 + rng.int(0xe0);
  return out;
}

/** A `length`-byte run of `fill` (one byte), between a prefix and a suffix, built without a giant JS string. */
export function withRun(prefix: string, fill: string, length: number, suffix: string): Uint8Array {
  const head = utf8(prefix);
  const tail = utf8(suffix);
  const out = new Uint8Array(head.length + length + tail.length);
  out.set(head, 0);
  out.fill(fill.charCodeAt(0), head.length, head.length + length);
  out.set(tail, head.length + length);
  return out;
}

export const MB = 1024 * 1024;

/** Markup that runs script if it is ever parsed as HTML. */
export const XSS_IMG = '<img src=x onerror="window.__pwned=1">';
export const XSS_SCRIPT = '<script>window.__pwned=1</script>';
/** Cells a spreadsheet would evaluate as formulas (CSV injection). */
export const FORMULAS = ['=HYPERLINK("http://x","y")', '+1', '-1+2', '@SUM(A1)', '=1+1', '\t=cmd', '\r=cmd'] as const;

/** One field written as RFC 4180 CSV: quoted when it holds a delimiter candidate, a quote or a line break. */
export function csvField(value: string): string {
  return /[",;\t\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(values: readonly string[], delimiter = ','): string {
  return values.map(csvField).join(delimiter);
}

/** `header` of `n` columns `c1..cn` and `rows` rows of small numbers. */
export function wideCsv(columns: number, rows: number): string {
  const header = Array.from({ length: columns }, (_, i) => `c${i + 1}`).join(',');
  const lines = [header];
  for (let r = 0; r < rows; r++) lines.push(Array.from({ length: columns }, (_, i) => String((i + r) % 7)).join(','));
  return lines.join('\n') + '\n';
}

/** One column `v` of `rows` rows (values 0..999 repeating). */
export function tallCsv(rows: number): Uint8Array {
  const parts = ['v'];
  for (let i = 0; i < rows; i++) parts.push(String(i % 1000));
  return utf8(parts.join('\n') + '\n');
}

/** The header and cells of a file full of markup, for both the unit and the e2e tests. */
export function markupCsv(): string {
  return [
    csvLine([XSS_IMG, XSS_SCRIPT, 'formula', 'empty']),
    csvLine([XSS_SCRIPT, XSS_IMG, FORMULAS[0], '']),
    csvLine(['<b>bold</b>', '<a href="javascript:alert(1)">x</a>', '@SUM(A1)', '']),
    csvLine(['&lt;escaped&gt;', '"><svg onload=alert(1)>', '-1+2', '']),
  ].join('\n') + '\n';
}

/** The named hostile inputs of issue 8 (item 4). */
export function hostileCorpus(): HostileCase[] {
  return [
    { name: 'random bytes (64 KB, seeded)', bytes: () => randomBytes(64 * 1024, 8) },
    { name: 'random bytes without control characters (64 KB, seeded)', bytes: () => randomPrintableBytes(64 * 1024, 9) },
    { name: 'random bytes, tiny (7 bytes)', bytes: () => randomBytes(7, 10) },
    { name: '10 MB single unquoted field', bytes: () => withRun('a,b\n1,', 'x', 10 * MB, '\n') },
    { name: '10 MB single quoted field', bytes: () => withRun('a,b\n1,"', 'x', 10 * MB, '"\n') },
    { name: '10 MB header field', bytes: () => withRun('', 'h', 10 * MB, '\n1\n') },
    { name: '10,000 columns', bytes: () => utf8(wideCsv(10_000, 3)) },
    { name: '1 column, 1,000,000 rows', bytes: () => tallCsv(1_000_000) },
    { name: 'unbalanced quote in a value', bytes: () => utf8('a,b\n1,"x\n2,3\n') },
    { name: 'unbalanced quote in the header', bytes: () => utf8('"a,b\n1,2\n3,4\n') },
    { name: 'stray quotes inside unquoted fields', bytes: () => utf8('a,b\n5" screen,x"y"z\n"q"r,1\n') },
    { name: 'NUL bytes near the start', bytes: () => utf8('a,b\n1,\u0000\n2,3\n') },
    { name: 'NUL bytes after the first 64 KB', bytes: () => utf8('a,b\n' + '1,2\n'.repeat(20_000) + '3,\u0000x\n') },
    { name: 'HTML and <script> in header and values', bytes: () => utf8(markupCsv()) },
    { name: 'formula cells', bytes: () => utf8('a,b\n' + FORMULAS.map((f) => csvLine([f, 'x'])).join('\n') + '\n') },
    { name: 'very long line (5 MB, one field)', bytes: () => withRun('a\n', 'y', 5 * MB, '\n') },
    { name: 'very long line (100,001 fields under a 2-column header)', bytes: () => utf8('a,b\n' + ',1'.repeat(100_000) + '\n1,2\n') },
    { name: 'only delimiters (commas)', bytes: () => utf8(',,,,\n,,,,\n,,,,\n') },
    { name: 'only delimiters (semicolons, no line break)', bytes: () => utf8(';;;;;;') },
    { name: 'only delimiters (tabs)', bytes: () => utf8('\t\t\n\t\t\n') },
    { name: 'only quotes (odd count, 1 MB)', bytes: () => withRun('', '"', MB + 1, '') },
    { name: 'only quotes (even count)', bytes: () => utf8('""""""\n""""\n') },
    { name: 'only line breaks', bytes: () => utf8('\n\r\n\r\r\n\n') },
    { name: 'mixed line endings', bytes: () => utf8('a,b\r\n1,2\r3,4\n5,6\r\n7,8\r') },
    { name: 'header of 1 column, rows of 3', bytes: () => utf8('a\n1,2,3\n4,5,6\n') },
    { name: 'UTF-16 text', bytes: () => new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x2c, 0x00, 0x62, 0x00, 0x0a, 0x00]) },
    { name: 'truncated gzip', bytes: () => new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x4b, 0x4c]) },
  ];
}
