/**
 * Conversions between the typed representations of CONVENTIONS.md, used when a step fixes a
 * column's role: numbers for continuous/datetime, canonical labels for everything else.
 */
import type { ColumnRole } from '../schema.ts';

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A finite number, or null (missing, blank, or text that is not a plain number). */
export function toNumberOrNull(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const s = String(v).trim();
  if (!NUMBER_TEXT.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** Canonical label: numbers and numeric text become canonical number strings ("1.0" → "1"). */
export function toLabelOrNull(v: unknown, canonicalNumbers = true): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : null;
  const s = String(v);
  if (canonicalNumbers) {
    const t = s.trim();
    if (NUMBER_TEXT.test(t)) {
      const n = Number(t);
      if (Number.isFinite(n)) return String(n);
    }
  }
  return s;
}

export function isNumericRole(role: ColumnRole): boolean {
  return role === 'continuous' || role === 'datetime';
}
