export * from './feature-spec.ts';
export * from './feature-matrix.ts';
export * from './standard-encoder.ts';
export * from './tree-encoder.ts';
export { sortLabels } from './column-values.ts';
export * from './wide-categories.ts';
