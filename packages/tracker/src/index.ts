export { Tracker, type TrackerInput } from './tracker.js';
export * from './record.js';
export * from './effects.js';
export * from './config.js';
export {
  OPERATOR_STATES,
  type OperatorInterval,
  type OperatorStateName,
} from './operator-types.js';
export type { TrackerSnapshot } from './snapshot.js';
