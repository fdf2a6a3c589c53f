/** Why a CSV could not be loaded; the UI switches on `code` and shows `message` as is. */
export type CsvLoadErrorCode =
  | 'empty'
  | 'header-only'
  | 'binary'
  | 'too-large'
  | 'ragged'
  /** a quote never closed or a field too long: skipping rows cannot help */
  | 'malformed'
  | 'aborted';

/**
 * A load failure the user can act on. The message says what is wrong, where (line, column)
 * and what to do, so the UI does not need to know the details of each case.
 */
export class CsvLoadError extends Error {
  readonly code: CsvLoadErrorCode;

  constructor(code: CsvLoadErrorCode, message: string) {
    super(message);
    this.name = 'CsvLoadError';
    this.code = code;
  }
}
