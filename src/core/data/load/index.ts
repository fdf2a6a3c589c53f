export { loadCsv } from './load-csv.ts';
export { CsvLoadError, type CsvLoadErrorCode } from './errors.ts';
export { detectDelimiter } from './sniff.ts';
export {
  DEFAULT_MAX_BYTES,
  type Delimiter,
  type LoadOptions,
  type LoadResult,
  type SkippedRow,
  type TextEncodingName,
} from './types.ts';
