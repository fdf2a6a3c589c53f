// Arquero ships no types for its stream internals; these are the parts the loader uses.
declare module 'arquero/src/format/stream/delimited-text-stream.js' {
  /** Arquero's streaming CSV tokenizer: text chunks in, batches of rows (string arrays) out. */
  export function delimitedTextTransformer(delimiter?: string): Transformer<string, string[][]>;
}
