// What Asterisk would answer, at this moment of a replay, to the actions a
// collector sends after it logs in: the channels up (CoreShowChannels), the
// callers waiting and the members of each queue (QueueStatus), the state of
// every device (DeviceStateList). A client that reconnects in the middle of
// a replay resynchronises against the truth.

import { AmiParser, type AmiMessage } from '@callboard/ami';
import { list, type ActionHandler } from './server.js';
import type { Field } from './wire.js';

const CHANNEL_FIELDS = [
  'Channel',
  'ChannelState',
  'ChannelStateDesc',
  'CallerIDNum',
  'CallerIDName',
  'ConnectedLineNum',
  'ConnectedLineName',
  'Language',
  'AccountCode',
  'Context',
  'Exten',
  'Priority',
  'Uniqueid',
  'Linkedid',
];

const MEMBER_FIELDS = [
  'StateInterface',
  'Membership',
  'Penalty',
  'CallsTaken',
  'LastCall',
  'LastPause',
  'LoginTime',
  'InCall',
  'Status',
  'Paused',
  'PausedReason',
  'Wrapuptime',
];

interface Entry {
  readonly queue: string;
  readonly uniqueid: string;
  readonly fields: Field[];
  readonly since: number;
}

function pick(m: AmiMessage, keys: readonly string[]): Field[] {
  return keys.flatMap((k): Field[] => {
    const v = m.get(k);
    return v === undefined ? [] : [[k, v]];
  });
}

export class LiveState {
  private readonly channels = new Map<string, { fields: Field[]; since: number }>();
  private readonly entries = new Map<string, Entry>();
  private readonly members = new Map<string, Field[]>();
  private readonly devices = new Map<string, string>();
  private readonly parser = new AmiParser({ banner: false });

  /** Sees an event the replay sends. */
  observe(bytes: Uint8Array, now: number): void {
    this.parser.push(bytes, (item) => {
      if (item.kind === 'message') this.apply(item.message, now);
    });
  }

  private apply(m: AmiMessage, now: number): void {
    const uniqueid = m.get('Uniqueid');
    switch (m.name) {
      case 'DeviceStateChange': {
        const device = m.get('Device');
        const state = m.get('State');
        if (device !== undefined && state !== undefined) this.devices.set(device, state);
        return;
      }
      case 'QueueCallerJoin':
        if (uniqueid !== undefined)
          this.entries.set(`${m.get('Queue') ?? ''}|${uniqueid}`, {
            queue: m.get('Queue') ?? '',
            uniqueid,
            fields: pick(m, [
              'Channel',
              'CallerIDNum',
              'CallerIDName',
              'ConnectedLineNum',
              'ConnectedLineName',
            ]),
            since: now,
          });
        return;
      case 'QueueCallerLeave':
        this.entries.delete(`${m.get('Queue') ?? ''}|${uniqueid ?? ''}`);
        return;
      case 'QueueMemberAdded':
      case 'QueueMemberStatus':
      case 'QueueMemberPause':
      case 'QueueMemberPenalty':
      case 'QueueMemberRinginuse':
        this.members.set(`${m.get('Queue') ?? ''}|${m.get('Interface') ?? ''}`, [
          ['Queue', m.get('Queue') ?? ''],
          ['Name', m.get('MemberName') ?? ''],
          ['Location', m.get('Interface') ?? ''],
          ...pick(m, MEMBER_FIELDS),
        ]);
        return;
      case 'QueueMemberRemoved':
        this.members.delete(`${m.get('Queue') ?? ''}|${m.get('Interface') ?? ''}`);
        return;
      case 'Hangup':
        if (uniqueid !== undefined) this.channels.delete(uniqueid);
        return;
    }
    if (uniqueid === undefined) return;
    const known = this.channels.get(uniqueid);
    if (m.name === 'Newchannel' || known)
      this.channels.set(uniqueid, { fields: pick(m, CHANNEL_FIELDS), since: known?.since ?? now });
  }

  /** Forgets everything (a replay starting again from its beginning). */
  reset(): void {
    this.channels.clear();
    this.entries.clear();
    this.members.clear();
    this.devices.clear();
  }

  /** Channels up now. */
  get size(): number {
    return this.channels.size;
  }

  /** The answers to CoreShowChannels, QueueStatus and DeviceStateList, as emulator handlers. */
  handlers(now: () => number): {
    CoreShowChannels: ActionHandler;
    QueueStatus: ActionHandler;
    DeviceStateList: ActionHandler;
  } {
    return {
      CoreShowChannels: () =>
        list(
          'Channels will follow',
          [...this.channels.values()].map(({ fields, since }): Field[] => [
            ['Event', 'CoreShowChannel'],
            ...fields,
            ['Duration', duration(now() - since)],
          ]),
          'CoreShowChannelsComplete',
        ),
      QueueStatus: () => {
        const positions = new Map<string, number>();
        const entries = [...this.entries.values()].map((e): Field[] => {
          const position = (positions.get(e.queue) ?? 0) + 1;
          positions.set(e.queue, position);
          return [
            ['Event', 'QueueEntry'],
            ['Queue', e.queue],
            ['Position', String(position)],
            ...e.fields,
            ['Uniqueid', e.uniqueid],
            ['Wait', String(Math.max(0, Math.floor((now() - e.since) / 1000)))],
          ];
        });
        const members = [...this.members.values()].map((f): Field[] => [
          ['Event', 'QueueMember'],
          ...f,
        ]);
        return list('Queue status will follow', [...members, ...entries], 'QueueStatusComplete');
      },
      DeviceStateList: () =>
        list(
          'Device State Changes will follow',
          [...this.devices].map(([device, state]): Field[] => [
            ['Event', 'DeviceStateChange'],
            ['Device', device],
            ['State', state],
          ]),
          'DeviceStateListComplete',
        ),
    };
  }
}

function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}
