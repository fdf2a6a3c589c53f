export { toSafeCsv, safeCsvField, neutraliseFormula, isNumericColumn, type SafeCsvOptions } from './csv-export.ts';
