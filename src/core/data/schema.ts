/**
 * The dataset schema: the single source of truth for every later pipeline step
 * (cleaning, GAN transformer, quality report, risk models). Inference proposes it,
 * the user may override any role, and everything downstream reads only this.
 */

/** What a column means for modelling. */
export type ColumnRole =
  /** numeric quantity: amounts, ages, limits (mode-specific normalisation in the GAN) */
  | 'continuous'
  /** finite set of labels, including numeric codes with few distinct values (SEX 1/2, PAY_0 -2..8) */
  | 'categorical'
  /** calendar date or timestamp; stored as epoch milliseconds (UTC) after typing */
  | 'datetime'
  /** unique or near-unique key (ID, card number, transaction id): never modelled or copied */
  | 'identifier'
  /** free text or personal data (names, streets): never modelled or copied */
  | 'text';

export const COLUMN_ROLES: readonly ColumnRole[] = ['continuous', 'categorical', 'datetime', 'identifier', 'text'];

/** Roles whose values a model may learn from. */
export function isModelledRole(role: ColumnRole): boolean {
  return role === 'continuous' || role === 'categorical' || role === 'datetime';
}

export interface ColumnSchema {
  name: string;
  /** the role in force (the user's override, else the inferred one) */
  role: ColumnRole;
  /** what inference proposed, kept so the UI can show and undo an override */
  inferredRole: ColumnRole;
  /** one sentence on why inference chose that role, shown to the user */
  reason: string;
  /** every non-missing value parses as a number */
  numeric: boolean;
  /** every non-missing numeric value is a whole number (generated values are rounded back) */
  integer: boolean;
  /** count of missing cells (empty, or a recognised missing marker such as `?` or `NA`) */
  missing: number;
  /** count of distinct non-missing values */
  distinct: number;
  /** for datetime columns: the recognised textual format, e.g. 'M/D/YY H:mm' or 'ISO' */
  datetimeFormat?: string;
  /** how the input file wrote the values, so every download writes them the same way (infer/input-format.ts) */
  inputFormat?: InputFormat;
}

/**
 * A column's written form in the input file. Downloads (export/csv-writer.ts) write synthetic,
 * scored and cleaned values back in this form: cents stay cents, whole numbers stay whole, a
 * date-only column stays date-only, a timestamp keeps its exact pattern.
 */
export interface InputFormat {
  /** numbers: the most digits after the decimal point seen in the file (0: whole numbers) */
  decimals?: number;
  /**
   * numbers: every number was written with exactly `decimals` digits (`12.50`, `3.00`), so
   * downloads pad to them; otherwise they round to `decimals` and drop trailing zeros
   */
  fixedDecimals?: boolean;
  /** numbers: text written before the number, e.g. `$` (kept by parsing that strips it) */
  prefix?: string;
  /** numbers: text written after the number, e.g. `%` */
  suffix?: string;
  /**
   * datetimes: the exact pattern, e.g. `YYYY-MM-DD HH:mm:ss`, `YYYY-MM-DD`, `MM/DD/YYYY`,
   * `M/D/YY h:mm A`, `YYYY-MM-DD[T]HH:mm:ss.SSS[Z]` (tokens as in infer/datetime.ts, `SSS` a
   * fraction of a second, literal letters in brackets)
   */
  datetime?: string;
}

export interface DatasetSchema {
  columns: ColumnSchema[];
  /** the binary target column (default, fraud, ...), or null when none is chosen */
  target: string | null;
  /** which target value counts as the positive class ("1" for default/fraud) */
  positiveLabel: string | null;
  rowCount: number;
}

export function columnByName(schema: DatasetSchema, name: string): ColumnSchema | undefined {
  return schema.columns.find((c) => c.name === name);
}
