import type { AmiActionName } from './generated/actions.js';
import type { AmiEvent, AmiEventName } from './generated/events.js';
import type { EventOf } from './event.js';
import type { AmiMessage } from './message.js';
import { setOwn } from './record.js';

/** Fields of every response. */
export interface AmiResponse {
  readonly Response: 'Success' | 'Error' | 'Goodbye' | 'Follows' | (string & {});
  readonly ActionID?: string;
  readonly Message?: string;
  /** `start` when the answer continues as a list of events. */
  readonly EventList?: string;
  /** Command output, one item per line (`Output:` lines, or a legacy `Follows` body). */
  readonly Output?: readonly string[];
  readonly [field: string]: string | readonly string[] | undefined;
}

export interface ChallengeResponse extends AmiResponse {
  readonly Challenge?: string;
}
export interface PingResponse extends AmiResponse {
  readonly Ping?: string;
  /** The server's clock, `seconds.microseconds`. */
  readonly Timestamp?: string;
}
export interface CoreSettingsResponse extends AmiResponse {
  readonly AMIversion?: string;
  readonly AsteriskVersion?: string;
  readonly SystemName?: string;
  readonly CoreMaxCalls?: string;
  readonly CoreMaxLoadAvg?: string;
  readonly CoreRunUser?: string;
  readonly CoreRunGroup?: string;
  readonly CoreMaxFilehandles?: string;
  readonly CoreRealTimeEnabled?: string;
  readonly CoreCDRenabled?: string;
  readonly CoreHTTPenabled?: string;
}
export interface OriginateResponse extends AmiResponse {
  readonly Uniqueid?: string;
}

/**
 * The actions that answer with a list of events, each with the events of the
 * list and the event that closes it (with `EventList: Complete`).
 */
export const EVENT_LIST_ACTIONS = {
  CoreShowChannels: { items: ['CoreShowChannel'], complete: 'CoreShowChannelsComplete' },
  QueueStatus: {
    items: ['QueueParams', 'QueueMember', 'QueueEntry'],
    complete: 'QueueStatusComplete',
  },
  QueueSummary: { items: ['QueueSummary'], complete: 'QueueSummaryComplete' },
  DeviceStateList: { items: ['DeviceStateChange'], complete: 'DeviceStateListComplete' },
  ExtensionStateList: { items: ['ExtensionStatus'], complete: 'ExtensionStateListComplete' },
  BridgeList: { items: ['BridgeListItem'], complete: 'BridgeListComplete' },
} as const satisfies Partial<
  Record<
    AmiActionName,
    { readonly items: readonly AmiEventName[]; readonly complete: AmiEventName }
  >
>;
export type EventListActionName = keyof typeof EVENT_LIST_ACTIONS;

/** The response type of each action the system uses; others get `AmiResponse`. */
interface ResponseTypes {
  Challenge: ChallengeResponse;
  Ping: PingResponse;
  CoreSettings: CoreSettingsResponse;
  Originate: OriginateResponse;
}
export type ResponseOf<N extends string> = N extends keyof ResponseTypes
  ? ResponseTypes[N]
  : AmiResponse;

/** The events of a list answer, typed for the known list actions. */
export type ListItemOf<N extends string> = N extends EventListActionName
  ? EventOf<(typeof EVENT_LIST_ACTIONS)[N]['items'][number]>
  : AmiEvent;

/** The event closing a list answer. */
export type ListCompleteOf<N extends string> = N extends EventListActionName
  ? EventOf<(typeof EVENT_LIST_ACTIONS)[N]['complete']>
  : AmiEvent;

/**
 * The typed view of a response message: fields as strings, command output
 * (`Output`) as an array of lines. Returns undefined for a message that is
 * not a response.
 */
export function toResponse(message: AmiMessage): AmiResponse | undefined {
  if (message.kind !== 'response') return undefined;
  const out: Record<string, string | string[]> = {};
  for (let i = 0, n = message.size; i < n; i++) {
    const key = message.key(i);
    const value = message.value(i);
    if (key === 'Output') {
      const prev = out[key];
      if (Array.isArray(prev)) prev.push(value);
      else setOwn(out, key, [value]);
    } else if (!Object.hasOwn(out, key)) {
      setOwn(out, key, value);
    }
  }
  return { Response: message.name, ...out };
}
