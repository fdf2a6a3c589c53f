export {
  toSafeCsv,
  safeCsvParts,
  safeCsvBlob,
  safeCsvField,
  csvLine,
  neutraliseFormula,
  isFormulaLike,
  CSV_EOL,
  type SafeCsvOptions,
  type CsvColumnSpec,
} from './csv-export.ts';
export { valueText, formatDecimals, type ValueColumn } from './value-format.ts';
export { detectDatetimePattern, formatDatetime } from './datetime-pattern.ts';
