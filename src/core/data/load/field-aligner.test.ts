import { describe, expect, it } from 'vitest';
import { delimitedTextTransformer } from 'arquero/src/format/stream/delimited-text-stream.js';
import { loadCsv } from './index.ts';
import { FieldAligner } from './field-aligner.ts';

// quoted delimiters, escaped quotes at field start and end, an empty quoted field, a CRLF
// inside quotes, a literal quote inside an unquoted field, and a last line without newline
const TRICKY = 'id,text,n\r\n1,"a, ""b""",x\r\n2,5" screen,\r\n3,"""q""","line1\r\nline2"\r\n4,"",""\n5,,';
const EXPECTED = [
  { id: '1', text: 'a, "b"', n: 'x' },
  { id: '2', text: '5" screen', n: null },
  { id: '3', text: '"q"', n: 'line1\r\nline2' },
  { id: '4', text: null, n: null },
  { id: '5', text: null, n: null },
];

function openPieces(pieces: string[]): () => ReadableStream<Uint8Array> {
  return () => {
    const chunks = pieces.map((p) => new TextEncoder().encode(p));
    return new ReadableStream({
      pull(c) {
        const next = chunks.shift();
        if (next) c.enqueue(next);
        else c.close();
      },
    });
  };
}

describe('FieldAligner (through loadCsv)', () => {
  it('gives the same rows wherever the stream splits the text', async () => {
    for (let cut = 1; cut < TRICKY.length; cut++) {
      const r = await loadCsv(openPieces([TRICKY.slice(0, cut), TRICKY.slice(cut)]));
      expect(r.table.objects(), `split at ${cut}`).toEqual(EXPECTED);
    }
    for (let size = 1; size <= 9; size++) {
      const pieces: string[] = [];
      for (let i = 0; i < TRICKY.length; i += size) pieces.push(TRICKY.slice(i, i + size));
      const r = await loadCsv(openPieces(pieces));
      expect(r.table.objects(), `pieces of ${size}`).toEqual(EXPECTED);
    }
  });

  it('is needed: Arquero 8.0.3 alone breaks a quoted field split between chunks (drop the aligner once this fails)', () => {
    const t = delimitedTextTransformer(',');
    const rows: string[][] = [];
    const c = { enqueue: (b: string[][]) => rows.push(...b) } as unknown as TransformStreamDefaultController<string[][]>;
    t.transform!('x,"ab', c);
    t.transform!(', cd",3\n', c);
    t.flush!(c);
    expect(rows).not.toEqual([['x', 'ab, cd', '3']]);
  });

  it('refuses a quoted field that never closes instead of buffering without end', async () => {
    const open = () => {
      let n = 0;
      return new ReadableStream<Uint8Array>({
        pull(c) {
          c.enqueue(new TextEncoder().encode(n++ === 0 ? 'a,b\n1,2\n3,"open' : 'x'.repeat(65536)));
        },
      });
    };
    await expect(loadCsv(open)).rejects.toMatchObject({ code: 'malformed', message: expect.stringContaining('line 3') });
  });
});

describe('FieldAligner cost', () => {
  /** pushes text in 8 KB pieces; returns what came out and the work the aligner counted */
  const align = (text: string) => {
    const a = new FieldAligner(',', 64 << 20);
    let out = '';
    for (let i = 0; i < text.length; i += 8192) out += a.push(text.slice(i, i + 8192));
    return { out: out + a.end(), work: a.work };
  };

  it('examines and copies each character of one huge field a bounded number of times (linear, not one rescan per piece)', () => {
    for (const quoted of [false, true]) {
      const field = (mb: number) => (quoted ? '"' + 'x,'.repeat(mb << 19) + '"' : 'x'.repeat(mb << 20));
      const small = 'a,b\n1,' + field(1) + '\n2,3\n';
      const big = 'a,b\n1,' + field(6) + '\n2,3\n';
      const s = align(small);
      const b = align(big);
      expect(s.out).toBe(small);
      expect(b.out).toBe(big);
      // the quadratic version did about (length / 8 KB) / 2 = 380 passes over the 6 MB field
      expect(b.work, quoted ? 'quoted' : 'unquoted').toBeLessThan(4 * big.length);
      expect(b.work / s.work).toBeLessThan(7);
    }
  });
});
