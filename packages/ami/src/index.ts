export * from './message.js';
export * from './parser.js';
export * from './event.js';
export * from './action.js';
export * from './response.js';
export { escapeC, unescapeC, isEscapedField } from './escape.js';
export type * from './generated/events.js';
export type * from './generated/actions.js';
export { AMI_EVENT_LISTS } from './generated/events.js';
