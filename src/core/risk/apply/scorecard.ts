/**
 * Scorecard points by "points to double the odds" scaling, the industry convention:
 *   score = offset + factor · ln(odds_good),  factor = PDO / ln 2,  offset = base points − factor · ln(base odds)
 * so `basePoints` sits at `baseOdds` (good:bad) and every `pdo` points double the odds.
 */
export interface ScorecardScaling {
  /** points at the base odds; default 600 */
  basePoints: number;
  /** good:bad odds that earn the base points; default 50 (50:1) */
  baseOdds: number;
  /** points to double the odds; default 20 */
  pdo: number;
}

export const DEFAULT_SCALING: ScorecardScaling = { basePoints: 600, baseOdds: 50, pdo: 20 };

/** PDs are kept off 0 and 1 so the odds and points stay finite. */
const PD_FLOOR = 1e-9;

export function scalingConstants(s: ScorecardScaling = DEFAULT_SCALING): { factor: number; offset: number } {
  if (!(s.pdo > 0) || !(s.baseOdds > 0) || !Number.isFinite(s.basePoints)) {
    throw new Error('scorecard scaling needs points to double the odds > 0, base odds > 0 and finite base points');
  }
  const factor = s.pdo / Math.LN2;
  return { factor, offset: s.basePoints - factor * Math.log(s.baseOdds) };
}

/** Points for good:bad odds. */
export function pointsFromOdds(oddsGood: number, s: ScorecardScaling = DEFAULT_SCALING): number {
  const { factor, offset } = scalingConstants(s);
  return offset + factor * Math.log(oddsGood);
}

export function clampPd(pd: number): number {
  return Math.min(1 - PD_FLOOR, Math.max(PD_FLOOR, pd));
}

/** Points for a probability of default: odds_good = (1 − PD) / PD. */
export function pointsFromPd(pd: number, s: ScorecardScaling = DEFAULT_SCALING): number {
  const p = clampPd(pd);
  return pointsFromOdds((1 - p) / p, s);
}

/** The PD that earns the given points (inverse of pointsFromPd). */
export function pdFromPoints(points: number, s: ScorecardScaling = DEFAULT_SCALING): number {
  const { factor, offset } = scalingConstants(s);
  const oddsGood = Math.exp((points - offset) / factor);
  return 1 / (1 + oddsGood);
}

/**
 * Per-feature points from an additive explanation of the log-odds of default
 * (log-odds = base + Σ contributions): ln(odds_good) = −log-odds, so
 * base points = offset − factor · base and each feature earns −factor · contribution;
 * they add up to the total score exactly.
 */
export function pointsBreakdown(
  base: number,
  contributions: ArrayLike<number>,
  s: ScorecardScaling = DEFAULT_SCALING,
): { basePoints: number; featurePoints: number[]; total: number } {
  const { factor, offset } = scalingConstants(s);
  const basePoints = offset - factor * base;
  const featurePoints = Array.from(contributions, (c) => -factor * c);
  return { basePoints, featurePoints, total: featurePoints.reduce((a, b) => a + b, basePoints) };
}
