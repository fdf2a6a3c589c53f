export { proposeStreams, type StreamProposal, type StreamFinding } from './propose-streams.ts';
export { constancyWithinKey, rowKeys, type Constancy } from './constancy.ts';
export { proposeDateParts } from './date-parts.ts';
export { restoreDateParts } from './date-parts-output.ts';
