import { unescapeC, isEscapedField } from './escape.js';
import { AMI_EVENT_LISTS, type AmiEvent, type AmiEventName } from './generated/events.js';
import type { AmiMessage } from './message.js';
import { setOwn } from './record.js';

export type { AmiEvent, AmiEventName } from './generated/events.js';

/** The event with the given name. */
export type EventOf<N extends AmiEventName> = Extract<AmiEvent, { readonly Event: N }>;

/** True for the names of events Asterisk 20 documents (and the few it writes undocumented). */
export function isAmiEventName(name: string): name is AmiEventName {
  return Object.hasOwn(AMI_EVENT_LISTS, name);
}

/**
 * The typed view of an event message: every field as a string, except the
 * fields that repeat (`ChanVariable` and its prefixed forms), which are
 * arrays; values that Asterisk C-escapes are unescaped. Fields the docs do not
 * name are kept too. Returns undefined for a message that is not an event of
 * a known name: read it through the message itself.
 */
export function toEvent(message: AmiMessage): AmiEvent | undefined {
  if (message.kind !== 'event') return undefined;
  const name = message.name;
  if (!isAmiEventName(name)) return undefined;
  const lists: readonly string[] = AMI_EVENT_LISTS[name];
  const out: Record<string, string | string[]> = {};
  for (let i = 0, n = message.size; i < n; i++) {
    const key = message.key(i);
    let value = message.value(i);
    if (isEscapedField(name, key)) value = unescapeC(value);
    if (lists.includes(key)) {
      const prev = out[key];
      if (Array.isArray(prev)) prev.push(value);
      else setOwn(out, key, [value]);
    } else if (!Object.hasOwn(out, key)) {
      setOwn(out, key, value);
    }
  }
  // The name was checked against the generated table and every field is a
  // string or, for the listed keys, a string array: the shape of AmiEvent.
  return out as unknown as AmiEvent;
}

/** `toEvent`, narrowed to one event name. */
export function toEventOf<N extends AmiEventName>(
  message: AmiMessage,
  name: N,
): EventOf<N> | undefined {
  const event = toEvent(message);
  return event !== undefined && event.Event === name ? (event as EventOf<N>) : undefined;
}

/** Splits a `ChanVariable` value (`NAME=value`) into its name and value. */
export function splitVariable(entry: string): { readonly name: string; readonly value: string } {
  const eq = entry.indexOf('=');
  return eq < 0
    ? { name: entry, value: '' }
    : { name: entry.slice(0, eq), value: entry.slice(eq + 1) };
}
