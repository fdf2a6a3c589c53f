import { CsvLoadError } from './errors.ts';
import type { Delimiter } from './types.ts';

/** How much of the (decompressed) start of the file the sniffers look at. */
export const SNIFF_BYTES = 64 * 1024;

const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];

export function isGzipMagic(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

export function hasGzipName(fileName: string | undefined): boolean {
  return !!fileName && /\.gz$/i.test(fileName);
}

/**
 * Refuse files that are not text. A CSV never holds NUL bytes; a few stray control
 * characters are tolerated, a large share of them means binary data.
 */
export function assertLooksLikeText(head: Uint8Array, fileName?: string): void {
  const what = fileName ? `"${fileName}"` : 'The file';
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    throw new CsvLoadError(
      'binary',
      `${what} is UTF-16 text (as written by Excel's "Unicode Text"), which this app does not read. ` +
        'Save it again as "CSV UTF-8 (comma delimited)" and load that file.',
    );
  }
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    throw new CsvLoadError(
      'binary',
      `${what} is a ZIP archive (an Excel .xlsx workbook is one), not CSV. ` +
        'Open it in your spreadsheet, choose Save As > "CSV UTF-8", and load that file.',
    );
  }
  let nul = -1;
  let control = 0;
  for (let i = 0; i < head.length; i++) {
    const b = head[i];
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) {
      if (b === 0 && nul < 0) nul = i;
      control++;
    }
  }
  if (nul >= 0 || control > head.length * 0.1) {
    const why = nul >= 0 ? `it contains a NUL byte (at byte ${nul + 1})` : `${control} of its first ${head.length} bytes are control characters`;
    throw new CsvLoadError(
      'binary',
      `${what} looks like a binary file, not CSV: ${why}. ` +
        'Choose a comma, semicolon or tab separated text file (export one from your spreadsheet with Save As > CSV).',
    );
  }
}

/** Whether the bytes are valid UTF-8 (a multi-byte character cut off at the end is fine when `partial`). */
export function isValidUtf8(bytes: Uint8Array, partial: boolean): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: partial });
    return true;
  } catch {
    return false;
  }
}

/**
 * Offset of the first byte that breaks UTF-8 (for the notice), or -1. Only run on the
 * chunk that failed, so speed does not matter.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) {
      if (i + k >= bytes.length) return -1; // cut off at the chunk end, not wrong yet
      if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    }
    i += len;
  }
  return -1;
}

/**
 * Pick the delimiter from the first records of the text: for each candidate, count its
 * occurrences outside double quotes per record; the header must contain it, and the
 * candidate whose count is the same on the most records wins (then the one giving more
 * columns). A file with none of them is a single-column CSV (comma).
 *
 * `complete` says whether `text` is the whole file; if not, its last record may be cut
 * off and is ignored.
 */
export function detectDelimiter(text: string, complete: boolean, maxRecords = 50): Delimiter {
  const counts: number[][] = DELIMITERS.map(() => []);
  let current = [0, 0, 0];
  let inQuote = false;
  let blank = true;
  let records = 0;
  let i = 0;
  for (; i < text.length && records < maxRecords; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      inQuote = !inQuote;
      blank = false;
    } else if (inQuote) {
      continue;
    } else if (c === 0x0a || c === 0x0d) {
      if (!blank) {
        for (let d = 0; d < 3; d++) counts[d].push(current[d]);
        records++;
      }
      current = [0, 0, 0];
      blank = true;
    } else {
      blank = false;
      if (c === 0x2c) current[0]++;
      else if (c === 0x3b) current[1]++;
      else if (c === 0x09) current[2]++;
    }
  }
  if (!blank && complete && i >= text.length) {
    for (let d = 0; d < 3; d++) counts[d].push(current[d]);
  }

  let best: Delimiter = ',';
  let bestConsistency = -1;
  let bestColumns = 0;
  for (let d = 0; d < 3; d++) {
    const [header, ...rows] = counts[d];
    if (!header) continue;
    const same = rows.filter((n) => n === header).length;
    const consistency = rows.length ? same / rows.length : 1;
    if (consistency > bestConsistency || (consistency === bestConsistency && header > bestColumns)) {
      best = DELIMITERS[d];
      bestConsistency = consistency;
      bestColumns = header;
    }
  }
  return best;
}
