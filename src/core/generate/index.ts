/** Step 4 of the pipeline: generation under what-if conditions and constraints, with placeholders for identifiers. */
export * from './constraints';
export * from './what-if';
export * from './rejection';
export * from './placeholders';
export { rareCopyFilter } from './rare-copies';
