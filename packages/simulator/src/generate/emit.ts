// Writing AMI events the way Asterisk 20's manager does: `Event`,
// `Privilege`, `Timestamp: seconds.microseconds` (timestampevents=yes), then
// the body. The emitter owns the microsecond clock of the generated stream:
// every event is a little later than the one before, as the events of one
// PBX action are, so the stream is always in time order.

import type { Random } from './random.js';

/** One generated AMI event: when Asterisk would have sent it (ms since the epoch) and its bytes. */
export interface GeneratedEvent {
  readonly at: number;
  readonly bytes: Uint8Array;
}

/** The Privilege header of each event the generator writes, as Asterisk 20 sends it. */
export const PRIVILEGES = {
  AgentCalled: 'agent,all',
  AgentComplete: 'agent,all',
  AgentConnect: 'agent,all',
  AgentRingNoAnswer: 'agent,all',
  AttendedTransfer: 'call,all',
  BlindTransfer: 'call,all',
  BridgeCreate: 'call,all',
  BridgeDestroy: 'call,all',
  BridgeEnter: 'call,all',
  BridgeLeave: 'call,all',
  BridgeMerge: 'call,all',
  DTMFEnd: 'dtmf,all',
  DeviceStateChange: 'call,all',
  DialBegin: 'call,all',
  DialEnd: 'call,all',
  DialState: 'call,all',
  Hangup: 'call,all',
  HangupRequest: 'call,all',
  Hold: 'call,all',
  LocalBridge: 'call,all',
  MusicOnHoldStart: 'call,all',
  MusicOnHoldStop: 'call,all',
  NewCallerid: 'call,all',
  NewConnectedLine: 'call,all',
  Newchannel: 'call,all',
  Newexten: 'dialplan,all',
  Newstate: 'call,all',
  QueueCallerAbandon: 'agent,all',
  QueueCallerJoin: 'agent,all',
  QueueCallerLeave: 'agent,all',
  QueueMemberAdded: 'agent,all',
  QueueMemberPause: 'agent,all',
  QueueMemberPenalty: 'agent,all',
  QueueMemberRemoved: 'agent,all',
  QueueMemberStatus: 'agent,all',
  SoftHangupRequest: 'call,all',
  Unhold: 'call,all',
  VarSet: 'dialplan,all',
} as const;
export type EventName = keyof typeof PRIVILEGES;

/** `Key: value` and its line end. */
export const line = (key: string, value: string | number): string => `${key}: ${value}\r\n`;

const encoder = new TextEncoder();

/** `1795704250.922433` for a time in µs. */
export function timestamp(us: number): string {
  const s = Math.floor(us / 1_000_000);
  return `${s}.${String(us - s * 1_000_000).padStart(6, '0')}`;
}

export class Emitter {
  /** The stream's clock, µs since the epoch. */
  private us: number;
  private texts: string[] = [];
  private times: number[] = [];

  constructor(
    private readonly jitter: Random,
    startMs: number,
  ) {
    this.us = Math.round(startMs * 1000);
  }

  /** Now, in ms (never earlier than the last event written). */
  get nowMs(): number {
    return this.us / 1000;
  }

  /** Moves the clock to `ms` unless it is past it already. */
  advanceTo(ms: number): void {
    const us = Math.round(ms * 1000);
    if (us > this.us) this.us = us;
  }

  /** Writes one event; `body` is its `Key: value` lines after the Timestamp. */
  event(name: EventName, body: string): void {
    this.us += this.jitter.int(15, 350);
    this.texts.push(
      `Event: ${name}\r\nPrivilege: ${PRIVILEGES[name]}\r\nTimestamp: ${timestamp(this.us)}\r\n${body}\r\n`,
    );
    this.times.push(this.us / 1000);
  }

  /** Lets a little time pass inside one PBX action (ms). */
  pause(ms: number): void {
    this.us += Math.round(ms * 1000);
  }

  /**
   * The events written since the last take. They are encoded together (one
   * encoder call, one buffer) and each is a view of its part: most of the
   * generator's time would otherwise go to encoding event by event.
   */
  take(): GeneratedEvent[] {
    const { texts, times } = this;
    if (texts.length === 0) return [];
    this.texts = [];
    this.times = [];
    const joined = texts.join('');
    const all = encoder.encode(joined);
    const ascii = all.length === joined.length;
    const out: GeneratedEvent[] = [];
    let offset = 0;
    for (let i = 0; i < texts.length; i++) {
      const text = texts[i] ?? '';
      const bytes = ascii ? all.subarray(offset, offset + text.length) : encoder.encode(text);
      offset += text.length;
      out.push({ at: times[i] ?? 0, bytes });
    }
    return out;
  }

  get backlog(): number {
    return this.texts.length;
  }
}
