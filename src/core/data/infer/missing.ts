/** Cell texts that mean "no value" (compared trimmed and case-insensitively). */
export const DEFAULT_MISSING_MARKERS: readonly string[] = ['', '?', 'na', 'n/a', 'nan', 'null', 'none'];

const MARKERS = new Set(DEFAULT_MISSING_MARKERS);

/** Whether a raw cell is missing: null, empty, or a missing marker such as `?` or `NA`. */
export function isMissingCell(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'number') return Number.isNaN(value);
  if (typeof value !== 'string') return false;
  if (value.length > 6) return false; // longest marker plus some surrounding spaces
  return MARKERS.has(value.trim().toLowerCase());
}
