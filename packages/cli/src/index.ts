export { main } from './main.js';
export { amiDump, dumpStream } from './ami-dump.js';
export { replayCaptures, type ReplayResult } from './replay.js';
export { describeCall, quote } from './start.js';
export { cell, printCalls } from './calls.js';
export { ReplaySimulation, type SimulationOptions } from './simulate/simulation.js';
