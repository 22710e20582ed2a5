import type { AmiAction, AmiActionName } from './generated/actions.js';

export type { AmiAction, AmiActionName } from './generated/actions.js';
export { AMI_ACTION_NAMES } from './generated/actions.js';

/** The action with the given name. */
export type ActionOf<N extends AmiActionName> = Extract<AmiAction, { readonly Action: N }>;

/** An action the docs do not name (a module's own, or a newer Asterisk's). */
export interface CustomAction {
  readonly Action: string;
  readonly ActionID?: string;
  readonly [key: string]: string | readonly string[] | undefined;
}

/** An action that cannot be written to the wire as it is. */
export class AmiActionError extends Error {
  override readonly name = 'AmiActionError';
  constructor(
    message: string,
    readonly action: string,
    readonly key?: string,
  ) {
    super(message);
  }
}

const KEY = /^[A-Za-z0-9][A-Za-z0-9_()\-.]*$/;
const encoder = new TextEncoder();
/** main/manager.c reads an action line into a 1025-byte buffer, CRLF included, and drops longer ones. */
export const MAX_ACTION_LINE_BYTES = 1022;
/** AST_MAX_MANHEADERS: fields past this count are ignored by Asterisk. */
export const MAX_ACTION_FIELDS = 128;

/**
 * Writes an action as AMI lines: `Action` first, then `ActionID`, then the
 * other fields in their order; an array value becomes one line per item
 * (`Variable`). A value with a CR or LF would let its text forge extra
 * fields or a second action, so it is refused, as is a malformed key.
 */
export function encodeAction(action: AmiAction | CustomAction): Uint8Array {
  return encoder.encode(formatAction(action));
}

export function formatAction(action: AmiAction | CustomAction): string {
  const fields: ReadonlyArray<readonly [string, unknown]> = Object.entries(action);
  const name = action.Action;
  let out = line(name, 'Action', name);
  let count = 1;
  if (action.ActionID !== undefined) {
    out += line(name, 'ActionID', action.ActionID);
    count++;
  }
  for (const [key, value] of fields) {
    if (key === 'Action' || key === 'ActionID' || value === undefined) continue;
    if (!KEY.test(key))
      throw new AmiActionError(`${name}: invalid field name ${JSON.stringify(key)}`, name, key);
    const values: readonly unknown[] = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (typeof v !== 'string') {
        throw new AmiActionError(`${name}: field ${key} must be a string`, name, key);
      }
      out += line(name, key, v);
      if (++count > MAX_ACTION_FIELDS) {
        throw new AmiActionError(`${name}: more than ${MAX_ACTION_FIELDS} fields`, name, key);
      }
    }
  }
  return `${out}\r\n`;
}

function line(action: string, key: string, value: string): string {
  if (/[\r\n]/.test(value)) {
    throw new AmiActionError(`${action}: field ${key} contains a line break`, action, key);
  }
  const text = `${key}: ${value}`;
  if (encoder.encode(text).length > MAX_ACTION_LINE_BYTES) {
    throw new AmiActionError(
      `${action}: field ${key} is longer than Asterisk reads (${MAX_ACTION_LINE_BYTES} bytes a line)`,
      action,
      key,
    );
  }
  return `${text}\r\n`;
}
