export { main } from './main.js';
export { amiDump, dumpStream } from './ami-dump.js';
export { replayCaptures, type ReplayResult } from './replay.js';
export { findCaptures, readCaptures, type Capture } from './captures.js';
export { loadTrackerConfig, ConfigFileError } from './tracker-config.js';
