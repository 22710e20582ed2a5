import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const encoder = new TextEncoder();

/** Every raw capture under `dir`, banner line cut off, joined. */
export function traceCorpus(dir: string): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const folder of readdirSync(dir).sort()) {
    const sub = join(dir, folder);
    if (!statSync(sub).isDirectory()) continue;
    for (const file of readdirSync(sub)
      .filter((f) => /^ami-.+\.raw$/.test(f))
      .sort()) {
      const bytes = new Uint8Array(readFileSync(join(sub, file)));
      const firstLine = bytes.indexOf(10);
      parts.push(bytes.subarray(firstLine + 1));
    }
  }
  return concat(parts);
}

/** The corpus repeated until it is at least `minBytes` long. */
export function repeatTo(bytes: Uint8Array, minBytes: number): Uint8Array {
  const times = Math.max(1, Math.ceil(minBytes / bytes.length));
  return concat(Array.from({ length: times }, () => bytes));
}

const NAMES = [
  'Иван Петров',
  'Ольга Смирнова',
  'Сергей Иванов',
  'Анна Кузнецова',
  'Дмитрий Соколов',
  'Елена Попова',
];
const STATES = [
  ['4', 'Ring'],
  ['5', 'Ringing'],
  ['6', 'Up'],
] as const;

/**
 * Events shaped like Asterisk 20's: Event, Privilege, Timestamp, a full
 * channel snapshot (14 fields), three ChanVariable lines and event fields,
 * about 22 fields each, with Cyrillic caller names.
 */
export function syntheticCorpus(count: number): Uint8Array {
  const lines: string[] = [];
  let t = 1795704248.398416;
  for (let i = 0; i < count; i++) {
    const call = Math.floor(i / 40);
    const agent = 101 + (call % 8);
    const name = NAMES[call % NAMES.length] ?? '';
    const [state, desc] = STATES[i % STATES.length] ?? STATES[0];
    const uniqueid = `${1795704248 + call}.${i % 40}`;
    t += 0.0137;
    const kind = i % 5;
    const event =
      ['Newstate', 'VarSet', 'AgentCalled', 'QueueCallerJoin', 'Hangup'][kind] ?? 'VarSet';
    lines.push(
      `Event: ${event}`,
      `Privilege: ${kind === 1 ? 'dialplan,all' : kind === 2 ? 'agent,all' : 'call,all'}`,
      `Timestamp: ${t.toFixed(6)}`,
      `Channel: SIP/trunk-${String(call).padStart(8, '0')}`,
      `ChannelState: ${state}`,
      `ChannelStateDesc: ${desc}`,
      `CallerIDNum: 7987${String(1000000 + call).slice(-7)}`,
      `CallerIDName: ${name}`,
      `ConnectedLineNum: ${agent}`,
      `ConnectedLineName: ${NAMES[(call + 1) % NAMES.length] ?? ''}`,
      'Language: ru',
      'AccountCode: ',
      'Context: from-trunk',
      'Exten: 74951234567',
      'Priority: 3',
      `Uniqueid: ${uniqueid}`,
      `Linkedid: ${1795704248 + call}.0`,
      'ChanVariable: QUEUENAME=support',
      `ChanVariable: MEMBERINTERFACE=SIP/agent${agent}`,
      'ChanVariable: CDR(dst)=74951234567',
    );
    if (kind === 4) lines.push('Cause: 16', 'Cause-txt: Normal Clearing');
    else if (kind === 3)
      lines.push('Queue: support', `Position: ${1 + (i % 4)}`, `Count: ${1 + (i % 6)}`);
    else
      lines.push(`Variable: BRIDGEPEER`, `Value: SIP/agent${agent}-${String(i).padStart(8, '0')}`);
    lines.push('');
  }
  return encoder.encode(`${lines.join('\r\n')}\r\n`);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
