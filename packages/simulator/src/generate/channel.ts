// A channel as AMI shows it: the snapshot fields every channel event
// carries (state, caller ID, connected line, dialplan position, uniqueid,
// linkedid, ChanVariable), cached as text until the channel changes; and
// the counters Asterisk names channels and uniqueids by.

import { line } from './emit.js';

export const STATE_DESC: Readonly<Record<ChannelState, string>> = {
  0: 'Down',
  4: 'Ring',
  5: 'Ringing',
  6: 'Up',
};
export type ChannelState = 0 | 4 | 5 | 6;

export interface ChannelInit {
  readonly state: ChannelState;
  readonly cidNum: string;
  readonly cidName: string;
  readonly clNum?: string;
  readonly clName?: string;
  readonly context: string;
  readonly exten: string;
  readonly priority?: number;
  /** The device whose state the channel counts towards: `SIP/101`, `SIP/trunk`, `Local/101@from-queue`. */
  readonly device: string;
}

export type ChannelPatch = Partial<
  Pick<
    Channel,
    'state' | 'cidNum' | 'cidName' | 'clNum' | 'clName' | 'context' | 'exten' | 'priority'
  >
>;

export class Channel {
  state: ChannelState;
  cidNum: string;
  cidName: string;
  clNum: string;
  clName: string;
  context: string;
  exten: string;
  priority: number;
  readonly device: string;
  readonly vars = new Map<string, string>();
  hungUp = false;
  /** A channel the PBX dialled out (its device rings until it is answered). */
  outgoing = false;
  private readonly cache = new Map<string, string>();

  constructor(
    readonly name: string,
    readonly uniqueid: string,
    public linkedid: string,
    init: ChannelInit,
    private readonly channelVariables: readonly string[],
  ) {
    this.state = init.state;
    this.cidNum = init.cidNum;
    this.cidName = init.cidName;
    this.clNum = init.clNum ?? '<unknown>';
    this.clName = init.clName ?? '<unknown>';
    this.context = init.context;
    this.exten = init.exten;
    this.priority = init.priority ?? 1;
    this.device = init.device;
  }

  set(patch: ChannelPatch): void {
    Object.assign(this, patch);
    this.cache.clear();
  }

  /** Sets a variable; the snapshot changes when it is one of the channelvars. */
  setVar(name: string, value: string): void {
    this.vars.set(name, value);
    if (this.channelVariables.includes(name)) this.cache.clear();
  }

  /** The snapshot lines, each key prefixed (`Dest`, `Transferee`…). */
  snap(prefix = ''): string {
    let text = this.cache.get(prefix);
    if (text !== undefined) return text;
    text =
      line(`${prefix}Channel`, this.name) +
      line(`${prefix}ChannelState`, this.state) +
      line(`${prefix}ChannelStateDesc`, STATE_DESC[this.state]) +
      line(`${prefix}CallerIDNum`, this.cidNum) +
      line(`${prefix}CallerIDName`, this.cidName) +
      line(`${prefix}ConnectedLineNum`, this.clNum) +
      line(`${prefix}ConnectedLineName`, this.clName) +
      line(`${prefix}Language`, 'en') +
      line(`${prefix}AccountCode`, '') +
      line(`${prefix}Context`, this.context) +
      line(`${prefix}Exten`, this.exten) +
      line(`${prefix}Priority`, this.priority) +
      line(`${prefix}Uniqueid`, this.uniqueid) +
      line(`${prefix}Linkedid`, this.linkedid);
    for (const v of this.channelVariables)
      text += line(`${prefix}ChanVariable`, `${v}=${this.vars.get(v) ?? ''}`);
    this.cache.set(prefix, text);
    return text;
  }
}

const hex8 = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');

/** Asterisk's counters: one uniqueid sequence, one for chan_sip names, one for Local pairs. */
export class Ids {
  private seq = 0;
  private sip = 0;
  private local = 0;

  uniqueid(ms: number): string {
    return `${Math.floor(ms / 1000)}.${this.seq++}`;
  }

  /** `SIP/101-0000001a` */
  sipChannel(device: string): string {
    return `${device}-${hex8(this.sip++)}`;
  }

  /** `Local/101@from-queue-00000004` (the halves add `;1` and `;2`). */
  localPair(exten: string, context: string): string {
    return `Local/${exten}@${context}-${hex8(this.local++)}`;
  }
}
