export { fitGowerEncoding, encodeRows, type GowerEncoding, type EncodedRows } from './gowerEncoding';
export { nearestDistances } from './nearestDistance';
export { countExactCopies, countRareCopies, RARE_ROW_MIN_COUNT } from './exactCopies';
export { membershipInferenceAuc, type MembershipInference } from './membershipInference';
export { privacyReport, type PrivacyOptions, type PrivacyReport } from './privacyReport';
export {
  PRIVACY_THRESHOLDS,
  dcrRatioVerdict,
  closeShareVerdict,
  exactCopiesVerdict,
  attackAucVerdict,
  rareCopiesVerdict,
  type Verdict,
  type VerdictLevel,
} from './verdict';
