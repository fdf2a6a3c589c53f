/**
 * Clock times written `HH:MM`, `HH:MM:SS` (a fraction allowed) or `h:MM AM`: a time of day with
 * no date. Typed as seconds since midnight (0..86399.999) in a continuous column whose schema
 * says `timeOfDay` (docs/CONVENTIONS.md), so every model treats it as the quantity it is.
 */
const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?(?:\s*([AaPp])\.?[Mm]\.?)?$/;

/** Seconds since midnight of a clock time, or null when the text is not one (or not a real time). */
export function parseClockTime(text: string): number | null {
  const m = CLOCK.exec(text.trim());
  if (!m) return null;
  let h = +m[1];
  const mi = +m[2];
  const s = m[3] === undefined ? 0 : +m[3];
  if (mi > 59 || s >= 60) return null;
  if (m[4] !== undefined) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (m[4].toLowerCase() === 'p' ? 12 : 0);
  } else if (h > 23) {
    return null;
  }
  return h * 3600 + mi * 60 + s;
}

/** `HH:MM` (or `HH:MM:SS` when there are seconds) of seconds since midnight, for display. */
export function formatClockTime(seconds: number): string {
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600) % 24;
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return s === 0 ? `${pad(h)}:${pad(m)}` : `${pad(h)}:${pad(m)}:${pad(s)}`;
}
