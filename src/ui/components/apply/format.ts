export const pct = (v: number | null | undefined, d = 1): string => (v === null || v === undefined || !Number.isFinite(v) ? '–' : `${(100 * v).toFixed(d)} %`);
export const num = (v: number | null | undefined, d = 0): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '–' : v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e)).replace(/^Error: /, '');
