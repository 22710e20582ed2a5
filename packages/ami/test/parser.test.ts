import { describe, expect, it } from 'vitest';
import {
  AmiParser,
  parseAll,
  type AmiMessage,
  type ParseItem,
  type ParserOptions,
} from '@callboard/ami';
import { feedAt, feedBytewise, feedWhole, utf8 } from './feed.js';

interface Scenario {
  readonly name: string;
  readonly input: Uint8Array;
  /** Items as `itemText` prints them. */
  readonly expected: readonly unknown[];
  readonly options?: ParserOptions;
}

const CRLF = '\r\n';
const msg = (...lines: string[]): string => lines.map((l) => l + CRLF).join('') + CRLF;

const scenarios: Scenario[] = [
  {
    name: 'banner, then messages',
    input: utf8(
      'Asterisk Call Manager/9.0.0\r\n' +
        msg('Response: Success', 'ActionID: 1', 'Message: Authentication accepted') +
        msg('Event: FullyBooted', 'Privilege: system,all', 'Status: Fully Booted'),
    ),
    expected: [
      { _banner: 'Asterisk Call Manager/9.0.0' },
      { Response: 'Success', ActionID: '1', Message: 'Authentication accepted' },
      { Event: 'FullyBooted', Privilege: 'system,all', Status: 'Fully Booted' },
    ],
  },
  {
    name: 'keys keep their spelling and order; repeated keys are kept in order; empty values',
    input: utf8(
      msg(
        'Event: Newchannel',
        'channel: SIP/trunk-00000001',
        'ChanVariable: QUEUENAME=support',
        'PausedReason: ',
        'Empty:',
        'NoSpace:x',
        'ChanVariable: MEMBERINTERFACE=',
        'ChanVariable: CDR(dst)=74951234567',
      ),
    ),
    expected: [
      {
        Event: 'Newchannel',
        channel: 'SIP/trunk-00000001',
        ChanVariable: ['QUEUENAME=support', 'MEMBERINTERFACE=', 'CDR(dst)=74951234567'],
        PausedReason: '',
        Empty: '',
        NoSpace: 'x',
      },
    ],
  },
  {
    name: 'UTF-8 caller names (Cyrillic), any split',
    input: utf8(
      msg(
        'Event: Newchannel',
        'CallerIDName: Иван Петров',
        'ConnectedLineName: Ольга «Смирнова»',
        'Uniqueid: 1615317405.10',
      ),
    ),
    expected: [
      {
        Event: 'Newchannel',
        CallerIDName: 'Иван Петров',
        ConnectedLineName: 'Ольга «Смирнова»',
        Uniqueid: '1615317405.10',
      },
    ],
  },
  {
    name: 'bare LF line ends, and the bad terminator CRLF LF',
    input: utf8('Event: A\nKey: 1\n\nEvent: B\r\nKey: 2\r\n\nEvent: C\r\nKey: 3\n\r\n'),
    expected: [
      { Event: 'A', Key: '1' },
      { Event: 'B', Key: '2' },
      { Event: 'C', Key: '3' },
    ],
  },
  {
    name: 'stray blank lines between messages are not messages',
    input: utf8('\r\n\r\n' + msg('Event: A') + '\r\n\n' + msg('Event: B')),
    expected: [{ Event: 'A' }, { Event: 'B' }],
  },
  {
    name: 'legacy Response: Follows with blank lines and colons in the output',
    input: utf8(
      'Response: Follows\r\nPrivilege: Command\r\nActionID: 42\r\n' +
        'Name/username             Host            Dyn\n' +
        '\n' +
        'agent101/agent101         127.0.0.1       D: yes\n' +
        '--END COMMAND--\r\n\r\n' +
        msg('Event: After'),
    ),
    expected: [
      {
        Response: 'Follows',
        Privilege: 'Command',
        ActionID: '42',
        Output: [
          'Name/username             Host            Dyn',
          '',
          'agent101/agent101         127.0.0.1       D: yes',
        ],
      },
      { Event: 'After' },
    ],
  },
  {
    name: 'legacy output whose last line runs into --END COMMAND--',
    input: utf8('Response: Follows\r\nPrivilege: Command\r\nuptime: 5 days--END COMMAND--\r\n\r\n'),
    expected: [{ Response: 'Follows', Privilege: 'Command', Output: 'uptime: 5 days' }],
  },
  {
    name: 'modern command output as repeated Output lines',
    input: utf8(
      msg(
        'Response: Success',
        'ActionID: 7',
        'Message: Command output follows',
        'Output: line one',
        'Output: ',
        'Output: line: three',
      ),
    ),
    expected: [
      {
        Response: 'Success',
        ActionID: '7',
        Message: 'Command output follows',
        Output: ['line one', '', 'line: three'],
      },
    ],
  },
  {
    name: 'a line without a colon spoils its message only',
    input: utf8(
      msg('Event: A') + msg('Event: B', 'this is not a field', 'Key: x') + msg('Event: C'),
    ),
    expected: [{ Event: 'A' }, { _error: 'malformed-line', offset: 22 }, { Event: 'C' }],
  },
  {
    name: 'binary garbage without a blank line: resync at the next Event line',
    input: new Uint8Array([
      ...utf8(msg('Event: A')),
      0xff,
      0xfe,
      0x3a,
      0x00,
      0x0a,
      0x80,
      0x81,
      0x0d,
      0x0a,
      ...utf8(msg('Event: B', 'Key: 1')),
    ]),
    expected: [{ Event: 'A' }, { _error: 'malformed-line', offset: 12 }, { Event: 'B', Key: '1' }],
  },
  {
    name: 'an over-long line is reported; parsing resumes after the next blank line',
    options: { maxLineBytes: 32 },
    input: utf8(
      msg('Event: A') + msg('Event: B', `Long: ${'x'.repeat(100)}`, 'Key: 1') + msg('Event: C'),
    ),
    expected: [{ Event: 'A' }, { _error: 'line-too-long', offset: 22 }, { Event: 'C' }],
  },
  {
    name: 'an over-long message is reported; parsing resumes after the next blank line',
    options: { maxMessageBytes: 64 },
    input: utf8(
      msg('Event: A') +
        msg('Event: B', ...Array.from({ length: 10 }, (_, i) => `Key${i}: value`)) +
        msg('Event: C'),
    ),
    expected: [{ Event: 'A' }, { _error: 'message-too-long', offset: 12 }, { Event: 'C' }],
  },
  {
    name: 'a message cut off by the end of the stream',
    input: utf8(msg('Event: A') + 'Event: B\r\nKey: 1\r\n'),
    expected: [{ Event: 'A' }, { _error: 'truncated', offset: 12 }],
  },
  {
    name: 'a message cut off inside a line',
    input: utf8(msg('Event: A') + 'Event: B\r\nKe'),
    expected: [{ Event: 'A' }, { _error: 'truncated', offset: 12 }],
  },
  {
    name: 'an empty key is malformed',
    input: utf8(msg('Event: A', ': no key') + msg('Event: B')),
    expected: [{ _error: 'malformed-line', offset: 10 }, { Event: 'B' }],
  },
  {
    name: 'a colon-less first line that is not the first line of the stream is not a banner',
    options: { banner: false },
    input: utf8('Asterisk Call Manager/9.0.0\r\n' + msg('Event: A')),
    expected: [{ _error: 'malformed-line', offset: 0 }, { Event: 'A' }],
  },
];

const asText = (o: unknown): string => JSON.stringify(o);

describe.each(scenarios)('$name', ({ input, expected, options }) => {
  const want = expected.map(asText);

  it('whole', () => {
    expect(feedWhole(input, options)).toEqual(want);
  });

  it('byte by byte', () => {
    expect(feedBytewise(input, options)).toEqual(want);
  });

  it('split at every offset', () => {
    for (let cut = 1; cut < input.length; cut++)
      expect(feedAt(input, [cut], options), `cut at ${cut}`).toEqual(want);
  });

  it('split at every pair of offsets', () => {
    for (let a = 1; a < input.length; a += 3) {
      for (let b = a + 1; b < input.length; b += 5)
        expect(feedAt(input, [a, b], options)).toEqual(want);
    }
  });
});

describe('AmiMessage', () => {
  const items = parseAll(
    utf8(
      msg(
        'Event: QueueMember',
        'Queue: support',
        'ChanVariable: A=1',
        'chanvariable: B=2',
        'Name: Иван',
      ),
    ),
  );
  const first = items[0];
  const m = first?.kind === 'message' ? first.message : undefined;

  it('looks keys up ignoring case, keeps every value of a repeated key', () => {
    expect(m?.get('queue')).toBe('support');
    expect(m?.get('QUEUE')).toBe('support');
    expect(m?.getAll('ChanVariable')).toEqual(['A=1', 'B=2']);
    expect(m?.get('Missing')).toBeUndefined();
    expect(m?.has('name')).toBe(true);
  });

  it('knows its kind and name', () => {
    expect(m?.kind).toBe('event');
    expect(m?.name).toBe('QueueMember');
  });

  it('keeps keys that differ in case apart in its JSON view', () => {
    expect(m?.toObject()).toEqual({
      Event: 'QueueMember',
      Queue: 'support',
      ChanVariable: 'A=1',
      chanvariable: 'B=2',
      Name: 'Иван',
    });
  });

  it('returns its exact bytes', () => {
    expect(new TextDecoder().decode(m?.bytes)).toBe(
      msg(
        'Event: QueueMember',
        'Queue: support',
        'ChanVariable: A=1',
        'chanvariable: B=2',
        'Name: Иван',
      ),
    );
    expect(m?.byteLength).toBe(m?.bytes.length);
  });

  it('keeps a __proto__ key as data', () => {
    const [item] = parseAll(utf8(msg('Event: UserEvent', '__proto__: x')));
    const o = item?.kind === 'message' ? item.message.toObject() : {};
    expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
    expect(Object.keys(o)).toEqual(['Event', '__proto__']);
  });
});

describe('stream offsets', () => {
  it('counts bytes across chunks and reports error offsets in the stream', () => {
    const a = utf8(msg('Event: A'));
    const b = utf8('garbage\r\n\r\n' + msg('Event: B'));
    const items: ParseItem[] = [];
    const parser = new AmiParser({ banner: false });
    parser.push(a, (i) => items.push(i));
    parser.push(b, (i) => items.push(i));
    parser.end((i) => items.push(i));
    const offsets = items.map((i) =>
      i.kind === 'message' ? i.message.offset : i.kind === 'error' ? i.offset : -1,
    );
    expect(offsets).toEqual([0, a.length, a.length + 11]);
  });

  it('reports how far it has consumed', () => {
    const parser = new AmiParser({ banner: false });
    parser.push(utf8(msg('Event: A') + 'Event: B\r\n'), () => undefined);
    expect(parser.consumed).toBe(12);
  });

  it('says whether it holds part of a message', () => {
    const none = (): void => undefined;
    const parser = new AmiParser({ banner: false });
    expect(parser.idle).toBe(true);
    parser.push(utf8(msg('Event: A')), none);
    expect(parser.idle).toBe(true);
    parser.push(utf8('Event: B\r\nPrivi'), none);
    expect(parser.idle).toBe(false);
    parser.push(utf8('lege: call,all\r\n\r\n'), none);
    expect(parser.idle).toBe(true);
    // Bad input: skipping up to the next blank line is holding a message too.
    parser.push(utf8('not a field\r\nEvent: C\r\n'), none);
    expect(parser.idle).toBe(false);
    parser.push(utf8('\r\n'), none);
    expect(parser.idle).toBe(true);
    // Command output goes on until its end marker and blank line.
    parser.push(utf8('Response: Follows\r\nPrivilege: Command\r\nline one\n'), none);
    expect(parser.idle).toBe(false);
    parser.push(utf8('--END COMMAND--\r\n\r\n'), none);
    expect(parser.idle).toBe(true);
    // A banner not read yet is not idle: the next line would be taken as it.
    expect(new AmiParser().idle).toBe(false);
  });
});

describe('field offsets kept for many messages', () => {
  // The parser writes field offsets into pools it shares between messages:
  // messages from a pool it has left must still read their own fields, and a
  // message with more fields than a pool holds must be whole.
  const lines = (n: number, key: (i: number) => string): string[] =>
    Array.from({ length: n }, (_, i) => `${key(i)}: v${i}`);

  it('keeps every message of a long stream readable, however it is cut', () => {
    const texts = Array.from({ length: 3000 }, (_, i) =>
      msg(`Event: E${i}`, ...lines(1 + (i % 23), (j) => `K${j}`)),
    );
    const input = utf8(texts.join(''));
    const whole = feedWhole(input, { banner: false });
    expect(whole).toHaveLength(3000);
    expect(whole[2999]).toBe(asText({ Event: 'E2999', ...fieldsOf(1 + (2999 % 23)) }));
    expect(feedAt(input, [7, 40_001, 123_457], { banner: false })).toEqual(whole);
    const messages: AmiMessage[] = [];
    new AmiParser({ banner: false }).push(input, (item) => {
      if (item.kind === 'message') messages.push(item.message);
    });
    // Read after the whole stream was parsed: the first still has its own fields.
    expect(messages[0]?.get('K0')).toBe('v0');
    expect(messages[22]?.get('K22')).toBe('v22');
    expect(messages[1500]?.name).toBe('E1500');
  });

  it('reads a message with more fields than a pool holds', () => {
    const n = 10_000;
    const input = utf8(msg('Event: Many', ...lines(n, (j) => `K${j}`)) + msg('Event: After'));
    const want = [asText({ Event: 'Many', ...fieldsOf(n) }), asText({ Event: 'After' })];
    expect(feedWhole(input, { banner: false })).toEqual(want);
    expect(feedAt(input, [1000, 50_000], { banner: false })).toEqual(want);
  });

  function fieldsOf(n: number): Record<string, string> {
    return Object.fromEntries(Array.from({ length: n }, (_, j) => [`K${j}`, `v${j}`]));
  }
});

describe('field lookups', () => {
  const one = (text: string): AmiMessage => {
    const [item] = parseAll(utf8(text), { banner: false });
    if (item?.kind !== 'message') throw new Error('not a message');
    return item.message;
  };

  it('find the first occurrence even where the last message of that name had the key elsewhere', () => {
    const fields = (n: number): string[] => Array.from({ length: n }, (_, i) => `F${i}: ${i}`);
    // Teach the lookup that Uniqueid sits at index 8 in VarSet events…
    expect(
      one(
        msg('Event: VarSet', 'Privilege: x', 'Timestamp: 1', ...fields(5), 'Uniqueid: first'),
      ).get('Uniqueid'),
    ).toBe('first');
    // …then ask a VarSet where it comes earlier and is repeated at index 8.
    const m = one(
      msg(
        'Event: VarSet',
        'Privilege: x',
        'Timestamp: 1',
        'Uniqueid: early',
        ...fields(4),
        'Uniqueid: late',
      ),
    );
    expect(m.get('Uniqueid')).toBe('early');
    expect(m.getAll('uniqueid')).toEqual(['early', 'late']);
    // …and one where it is missing.
    expect(
      one(msg('Event: VarSet', 'Privilege: x', 'Timestamp: 1', ...fields(8))).get('Uniqueid'),
    ).toBeUndefined();
  });

  it('read numbers and compare values without decoding', () => {
    const m = one(
      msg(
        'Event: X',
        'Privilege: y',
        'Timestamp: 1795704250.922541',
        'Count: -3',
        'Bad: 1.2.3',
        'State: Up',
      ),
    );
    expect(m.getNumber('Timestamp')).toBeCloseTo(1795704250.922541, 6);
    expect(m.getNumber('Count')).toBe(-3);
    expect(m.getNumber('Bad')).toBeNaN();
    expect(m.getNumber('Missing')).toBeNaN();
    expect(m.valueIs('State', 'Up')).toBe(true);
    expect(m.valueIs('State', 'Down')).toBe(false);
    expect(m.valueIs('Missing', '')).toBe(false);
  });

  it('share strings of values that repeat', () => {
    const a = one(msg('Event: VarSet', 'Variable: QUEUESTATUS')).getShared('Variable');
    const b = one(msg('Event: VarSet', 'Variable: QUEUESTATUS')).getShared('Variable');
    expect(a).toBe('QUEUESTATUS');
    expect(b).toBe(a);
  });
});
