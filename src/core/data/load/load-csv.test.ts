import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadCsv, CsvLoadError, type LoadResult } from './index.ts';
import { fixtureBytes, fixturePath, openBytes, openFile, openText } from '../__fixtures__/streams.ts';
import { samplesDir } from '../../../test-support/paths.ts';

function rows(result: LoadResult): Record<string, unknown>[] {
  return result.table.objects() as Record<string, unknown>[];
}

async function loadError(promise: Promise<unknown>): Promise<CsvLoadError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof CsvLoadError) return e;
    throw e;
  }
  throw new Error('expected a CsvLoadError');
}

describe('loadCsv: delimiters, quoting, line endings', () => {
  // chunk sizes 1 and 3 cut fields, quotes, CRLF pairs and multi-byte characters apart
  for (const chunkSize of [1, 3, 65536]) {
    it(`parses quoted fields with embedded comma, quotes and newline (chunks of ${chunkSize})`, async () => {
      const r = await loadCsv(openBytes(fixtureBytes('quoted-comma.csv'), chunkSize), { fileName: 'quoted-comma.csv' });
      expect(r.delimiter).toBe(',');
      expect(r.columns).toEqual(['id', 'name', 'comment', 'amount']);
      expect(rows(r)).toEqual([
        { id: '1', name: 'Smith, Jane', comment: 'She said "hi"', amount: '10.5' },
        { id: '2', name: 'Bob', comment: 'line one\nline two', amount: '20' },
        { id: '3', name: null, comment: null, amount: '30' },
      ]);
      expect(r.rowCount).toBe(3);
      expect(r.encoding).toBe('utf-8');
      expect(r.compressed).toBe(false);
      expect(r.notices).toEqual([]);
    });

    it(`strips the BOM and reads CRLF line endings (chunks of ${chunkSize})`, async () => {
      const r = await loadCsv(openBytes(fixtureBytes('bom-crlf.csv'), chunkSize));
      expect(r.columns).toEqual(['id', 'label']);
      expect(rows(r)).toEqual([
        { id: '1', label: 'yes' },
        { id: '2', label: 'no' },
        { id: '3', label: 'multi\r\nline' },
      ]);
    });
  }

  it('detects semicolons (with decimal commas in the values)', async () => {
    const r = await loadCsv(openBytes(fixtureBytes('semicolon-decimal-comma.csv')));
    expect(r.delimiter).toBe(';');
    expect(r.columns).toEqual(['city', 'price', 'note']);
    expect(rows(r)).toEqual([
      { city: 'Paris', price: '1,5', note: 'a' },
      { city: 'Lyon', price: '2,25', note: 'x;y' },
      { city: 'Nice', price: '3', note: null },
    ]);
  });

  it('detects tabs (with commas in the values)', async () => {
    const r = await loadCsv(openBytes(fixtureBytes('tab-separated.tsv')));
    expect(r.delimiter).toBe('\t');
    expect(rows(r)).toEqual([
      { name: 'Ann', age: '31', city: 'Oslo, Norway' },
      { name: 'Ben', age: '42', city: 'Bergen' },
    ]);
  });

  it('drops trailing blank lines instead of making rows of nulls', async () => {
    const r = await loadCsv(openBytes(fixtureBytes('trailing-blank-lines.csv'), 2));
    expect(r.rowCount).toBe(2);
    expect(r.table.numRows()).toBe(2);
    expect(rows(r)).toEqual([{ a: '1', b: '2' }, { a: '3', b: '4' }]);
    expect(r.notices).toEqual([]);
  });

  it('reads a file without a final newline, ending in a quoted field', async () => {
    const r = await loadCsv(openText('a,b\n1,"x ""q"""', 4));
    expect(rows(r)).toEqual([{ a: '1', b: 'x "q"' }]);
  });

  it('skips blank lines between rows with a notice, and keeps them as empty cells in a one-column file', async () => {
    const two = await loadCsv(openText('a,b\n1,2\n\n3,4\n'));
    expect(two.rowCount).toBe(2);
    expect(two.notices).toEqual(['1 blank line was skipped.']);
    const one = await loadCsv(openText('a\n1\n\n3\n\n'));
    expect(one.table.array('a')).toEqual(['1', null, '3']);
  });
});

describe('loadCsv: column names', () => {
  it('renames duplicate and empty names, keeps an empty column, with notices', async () => {
    const r = await loadCsv(openBytes(fixtureBytes('duplicate-and-empty-names.csv')));
    expect(r.columns).toEqual(['x', 'x_2', 'column_3', 'y', 'x_3', 'column_6']);
    expect(r.table.columnNames()).toEqual(r.columns);
    expect(r.table.array('x_3')).toEqual(['5', '10']);
    expect(r.notices).toEqual([
      'Column 2 repeats the name "x"; it is renamed "x_2".',
      'Column 3 has no name in the header; it is called "column_3".',
      'Column 5 repeats the name "x"; it is renamed "x_3".',
      'Column 6 has no name in the header; it is called "column_6".',
      'Column "column_6" is empty in every row; it is kept.',
    ]);
  });

  it('notes an entirely empty column by name and keeps it', async () => {
    const r = await loadCsv(openBytes(fixtureBytes('empty-column.csv')));
    expect(r.columns).toEqual(['id', 'empty', 'v']);
    expect(r.table.array('empty')).toEqual([null, null, null]);
    expect(r.notices).toEqual(['Column "empty" is empty in every row; it is kept.']);
  });

  it('keeps names as plain text, never parsed', async () => {
    const r = await loadCsv(openText('2019,true,d => d.x,constructor\n1,2,3,4\n'));
    expect(r.columns).toEqual(['2019', 'true', 'd => d.x', 'constructor']);
    expect(rows(r)).toEqual([{ '2019': '1', true: '2', 'd => d.x': '3', constructor: '4' }]);
  });
});

describe('loadCsv: encodings and compression', () => {
  it('reads .csv.gz (by magic bytes and by name), reporting compressed progress', async () => {
    const plain = fixtureBytes('quoted-comma.csv');
    const gz = new Uint8Array(gzipSync(plain));
    const progress: number[] = [];
    const r = await loadCsv(openBytes(gz, 16), {
      fileName: 'quoted-comma.csv.gz',
      totalBytes: gz.byteLength,
      onProgress: (n, total) => {
        expect(total).toBe(gz.byteLength);
        progress.push(n);
      },
    });
    expect(r.compressed).toBe(true);
    expect(r.bytesRead).toBe(gz.byteLength);
    expect(progress.at(-1)).toBe(gz.byteLength);
    expect(rows(r)[1]).toEqual({ id: '2', name: 'Bob', comment: 'line one\nline two', amount: '20' });
    // gzip content under a plain .csv name is still recognised
    const renamed = await loadCsv(openBytes(gz), { fileName: 'data.csv' });
    expect(renamed.compressed).toBe(true);
    expect(renamed.rowCount).toBe(3);
  });

  it('decodes Windows-1252 text (café as 0xE9) with a notice', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('name,city\nx,Paris\ny,caf'), 0xe9, 0x0a]);
    const r = await loadCsv(openBytes(bytes, 5), { fileName: 'latin.csv' });
    expect(r.encoding).toBe('windows-1252');
    expect(r.table.array('city')).toEqual(['Paris', 'café']);
    expect(r.notices).toHaveLength(1);
    expect(r.notices[0]).toContain('Windows-1252');
    expect(r.notices[0]).toContain('line 3');
  });

  it('re-reads as Windows-1252 when the invalid byte comes after the first 64 KB', async () => {
    const filler = 'x,1\n'.repeat(20000); // 80 KB of valid text first
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('name,n\n' + filler),
      ...[0x93, 0x71, 0x94], // “q” in Windows-1252
      ...new TextEncoder().encode(',2\n'),
    ]);
    let opened = 0;
    const open = openBytes(bytes, 4096);
    const r = await loadCsv(() => (opened++, open()));
    expect(opened).toBe(2);
    expect(r.encoding).toBe('windows-1252');
    expect(r.rowCount).toBe(20001);
    expect(r.table.get('name', 20000)).toBe('\u201cq\u201d');
    expect(r.notices[0]).toContain('line 20002');
  });

  it('keeps multi-byte UTF-8 characters split across chunks', async () => {
    const r = await loadCsv(openText('ville,n\nZürich,1\n東京,2\n', 1));
    expect(r.encoding).toBe('utf-8');
    expect(r.table.array('ville')).toEqual(['Zürich', '東京']);
  });
});

describe('loadCsv: errors', () => {
  it('refuses an empty file', async () => {
    const e = await loadError(loadCsv(openBytes(fixtureBytes('empty.csv')), { fileName: 'empty.csv' }));
    expect(e.code).toBe('empty');
    expect(e.message).toContain('"empty.csv" is empty');
    const blank = await loadError(loadCsv(openText('\n\n  \n')));
    expect(blank.code).toBe('empty');
  });

  it('refuses a header without data rows', async () => {
    const e = await loadError(loadCsv(openBytes(fixtureBytes('header-only.csv'))));
    expect(e.code).toBe('header-only');
    expect(e.message).toContain('3 columns: "a", "b", "c"');
  });

  it('lists ragged rows with their lines and field counts', async () => {
    const e = await loadError(loadCsv(openBytes(fixtureBytes('ragged.csv'), 3)));
    expect(e.code).toBe('ragged');
    expect(e.message).toContain('line 3 has 2 fields, line 5 has 4 fields');
    expect(e.message).toContain('2 such rows in all');
    expect(e.message).toContain('skipRaggedRows');
  });

  it('skips ragged rows with skipRaggedRows, reporting them; line numbers count quoted newlines', async () => {
    const r = await loadCsv(openBytes(fixtureBytes('ragged.csv')), { skipRaggedRows: true });
    expect(r.skippedRows).toEqual([
      { line: 3, fields: 2 },
      { line: 5, fields: 4 },
    ]);
    expect(r.table.array('a')).toEqual(['1', '6', 'x\ny', '13']);
    expect(r.rowCount).toBe(4);
    expect(r.notices[0]).toContain('2 rows without the header\'s 3 fields were skipped');
    // the row after the two-line quoted field starts on line 8
    const after = await loadError(loadCsv(openText('a,b\n"p\nq",1\n"r\ns",2\n1,2,3\n')));
    expect(after.message).toContain('line 6 has 3 fields');
  });

  it('refuses a binary file renamed .csv', async () => {
    const bytes = new Uint8Array(4000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    const e = await loadError(loadCsv(openBytes(bytes), { fileName: 'photo.csv' }));
    expect(e.code).toBe('binary');
    expect(e.message).toContain('looks like a binary file, not CSV');
    const xlsx = await loadError(loadCsv(openText('PK\u0003\u0004rest'), { fileName: 'book.csv' }));
    expect(xlsx.code).toBe('binary');
    expect(xlsx.message).toContain('ZIP');
  });

  it('refuses a file over maxBytes without reading it all', async () => {
    const line = new TextEncoder().encode('1234567,abcdefgh\n');
    const total = 50 * 1024 * 1024;
    let pulled = 0;
    const chunk = new Uint8Array(65536);
    for (let i = 0; i < chunk.length; i++) chunk[i] = line[i % line.length];
    const open = () =>
      new ReadableStream<Uint8Array>({
        pull(controller) {
          if (pulled >= total) return controller.close();
          pulled += chunk.length;
          controller.enqueue(chunk);
        },
      });
    const e = await loadError(loadCsv(open, { maxBytes: 256 * 1024 }));
    expect(e.code).toBe('too-large');
    expect(e.message).toContain('256 KiB');
    expect(pulled).toBeLessThan(1024 * 1024);
    // same limit on the decompressed size of a gzip file, which is small on disk
    const gz = new Uint8Array(gzipSync(new Uint8Array(4 * 1024 * 1024).fill(0x31)));
    const big = await loadError(loadCsv(openBytes(gz, 1024), { maxBytes: 1024 * 1024, fileName: 'big.csv.gz' }));
    expect(big.code).toBe('too-large');
    expect(big.message).toContain('once decompressed');
    // and up front when the size is known
    const known = await loadError(loadCsv(openText('a\n1\n'), { totalBytes: 2 * 1024 ** 3 }));
    expect(known.message).toContain('1 GiB');
  });

  it('stops with code "aborted" when the signal fires', async () => {
    const controller = new AbortController();
    controller.abort();
    const before = await loadError(loadCsv(openText('a\n1\n'), { signal: controller.signal }));
    expect(before.code).toBe('aborted');

    const during = new AbortController();
    let pulls = 0;
    const endless = () =>
      new ReadableStream<Uint8Array>({
        pull(c) {
          if (++pulls === 20) during.abort();
          c.enqueue(new TextEncoder().encode('a,b\n1,2\n'.repeat(1000)));
        },
      });
    const e = await loadError(loadCsv(endless, { signal: during.signal }));
    expect(e.code).toBe('aborted');
    expect(pulls).toBeLessThan(30);
  });
});

describe('loadCsv: progress and real files', () => {
  it('reports progress up to the total bytes of a real sample read from disk', async () => {
    const path = resolve(samplesDir, 'uci_credit_card_default.csv');
    const size = statSync(path).size;
    const seen: number[] = [];
    const r = await loadCsv(openFile(path), { fileName: 'uci.csv', totalBytes: size, onProgress: (n) => seen.push(n) });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(size);
    expect(r.bytesRead).toBe(size);
    expect(r.rowCount).toBe(30000);
    expect(r.columns).toHaveLength(25);
    expect(r.table.get('LIMIT_BAL', 0)).toBe('20000');
    expect(r.table.get('default_payment_next_month', 29999)).toBe('1');
  });

  it('reads the transactions sample (quoted commas inside merchant and job)', async () => {
    const r = await loadCsv(openFile(resolve(samplesDir, 'card_transactions_fraud.csv')));
    expect(r.rowCount).toBe(2001);
    expect(r.columns).toHaveLength(22);
    expect(r.table.get('merchant', 0)).toBe('fraud_Rippin, Kub and Mann');
    expect(r.table.get('job', 0)).toBe('Psychologist, counselling');
    expect(r.table.get('cc_num', 0)).toBe('2.70319E+15');
    expect(r.notices).toEqual([]);
  });

  it('reads a fixture from disk through a Node file stream', async () => {
    const r = await loadCsv(openFile(fixturePath('tab-separated.tsv')));
    expect(r.rowCount).toBe(2);
  });
});
