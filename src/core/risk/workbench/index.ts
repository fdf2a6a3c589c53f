export * from './fitted-model.ts';
export * from './training-data.ts';
export * from './evaluation.ts';
export * from './importance.ts';
export * from './train-and-evaluate.ts';
export * from './comparison.ts';
export * from '../../data/derive/derived-features.ts';
export { binaryTarget, type BinaryTarget } from './target.ts';
export { takeTableRows, concatTables } from './table-rows.ts';
