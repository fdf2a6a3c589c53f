/**
 * Suspicious codes in a numeric-coded categorical column (EDUCATION 0/5/6, MARRIAGE 0 in the UCI
 * data), found from the counts alone — no list of documented codes.
 *
 * Frequent codes (share ≥ `rareShare`, default 2 %) span a range [lo, hi]; rare codes inside it
 * are accepted. Rare codes outside it are walked outwards from the range, one side at a time:
 * - a rare code ≤ 0 in a coding whose frequent codes all start at 1, or a rare negative code when
 *   the frequent codes are all ≥ 0, is a placeholder (0 / −1 = "unknown" in 1-based codings);
 * - a code not adjacent (±1) to the last accepted code sits apart from the others (like 9 or 99);
 * - an ordinal tail thins out away from the bulk (PAY_0 3, 4, ..., 8), so a rare code clearly more
 *   frequent than every rare code between it and the range (Poisson z > 3 on the two counts) is a
 *   separate cluster, not a tail (EDUCATION 5: 280 rows after 4: 123 rows).
 * Once a code is flagged, every code further out on that side is flagged too.
 */

import { sentinelValues } from '../infer/roles.ts';

export interface FlaggedCode {
  code: string;
  count: number;
  reason: string;
}

export interface RareCodeAnalysis {
  /** codes with share ≥ rareShare */
  frequent: string[];
  flagged: FlaggedCode[];
  /** rare codes outside the frequent range that were accepted as a tail (e.g. EDUCATION 4) */
  acceptedTail: string[];
  /**
   * Where the flagged codes could be merged: the outermost accepted rare code above the frequent
   * range when the coding is short (≤ 10 codes), which in such codings is usually the "others"
   * bucket; else "other".
   */
  suggestedTarget: string;
  /**
   * Flagged codes that look like sentinels (96, 98, 99, 999: "not known", "refused") far above
   * the other codes: they mean something of their own, so they are never suggested for merging.
   */
  sentinels: string[];
}

export interface RareCodeOptions {
  rareShare?: number;
  /** z threshold for "clearly more frequent" (default 3) */
  z?: number;
}

/** null when the labels are not all numeric codes (then the rule does not apply). */
export function analyseRareCodes(counts: ReadonlyMap<string, number>, opts: RareCodeOptions = {}): RareCodeAnalysis | null {
  const rareShare = opts.rareShare ?? 0.02;
  const zMax = opts.z ?? 3;
  const entries = [...counts].map(([code, count]) => ({ code, count, value: Number(code) }));
  if (entries.length < 2 || entries.some((e) => e.code.trim() === '' || !Number.isFinite(e.value))) return null;
  const total = entries.reduce((s, e) => s + e.count, 0);
  entries.sort((a, b) => a.value - b.value);
  const frequent = entries.filter((e) => e.count / total >= rareShare);
  if (frequent.length === 0) return null;
  const lo = frequent[0].value;
  const hi = frequent[frequent.length - 1].value;
  const flagged: FlaggedCode[] = [];
  const acceptedTail: string[] = [];
  const integerCoded = entries.every((e) => Number.isInteger(e.value));

  const walk = (side: typeof entries, edge: number, dir: 1 | -1): void => {
    let prev = edge;
    let maxTail = 0;
    let brokenBy: string | null = null;
    for (const e of side) {
      if (brokenBy !== null) {
        flagged.push({ code: e.code, count: e.count, reason: `lies beyond code ${brokenBy}, which was flagged` });
        continue;
      }
      let reason: string | null = null;
      if (dir === -1 && lo >= 1 && e.value <= 0) reason = `placeholder-like code ${e.code} in a coding whose frequent codes start at ${lo}`;
      else if (dir === -1 && lo >= 0 && e.value < 0) reason = `negative code ${e.code} in a coding whose frequent codes are ≥ ${lo}`;
      else if (integerCoded && e.value !== prev + dir) reason = `separated by a gap from the other codes`;
      else if (maxTail > 0 && (e.count - maxTail) / Math.sqrt(e.count + maxTail) > zMax)
        reason = `more frequent (${e.count}) than the rare codes between it and the frequent ones (at most ${maxTail}): a separate cluster, not a thinning tail`;
      if (reason !== null) {
        flagged.push({ code: e.code, count: e.count, reason });
        brokenBy = e.code;
      } else {
        acceptedTail.push(e.code);
        prev = e.value;
        maxTail = Math.max(maxTail, e.count);
      }
    }
  };
  walk(entries.filter((e) => e.value > hi), hi, 1);
  walk(entries.filter((e) => e.value < lo).reverse(), lo, -1);

  const above = entries.filter((e) => e.value > hi && acceptedTail.includes(e.code));
  const suggestedTarget = entries.length <= 10 && above.length > 0 ? above[above.length - 1].code : 'other';
  flagged.sort((a, b) => Number(a.code) - Number(b.code));
  const sentinelSet = new Set(sentinelValues(entries.map((e) => e.value)).map(String));
  const sentinels = flagged.filter((f) => sentinelSet.has(String(Number(f.code)))).map((f) => f.code);
  return { frequent: frequent.map((e) => e.code), flagged, acceptedTail, suggestedTarget, sentinels };
}
