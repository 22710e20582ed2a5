// The channels a replay has up at the moment, so the emulator can answer
// CoreShowChannels the way Asterisk would: a client that reconnects in the
// middle of a replay resynchronises against the truth.

import { AmiParser } from '@callboard/ami';
import { list, type ActionHandler } from './server.js';
import type { Field } from './wire.js';

const SNAPSHOT = [
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

export class LiveChannels {
  private readonly channels = new Map<string, { fields: Field[]; since: number }>();
  private readonly parser = new AmiParser({ banner: false });

  /** Sees an event the replay sends. */
  observe(bytes: Uint8Array, now: number): void {
    this.parser.push(bytes, (item) => {
      if (item.kind !== 'message') return;
      const m = item.message;
      const uniqueid = m.get('Uniqueid');
      if (uniqueid === undefined) return;
      if (m.name === 'Hangup') {
        this.channels.delete(uniqueid);
        return;
      }
      const fields = SNAPSHOT.flatMap((k): Field[] => {
        const v = m.get(k);
        return v === undefined ? [] : [[k, v]];
      });
      const known = this.channels.get(uniqueid);
      if (m.name === 'Newchannel' || known)
        this.channels.set(uniqueid, { fields, since: known?.since ?? now });
    });
  }

  get size(): number {
    return this.channels.size;
  }

  /** The CoreShowChannels answer. */
  handler(now: () => number): ActionHandler {
    return () =>
      list(
        'Channels will follow',
        [...this.channels.values()].map(({ fields, since }): Field[] => [
          ['Event', 'CoreShowChannel'],
          ...fields,
          ['Duration', duration(now() - since)],
        ]),
        'CoreShowChannelsComplete',
      );
  }
}

function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}
