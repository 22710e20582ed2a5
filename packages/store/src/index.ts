export * from './db.js';
export * from './schema.js';
export * from './store.js';
export * from './journal.js';
export * from './read.js';
export * from './directory.js';
