// Generated traffic speaks Asterisk's own grammar: every event name, field
// list and Privilege is one the recorded traces show, and every step from
// one event to the next within a channel (and within a call) is a step the
// traces make. The grammar is learned from every trace folder there is.

import { describe, expect, it } from 'vitest';
import { AmiParser, type AmiMessage } from '@callboard/ami';
import {
  GrammarChecker,
  defaultGeneratorConfig,
  generate,
  type GeneratorConfig,
  type Violation,
} from '@callboard/simulator';
import { readBytes } from '../../../test/support/traces.js';
import { traceFiles, traceGrammar } from './trace-grammar.js';

const grammar = traceGrammar();
const START = Date.UTC(2026, 10, 26, 9, 0, 0);

function messages(bytes: Uint8Array): AmiMessage[] {
  const out: AmiMessage[] = [];
  new AmiParser({ banner: false }).push(bytes, (item) => {
    if (item.kind === 'message') out.push(item.message);
  });
  return out;
}

/** What kind of channel an event is about, to make a report readable. */
function role(m: AmiMessage): string {
  const name = m.get('Channel') ?? '';
  if (name.startsWith('Local/')) return name.endsWith(';1') ? 'local;1' : 'local;2';
  if (name.includes('/trunk')) return 'trunk';
  return name === '' ? '-' : 'phone';
}

function summarize(violations: readonly (Violation & { role: string })[]): string[] {
  const counts = new Map<string, number>();
  for (const v of violations) {
    const key = `${v.kind} ${v.event} (${v.role}): ${v.detail}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => `${n} × ${k}`).sort();
}

describe('the event grammar of the traces', () => {
  it('is learned from every trace folder', () => {
    expect(traceFiles().length).toBeGreaterThanOrEqual(10);
    expect(grammar.events.get('AgentConnect')?.required.has('HoldTime')).toBe(true);
    expect(grammar.channelSkeleton.has('^>Newchannel')).toBe(true);
  });

  const overloaded = (): GeneratorConfig => {
    const base = defaultGeneratorConfig();
    return {
      ...base,
      queues: base.queues.map((q) => ({
        ...q,
        maxWait: 45,
        arrivals: q.arrivals.map((x) => x * 3),
      })),
    };
  };

  it.each([
    ['the demo center', defaultGeneratorConfig(), 7],
    ['an overloaded center (timeouts, overflow)', overloaded(), 8],
  ])('holds for a generated hour of %s', (_name, config, seed) => {
    const day = generate({
      config,
      seed,
      startMs: START,
      durationMs: 3_600_000,
    });
    const checker = new GrammarChecker(grammar);
    const violations: (Violation & { role: string })[] = [];
    const names = new Set<string>();
    let count = 0;
    for (const e of day.events)
      for (const m of messages(e.bytes)) {
        count++;
        names.add(m.name);
        for (const v of checker.check(m)) violations.push({ ...v, role: role(m) });
      }
    expect(count).toBeGreaterThan(5000);
    // Within a channel the grammar holds exactly.
    expect(summarize(violations.filter((v) => v.kind !== 'call-skeleton'))).toEqual([]);
    // Across the channels of a call, a few interleavings occur that no recorded trace happens
    // to show (a member busy in a ringall round, then another answering): rare, never many.
    const calls = day.truth.length;
    expect(violations.filter((v) => v.kind === 'call-skeleton').length).toBeLessThanOrEqual(
      Math.ceil(calls / 50),
    );
    for (const n of ['AgentConnect', 'QueueCallerAbandon', 'AgentRingNoAnswer', 'LocalBridge'])
      expect(names.has(n), n).toBe(true);
  });
});

describe('the grammar checker', () => {
  const fields = (name: string, rest: string): AmiMessage[] =>
    messages(new TextEncoder().encode(`Event: ${name}\r\nPrivilege: agent,all\r\n${rest}\r\n`));

  it('reports an event no trace has, a field set no trace shows, and a step no channel takes', () => {
    const checker = new GrammarChecker(grammar);
    const snapshot =
      'Channel: SIP/trunk-00000001\r\nChannelState: 6\r\nChannelStateDesc: Up\r\nCallerIDNum: 1\r\nCallerIDName: x\r\n' +
      'ConnectedLineNum: 2\r\nConnectedLineName: y\r\nLanguage: en\r\nAccountCode: \r\nContext: c\r\nExten: e\r\n' +
      'Priority: 1\r\nUniqueid: 9.1\r\nLinkedid: 9.1\r\n';
    const bogus = fields('CallTeleported', 'Timestamp: 1.000000\r\n');
    // AgentConnect without HoldTime and RingTime, with a field no AgentConnect ever had.
    const short = fields(
      'AgentConnect',
      `Timestamp: 1.000000\r\n${snapshot}Queue: q\r\nInterface: SIP/1\r\nMemberName: m\r\nMood: happy\r\n`,
    );
    const found = [...bogus, ...short].flatMap((m) => checker.check(m));
    expect(found.map((v) => v.kind)).toContain('unknown-event');
    const shape = found.find((v) => v.kind === 'unknown-shape');
    expect(shape?.detail).toMatch(/missing \[[^\]]*HoldTime/);
    expect(shape?.detail).toMatch(/never seen \[Mood\]/);
    // A channel whose first event is an AgentConnect: no channel begins that way.
    expect(found.map((v) => v.detail)).toContain('^>AgentConnect');
  });

  it('finds nothing wrong in a recorded trace', () => {
    const checker = new GrammarChecker(grammar);
    const first = traceFiles()[0];
    expect(first).toBeDefined();
    if (first === undefined) return;
    const found = messages(readBytes(first)).flatMap((m) => checker.check(m));
    expect(found).toEqual([]);
  });
});
