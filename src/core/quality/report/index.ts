export type * from './types';
export { buildValidationReport, ReportCancelledError, scoreCard, type ValidationInput } from './build-report';
export { reportToHtml, escapeHtml, inlineSvg, cardValue, VERDICT_WORDS, type ReportChart } from './to-html';
export { VALIDATION_THRESHOLDS, qualityVerdict, utilityVerdict, replayVerdict } from './verdicts';
export { correlationMatrices } from './correlations';
export { replayCheck } from './replay';
export { utilityReport, type UtilityOptions } from './utility';
export { planColumns } from './columns';
