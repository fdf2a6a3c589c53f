import { describe, expect, it } from 'vitest';
import { loadCsv, CsvLoadError, type CsvLoadErrorCode, type LoadResult } from './index.ts';
import { inferSchema, applySchema } from '../infer/index.ts';
import { openBytes } from '../__fixtures__/streams.ts';
import { FORMULAS, MB, XSS_IMG, XSS_SCRIPT, hostileCorpus, utf8, withRun, type HostileCase } from '../__fixtures__/hostile.ts';

/** Generous: the slowest case (a 10 MB field) takes about 6 s on a busy core. */
const HANG_MS = 30_000;

interface Outcome {
  result?: LoadResult;
  error?: CsvLoadError;
  ms: number;
}

/** Load with a deadline; anything thrown other than a CsvLoadError fails the test, and so does a hang. */
async function load(bytes: Uint8Array, chunkSize = 65536, limit = HANG_MS): Promise<Outcome> {
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${limit} ms (hang)`)), limit);
  });
  try {
    const result = await Promise.race([loadCsv(openBytes(bytes, chunkSize)), deadline]);
    return { result, ms: performance.now() - started };
  } catch (e) {
    if (e instanceof CsvLoadError) return { error: e, ms: performance.now() - started };
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

type Expectation =
  | { error: CsvLoadErrorCode | CsvLoadErrorCode[]; mentions: RegExp[] }
  | { rows: number; columns: string[] | number; cells?: Record<string, unknown[]> }
  /** either outcome is acceptable; an error must still say where */
  | { either: true; errorMentions: RegExp };

const LINE = /\bline \d+/;

/** What each named corpus case must give (every case has an entry, so none goes unchecked). */
const EXPECTED: Record<string, Expectation> = {
  'random bytes (64 KB, seeded)': { error: 'binary', mentions: [/binary file, not CSV/, /NUL byte \(at byte \d+\)/] },
  'random bytes without control characters (64 KB, seeded)': { either: true, errorMentions: /line \d+|column/ },
  'random bytes, tiny (7 bytes)': { error: 'header-only', mentions: [/1 column/, /no data rows/] },
  '10 MB single unquoted field': { error: 'malformed', mentions: [/line 2\b/, /longer than 8 MB/] },
  '10 MB single quoted field': { error: 'malformed', mentions: [/line 2\b/, /8 MB/, /double quote/] },
  '10 MB header field': { error: 'malformed', mentions: [/line 1\b/, /longer than 8 MB/] },
  '10,000 columns': { rows: 3, columns: 10_000 },
  '1 column, 1,000,000 rows': { rows: 1_000_000, columns: ['v'] },
  // loads today, swallowing the rest of the file into one cell: see the separate failing test below
  'unbalanced quote in a value': { either: true, errorMentions: /line 2\b/ },
  'unbalanced quote in the header': { either: true, errorMentions: /line 1\b|column/ },
  'stray quotes inside unquoted fields': { error: 'ragged', mentions: [/line 3 has 3 fields/] },
  'NUL bytes near the start': { error: 'binary', mentions: [/NUL byte \(at byte 7\)/] },
  'NUL bytes after the first 64 KB': { either: true, errorMentions: /line 20002\b/ },
  'HTML and <script> in header and values': {
    rows: 3,
    columns: [XSS_IMG, XSS_SCRIPT, 'formula', 'empty'],
    cells: {
      [XSS_IMG]: [XSS_SCRIPT, '<b>bold</b>', '&lt;escaped&gt;'],
      [XSS_SCRIPT]: [XSS_IMG, '<a href="javascript:alert(1)">x</a>', '"><svg onload=alert(1)>'],
      formula: [FORMULAS[0], '@SUM(A1)', '-1+2'],
      empty: [null, null, null],
    },
  },
  'formula cells': { rows: FORMULAS.length, columns: ['a', 'b'], cells: { a: [...FORMULAS] } },
  'very long line (5 MB, one field)': { rows: 1, columns: ['a'] },
  'very long line (100,001 fields under a 2-column header)': { error: 'ragged', mentions: [/line 2 has 100001 fields/] },
  'only delimiters (commas)': { rows: 2, columns: ['column_1', 'column_2', 'column_3', 'column_4', 'column_5'] },
  'only delimiters (semicolons, no line break)': { error: 'header-only', mentions: [/7 columns/, /"column_1"/] },
  'only delimiters (tabs)': { either: true, errorMentions: /blank|column/ },
  // one quoted name never closed
  'only quotes (odd count, 1 MB)': { error: ['header-only', 'malformed'], mentions: [/1 column|line 1\b/] },
  'only quotes (even count)': { rows: 1, columns: ['""'], cells: { '""': ['"'] } },
  'only line breaks': { error: 'empty', mentions: [/only blank lines/] },
  'mixed line endings': { rows: 4, columns: ['a', 'b'], cells: { a: ['1', '3', '5', '7'], b: ['2', '4', '6', '8'] } },
  'header of 1 column, rows of 3': { error: 'ragged', mentions: [/line 2 has 3 fields, line 3 has 3 fields/, /1 fields of the header/] },
  'UTF-16 text': { error: 'binary', mentions: [/UTF-16/] },
  'truncated gzip': { error: 'binary', mentions: [/gzip-compressed but could not be decompressed/] },
};

function check(c: HostileCase, out: Outcome): void {
  const want = EXPECTED[c.name];
  expect(want, `an expectation for "${c.name}"`).toBeDefined();
  if (out.error) {
    // a clear message: not empty, and where it applies it says where
    expect(out.error.message.trim().length).toBeGreaterThan(20);
    expect(out.error.name).toBe('CsvLoadError');
    if ('error' in want) {
      expect([want.error].flat()).toContain(out.error.code);
      for (const m of want.mentions) expect(out.error.message).toMatch(m);
    } else if ('either' in want) {
      expect(out.error.message).toMatch(want.errorMentions);
    } else {
      throw new Error(`expected a table, got ${out.error.code}: ${out.error.message.slice(0, 300)}`);
    }
    if (out.error.code === 'ragged' || out.error.code === 'malformed') expect(out.error.message).toMatch(LINE);
    return;
  }
  const r = out.result!;
  expect('error' in want, `expected an error for "${c.name}"`).toBe(false);
  if ('rows' in want) {
    expect(r.rowCount).toBe(want.rows);
    expect(r.table.numRows()).toBe(want.rows);
    if (typeof want.columns === 'number') expect(r.columns).toHaveLength(want.columns);
    else expect(r.columns).toEqual(want.columns);
    for (const [name, cells] of Object.entries(want.cells ?? {})) expect(Array.from(r.table.array(name))).toEqual(cells);
  }
  expect(r.table.columnNames()).toEqual(r.columns);
  // whatever loaded, inference and typing must cope with it
  const schema = inferSchema(r.table);
  expect(schema.columns.map((col) => col.name)).toEqual(r.columns);
  const typed = applySchema(r.table, schema);
  expect(typed.numRows()).toBe(r.rowCount);
}

describe('loadCsv on hostile input: every file ends in a table or a CsvLoadError that says where', () => {
  const corpus = hostileCorpus();

  it('has an expectation for every case and a case for every expectation', () => {
    expect(corpus.map((c) => c.name).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const c of corpus) {
    it(c.name, async () => {
      const out = await load(c.bytes(), c.chunkSize);
      check(c, out);
    }, HANG_MS + 30_000);
  }

  it('keeps markup and formulas as plain text (never interpreted), including in header names', async () => {
    const { result } = await load(utf8(`${'<h1 id="x">'},=cmd|' /C calc'!A0\n<script>alert(1)</script>,@SUM(1+1)*cmd|' /C calc'!A0\n`));
    expect(result!.columns).toEqual(['<h1 id="x">', "=cmd|' /C calc'!A0"]);
    expect(result!.table.objects()).toEqual([{ '<h1 id="x">': '<script>alert(1)</script>', "=cmd|' /C calc'!A0": "@SUM(1+1)*cmd|' /C calc'!A0" }]);
  });

  it('a header of 1 column with ragged rows of 3 loads with skipRaggedRows as an empty-row error, naming the lines', async () => {
    const open = openBytes(utf8('a\n1,2,3\n4,5,6\n'));
    const e = await loadCsv(open, { skipRaggedRows: true }).then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(CsvLoadError);
    expect((e as CsvLoadError).code).toBe('header-only');
    expect((e as CsvLoadError).message).toContain('2 rows were skipped for having the wrong number of fields');
  });
});

/*
 * Loader bugs this corpus found (fixed in load-csv.ts, field-aligner.ts and row-collector.ts);
 * kept as regression tests.
 */
describe('loadCsv on hostile input: regressions', () => {
  it('regression: a quote that is never closed in a small file is reported with its line, not silently swallowing the rest of the file', async () => {
    // 1,000 good rows after the stray quote on line 3 become one cell of row 2 today, with no notice
    const text = 'a,b\n1,2\n3,"oops\n' + '4,5\n'.repeat(1000);
    const { result, error } = await load(utf8(text));
    expect(result?.rowCount, 'rows loaded although the rest of the file went into one cell').toBeUndefined();
    expect(error).toBeInstanceOf(CsvLoadError);
    expect(error?.message).toMatch(/line 3\b/);
    expect(error?.message).toMatch(/double quote/);
  });

  it('regression: error messages and notices quote a huge column name only in part (not 0.5 MB of it)', async () => {
    const hugeName = await load(withRun('"', 'q', 500_000, '"\n'));
    expect(hugeName.error?.code).toBe('header-only');
    expect(hugeName.error!.message.length).toBeLessThan(2000);
    const hugeEmptyColumn = await load(withRun('a,', 'n', 200_000, '\n1,\n'));
    expect(hugeEmptyColumn.result?.rowCount).toBe(1);
    for (const notice of hugeEmptyColumn.result!.notices) expect(notice.length).toBeLessThan(2000);
  });

  it('regression: a 6 MB unquoted field loads whole (its cost is counted in field-aligner.test.ts, its speed in npm run bench)', async () => {
    const out = await load(withRun('a,b\n1,', 'x', 6 * MB, '\n2,3\n'), 8192);
    expect(out.result?.rowCount).toBe(2);
  }, HANG_MS + 30_000);
});
