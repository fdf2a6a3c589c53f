const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Cuts decoded text so that every piece handed to Arquero's tokenizer ends on a field
 * boundary (just after a delimiter or line break that is outside quotes).
 *
 * Why: Arquero 8.0.3's `delimitedTextTransformer` mis-parses a quoted field that is split
 * between two chunks (`"Smith, ` | `Jane"` comes out as two broken fields), and a stream
 * splits text wherever it likes. Fed whole fields, its state never spans a quoted field.
 *
 * Quote rules mirror Arquero's: a quote opens a quoted field only at the start of a field;
 * inside one, `""` is an escaped quote and any other quote closes it, the character after
 * the closing quote being taken as the separator.
 *
 * Cost: each pushed character is examined once, and held text is kept as a list of pieces
 * joined only when it is released, so one huge field costs time linear in its length
 * (concatenating onto one growing string made every push copy the whole field).
 * Positions below are absolute offsets in the whole text.
 */
export class FieldAligner {
  /** held text not yet released, in pushed order, starting at offset `base` */
  private held: string[] = [];
  private base = 0;
  /** offset just past the last pushed character */
  private end_ = 0;
  private lastChar = LF;
  private inQuote = false;
  /** offset of the opening quote while `inQuote` */
  private quoteStart = 0;
  /** in a quoted field, the last pushed character was a quote: closing, or the first of `""` */
  private quoteAtEnd = false;
  /** separators before this offset may lie inside a quoted field */
  private safeFrom = 0;
  /** offset where Arquero starts a field after a closed quote and its separator */
  private nextFieldStart = 0;
  /** characters examined and copied so far: the work this class does, for tests of its cost */
  work = 0;
  private readonly delim: number;

  constructor(
    delimiter: string,
    /** refuse to hold more than this many characters of one unfinished field */
    private readonly maxPending = 8 * 1024 * 1024,
  ) {
    this.delim = delimiter.charCodeAt(0);
  }

  /** Accept more text; returns the part that ends on a field boundary (possibly ''). */
  push(text: string): string {
    const n = text.length;
    if (n === 0) return '';
    const g0 = this.end_;
    this.scanQuotes(text, g0);
    this.end_ = g0 + n;

    let cut = this.base;
    if (this.inQuote) {
      cut = this.quoteStart;
    } else {
      const stop = Math.max(this.safeFrom, g0) - g0;
      for (let k = n - 1; k >= stop; k--) {
        this.work++;
        const c = text.charCodeAt(k);
        if (c === this.delim || c === LF || c === CR) {
          cut = g0 + k + 1;
          break;
        }
      }
      // nothing in [safeFrom, end) ends a field: the next push need only look at its new text
      if (cut === this.base) this.safeFrom = this.end_;
    }
    this.lastChar = text.charCodeAt(n - 1);
    if (cut <= this.base) {
      this.held.push(text);
      if (this.end_ - this.base > this.maxPending) throw new FieldTooLongError(this.inQuote);
      return '';
    }
    const all = this.held.length === 0 ? text : this.held.join('') + text;
    this.work += all.length;
    const at = cut - this.base;
    this.held = at < all.length ? [all.slice(at)] : [];
    this.base = cut;
    return at === all.length ? all : all.slice(0, at);
  }

  /** At the end of the text: whether a quoted field was opened and never closed. */
  endsInOpenQuote(): boolean {
    // a quote as the very last character closes the field (nothing can follow to make it `""`)
    return this.inQuote && !this.quoteAtEnd;
  }

  /** What is left at the end of the text. */
  end(): string {
    const rest = this.held.join('');
    this.held = [];
    this.base = this.end_;
    return rest;
  }

  /** Follows quotes through `text`, which starts at offset g0. */
  private scanQuotes(text: string, g0: number): void {
    const n = text.length;
    let i = 0;
    if (this.quoteAtEnd) {
      // the previous push ended on a quote inside a quoted field
      this.quoteAtEnd = false;
      if (text.charCodeAt(0) === QUOTE) i = 1;
      else this.closeQuote(g0 - 1);
    }
    while (i < n) {
      const q = text.indexOf('"', i);
      this.work += (q < 0 ? n : q + 1) - i;
      if (q < 0) return;
      if (this.inQuote) {
        if (q === n - 1) {
          this.quoteAtEnd = true;
          return;
        }
        if (text.charCodeAt(q + 1) === QUOTE) {
          i = q + 2;
          continue;
        }
        this.closeQuote(g0 + q);
        i = q + 2;
      } else {
        const prev = q === 0 ? this.lastChar : text.charCodeAt(q - 1);
        if (g0 + q === this.nextFieldStart || prev === this.delim || prev === LF || prev === CR) {
          this.inQuote = true;
          this.quoteStart = g0 + q;
        }
        i = q + 1;
      }
    }
  }

  private closeQuote(at: number): void {
    this.inQuote = false;
    this.safeFrom = at + 1;
    this.nextFieldStart = at + 2;
  }
}

export class FieldTooLongError extends Error {
  constructor(readonly inQuote: boolean) {
    super('field too long');
  }
}
