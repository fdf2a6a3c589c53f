export * from './gbdt.ts';
export type { Tree, TreeJson } from './tree.ts';
export { MISSING_BIN } from './bin-mapper.ts';
