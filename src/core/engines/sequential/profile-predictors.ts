/**
 * Profile values as coarse codes for the event trees: a categorical profile column with few
 * labels keeps them, a number falls in one of a few quantile bins. Many-valued columns (city,
 * ZIP) are left out on purpose: in training each names one customer, so trees would learn real
 * customers' streams by heart and hand them to synthetic customers that share one attribute.
 */
export interface ProfilePredictor {
  name: string;
  labels?: string[];
  cuts?: number[];
}

export const MAX_PROFILE_LABELS = 12;
export const PROFILE_BINS = 5;

export function fitProfilePredictor(name: string, role: string, values: ArrayLike<string | number | null>, bins = PROFILE_BINS): ProfilePredictor | null {
  if (role === 'categorical') {
    const labels = [...new Set(Array.from(values).filter((v): v is string => v !== null).map(String))].sort();
    return labels.length <= MAX_PROFILE_LABELS && labels.length > 1 ? { name, labels } : null;
  }
  const xs = Array.from(values).filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length < 2) return null;
  const cuts: number[] = [];
  for (let b = 1; b < bins; b++) {
    const q = xs[Math.min(xs.length - 1, Math.floor((b * xs.length) / bins))];
    if (cuts.length === 0 || q > cuts[cuts.length - 1]) cuts.push(q);
  }
  return cuts.length > 0 ? { name, cuts } : null;
}

export function profilePredictorCodes(p: ProfilePredictor): number {
  return p.labels ? p.labels.length + 1 : p.cuts!.length + 2;
}

/** The code of a value; missing or unseen values take the last code. */
export function profilePredictorCode(p: ProfilePredictor, v: string | number | null | undefined): number {
  const last = profilePredictorCodes(p) - 1;
  if (v === null || v === undefined) return last;
  if (p.labels) {
    const k = p.labels.indexOf(String(v));
    return k < 0 ? last : k;
  }
  if (typeof v !== 'number' || !Number.isFinite(v)) return last;
  let k = 0;
  while (k < p.cuts!.length && v >= p.cuts![k]) k++;
  return k;
}
