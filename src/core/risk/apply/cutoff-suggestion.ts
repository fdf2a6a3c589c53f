/**
 * The cut-off suggested before the user picks one. A flat 50 % approves almost everyone on a 6 %
 * target, since few applicants ever reach a PD of one half. Decision rule: approve while the expected
 * loss of approving, PD × loss, stays below the expected margin, (1 − PD) × margin, so
 *   PD ≤ 1 / (1 + R),   R = loss of a default ÷ margin of a good = LGD ÷ margin rate.
 * That holds for calibrated PDs. A model trained on another positive share than the real one (balanced
 * class weights: as if 50 %; oversampling: the oversampled share) gives odds scaled by
 *   [m / (1 − m)] ÷ [π / (1 − π)]   (m = the share its scores reflect, π = the real target rate),
 * so the cut-off is moved by the same factor.
 */

/** The Apply step's default costs (its cut-off panel starts from them): LGD 45 %, margin 5 % of exposure. */
export const DEFAULT_LGD = 0.45;
export const DEFAULT_MARGIN_RATE = 0.05;
export const DEFAULT_COST_RATIO = DEFAULT_LGD / DEFAULT_MARGIN_RATE;

export interface CutoffSuggestionInput {
  /** positive (event) share of the real training rows */
  targetRate: number;
  /** positive share the model's scores reflect; default the target rate (a calibrated model) */
  modelRate?: number;
  /** loss of approving a default ÷ margin lost by declining a good; default DEFAULT_COST_RATIO */
  costRatio?: number;
}

export interface CutoffSuggestion {
  /** approve while the model's score ≤ pd */
  pd: number;
  targetRate: number;
  modelRate: number;
  costRatio: number;
  /** how it was found, in one or two sentences */
  explanation: string;
}

const pct = (v: number) => `${(100 * v).toFixed(1)} %`;

export function suggestCutoff(input: CutoffSuggestionInput): CutoffSuggestion {
  const { targetRate } = input;
  const modelRate = input.modelRate ?? targetRate;
  const costRatio = input.costRatio ?? DEFAULT_COST_RATIO;
  if (!(targetRate > 0 && targetRate < 1)) throw new Error(`the target rate must be in (0, 1), got ${targetRate}`);
  if (!(modelRate > 0 && modelRate < 1)) throw new Error(`the model's positive share must be in (0, 1), got ${modelRate}`);
  if (!(costRatio > 0 && Number.isFinite(costRatio))) throw new Error(`the cost ratio must be > 0, got ${costRatio}`);
  const odds = (1 / costRatio) * (modelRate / (1 - modelRate)) / (targetRate / (1 - targetRate));
  const pd = odds / (1 + odds);
  const rule = `a default costs ${+costRatio.toFixed(2)} times the margin of a good loan, so approve while PD ≤ 1 / (1 + ${+costRatio.toFixed(2)}) = ${pct(1 / (1 + costRatio))}`;
  const shift = Math.abs(modelRate - targetRate) > 1e-9 ? `; the model was trained as if ${pct(modelRate)} were positive (the real rate is ${pct(targetRate)}), so on its scores that is ${pct(pd)}` : '';
  return { pd, targetRate, modelRate, costRatio, explanation: `Suggested cut-off ${pct(pd)}: ${rule}${shift}.` };
}
