export { randomSplit, stratifiedSplit } from './split.ts';
export type { Split, SplitOptions } from './split.ts';
