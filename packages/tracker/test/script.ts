// Hand-made AMI event sequences for unit tests. The clock is the script's:
// every event carries the Timestamp the script is at; `wait` moves it on.

import { parseAll, type AmiMessage } from '@callboard/ami';
import {
  Tracker,
  type CallRecord,
  type Effect,
  type OperatorInterval,
  type TrackerConfig,
} from '@callboard/tracker';

interface Chan {
  name: string;
  uniqueid: string;
  linkedid: string;
  callerNum: string;
  callerName: string;
  context: string;
  exten: string;
  state: string;
}

type Fields = Readonly<Record<string, string | readonly string[]>>;

export const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);

export class Script {
  private t = T0;
  private seq = 0;
  private readonly chans = new Map<string, Chan>();
  readonly messages: { server: string; message: AmiMessage; at: number }[] = [];

  constructor(readonly server = 'pbx1') {}

  get now(): number {
    return this.t;
  }

  wait(ms: number): this {
    this.t += ms;
    return this;
  }

  /** Any event; `Timestamp` is added. */
  event(name: string, fields: Fields = {}, server = this.server): this {
    const lines = [
      `Event: ${name}`,
      'Privilege: call,all',
      `Timestamp: ${(this.t / 1000).toFixed(6)}`,
    ];
    for (const [k, v] of Object.entries(fields)) {
      for (const value of typeof v === 'string' ? [v] : v) lines.push(`${k}: ${value}`);
    }
    const [item] = parseAll(new TextEncoder().encode(`${lines.join('\r\n')}\r\n\r\n`), {
      banner: false,
    });
    if (item?.kind !== 'message') throw new Error(`bad event ${name}`);
    this.messages.push({ server, message: item.message, at: this.t });
    return this;
  }

  /** The channel snapshot fields of a channel, with a prefix (`Dest`, `Transferee`, …). */
  snap(name: string, prefix = ''): Record<string, string> {
    const c = this.chan(name);
    return {
      [`${prefix}Channel`]: c.name,
      [`${prefix}ChannelState`]: c.state === 'Up' ? '6' : c.state === 'Ringing' ? '5' : '0',
      [`${prefix}ChannelStateDesc`]: c.state,
      [`${prefix}CallerIDNum`]: c.callerNum,
      [`${prefix}CallerIDName`]: c.callerName,
      [`${prefix}ConnectedLineNum`]: '<unknown>',
      [`${prefix}ConnectedLineName`]: '<unknown>',
      [`${prefix}Language`]: 'en',
      [`${prefix}AccountCode`]: '',
      [`${prefix}Context`]: c.context,
      [`${prefix}Exten`]: c.exten,
      [`${prefix}Priority`]: '1',
      [`${prefix}Uniqueid`]: c.uniqueid,
      [`${prefix}Linkedid`]: c.linkedid,
    };
  }

  chan(name: string): Chan {
    const c = this.chans.get(name);
    if (!c) throw new Error(`no channel ${name}`);
    return c;
  }

  newchannel(
    name: string,
    options: {
      linkedid?: string;
      callerNum?: string;
      callerName?: string;
      context?: string;
      exten?: string;
      state?: string;
    } = {},
  ): this {
    const uniqueid = `${Math.floor(this.t / 1000)}.${this.seq++}`;
    const c: Chan = {
      name,
      uniqueid,
      linkedid: options.linkedid ? this.chan(options.linkedid).linkedid : uniqueid,
      callerNum: options.callerNum ?? '<unknown>',
      callerName: options.callerName ?? '<unknown>',
      context: options.context ?? 'from-internal',
      exten: options.exten ?? 's',
      state: options.state ?? 'Down',
    };
    this.chans.set(name, c);
    return this.event('Newchannel', this.snap(name));
  }

  up(name: string): this {
    this.chan(name).state = 'Up';
    return this.event('Newstate', this.snap(name));
  }

  setLinkedid(name: string, from: string): this {
    this.chan(name).linkedid = this.chan(from).linkedid;
    return this;
  }

  dial(from: string, to: string, dialString = ''): this {
    return this.event('DialBegin', {
      ...this.snap(from),
      ...this.snap(to, 'Dest'),
      DialString: dialString,
    });
  }

  dialEnd(from: string, to: string, status: string): this {
    return this.event('DialEnd', {
      ...this.snap(from),
      ...this.snap(to, 'Dest'),
      DialStatus: status,
    });
  }

  enter(name: string, bridge: string, type = 'basic'): this {
    return this.event('BridgeEnter', {
      BridgeUniqueid: bridge,
      BridgeType: type,
      ...this.snap(name),
    });
  }

  leave(name: string, bridge: string, type = 'basic'): this {
    return this.event('BridgeLeave', {
      BridgeUniqueid: bridge,
      BridgeType: type,
      ...this.snap(name),
    });
  }

  hangup(name: string, cause = '16'): this {
    return this.event('Hangup', {
      ...this.snap(name),
      Cause: cause,
      'Cause-txt': 'Normal Clearing',
    });
  }

  varset(name: string, variable: string, value: string): this {
    return this.event('VarSet', { ...this.snap(name), Variable: variable, Value: value });
  }

  /** A queue member's events name it by interface and member name. */
  member(
    queue: string,
    memberName: string,
    iface: string,
    stateInterface = iface,
  ): Record<string, string> {
    return {
      Queue: queue,
      MemberName: memberName,
      Interface: iface,
      StateInterface: stateInterface,
    };
  }

  run(config: TrackerConfig = {}, end = true): Outcome {
    const tracker = new Tracker(config);
    const effects: Effect[] = [];
    for (const m of this.messages)
      effects.push(...tracker.push({ server: m.server, message: m.message, receivedAt: m.at }));
    if (end) effects.push(...tracker.end());
    return new Outcome(effects, tracker);
  }
}

export class Outcome {
  constructor(
    readonly effects: readonly Effect[],
    readonly tracker: Tracker,
  ) {}

  get calls(): CallRecord[] {
    return this.effects.flatMap((e) => (e.kind === 'call-finished' ? [e.record] : []));
  }

  get intervals(): OperatorInterval[] {
    return this.effects.flatMap((e) => (e.kind === 'operator-interval' ? [e.interval] : []));
  }

  only(): CallRecord {
    const calls = this.calls;
    if (calls.length !== 1) throw new Error(`expected one call, got ${calls.length}`);
    return calls[0] as CallRecord;
  }
}

/** Milliseconds after T0 of an ISO time. */
export const after = (iso: string | null): number | null =>
  iso === null ? null : Date.parse(iso) - T0;
