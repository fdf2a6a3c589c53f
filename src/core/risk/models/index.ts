export * from './risk-model.ts';
export * from './logistic-regression.ts';
export * from './gbdt/index.ts';
export type { ClassWeight } from './sample-weights.ts';
export { stratifiedHoldout, type Holdout } from './stratified-holdout.ts';
