// The simulation's state: operators and their phones, queue memberships,
// queues with their waiting callers, and how app_queue reports a member
// (QueueMember* fields) and a device (DeviceStateChange).

import type { Channel } from './channel.js';
import type { MemberConfig, OperatorConfig, QueueConfig } from './config.js';
import { line, type Emitter } from './emit.js';
import type { Timer } from './scheduler.js';
import type { TruthVisit } from './truth.js';

/** ast_device_state numbers, as QueueMember* events report `Status`. */
export const DEVICE_STATUS: Readonly<Record<string, number>> = {
  UNKNOWN: 0,
  NOT_INUSE: 1,
  INUSE: 2,
  BUSY: 3,
  INVALID: 4,
  UNAVAILABLE: 5,
  RINGING: 6,
  RINGINUSE: 7,
  ONHOLD: 8,
};

export interface Operator {
  readonly cfg: OperatorConfig;
  /** `SIP/101` */
  readonly device: string;
  readonly members: Member[];
  /** The phone's channels up now (its device state follows them). */
  readonly channels: Set<Channel>;
  /** Held for a ring or a transfer being set up, so nobody else takes it meanwhile. */
  reserved: boolean;
  /** When the last queue call ended (ms): app_queue's wrap-up counts from here. */
  lastCallEndMs: number;
  onShift: boolean;
  paused: { readonly reason: string } | null;
}

export interface Member {
  readonly queue: Queue;
  readonly op: Operator;
  readonly cfg: MemberConfig;
  /** `SIP/101`, or `Local/101@from-queue/n` */
  readonly iface: string;
  inQueue: boolean;
  penalty: number;
  callsTaken: number;
  /** Seconds since the epoch, as app_queue reports them. */
  lastCall: number;
  lastPause: number;
  loginTime: number;
  paused: boolean;
  reason: string;
  inCall: boolean;
}

export interface Queue {
  readonly cfg: QueueConfig;
  readonly members: Member[];
  readonly waiting: Visit[];
  /** rrmemory: where the next round starts. */
  rrNext: number;
  readonly stats: {
    completed: number;
    abandoned: number;
    holdS: number;
    talkS: number;
    inSl: number;
  };
}

/** One caller's stay in a queue. */
export interface Visit {
  readonly queue: Queue;
  readonly caller: Channel;
  readonly joinedMs: number;
  readonly originalPosition: number;
  readonly truth: TruthVisit;
  readonly rings: Ring[];
  deadlineMs: number;
  /** When the caller gives up, unless answered first. */
  patience: Timer | null;
  /** The end of the ring round, or the wait for the next round (`retry`). */
  next: Timer | null;
  /** The queue timeout. */
  deadline: Timer | null;
  done: boolean;
}

/** A member being rung for a visit. */
export interface Ring {
  readonly visit: Visit;
  readonly member: Member;
  /** The channel the queue dialled: the phone, or the Local `;1` half. */
  readonly dest: Channel;
  /** The phone's channel (the same as `dest` for a device member). */
  readonly phone: Channel;
  /** For a Local member: the `;2` half, which dials the phone. */
  readonly two: Channel | null;
  readonly startedMs: number;
  timer: Timer | null;
}

export function memberBody(m: Member, status: string): string {
  return (
    line('Queue', m.queue.cfg.name) +
    line('MemberName', m.op.cfg.name) +
    line('Interface', m.iface) +
    line('StateInterface', m.op.device) +
    line('Membership', m.cfg.membership) +
    line('Penalty', m.penalty) +
    line('CallsTaken', m.callsTaken) +
    line('LastCall', m.lastCall) +
    line('LastPause', m.lastPause) +
    line('LoginTime', m.loginTime) +
    line('InCall', m.inCall ? 1 : 0) +
    line('Status', DEVICE_STATUS[status] ?? 0) +
    line('Paused', m.paused ? 1 : 0) +
    line('PausedReason', m.reason) +
    line('Ringinuse', 0) +
    line('Wrapuptime', 0)
  );
}

/** Device states, each sent as DeviceStateChange when it changes (Asterisk's cache does the same). */
export class Devices {
  private readonly states = new Map<string, string>();

  constructor(private readonly emitter: Emitter) {}

  get(device: string): string {
    return this.states.get(device) ?? 'NOT_INUSE';
  }

  set(device: string, state: string, always = false): void {
    if (!always && this.states.get(device) === state) return;
    this.states.set(device, state);
    this.emitter.event('DeviceStateChange', line('Device', device) + line('State', state));
  }

  entries(): IterableIterator<[string, string]> {
    return this.states.entries();
  }
}

/** The phone's state from its channels, as chan_sip reports it. */
export function phoneState(op: Operator): string {
  let up = false;
  let ringing = false;
  for (const ch of op.channels) {
    if (ch.state === 6 || ch.state === 4) up = true;
    else ringing = true;
  }
  if (up && ringing) return 'RINGINUSE';
  if (up) return 'INUSE';
  return ringing ? 'RINGING' : 'NOT_INUSE';
}
