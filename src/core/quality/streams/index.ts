export { streamView, gapsSeconds, hoursOf, type StreamColumns, type StreamView } from './stream-view.ts';
export { streamFidelity, transitionSimilarity, tvOfCounts, type StreamFidelity } from './stream-fidelity.ts';
export { customerSummaries } from './customer-summary.ts';
export { customerDetection } from './customer-detection.ts';
export { customerDcrRatio } from './customer-dcr.ts';
export { splitByCustomer, laterPeriodStart, type CustomerSplit } from './customer-split.ts';
export { fraudAuc, fraudFeatures, type FraudModelSpec } from './stream-utility.ts';
export { copiedProfiles } from './profile-replay.ts';
export { streamColumnsFor } from './stream-roles.ts';
