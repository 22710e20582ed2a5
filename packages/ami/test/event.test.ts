import { describe, expect, it } from 'vitest';
import {
  AMI_EVENT_LISTS,
  isAmiEventName,
  parseAll,
  splitVariable,
  toEvent,
  toEventOf,
  toResponse,
  unescapeC,
  escapeC,
  type AmiEvent,
  type AmiMessage,
} from '@callboard/ami';
import { readBytes, traceCaptures } from '../../../test/support/traces.js';
import { utf8 } from './feed.js';

function messages(text: string): AmiMessage[] {
  return parseAll(utf8(text), { banner: false }).flatMap((i) =>
    i.kind === 'message' ? [i.message] : [],
  );
}

describe('toEvent', () => {
  it('narrows by Event and reads repeated snapshot variables as arrays', () => {
    const [m] = messages(
      'Event: AgentCalled\r\nQueue: support\r\nChannel: SIP/trunk-1\r\nChanVariable: QUEUENAME=support\r\n' +
        'ChanVariable: CDR(dst)=7495\r\nDestChannel: SIP/agent101-2\r\nDestChanVariable: MEMBERINTERFACE=SIP/agent101\r\n' +
        'MemberName: Ivan Petrov\r\nInterface: SIP/agent101\r\n\r\n',
    );
    const e = m && toEvent(m);
    expect(e?.Event).toBe('AgentCalled');
    if (e?.Event !== 'AgentCalled') throw new Error('not narrowed');
    // After the check the compiler knows the fields of AgentCalled.
    expect(e.MemberName).toBe('Ivan Petrov');
    expect(e.ChanVariable).toEqual(['QUEUENAME=support', 'CDR(dst)=7495']);
    expect(e.DestChanVariable).toEqual(['MEMBERINTERFACE=SIP/agent101']);
  });

  it('unescapes the values Asterisk C-escapes, and only those', () => {
    const [m] = messages(
      'Event: Newchannel\r\nCallerIDName: O\\\'Brien \\"Jr\\"\\\\x\r\nConnectedLineName: a\\tb\r\n' +
        'ChanVariable: NOTE=line1\\nline2\r\nExten: 12\\n3\r\n\r\n',
    );
    const e = m && toEventOf(m, 'Newchannel');
    expect(e?.CallerIDName).toBe('O\'Brien "Jr"\\x');
    expect(e?.ConnectedLineName).toBe('a\tb');
    expect(e?.ChanVariable).toEqual(['NOTE=line1\nline2']);
    expect(e?.Exten).toBe('12\\n3');
  });

  it('unescapes VarSet values', () => {
    const [m] = messages('Event: VarSet\r\nVariable: X\r\nValue: a\\\\b\\?\r\n\r\n');
    expect(m && toEventOf(m, 'VarSet')?.Value).toBe('a\\b?');
  });

  it('leaves unknown events to the message', () => {
    const [m] = messages('Event: MyModuleEvent\r\nKey: 1\r\n\r\n');
    expect(m && toEvent(m)).toBeUndefined();
    expect(m?.get('Key')).toBe('1');
  });

  it('keeps fields the docs do not name', () => {
    const [m] = messages('Event: Hangup\r\nCause: 16\r\nX-Extra: kept\r\n\r\n');
    const e: AmiEvent | undefined = m && toEvent(m);
    expect(e && Object.entries(e)).toContainEqual(['X-Extra', 'kept']);
  });

  it('knows every event name in the recorded traces', () => {
    const unknown = new Set<string>();
    for (const c of traceCaptures()) {
      for (const item of parseAll(readBytes(c.rawPath))) {
        if (
          item.kind === 'message' &&
          item.message.kind === 'event' &&
          !isAmiEventName(item.message.name)
        ) {
          unknown.add(item.message.name);
        }
      }
    }
    expect([...unknown]).toEqual([]);
  });

  it('documents every list field it reads as an array', () => {
    for (const [name, lists] of Object.entries(AMI_EVENT_LISTS)) {
      for (const key of lists) expect(key, name).toMatch(/ChanVariable$|^FileName$/);
    }
  });
});

describe('C escapes', () => {
  it('round-trips every escaped character', () => {
    const text = 'a\x07b\bc\fd\ne\rf\tg\vh\\i\'j"k?l';
    expect(escapeC(text)).toBe('a\\ab\\bc\\fd\\ne\\rf\\tg\\vh\\\\i\\\'j\\"k\\?l');
    expect(unescapeC(escapeC(text))).toBe(text);
  });

  it('keeps a backslash before an ordinary character', () => {
    expect(unescapeC('C:\\x\\')).toBe('C:\\x\\');
  });
});

describe('splitVariable', () => {
  it('splits at the first equals sign', () => {
    expect(splitVariable('CDR(dst)=a=b')).toEqual({ name: 'CDR(dst)', value: 'a=b' });
    expect(splitVariable('NOVALUE')).toEqual({ name: 'NOVALUE', value: '' });
  });
});

describe('toResponse', () => {
  it('collects command output lines into an array', () => {
    const [m] = messages('Response: Success\r\nActionID: 3\r\nOutput: a\r\nOutput: b\r\n\r\n');
    expect(m && toResponse(m)).toEqual({ Response: 'Success', ActionID: '3', Output: ['a', 'b'] });
  });
});
