export { main } from './main.js';
export { amiDump, dumpStream } from './ami-dump.js';
