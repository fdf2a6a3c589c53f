export { fitSequential, sequentialFromJSON, FittedSequential, SEQUENTIAL_DEFAULTS, CUSTOMER, type SequentialOptions, type SyntheticStreams } from './sequential-engine.ts';
export { streamSpecProblems, type StreamSpec } from './stream-spec.ts';
export { groupStreams, keyOfRow, type CustomerStreams } from './customer-streams.ts';
export { linkedTables, linkedTablesCsv, type LinkedTables } from './linked-tables.ts';
