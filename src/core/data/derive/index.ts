export * from './derived-features.ts';
export * from './history-features.ts';
