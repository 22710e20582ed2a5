export * from './server.js';
export * from './replay.js';
export * from './wire.js';
export * from './fresh.js';
export * from './live-state.js';
export * from './generate/index.js';
