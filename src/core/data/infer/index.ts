export { inferSchema, type InferOptions } from './infer-schema.ts';
export { applySchema, categoricalLabel } from './apply-schema.ts';
export { detectDatetimeFormat, parseDatetime, expandTwoDigitYear, DATETIME_FORMATS } from './datetime.ts';
export { isMissingCell, DEFAULT_MISSING_MARKERS } from './missing.ts';
export { parseNumber, numberLabel } from './number.ts';
export { previewRoleChange, type RoleChange } from './role-change.ts';
export { parseClockTime, formatClockTime } from './clock-time.ts';
