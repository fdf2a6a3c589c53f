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
 */
export class FieldAligner {
  private pending = '';
  /** next index of `pending` to examine for quotes */
  private scanPos = 0;
  private inQuote = false;
  /** index of the opening quote while `inQuote` */
  private quoteStart = 0;
  /** separators before this index may lie inside a quoted field */
  private safeFrom = 0;
  /** index where Arquero starts a field after a closed quote and its separator */
  private nextFieldStart = 0;
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
    const s = this.pending.length > 0 ? this.pending + text : text;
    const n = s.length;
    let i = this.scanPos;
    while (i < n) {
      const q = s.indexOf('"', i);
      if (this.inQuote) {
        // a quote as the last character may be a closing one or the first of `""`: wait for more
        if (q < 0 || q === n - 1) {
          i = q < 0 ? n : q;
          break;
        }
        if (s.charCodeAt(q + 1) === QUOTE) {
          i = q + 2;
          continue;
        }
        this.inQuote = false;
        this.safeFrom = q + 1;
        this.nextFieldStart = q + 2;
        i = q + 2;
      } else {
        if (q < 0) {
          i = n;
          break;
        }
        if (this.startsField(s, q)) {
          this.inQuote = true;
          this.quoteStart = q;
        }
        i = q + 1;
      }
    }
    this.scanPos = Math.min(i, n);

    let cut = 0;
    if (this.inQuote) {
      cut = this.quoteStart;
    } else {
      for (let k = n - 1; k >= this.safeFrom; k--) {
        const c = s.charCodeAt(k);
        if (c === this.delim || c === LF || c === CR) {
          cut = k + 1;
          break;
        }
      }
    }
    if (cut === 0) {
      this.pending = s;
      // nothing in [safeFrom, n) ends a field: the next push need only look at its new text
      if (!this.inQuote) this.safeFrom = n;
      if (s.length > this.maxPending) throw new FieldTooLongError(this.inQuote);
      return '';
    }
    this.pending = s.slice(cut);
    this.scanPos -= cut;
    this.quoteStart -= cut;
    this.safeFrom = Math.max(0, this.safeFrom - cut);
    this.nextFieldStart -= cut;
    return cut === n ? s : s.slice(0, cut);
  }

  /** At the end of the text: whether a quoted field was opened and never closed. */
  endsInOpenQuote(): boolean {
    // a quote as the very last character closes the field (nothing can follow to make it `""`)
    return this.inQuote && this.scanPos !== this.pending.length - 1;
  }

  /** What is left at the end of the text. */
  end(): string {
    const rest = this.pending;
    this.pending = '';
    return rest;
  }

  private startsField(s: string, q: number): boolean {
    if (q === 0 || q === this.nextFieldStart) return true;
    const prev = s.charCodeAt(q - 1);
    return prev === this.delim || prev === LF || prev === CR;
  }
}

export class FieldTooLongError extends Error {
  constructor(readonly inQuote: boolean) {
    super('field too long');
  }
}
