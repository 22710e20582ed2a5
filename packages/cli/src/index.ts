export { main } from './main.js';
export { amiDump, dumpStream, itemToJson } from './ami-dump.js';
