export * from './derived-features.ts';
