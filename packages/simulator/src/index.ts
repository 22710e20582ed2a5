export * from './server.js';
export * from './replay.js';
export * from './wire.js';
