import { delimitedTextTransformer } from 'arquero/src/format/stream/delimited-text-stream.js';
import { concatBytes, openCounted } from './byte-source.ts';
import { CsvLoadError } from './errors.ts';
import { FieldAligner, FieldTooLongError } from './field-aligner.ts';
import { RowCollector } from './row-collector.ts';
import {
  SNIFF_BYTES,
  assertLooksLikeText,
  detectDelimiter,
  firstInvalidUtf8,
  hasGzipName,
  isGzipMagic,
  isValidUtf8,
} from './sniff.ts';
import { DEFAULT_MAX_BYTES, type LoadOptions, type LoadResult, type TextEncodingName } from './types.ts';

/** Thrown inside a pass when UTF-8 decoding fails after the start: read again as Windows-1252. */
class NotUtf8 {
  constructor(readonly offset: number) {}
}

/**
 * Load a delimited text file (CSV, semicolon or tab separated, optionally gzip-compressed)
 * into a table of strings, streaming: the file is never held in memory as a whole.
 *
 * `open` is called once per pass; a second pass happens only when the text turns out not
 * to be UTF-8 after the first 64 KB (then it is read again as Windows-1252).
 * Parsing is Arquero's streaming CSV tokenizer; this adds sniffing, limits and checks.
 */
export async function loadCsv(open: () => ReadableStream<Uint8Array>, options: LoadOptions = {}): Promise<LoadResult> {
  try {
    return await readPass(open, options, null, -1);
  } catch (e) {
    if (!(e instanceof NotUtf8)) throw e;
    return readPass(open, options, 'windows-1252', e.offset);
  }
}

async function readPass(
  open: () => ReadableStream<Uint8Array>,
  options: LoadOptions,
  forcedEncoding: TextEncodingName | null,
  knownInvalidAt: number,
): Promise<LoadResult> {
  const { fileName, totalBytes, onProgress, skipRaggedRows = false, maxBytes = DEFAULT_MAX_BYTES, signal } = options;
  const label = fileName ? `"${fileName}"` : 'The file';
  if (signal?.aborted) throw abortedError();

  const counted = await openCounted(open(), 2, onProgress, totalBytes);
  const compressed = isGzipMagic(counted.head) || (hasGzipName(fileName) && counted.head.byteLength === 0);
  if (!compressed && totalBytes !== undefined && totalBytes > maxBytes) {
    await counted.stream.cancel().catch(() => {});
    throw tooLargeError(label, maxBytes, false);
  }
  const bytes = compressed ? counted.stream.pipeThrough(
        new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>,
      ) : counted.stream;
  const reader = bytes.getReader();
  const onAbort = (): void => void reader.cancel().catch(() => {});
  signal?.addEventListener('abort', onAbort);

  const notices: string[] = [];
  let encoding = 'utf-8' as TextEncodingName;
  let decoder: TextDecoder | null = null;
  let tokenizer: Transformer<string, string[][]> | null = null;
  let aligner: FieldAligner | null = null;
  let lastChar = 0x0a;
  let collector: RowCollector | null = null;
  let delimiter: ReturnType<typeof detectDelimiter> = ',';
  let quotesSeen = false;
  let atStart = true;
  let decompressed = 0;
  let invalidAt = knownInvalidAt;
  let newlinesBeforeInvalid = 0;

  const controller = {
    enqueue(rows: string[][]) {
      collector!.add(rows, quotesSeen);
    },
  } as unknown as TransformStreamDefaultController<string[][]>;

  const sniff = (head: Uint8Array, complete: boolean): void => {
    if (head.byteLength === 0) {
      throw new CsvLoadError('empty', `${label} is empty (0 bytes). Choose the CSV file that holds your data.`);
    }
    assertLooksLikeText(head, fileName);
    if (forcedEncoding) encoding = forcedEncoding;
    else if (!isValidUtf8(head, !complete)) {
      encoding = 'windows-1252';
      invalidAt = firstInvalidUtf8(head);
    }
    let text = new TextDecoder(encoding).decode(head);
    if (encoding === 'windows-1252' && text.startsWith('\u00ef\u00bb\u00bf')) text = text.slice(3);
    if (text.trim() === '' && complete) {
      throw new CsvLoadError('empty', `${label} contains only blank lines: no header and no data. Choose the CSV file that holds your data.`);
    }
    delimiter = detectDelimiter(text, complete);
    decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
    tokenizer = delimitedTextTransformer(delimiter);
    aligner = new FieldAligner(delimiter);
    collector = new RowCollector(delimiter, skipRaggedRows, label);
  };

  const feedText = (text: string): void => {
    if (atStart && text.length > 0) {
      atStart = false;
      if (encoding === 'windows-1252' && text.startsWith('\u00ef\u00bb\u00bf')) text = text.slice(3);
    }
    if (text.length === 0) return;
    lastChar = text.charCodeAt(text.length - 1);
    let aligned: string;
    try {
      aligned = aligner!.push(text);
    } catch (e) {
      if (e instanceof FieldTooLongError) throw fieldTooLongError(label, collector!.nextLine(), e.inQuote);
      throw e;
    }
    tokenize(aligned);
  };

  const tokenize = (text: string): void => {
    if (text.length === 0) return;
    if (!quotesSeen && text.indexOf('"') >= 0) quotesSeen = true;
    tokenizer!.transform!(text, controller);
  };

  const feed = (chunk: Uint8Array, offset: number): void => {
    if (invalidAt >= offset && encoding === 'windows-1252') {
      // locate the first non-UTF-8 byte by line for the notice
      const end = Math.min(chunk.byteLength, invalidAt - offset);
      for (let i = 0; i < end; i++) if (chunk[i] === 0x0a) newlinesBeforeInvalid++;
    }
    let text: string;
    try {
      text = decoder!.decode(chunk, { stream: true });
    } catch {
      const at = firstInvalidUtf8(chunk);
      throw new NotUtf8(offset + Math.max(0, at));
    }
    feedText(text);
  };

  try {
    const head: Uint8Array[] = [];
    let headSize = 0;
    let sniffed = false;
    for (;;) {
      let result: ReadableStreamReadResult<Uint8Array>;
      try {
        result = await reader.read();
      } catch (e) {
        if (signal?.aborted) throw abortedError();
        throw readError(e, label, compressed);
      }
      if (signal?.aborted) throw abortedError();
      const { done, value } = result;
      if (value && value.byteLength > 0) {
        const offset = decompressed;
        decompressed += value.byteLength;
        if (decompressed > maxBytes) throw tooLargeError(label, maxBytes, compressed);
        if (sniffed) feed(value, offset);
        else {
          head.push(value);
          headSize += value.byteLength;
        }
      }
      if (!sniffed && (headSize >= SNIFF_BYTES || done)) {
        sniff(concatBytes(head), done);
        sniffed = true;
        let offset = 0;
        for (const chunk of head) {
          feed(chunk, offset);
          offset += chunk.byteLength;
        }
      }
      if (done) break;
    }
    let tail: string;
    try {
      tail = decoder!.decode();
    } catch {
      throw new NotUtf8(Math.max(0, decompressed - 3));
    }
    feedText(tail);
    if (aligner!.endsInOpenQuote()) throw unclosedQuoteError(label, collector!.nextLine());
    tokenize(aligner!.end());
    // Arquero drops a last empty field when the file does not end with a line break
    if (lastChar !== 0x0a && lastChar !== 0x0d) tokenize('\n');
    tokenizer!.flush!(controller);
    counted.reportDone();
    const rows = collector!.finish();
    if (encoding === 'windows-1252') {
      const where = invalidAt >= 0 ? ` (the first byte that is not UTF-8 is on line ${newlinesBeforeInvalid + 1})` : '';
      notices.push(
        `${label} is not UTF-8 text${where}; it was read as Windows-1252 (Western European). ` +
          'If accented characters look wrong, save the file as "CSV UTF-8" and load it again.',
      );
    }
    notices.push(...rows.notices);
    return {
      table: rows.table,
      columns: rows.columns,
      delimiter,
      encoding,
      compressed,
      bytesRead: counted.bytesRead(),
      rowCount: rows.rowCount,
      notices,
      skippedRows: rows.skippedRows,
    };
  } catch (e) {
    await reader.cancel(e).catch(() => {});
    throw e;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

function abortedError(): CsvLoadError {
  return new CsvLoadError('aborted', 'Loading was cancelled. Choose the file again to load it.');
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${+(n / 1024 ** 3).toFixed(2)} GiB`;
  if (n >= 1024 ** 2) return `${+(n / 1024 ** 2).toFixed(1)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

function tooLargeError(label: string, maxBytes: number, compressed: boolean): CsvLoadError {
  return new CsvLoadError(
    'too-large',
    `${label} is larger than the limit of ${formatBytes(maxBytes)}${compressed ? ' once decompressed' : ''}, ` +
      'so it was not loaded (the whole table has to fit in this browser tab\'s memory). ' +
      'Load a smaller extract, for example a sample of the rows or fewer columns.',
  );
}

function fieldTooLongError(label: string, line: number, inQuote: boolean): CsvLoadError {
  return new CsvLoadError(
    'malformed',
    inQuote
      ? `${label}: the quoted field that starts in the row at line ${line} runs on for more than 8 MB. ` +
          'This usually means a double quote (") is not closed. Fix that line and load the file again.'
      : `${label}: the row at line ${line} holds a field longer than 8 MB, which this app does not read. ` +
          'Check that the file is really delimited text.',
  );
}

function unclosedQuoteError(label: string, line: number): CsvLoadError {
  return new CsvLoadError(
    'malformed',
    `${label}: the quoted field that starts in the row at line ${line} is never closed: the file ends before its closing double quote ("). ` +
      'Fix that line and load the file again.',
  );
}

function readError(e: unknown, label: string, compressed: boolean): Error {
  if (e instanceof CsvLoadError) return e;
  const detail = e instanceof Error ? e.message : String(e);
  if (compressed) {
    return new CsvLoadError(
      'binary',
      `${label} looks gzip-compressed but could not be decompressed (${detail}). ` +
        'The download may be incomplete: get the file again, or decompress it yourself and load the .csv.',
    );
  }
  return e instanceof Error ? e : new Error(detail);
}
