export * from './client.js';
export * from './errors.js';
export * from './backoff.js';
export type { RawAnswer } from './pending.js';
